"""Views of evaluations: each plan's verdict per party, and plans compared side by side."""

from __future__ import annotations

from accord.analysis.evaluate import Evaluation, IssueShare, PartyVerdict, PlanEvaluation
from accord.model import Scenario
from accord.report.views import (
    BLANK,
    Block,
    Cell,
    Column,
    Justify,
    Span,
    TableView,
    Tone,
    View,
    col,
    line,
    span,
)
from accord.report.views.scenario import heading
from accord.workbench.estimates import Estimates
from accord.workbench.evaluation import ComparisonOutcome, EvaluationOutcome

MARK: dict[str, tuple[str, Tone]] = {"yes": ("✓", "good"), "no": ("✗", "bad"), "depends": ("?", "warn")}
"""Acceptability -> its mark and tone."""

LEGEND = (
    "✓ acceptable  ✗ not acceptable  ? depends on open issues  ~ fragile: surplus within the "
    "estimate's stated spread. Shares are each issue's points of the surplus over BATNA."
)


def estimate_note(est: Estimates) -> tuple[Span, ...]:
    """Whose estimates an evaluation shows, and that they are estimates."""
    owner = f", held by {est.owner}" if est.owner else ""
    borrowed = sorted({q for _, q in est.borrowed})
    spans = [
        span("Perspective: "),
        span(est.perspective, "strong"),
        span(
            f" ({est.name or est.perspective}{owner}). "
            "Utilities and BATNAs are estimates on a 0–100 scale, not facts or forecasts."
        ),
    ]
    if borrowed:
        used = ", ".join(borrowed)
        spans.append(span(f" Parties without a profile under {est.perspective} use {used} (shown per row)."))
    return tuple(spans)


def shares_text(shares: tuple[IssueShare, ...]) -> str:
    """``issue +x.y, ...``; shares that round to ±0.0 at one decimal say nothing to a reader."""
    return ", ".join(f"{s.issue} {s.share:+.1f}" for s in shares if abs(s.share) >= 0.05) or "—"


def utility_text(v: PartyVerdict) -> str:
    """The utility, or its range when open issues leave it undetermined."""
    lo, hi = v.utility_range
    if abs(hi - lo) < 1e-9:
        return f"{v.utility:.1f}"
    return f"{lo:.1f}–{hi:.1f}"


def verdict_tone(pe: PlanEvaluation) -> Tone:
    """Green when all accept, yellow when only open issues stand in the way, red otherwise."""
    if pe.acceptable_to_all:
        return "good"
    return "warn" if not pe.blocked_by and pe.undecided else "bad"


def _columns(borrowed: bool, detail: bool) -> tuple[Column, ...]:
    text = ("red lines crossed", "weighs most for", "weighs most against")
    heads: list[tuple[str, Justify]] = [
        ("party", "left"),
        ("utility", "right"),
        ("BATNA", "right"),
        ("surplus", "right"),
        ("", "center"),
    ]
    if borrowed:
        # Name the estimate per row only when some party borrows another perspective.
        heads.insert(1, ("estimate by", "left"))
    columns = [col(h, j, no_wrap=True, min_width=max(1, len(h))) for h, j in heads]
    for h in text:
        if detail:
            columns.append(col(h, min_width=len(h)))
        else:
            # Wrapping long cells is most of a terminal's rendering time; the overview
            # cuts the reasons with an ellipsis (naming plans shows them in full).
            cap = 18 if h == "red lines crossed" else 26
            columns.append(col(h, no_wrap=True, overflow="ellipsis", max_width=cap))
    return tuple(columns)


def _row(v: PartyVerdict, borrowed: bool, n: int) -> tuple[Cell, ...]:
    mark, tone = MARK[v.acceptability]
    crossed = "; ".join(v.red_lines) or (
        "maybe: " + "; ".join(v.red_lines_possible) if v.red_lines_possible else "—"
    )
    fragile = "" if v.firm else " ~"
    cells: list[Cell] = [
        v.party,
        utility_text(v),
        f"{v.batna:.1f}",
        f"{v.surplus:+.1f}{fragile}",
        span(mark, tone),
        crossed,
        shares_text(v.weighs_for(n)),
        shares_text(v.weighs_against(n)),
    ]
    if borrowed:
        cells.insert(1, v.perspective)
    return tuple(cells)


def _plan(pe: PlanEvaluation, perspective: str, detail: bool) -> list[Block]:
    who = ", ".join(x for x in (pe.proposer or "", pe.date) if x)
    out: list[Block] = [
        BLANK,
        line(span(pe.plan, "strong-key"), " — ", pe.title, span(f"  ({who})" if who else "", "muted")),
        line("Verdict: " + pe.verdict(), tone=verdict_tone(pe)),
    ]
    if pe.held_at_status_quo:
        out.append(line("Left open, held at status quo: " + ", ".join(pe.held_at_status_quo), tone="muted"))
    if pe.undetermined:
        text = "Left open with no status quo (utility shown as a range): " + ", ".join(pe.undetermined)
        out.append(line(text, tone="warn"))
    borrowed = any(v.perspective != perspective for v in pe.parties)
    n = 10 if detail else 2
    rows = tuple(_row(v, borrowed, n) for v in pe.parties)
    out.append(TableView(columns=_columns(borrowed, detail), rows=rows, pad_edge=False))
    return out


def evaluation(outcome: EvaluationOutcome) -> View:
    """Every evaluated plan: its verdict and each party's utility, surplus, red lines and reasons."""
    s, ev = outcome.scenario, outcome.evaluation
    out: list[Block] = [heading(s.title, s.id), line(*estimate_note(outcome.estimates))]
    for pe in ev.plans:
        out += _plan(pe, ev.perspective, outcome.detail)
    out += [BLANK, line(LEGEND, tone="muted")]
    return tuple(out)


def short_verdict(pe: PlanEvaluation) -> str:
    """The verdict in a table cell: constraints broken, who blocks, who is undecided."""
    parts = []
    if pe.violations:
        parts.append("breaks " + ",".join(pe.violations))
    if pe.blocked_by:
        parts.append("blocked: " + ",".join(pe.blocked_by))
    if pe.undecided:
        parts.append("open: " + ",".join(pe.undecided))
    return "; ".join(parts)


def _verdict_cell(pe: PlanEvaluation) -> str:
    return "all accept" if pe.acceptable_to_all else short_verdict(pe)


def _verdicts(ev: Evaluation) -> TableView:
    rows = []
    for pe in ev.plans:
        cells: list[Cell] = [pe.plan, pe.date]
        for v in pe.parties:
            mark, tone = MARK[v.acceptability]
            rl = " RL" if v.red_lines else ""
            cells.append(span(f"{mark} {v.surplus:+.1f}{rl}", tone))
        cells.append(_verdict_cell(pe))
        rows.append(tuple(cells))
    columns = (col("plan"), col("date"), *(col(p, "right") for p in ev.parties), col("verdict"))
    title = "Plans × parties: surplus over BATNA (✓ acceptable, ✗ not, ? depends)"
    return TableView(title=title, columns=columns, rows=tuple(rows))


def _chunks(widths: list[int], first: int, width: int) -> list[list[int]]:
    """Plan columns per table so that each table fits ``width`` (3 cells of padding per column)."""
    chunks: list[list[int]] = [[]]
    used = first + 3
    for k, w in enumerate(widths):
        if chunks[-1] and used + w + 3 > width:
            chunks.append([])
            used = first + 3
        chunks[-1].append(k)
        used += w + 3
    return chunks


def _terms(scenario: Scenario, ev: Evaluation, width: int) -> list[Block]:
    """Issues × plans, as many plan columns per table as ``width`` fits.

    Readings are shown as the terms they change, not as columns of their own.
    """
    base = [pe for pe in ev.plans if pe.reading is None]
    cap = 16  # option ids longer than this are shortened with an ellipsis
    issue_width = min(max(len(i.id) for i in scenario.issues), 24)
    widths = [min(max([len(pe.plan), *(len(o or "") for o in pe.package.values())]), cap) for pe in base]
    chunks = _chunks(widths, issue_width, width)
    out: list[Block] = []
    for n, chunk in enumerate(chunks):
        part = f" ({n + 1}/{len(chunks)})" if len(chunks) > 1 else ""
        columns = [col("issue", no_wrap=True, overflow="ellipsis", max_width=issue_width)]
        columns += [col(base[k].plan, no_wrap=True, overflow="ellipsis", max_width=widths[k]) for k in chunk]
        rows = []
        for issue in scenario.issues:
            row: list[Cell] = [issue.id]
            for k in chunk:
                opt = base[k].package.get(issue.id)
                held = issue.id in base[k].held_at_status_quo or opt is None
                row.append(span("·", "muted") if held else str(opt))
            rows.append(tuple(row))
        title = f"Issues × plans{part}: the option each plan takes (· = left open, status quo applies)"
        out.append(TableView(title=title, columns=tuple(columns), rows=tuple(rows)))
    return out + _readings(ev, base)


def _readings(ev: Evaluation, base: list[PlanEvaluation]) -> list[Block]:
    readings = [pe for pe in ev.plans if pe.reading is not None]
    if not readings:
        return []
    out: list[Block] = [
        line("Readings (where sources disagree, each reading changes some terms):", tone="strong")
    ]
    by_id = {pe.plan: pe for pe in base}
    for pe in readings:
        parent = by_id.get(pe.plan.split("@")[0])
        changes = [
            f"{issue}={opt if opt is not None else 'open'}"
            for issue, opt in pe.package.items()
            if parent is not None and parent.package.get(issue) != opt
        ]
        out.append(line(f"  {pe.plan}: {', '.join(changes) or 'no change in the modelled terms'}"))
    return out


def _across(ev: Evaluation, across: tuple[Evaluation, ...]) -> TableView:
    rows = [(pe.plan, *(_verdict_cell(e.plans[k]) for e in across)) for k, pe in enumerate(ev.plans)]
    return TableView(
        title="Whose estimate decides: verdict per perspective",
        columns=(col("plan"), *(col(e.perspective) for e in across)),
        rows=tuple(rows),
    )


def takeaway(ev: Evaluation) -> str:
    """One line from the data: how many plans (and readings) all accept, and how many of those are fragile."""
    accepted = [pe for pe in ev.plans if pe.acceptable_to_all]
    fragile = sum(1 for pe in accepted if any(not v.firm for v in pe.parties))
    n = len(ev.plans)
    what = "plans and readings" if any(pe.reading is not None for pe in ev.plans) else "plans"
    if n == 1:
        what = "plan"
    verb = "is" if len(accepted) == 1 else "are"
    return (
        f"In sum: {len(accepted)} of {n} {what} {verb} acceptable to all under {ev.perspective}; "
        f"{fragile} of them fragile (~)."
    )


def comparison(outcome: ComparisonOutcome, *, width: int) -> View:
    """Plans × parties verdicts, plans × issues terms (fitted to ``width``), verdict per perspective."""
    s, ev = outcome.scenario, outcome.evaluation
    out: list[Block] = [heading(s.title, s.id), line(*estimate_note(outcome.estimates)), BLANK]
    out += [_verdicts(ev), line("RL: crosses a red line of that party.", tone="muted"), BLANK]
    out += _terms(s, ev, width)
    if len(outcome.across) > 1:
        out += [BLANK, _across(ev, outcome.across)]
    return (*out, BLANK, line(takeaway(ev), tone="strong"))
