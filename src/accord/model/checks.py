"""Cross-reference and consistency checks over a whole scenario.

Every problem is collected (none stops the others) with a path into the
scenario, so that a user fixing a file sees all of them at once. The checks
read a :class:`ScenarioParts` (what a :class:`accord.model.Scenario` holds), so
the file loader can cross-check the items that did parse even when others did
not and no scenario can be built.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from accord.model.clauses import IssueIndex
from accord.model.constraints import Condition, Constraint
from accord.model.elements import Issue, Party, Phase, Rule, Source, Table, Track
from accord.model.factions import faction_disagreements
from accord.model.logic import Clause, find_assignment, minimal_conflict
from accord.model.offers import Offer, check_offers
from accord.model.parts import ScenarioParts
from accord.model.plans import Plan, Term, term_options
from accord.model.preferences import Perspective, Profile, ValueGap, complete_values, no_deal_utility
from accord.model.problems import ModelError, Path, Problem
from accord.model.quotes import check_quotes, iter_quotes, normalise_quote_text
from accord.model.rules import RULE_KINDS
from accord.model.timelines import Timeline, check_timelines
from accord.numeric import TOL

__all__ = [
    "ScenarioDraft",
    "ScenarioParts",
    "check_quotes",
    "check_scenario",
    "iter_quotes",
    "normalise_quote_text",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class ScenarioDraft:
    """The parts of a scenario that parsed, to cross-check when no scenario can be built."""

    sources: tuple[Source, ...] = ()
    parties: tuple[Party, ...] = ()
    tables: tuple[Table, ...] = ()
    tracks: tuple[Track, ...] = ()
    phases: tuple[Phase, ...] = ()
    rules: tuple[Rule, ...] = ()
    issues: tuple[Issue, ...] = ()
    constraints: tuple[Constraint, ...] = ()
    perspectives: tuple[Perspective, ...] = ()
    default_perspective: str | None = None
    profiles: tuple[Profile, ...] = ()
    plans: tuple[Plan, ...] = ()
    offers: tuple[Offer, ...] = ()
    timelines: tuple[Timeline, ...] = ()


@dataclass(frozen=True, slots=True)
class _Known:
    """The ids a scenario declares, for resolving references."""

    sources: frozenset[str]
    parties: Mapping[str, Party]
    issues: Mapping[str, Issue]
    tables: frozenset[str]
    tracks: frozenset[str]
    phases: frozenset[str]
    perspectives: frozenset[str]

    @classmethod
    def of(cls, s: ScenarioParts) -> _Known:
        return cls(
            sources=frozenset(src.id for src in s.sources),
            parties={p.id: p for p in s.parties},
            issues={i.id: i for i in s.issues},
            tables=frozenset(t.id for t in s.tables),
            tracks=frozenset(t.id for t in s.tracks),
            phases=frozenset(p.id for p in s.phases),
            perspectives=frozenset(p.id for p in s.perspectives),
        )


def check_scenario(s: ScenarioParts) -> tuple[Problem, ...]:
    """Every problem in ``s``: duplicate ids, unknown references, contradictions, gaps."""
    out: list[Problem] = []
    known = _Known.of(s)
    _duplicates(s, out)
    _check_structure(s, known, out)
    _check_issues(s, known, out)
    _check_rules(s, known, out)
    if s.default_perspective is not None and s.default_perspective not in known.perspectives:
        out.append(
            _unknown("perspective", s.default_perspective, known.perspectives, ("default_perspective",))
        )
    _check_perspectives(s, known, out)
    index = IssueIndex(s.issues)
    hard = _check_constraints(s, known, index, out)
    _check_profiles(s, known, index, hard, out)
    _check_plans(s, known, out)
    _check_factions(s, out)
    out.extend(check_offers(s.offers, known.parties, known.issues, known.sources))
    out.extend(check_timelines(getattr(s, "timelines", ()), known.parties, known.sources))
    for path, quote in iter_quotes(s):
        if quote.source not in known.sources:
            out.append(_unknown("source", quote.source, known.sources, path + ("source",)))
    return tuple(out)


def _check_factions(s: ScenarioParts, out: list[Problem]) -> None:
    """Warn where a party's own profile and its weighted factions' aggregate disagree on a plan."""
    for d in faction_disagreements(s.parties, s.profiles, s.issues, s.constraints, s.plans):
        k = next(
            j for j, p in enumerate(s.profiles) if p.holder == d.party and p.perspective == d.perspective
        )
        listing = ", ".join(d.plans[:8]) + (f" (and {len(d.plans) - 8} more)" if len(d.plans) > 8 else "")
        out.append(
            Problem(
                path=("profiles", k),
                message=f"the profile of {d.party} under {d.perspective!r} and the weighted aggregate "
                f"of its factions reach different verdicts on: {listing}",
                hint="revise the party's profile or its factions' (or their weights); "
                "see docs/format.md, 'Factions'",
                severity="warning",
            )
        )


def _check_perspectives(s: ScenarioParts, known: _Known, out: list[Problem]) -> None:
    """Sources, metadata, mirrors and claimed parties of each perspective."""
    mirrors = {p.id: p.mirror for p in s.perspectives}
    for k, persp in enumerate(s.perspectives):
        base: Path = ("perspectives", k)
        _src_refs(persp.sources, known, base + ("sources",), out)
        missing = [f for f in ("as_of", "attribution") if not getattr(persp, f)]
        if missing:
            out.append(
                Problem(
                    path=base,
                    message=f"perspective {persp.id!r} has no " + " and no ".join(missing),
                    hint="say when (as_of: YYYY-MM) and whose view it encodes (attribution: a named "
                    "school, author, or 'statements of the government of X')",
                    severity="warning",
                )
            )
        if persp.mirror is not None:
            _check_mirror(persp.id, persp.mirror, mirrors, base + ("mirror",), out)
        _check_covered(s, persp.id, persp.parties, known, base + ("parties",), out)


def _check_mirror(
    pid: str, mirror: str, mirrors: Mapping[str, str | None], path: Path, out: list[Problem]
) -> None:
    """The mirror exists and names ``pid`` back."""
    if mirror not in mirrors:
        out.append(_unknown("perspective", mirror, mirrors, path))
        return
    back = mirrors[mirror]
    if back != pid:
        said = f"names {back!r}" if back else "names no mirror"
        out.append(
            Problem(
                path=path,
                message=f"perspective {pid!r} names {mirror!r} as its mirror, but {mirror!r} {said}",
                hint=f"mirrors name each other: add 'mirror: {pid}' to perspective {mirror!r}",
            )
        )


def _check_covered(
    s: ScenarioParts, pid: str, claimed: tuple[str, ...], known: _Known, path: Path, out: list[Problem]
) -> None:
    """Each party (or faction) a perspective claims is declared; warn about those it has no profile for."""
    have = {p.holder for p in s.profiles if p.perspective == pid}
    uncovered = []
    for j, holder in enumerate(claimed):
        party_id, dot, faction = holder.partition(".")
        party = known.parties.get(party_id)
        if party is None:
            out.append(_unknown("party", party_id, known.parties, path + (j,)))
        elif dot and faction not in {f.id for f in party.factions}:
            out.append(
                _unknown(f"faction of {party_id}", faction, [f.id for f in party.factions], path + (j,))
            )
        elif holder not in have:
            uncovered.append(holder)
    for holder in uncovered:
        # One warning per party, so that a profile that failed to parse silences its own.
        out.append(
            Problem(
                path=path,
                message=f"perspective {pid!r} claims to cover {holder} but has no profile for it",
                hint="add its profile under this perspective, or drop it from the perspective's "
                "parties (it falls back to the default perspective)",
                severity="warning",
                ref=holder.partition(".")[0],
            )
        )


def _src_refs(refs: Iterable[str], known: _Known, path: Path, out: list[Problem]) -> None:
    for k, ref in enumerate(refs):
        if ref not in known.sources:
            out.append(_unknown("source", ref, known.sources, path + (k,)))


def _check_structure(s: ScenarioParts, known: _Known, out: list[Problem]) -> None:
    """Sources of parties, tables, tracks and phases; the parties at each table."""
    for k, party in enumerate(s.parties):
        _src_refs(party.sources, known, ("parties", k, "sources"), out)
    for k, table in enumerate(s.tables):
        _src_refs(table.sources, known, ("tables", k, "sources"), out)
        for j, pid in enumerate(table.parties):
            if pid not in known.parties:
                out.append(_unknown("party", pid, known.parties, ("tables", k, "parties", j)))
    for k, track in enumerate(s.tracks):
        _src_refs(track.sources, known, ("tracks", k, "sources"), out)
    for k, phase in enumerate(s.phases):
        _src_refs(phase.sources, known, ("phases", k, "sources"), out)


def _check_issues(s: ScenarioParts, known: _Known, out: list[Problem]) -> None:
    """Sources of issues and options; the table, track and phase each issue names."""
    for k, issue in enumerate(s.issues):
        base: Path = ("issues", k)
        _src_refs(issue.sources, known, base + ("sources",), out)
        for j, opt in enumerate(issue.options):
            _src_refs(opt.sources, known, base + ("options", j, "sources"), out)
        for attr, ids, what in (
            ("table", known.tables, "table"),
            ("track", known.tracks, "track"),
            ("phase", known.phases, "phase"),
        ):
            ref = getattr(issue, attr)
            if ref is not None and ref not in ids:
                out.append(_unknown(what, ref, ids, base + (attr,)))


def _duplicates(s: ScenarioParts, out: list[Problem]) -> None:
    for coll in (
        "sources", "parties", "tables", "tracks", "phases", "rules",
        "issues", "constraints", "perspectives", "plans",
    ):  # fmt: skip
        seen: dict[str, int] = {}
        for k, item in enumerate(getattr(s, coll)):
            if item.id in seen:
                out.append(
                    Problem(
                        path=(coll, k, "id"),
                        message=f"duplicate id {item.id!r} (first used at {coll}[{seen[item.id]}])",
                        hint="every id in a list must be unique",
                    )
                )
            else:
                seen[item.id] = k
    holders: dict[tuple[str, str], int] = {}
    for k, prof in enumerate(s.profiles):
        key = (prof.holder, prof.perspective)
        if key in holders:
            out.append(
                Problem(
                    path=("profiles", k, "party"),
                    message=f"a second profile for {prof.holder} under perspective "
                    f"{prof.perspective!r} (first at profiles[{holders[key]}])",
                    hint="one profile per party (or faction) and perspective",
                )
            )
        else:
            holders[key] = k


def _unknown(what: str, ref: str, known: Iterable[str], path: Path) -> Problem:
    names = sorted(known)
    listing = ", ".join(names[:12]) + (" ..." if len(names) > 12 else "")
    return Problem(
        path=path,
        message=f"unknown {what} {ref!r}",
        hint=f"known {what} ids: {listing}" if names else f"declare the {what} first",
        ref=ref,
    )


def _condition_refs(cond: Condition, issues: Mapping[str, Issue], path: Path, out: list[Problem]) -> bool:
    ok = True
    for issue_id, opts in cond.items():
        issue = issues.get(issue_id)
        if issue is None:
            out.append(_unknown("issue", issue_id, issues, path + (issue_id,)))
            ok = False
            continue
        for opt in opts:
            if opt not in issue.option_ids:
                out.append(_unknown_option(issue, opt, path + (issue_id,)))
                ok = False
    return ok


def _unknown_option(issue: Issue, opt: str, path: Path) -> Problem:
    return Problem(
        path=path,
        message=f"issue {issue.id!r} has no option {opt!r}",
        hint="options: " + ", ".join(issue.option_ids),
        ref=f"{issue.id}={opt}",
    )


def _check_constraints(
    s: ScenarioParts, known: _Known, index: IssueIndex, out: list[Problem]
) -> list[Clause] | None:
    """Check each constraint's references; the clauses of all, or ``None`` if they contradict."""
    hard: list[Clause] = []
    for k, c in enumerate(s.constraints):
        base: Path = ("constraints", k)
        _src_refs(c.sources, known, base + ("sources",), out)
        ok = _condition_refs(c.if_, known.issues, base + ("if",), out)
        ok = _condition_refs(c.then, known.issues, base + ("then",), out) and ok
        if ok:
            hard.extend(index.constraint(c))
    if not hard or find_assignment(index.sizes, hard) is not None:
        return hard
    conflict = minimal_conflict(index.sizes, hard)
    names = sorted({hard[k].origin.id for k in conflict})
    first = next(k for k, c in enumerate(s.constraints) if c.id in names)
    out.append(
        Problem(
            path=("constraints", first),
            message="contradictory constraints: no package satisfies " + ", ".join(names) + " together",
            hint="relax or remove one of them",
        )
    )
    return None


def _check_rules(s: ScenarioParts, known: _Known, out: list[Problem]) -> None:
    """Each rule's sources, kind (against :data:`RULE_KINDS`), exceptions and parameters."""
    for k, rule in enumerate(s.rules):
        base: Path = ("rules", k)
        _src_refs(rule.sources, known, base + ("sources",), out)
        if rule.kind not in RULE_KINDS:
            out.append(
                Problem(
                    path=base + ("kind",),
                    message=f"unknown rule kind {rule.kind!r}",
                    hint="known kinds: " + ", ".join(sorted(RULE_KINDS.names)),
                )
            )
            continue
        for j, exc in enumerate(rule.exceptions):
            if exc not in known.issues:
                out.append(_unknown("issue", exc, known.issues, base + ("exceptions", j)))
        _check_rule_params(rule, base, known, out)


def _check_rule_params(rule: Rule, base: Path, known: _Known, out: list[Problem]) -> None:
    kind = RULE_KINDS.get(rule.kind)
    refs_known: Mapping[str, Iterable[str]] = {
        "track_or_phase": known.tracks | known.phases,
        "tables": known.tables,
        "parties": known.parties,
        "issues": known.issues,
        "terms": {f"{i}={o}" for i, issue in known.issues.items() for o in issue.option_ids},
    }
    for name, value in rule.params:
        ppath = base + (name,)
        what = kind.refers_to(name)
        if what is None:
            out.append(
                Problem(
                    path=ppath,
                    message=f"rule kind {rule.kind!r} takes no parameter {name!r}",
                    hint="parameters: " + (", ".join(kind.param_names) or "none"),
                )
            )
            continue
        ids = refs_known.get(what)
        if ids is None:
            continue  # a number or a text: nothing to resolve
        refs: tuple[object, ...] = value if isinstance(value, tuple) else (value,)
        for item in refs:
            if not isinstance(item, str) or item not in ids:
                out.append(_unknown(what.replace("_", " ").rstrip("s"), str(item), ids, ppath))


def _check_profiles(
    s: ScenarioParts, known: _Known, index: IssueIndex, hard: list[Clause] | None, out: list[Problem]
) -> None:
    """Each profile's references, values and red lines (``hard``: ``None`` if contradictory)."""
    for k, prof in enumerate(s.profiles):
        base: Path = ("profiles", k)
        _profile_refs(prof, base, known, out)
        _profile_values(prof, base, known.issues, out)
        _batna_against_no_deal(prof, base, known.issues, out)
        for j, rl in enumerate(prof.red_lines):
            rpath = base + ("red_lines", j)
            if not _condition_refs(rl.terms, known.issues, rpath, out):
                continue
            clause = index.red_line(rl, prof.holder)
            if hard is not None and not _avoidable(clause, hard, index):
                out.append(
                    Problem(
                        path=rpath,
                        message=f"red line of {prof.holder} ({rl.text()}) cannot be avoided: "
                        "every package allowed by the constraints crosses it",
                        hint="a red line must exclude some packages, not all",
                    )
                )


def _profile_refs(prof: Profile, base: Path, known: _Known, out: list[Problem]) -> None:
    """The party, faction, perspective and sources a profile names; its rationale."""
    party = known.parties.get(prof.party)
    if party is None:
        out.append(_unknown("party", prof.party, known.parties, base + ("party",)))
    elif prof.faction is not None and prof.faction not in {f.id for f in party.factions}:
        out.append(_unknown("faction", prof.faction, [f.id for f in party.factions], base + ("faction",)))
    if prof.perspective not in known.perspectives:
        out.append(_unknown("perspective", prof.perspective, known.perspectives, base + ("perspective",)))
    for j, ref in enumerate(prof.sources):
        if ref not in known.sources:
            out.append(_unknown("source", ref, known.sources, base + ("sources", j)))
    if not prof.rationale.strip():
        out.append(
            Problem(
                path=base + ("rationale",),
                message=f"profile of {prof.holder} ({prof.perspective}) has no rationale",
                hint="say why these numbers, citing source keys",
                severity="warning",
            )
        )


def _profile_values(prof: Profile, base: Path, issues: Mapping[str, Issue], out: list[Problem]) -> None:
    """Weights and values name known issues and options; every weighted issue is valued."""
    for issue_id in prof.weights:
        if issue_id not in issues:
            out.append(_unknown("issue", issue_id, issues, base + ("weights", issue_id)))
    for issue_id, vals in prof.values.items():
        issue = issues.get(issue_id)
        vpath = base + ("values", issue_id)
        if issue is None:
            out.append(_unknown("issue", issue_id, issues, vpath))
            continue
        for opt in vals:
            if opt not in issue.option_ids:
                out.append(_unknown_option(issue, opt, vpath + (opt,)))
        if issue_id not in prof.weights:
            out.append(
                Problem(
                    path=vpath,
                    message=f"values given for {issue_id!r} but it has no weight, so they do not count",
                    hint=f"add {issue_id} to weights, or drop these values",
                    severity="warning",
                )
            )
    for issue_id in prof.weights:
        weighed = issues.get(issue_id)
        if weighed is None:
            continue
        try:
            complete_values(weighed, prof.values.get(issue_id, {}))
        except ValueGap as gap:
            out.append(
                Problem(
                    path=base + ("values", issue_id),
                    message=f"{prof.holder} weighs {issue_id!r} but gives no value for "
                    + ", ".join(gap.missing),
                    hint="give every option a value on 0-100 (numeric issues interpolate "
                    "between given levels, except 'none')",
                )
            )


def _batna_against_no_deal(
    prof: Profile, base: Path, issues: Mapping[str, Issue], out: list[Problem]
) -> None:
    """Warn when a BATNA stated as a number is further from no deal than its spread, with no reason."""
    basis = prof.batna_basis
    if basis.kind != "value" or basis.why.strip():
        return
    try:
        no_deal = no_deal_utility(issues, prof.weights, prof.values)
    except (KeyError, ValueGap, ModelError):
        return  # no deal is undefined, or the profile's gaps are reported elsewhere
    gap = prof.batna - no_deal
    if abs(gap) > prof.spread.batna + TOL:
        out.append(
            Problem(
                path=base + ("batna",),
                message=f"BATNA of {prof.holder} ({prof.batna:g}) is {abs(gap):.1f} points "
                f"{'above' if gap > 0 else 'below'} the utility of no deal ({no_deal:.1f}), more than "
                f"its spread ({prof.spread.batna:g}), and no reason is given",
                hint="say why (batna: {value: N, why: ...}) or anchor it to no deal "
                "(batna: {no_deal: OFFSET, why: ...})",
                severity="warning",
            )
        )


def _avoidable(clause: Clause, hard: list[Clause], index: IssueIndex) -> bool:
    """Whether some package allowed by ``hard`` (known satisfiable) honours ``clause``.

    When no constraint touches the red line's issues the answer is local: some
    listed issue must keep an option outside the red line. Otherwise search.
    """
    constrained = {i for c in hard for i in c.issues}
    if not clause.issues & constrained:
        return any(m.options for m in clause.members)
    return find_assignment(index.sizes, [*hard, clause]) is not None


def _check_plans(s: ScenarioParts, known: _Known, out: list[Problem]) -> None:
    """Each plan's sources, proposers and drafters; the issues and options its terms and readings name."""
    for k, plan in enumerate(s.plans):
        base: Path = ("plans", k)
        _src_refs(plan.sources, known, base + ("sources",), out)
        for name, field in (("proposers", "proposer"), ("drafted_by", "drafted_by")):
            for j, pid in enumerate(getattr(plan, name)):
                if pid not in known.parties:
                    out.append(_unknown("party", pid, known.parties, base + (field, j)))
        term_sets: list[tuple[Path, Mapping[str, Term | None]]] = [(base + ("terms",), plan.terms)]
        for j, reading in enumerate(plan.readings):
            _src_refs(reading.sources, known, base + ("readings", j, "sources"), out)
            term_sets.append((base + ("readings", j, "terms"), reading.terms))
        for tpath, terms in term_sets:
            for issue_id, opt in terms.items():
                issue = known.issues.get(issue_id)
                if issue is None:
                    out.append(_unknown("issue", issue_id, known.issues, tpath + (issue_id,)))
                elif opt is not None:
                    for o in term_options(opt):
                        if o not in issue.option_ids:
                            out.append(_unknown_option(issue, o, tpath + (issue_id,)))
