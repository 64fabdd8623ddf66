"""Views of a scenario: the catalogue, the overview, one party's profiles, one plan, findings."""

from __future__ import annotations

from collections.abc import Sequence

from accord.model import Profile, Scenario, complete_values, term_text
from accord.report.views import (
    BLANK,
    Block,
    Cell,
    Line,
    Overflow,
    TableView,
    View,
    col,
    line,
    span,
    table_width,
)
from accord.workbench.scenario import Catalogue, PlanOutcome, ProfilesOutcome, ScenarioOutcome, Validation


def catalogue(outcome: Catalogue) -> View:
    """The built-in scenarios, one row each."""
    heads = ("name", "title", "parties", "issues", "plans", "perspectives")
    rows = [
        (e.name, e.title, str(e.parties), str(e.issues), str(e.plans), str(e.perspectives))
        for e in outcome.entries
    ]
    return (TableView(columns=tuple(col(h) for h in heads), rows=tuple(rows)),)


def heading(title: str, key: str) -> Line:
    """``Title (id)``: the first line of every view of a scenario."""
    return line(span(title, "strong"), " (", span(key, "key"), ")")


def _table(
    title: str, heads: tuple[str, ...], rows: Sequence[Sequence[str]], *, fold: bool = False
) -> TableView:
    overflow: Overflow = "fold" if fold else "ellipsis"
    # The first column holds ids: never cut or wrapped.
    ids = max([len(heads[0]), *(len(r[0]) for r in rows)])
    first = col(heads[0], no_wrap=True, min_width=ids)
    columns = (first, *(col(h, overflow=overflow) for h in heads[1:]))
    return TableView(title=title, columns=columns, rows=tuple(tuple(r) for r in rows))


def _fitted(
    width: int, title: str, heads: tuple[str, ...], rows: Sequence[Sequence[str]], *, fold: bool = False
) -> list[Block]:
    """A table when it fits ``width`` with every cell on one line; else one line per row, nothing cut."""
    table = _table(title, heads, rows, fold=fold)
    if table_width(table) <= width:
        return [table]
    out: list[Block] = [line(title, tone="strong")]
    for row in rows:
        rest = "; ".join(f"{h}: {v}" for h, v in zip(heads[1:], row[1:], strict=True) if v)
        out.append(line("  ", span(row[0], "key"), f" — {rest}" if rest else ""))
    return out


def _structure(s: Scenario, width: int) -> list[Block]:
    """Parties, tables, tracks and phases, process rules."""
    out: list[Block] = [
        *_fitted(
            width,
            "Parties",
            ("id", "name", "role", "factions"),
            [(p.id, p.name, p.role.value, ", ".join(f.id for f in p.factions)) for p in s.parties],
        )
    ]
    if s.tables:
        rows = [
            (tb.id, tb.name, ", ".join(tb.parties), str(sum(1 for i in s.issues if i.table == tb.id)))
            for tb in s.tables
        ]
        out += _fitted(width, "Tables", ("id", "name", "parties", "issues"), rows)
    if s.tracks or s.phases:
        tracks = ", ".join(t.id for t in s.tracks)
        phases = " → ".join(p.id for p in s.phases)
        out.append(line(span("Tracks:", "strong"), f" {tracks}   ", span("Phases:", "strong"), f" {phases}"))
    if s.rules:
        rules = []
        for r in s.rules:
            settings = [f"{k}={','.join(v) if isinstance(v, tuple) else v}" for k, v in r.params]
            if r.exceptions:
                settings.append("exceptions=" + ",".join(r.exceptions))
            rules.append((r.id, r.kind, " ".join(settings)))
        out += _fitted(width, "Process rules", ("id", "kind", "settings"), rules)
    return out


def _substance(s: Scenario, width: int) -> list[Block]:
    """Issues, constraints, perspectives, plans."""
    rows = [
        (
            i.id,
            i.title,
            f"{i.table or '—'}/{i.track or '—'}",
            ", ".join(o.id + ("*" if o.id == i.status_quo else "") for o in i.options),
        )
        for i in s.issues
    ]
    heads: tuple[str, ...] = ("id", "title", "table/track", "options")
    out = _fitted(width, "Issues (status quo marked *)", heads, rows, fold=True)
    if s.constraints:
        out.append(line(span("Constraints", "strong")))
        for con in s.constraints:
            why = (span(f"  ({con.why})", "muted"),) if con.why else ()
            out.append(line(f"  {con.id}: {con.text()}", *why))
    rows = [
        (
            persp.id + (" (default)" if persp.id == s.default_perspective else ""),
            persp.name,
            persp.owner,
            ", ".join(pr.holder for pr in s.profiles if pr.perspective == persp.id),
        )
        for persp in s.perspectives
    ]
    out += _fitted(width, "Perspectives (whose estimates)", ("id", "name", "owner", "profiles"), rows)
    plans = [
        (
            p.id,
            p.title,
            ", ".join(p.proposers),
            p.date,
            str(len(p.terms)),
            ", ".join(r.id for r in p.readings),
        )
        for p in s.plans
    ]
    heads = ("id", "title", "proposer", "date", "issues settled", "readings")
    out += _fitted(width, "Plans", heads, plans, fold=True)
    return out


def scenario(outcome: ScenarioOutcome, *, width: int = 120) -> View:
    """A scenario: parties, tables, tracks, rules, issues, constraints, perspectives, plans.

    Each table is drawn when it fits ``width``, else as one line per row.
    """
    s = outcome.scenario
    head: list[Block] = [heading(s.title, s.id)]
    if s.description:
        head.append(line(s.description.strip()))
    return (*head, *_structure(s, width), *_substance(s, width))


def cite(scenario: Scenario, keys: tuple[str, ...]) -> str:
    """The sources ``keys`` as ``[key] citation; ...`` (an unknown key stands alone)."""
    out = []
    for key in keys:
        try:
            out.append(f"[{key}] {scenario.source(key).cite()}")
        except KeyError:
            out.append(f"[{key}]")
    return "; ".join(out)


def _profile(s: Scenario, prof: Profile) -> list[Block]:
    persp = s.perspective(prof.perspective)
    name = f" — {persp.name}" if persp.name else ""
    owner = f" (held by {persp.owner})" if persp.owner else ""
    spread = prof.spread
    out: list[Block] = [
        BLANK,
        line(span(prof.holder, "strong-key"), f" under {persp.id}{name}", span(owner, "muted")),
        line(
            f"BATNA {prof.batna:.1f}; spread ±{spread.values:g} on values, ±{spread.batna:g} on BATNA, "
            f"±{spread.weights:.0%} on weights. These are estimates, not facts."
        ),
        line(_no_deal_text(s, prof), tone="muted"),
    ]
    if prof.batna_basis.why:
        out.append(line(f"Why this BATNA: {prof.batna_basis.why}", tone="muted"))
    total = sum(prof.weights.values())
    rows = []
    for issue_id, w in sorted(prof.weights.items(), key=lambda kv: -kv[1]):
        issue = s.issue(issue_id)
        given = prof.values.get(issue_id, {})
        vals = complete_values(issue, given)
        cells = ", ".join(
            f"{o.id} {v:g}" + ("" if o.id in given else " (interpolated)")
            for o, v in zip(issue.options, vals, strict=True)
        )
        rows.append((issue_id, f"{w:g}", f"{w / total:.0%}", cells))
    out.append(_table("", ("issue", "weight", "share", "values (0–100) by option"), rows, fold=True))
    if prof.red_lines:
        out.append(line("Red lines:", tone="strong"))
        out += [line(f"  {rl.text()}" + (f" — {rl.why}" if rl.why else "")) for rl in prof.red_lines]
    out.append(line("Rationale:", tone="strong"))
    out.append(line(f"  {prof.rationale.strip() or '(none given)'}"))
    if prof.sources:
        out.append(line(f"Sources: {cite(s, prof.sources)}", tone="muted"))
    return out


def _no_deal_text(s: Scenario, prof: Profile) -> str:
    """The utility of no deal next to the BATNA, and how the BATNA was stated."""
    no_deal = s.no_deal(prof)
    if no_deal is None:
        return "No deal: undefined (an issue this party weighs has no status quo)."
    basis = prof.batna_basis
    if basis.kind == "no_deal":
        return f"No deal (every issue at its status quo): {no_deal:.1f}; BATNA = no deal {basis.offset:+g}."
    return (
        f"No deal (every issue at its status quo): {no_deal:.1f}; BATNA {prof.batna - no_deal:+.1f} from it."
    )


def profiles(outcome: ProfilesOutcome) -> View:
    """A party's profiles: weights, values, BATNA, red lines, rationale, sources."""
    return tuple(b for prof in outcome.profiles for b in _profile(outcome.scenario, prof))


def plan(outcome: PlanOutcome) -> View:
    """A plan: terms with their meaning, readings, notes and sources."""
    s, p = outcome.scenario, outcome.plan
    drafted = "drafted by " + ", ".join(p.drafted_by) if p.drafted_by else ""
    who = ", ".join(x for x in (*p.proposers, drafted, p.date, p.status) if x)
    out: list[Block] = [
        line(span(p.id, "strong-key"), " — ", p.title, span(f"  ({who})" if who else "", "muted"))
    ]
    if p.notes:
        out.append(line(p.notes.strip()))
    rows: list[tuple[Cell, ...]] = []
    for issue in s.issues:
        opt = p.terms.get(issue.id)
        if opt is None:
            sq = issue.status_quo
            meaning = f"status quo: {sq}" if sq else "undetermined (no status quo)"
            rows.append((issue.id, span("· open", "muted"), span(meaning, "muted")))
        elif isinstance(opt, str):
            rows.append((issue.id, opt, issue.option(opt).text))
        else:
            meaning = "provided in one of these forms: " + "; ".join(
                issue.option(o).text for o in opt.options
            )
            rows.append((issue.id, opt.text(), meaning + (f" ({opt.why})" if opt.why else "")))
    columns = tuple(col(h, overflow="fold") for h in ("issue", "option", "meaning"))
    out.append(TableView(title="Terms", columns=columns, rows=tuple(rows)))
    for r in p.readings:
        changes = ", ".join(f"{k}={term_text(v) if v is not None else 'open'}" for k, v in r.terms.items())
        out.append(line(f"Reading {r.id} ({r.title or r.id}): {changes}", tone="strong"))
        if r.note:
            out.append(line(f"  {r.note.strip()}"))
        if r.sources:
            out.append(line(f"  Sources: {cite(s, r.sources)}", tone="muted"))
    if p.sources:
        out.append(line(f"Sources: {cite(s, p.sources)}", tone="muted"))
    return tuple(out)


def validation(outcome: Validation) -> View:
    """Every problem found in a file, then a one-line summary."""
    out: list[Block] = [
        line(p.render(), tone="bad" if p.severity == "error" else "warn", soft_wrap=True)
        for p in outcome.problems
    ]
    s = outcome.scenario
    if outcome.ok and s is not None:
        n_warn = len(outcome.warnings)
        warn = f", {n_warn} warning(s)" if n_warn else ""
        sizes = f"{len(s.parties)} parties, {len(s.issues)} issues, {len(s.plans)} plans"
        out.append(
            line(
                f"{outcome.file}: OK — {sizes}, "
                f"{len(s.profiles)} profiles under {len(s.perspectives)} perspective(s){warn}",
                soft_wrap=True,
            )
        )
    else:
        errors, warnings = len(outcome.errors), len(outcome.warnings)
        out.append(line(f"{outcome.file}: {errors} error(s), {warnings} warning(s)", soft_wrap=True))
    return tuple(out)
