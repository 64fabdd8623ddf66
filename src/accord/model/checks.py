"""Cross-reference and consistency checks over a whole scenario.

Every problem is collected (none stops the others) with a path into the
scenario, so that a user fixing a file sees all of them at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from accord.logic import Clause, find_assignment, minimal_conflict
from accord.model.clauses import IssueIndex
from accord.model.constraints import Condition
from accord.model.preferences import ValueGap, complete_values
from accord.model.problems import Path, Problem
from accord.model.rules import RULE_KINDS

if TYPE_CHECKING:
    from accord.model.scenario import Scenario


def check_scenario(s: Scenario) -> tuple[Problem, ...]:
    out: list[Problem] = []
    _duplicates(s, out)
    sources = {src.id for src in s.sources}
    parties = {p.id: p for p in s.parties}
    issues = {i.id: i for i in s.issues}
    tables = {t.id for t in s.tables}
    tracks = {t.id for t in s.tracks}
    phases = {p.id for p in s.phases}
    perspectives = {p.id for p in s.perspectives}

    def src_refs(refs: Iterable[str], path: Path) -> None:
        for k, ref in enumerate(refs):
            if ref not in sources:
                out.append(_unknown("source", ref, sources, path + (k,)))

    for k, party in enumerate(s.parties):
        src_refs(party.sources, ("parties", k, "sources"))
    for k, table in enumerate(s.tables):
        src_refs(table.sources, ("tables", k, "sources"))
        for j, pid in enumerate(table.parties):
            if pid not in parties:
                out.append(_unknown("party", pid, parties, ("tables", k, "parties", j)))
    for k, track in enumerate(s.tracks):
        src_refs(track.sources, ("tracks", k, "sources"))
    for k, phase in enumerate(s.phases):
        src_refs(phase.sources, ("phases", k, "sources"))

    for k, issue in enumerate(s.issues):
        base: Path = ("issues", k)
        src_refs(issue.sources, base + ("sources",))
        for j, opt in enumerate(issue.options):
            src_refs(opt.sources, base + ("options", j, "sources"))
        for attr, known, what in (
            ("table", tables, "table"),
            ("track", tracks, "track"),
            ("phase", phases, "phase"),
        ):
            ref = getattr(issue, attr)
            if ref is not None and ref not in known:
                out.append(_unknown(what, ref, known, base + (attr,)))

    _check_rules(s, out, issues, parties, tables, tracks | phases)

    if s.default_perspective not in perspectives:
        out.append(_unknown("perspective", s.default_perspective, perspectives, ("default_perspective",)))
    for k, persp in enumerate(s.perspectives):
        src_refs(persp.sources, ("perspectives", k, "sources"))

    index = IssueIndex(s.issues)
    hard: list[Clause] = []
    for k, c in enumerate(s.constraints):
        base = ("constraints", k)
        src_refs(c.sources, base + ("sources",))
        ok = _condition_refs(c.if_, issues, base + ("if",), out)
        ok = _condition_refs(c.then, issues, base + ("then",), out) and ok
        if ok:
            hard.extend(index.constraint(c))
    constraints_ok = _check_contradiction(s, index, hard, out)

    _check_profiles(s, out, issues, parties, perspectives, index, hard if constraints_ok else None)
    _check_plans(s, out, issues, parties, src_refs)
    return tuple(out)


def _duplicates(s: Scenario, out: list[Problem]) -> None:
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


def _condition_refs(cond: Condition, issues: Mapping[str, object], path: Path, out: list[Problem]) -> bool:
    from accord.model.elements import Issue

    ok = True
    for issue_id, opts in cond.items():
        issue = issues.get(issue_id)
        if not isinstance(issue, Issue):
            out.append(_unknown("issue", issue_id, issues, path + (issue_id,)))
            ok = False
            continue
        for opt in opts:
            if opt not in issue.option_ids:
                out.append(_unknown_option(issue, opt, path + (issue_id,)))
                ok = False
    return ok


def _unknown_option(issue: object, opt: str, path: Path) -> Problem:
    from accord.model.elements import Issue

    assert isinstance(issue, Issue)
    return Problem(
        path=path,
        message=f"issue {issue.id!r} has no option {opt!r}",
        hint="options: " + ", ".join(issue.option_ids),
        ref=f"{issue.id}={opt}",
    )


def _check_contradiction(s: Scenario, index: IssueIndex, hard: list[Clause], out: list[Problem]) -> bool:
    if not hard or find_assignment(index.sizes, hard) is not None:
        return True
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
    return False


def _check_rules(
    s: Scenario,
    out: list[Problem],
    issues: Mapping[str, object],
    parties: Mapping[str, object],
    tables: set[str],
    stages: set[str],
) -> None:
    sources = {src.id for src in s.sources}
    for k, rule in enumerate(s.rules):
        base: Path = ("rules", k)
        for j, ref in enumerate(rule.sources):
            if ref not in sources:
                out.append(_unknown("source", ref, sources, base + ("sources", j)))
        kind = RULE_KINDS.get(rule.kind)
        if kind is None:
            out.append(
                Problem(
                    path=base + ("kind",),
                    message=f"unknown rule kind {rule.kind!r}",
                    hint="known kinds: " + ", ".join(sorted(RULE_KINDS)),
                )
            )
            continue
        for j, exc in enumerate(rule.exceptions):
            if exc not in issues:
                out.append(_unknown("issue", exc, issues, base + ("exceptions", j)))
        declared = dict(kind.params)
        for name, value in rule.params:
            ppath = base + (name,)
            what = declared.get(name)
            if what is None:
                out.append(
                    Problem(
                        path=ppath,
                        message=f"rule kind {rule.kind!r} takes no parameter {name!r}",
                        hint="parameters: " + (", ".join(declared) or "none"),
                    )
                )
                continue
            refs: tuple[object, ...] = value if isinstance(value, tuple) else (value,)
            known: Iterable[str] | None = {
                "track_or_phase": stages,
                "tables": tables,
                "parties": parties,
                "issues": issues,
            }.get(what)
            if known is None:
                continue
            for item in refs:
                if not isinstance(item, str) or item not in known:
                    out.append(_unknown(what.replace("_", " ").rstrip("s"), str(item), known, ppath))


def _check_profiles(
    s: Scenario,
    out: list[Problem],
    issues: Mapping[str, object],
    parties: Mapping[str, object],
    perspectives: set[str],
    index: IssueIndex,
    hard: list[Clause] | None,
) -> None:
    from accord.model.elements import Issue, Party

    sources = {src.id for src in s.sources}
    for k, prof in enumerate(s.profiles):
        base: Path = ("profiles", k)
        party = parties.get(prof.party)
        if not isinstance(party, Party):
            out.append(_unknown("party", prof.party, parties, base + ("party",)))
        elif prof.faction is not None and prof.faction not in {f.id for f in party.factions}:
            out.append(_unknown("faction", prof.faction, [f.id for f in party.factions], base + ("faction",)))
        if prof.perspective not in perspectives:
            out.append(_unknown("perspective", prof.perspective, perspectives, base + ("perspective",)))
        for j, ref in enumerate(prof.sources):
            if ref not in sources:
                out.append(_unknown("source", ref, sources, base + ("sources", j)))
        if not prof.rationale.strip():
            out.append(
                Problem(
                    path=base + ("rationale",),
                    message=f"profile of {prof.holder} ({prof.perspective}) has no rationale",
                    hint="say why these numbers, citing source keys",
                    severity="warning",
                )
            )
        for issue_id in prof.weights:
            if issue_id not in issues:
                out.append(_unknown("issue", issue_id, issues, base + ("weights", issue_id)))
        for issue_id, vals in prof.values.items():
            issue = issues.get(issue_id)
            vpath = base + ("values", issue_id)
            if not isinstance(issue, Issue):
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
            issue = issues.get(issue_id)
            if not isinstance(issue, Issue):
                continue
            try:
                complete_values(issue, prof.values.get(issue_id, {}))
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
        for j, rl in enumerate(prof.red_lines):
            rpath = base + ("red_lines", j)
            if not _condition_refs(rl.terms, issues, rpath, out):
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


def _avoidable(clause: Clause, hard: list[Clause], index: IssueIndex) -> bool:
    """Can some package allowed by ``hard`` (known satisfiable) honour ``clause``?

    When no constraint touches the red line's issues the answer is local: some
    listed issue must keep an option outside the red line. Otherwise search.
    """
    constrained = {i for c in hard for i in c.issues}
    if not clause.issues & constrained:
        return any(m.options for m in clause.members)
    return find_assignment(index.sizes, [*hard, clause]) is not None


def _check_plans(
    s: Scenario,
    out: list[Problem],
    issues: Mapping[str, object],
    parties: Mapping[str, object],
    src_refs: object,
) -> None:
    from accord.model.elements import Issue

    assert callable(src_refs)
    for k, plan in enumerate(s.plans):
        base: Path = ("plans", k)
        src_refs(plan.sources, base + ("sources",))
        if plan.proposer is not None and plan.proposer not in parties:
            out.append(_unknown("party", plan.proposer, parties, base + ("proposer",)))
        term_sets: list[tuple[Path, Mapping[str, str | None]]] = [(base + ("terms",), plan.terms)]
        for j, reading in enumerate(plan.readings):
            src_refs(reading.sources, base + ("readings", j, "sources"))
            term_sets.append((base + ("readings", j, "terms"), reading.terms))
        for tpath, terms in term_sets:
            for issue_id, opt in terms.items():
                issue = issues.get(issue_id)
                if not isinstance(issue, Issue):
                    out.append(_unknown("issue", issue_id, issues, tpath + (issue_id,)))
                elif opt is not None and opt not in issue.option_ids:
                    out.append(_unknown_option(issue, opt, tpath + (issue_id,)))
