"""Views of evaluations: each plan's verdict per party, and plans compared side by side."""

from __future__ import annotations

from dataclasses import dataclass

from accord.analysis.evaluate import Evaluation, IssueShare, PartyVerdict, PlanEvaluation
from accord.analysis.sensitivity import FlipDistances
from accord.model import Scenario
from accord.report.views import (
    BLANK,
    Block,
    Cell,
    Column,
    Justify,
    Line,
    Span,
    TableView,
    Tone,
    View,
    col,
    line,
    span,
    table_width,
)
from accord.report.views.estimates import FLIP_NOTE, estimate_note, flip_cell, flip_texts
from accord.report.views.scenario import heading
from accord.workbench.estimates import Estimates
from accord.workbench.evaluation import ComparisonOutcome, EvaluationOutcome

MARK: dict[str, tuple[str, Tone]] = {"yes": ("✓", "good"), "no": ("✗", "bad"), "depends": ("?", "warn")}
"""Acceptability -> its mark and tone."""

LEGEND = (
    "✓ acceptable  ✗ not acceptable  ? depends on open issues  ~ fragile: surplus within the "
    "estimate's stated spread. Shares are each issue's points of the surplus over BATNA. " + FLIP_NOTE
)


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


REASONS = ("red lines crossed", "weighs most for", "weighs most against")
"""The reason columns of an evaluation, after the numbers."""


def _columns(borrowed: bool, reasons: bool) -> tuple[Column, ...]:
    heads: list[tuple[str, Justify]] = [
        ("party", "left"),
        ("utility", "right"),
        ("BATNA", "right"),
        ("surplus", "right"),
        ("", "center"),
        ("flips if", "left"),
    ]
    if borrowed:
        # Name the estimate per row only when some party borrows another perspective.
        heads.insert(1, ("estimate by", "left"))
    if reasons:
        heads += [(h, "left") for h in REASONS]
    return tuple(col(h, j, no_wrap=True, min_width=max(1, len(h))) for h, j in heads)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Verdict:
    """One party's verdict on a plan as texts: the numbers and the reasons."""

    party: str
    perspective: str
    numbers: tuple[str, str, str]
    mark: Span
    flip: str
    reasons: tuple[str, str, str]

    @classmethod
    def of(cls, v: PartyVerdict, n: int, flip: FlipDistances | None) -> _Verdict:
        mark, tone = MARK[v.acceptability]
        crossed = "; ".join(v.red_lines) or (
            "maybe: " + "; ".join(v.red_lines_possible) if v.red_lines_possible else "—"
        )
        fragile = "" if v.firm else " ~"
        return cls(
            party=v.party,
            perspective=v.perspective,
            numbers=(utility_text(v), f"{v.batna:.1f}", f"{v.surplus:+.1f}{fragile}"),
            mark=span(mark, tone),
            flip="red line" if flip is None and v.red_lines else flip_cell(flip),
            reasons=(crossed, shares_text(v.weighs_for(n)), shares_text(v.weighs_against(n))),
        )

    def row(self, borrowed: bool, reasons: bool) -> tuple[Cell, ...]:
        cells: list[Cell] = [self.party, *self.numbers, self.mark, self.flip]
        if borrowed:
            cells.insert(1, self.perspective)
        return tuple(cells) + (self.reasons if reasons else ())

    def reason_line(self) -> Line:
        crossed, pro, con = self.reasons
        parts = [] if crossed == "—" else [f"red lines crossed: {crossed}"]
        parts += [f"weighs most for: {pro}", f"against: {con}"]
        return line("  ", span(self.party, "key"), ": " + "; ".join(parts))

    def stacked(self, borrowed: bool) -> tuple[Line, Line]:
        u, b, sur = self.numbers
        by = f" (estimate by {self.perspective})" if borrowed else ""
        flip = self.flip if self.flip in ("red line", "open issues") else f"flips if {self.flip}"
        numbers = f" utility {u}, BATNA {b}, surplus {sur}{by}; {flip}"
        head = line(span(self.party, "strong-key"), " ", self.mark, numbers)
        return head, self.reason_line()


def _verdict_blocks(
    pe: PlanEvaluation, est: Estimates, n: int, width: int, flips: tuple[FlipDistances, ...] | None
) -> list[Block]:
    """The parties' verdicts as one table when it fits ``width``.

    Otherwise the numbers as a table and the reasons as lines below it, or each
    party stacked when even the numbers do not fit: nothing is cut. Whose
    estimate is a column when the rows' perspectives differ (a mixed choice, or a
    party that fell back to the default).
    """
    borrowed = any(v.perspective != est.default for v in pe.parties)
    verdicts = [_Verdict.of(v, n, None if flips is None else flips[k]) for k, v in enumerate(pe.parties)]
    for reasons in (True, False):
        rows = tuple(v.row(borrowed, reasons) for v in verdicts)
        table = TableView(columns=_columns(borrowed, reasons), rows=rows, pad_edge=False)
        if table_width(table) <= width:
            return [table] if reasons else [table, *(v.reason_line() for v in verdicts)]
    return [block for v in verdicts for block in v.stacked(borrowed)]


def _flip_lines(flips: tuple[FlipDistances, ...] | None) -> list[Block]:
    """Every flip distance of every party, one line each (the detail view)."""
    if flips is None:
        return [line("  Flip distances: open issues leave no single package to perturb.", tone="muted")]
    out: list[Block] = []
    for f in flips:
        out += [line("  ", span(f.party, "key"), ": " + text, tone="muted") for text in flip_texts(f)]
    return out


def _plan(
    pe: PlanEvaluation, outcome: EvaluationOutcome, width: int, flips: tuple[FlipDistances, ...] | None
) -> list[Block]:
    who = ", ".join(x for x in (*pe.proposers, pe.date) if x)
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
    if pe.forms:
        listed = "; ".join(f"{issue} ({' | '.join(opts)})" for issue, opts in pe.forms.items())
        out.append(line("Provided in a form not known (utility shown as a range): " + listed, tone="warn"))
    detail = outcome.detail
    out += _verdict_blocks(pe, outcome.estimates, 10 if detail else 2, width, flips)
    return out + (_flip_lines(flips) if detail else [])


def evaluation(outcome: EvaluationOutcome, *, width: int = 120) -> View:
    """Every evaluated plan: its verdict and each party's utility, surplus, red lines and reasons.

    Laid out for ``width`` columns: a table per plan when it fits, stacked otherwise;
    ids and reasons are never cut.
    """
    s, ev = outcome.scenario, outcome.evaluation
    out: list[Block] = [heading(s.title, s.id), line(*estimate_note(outcome.estimates))]
    for pe in ev.plans:
        out += _plan(pe, outcome, width, outcome.flips.get(pe.plan))
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


VERDICTS_TITLE = "Plans × parties: surplus over BATNA (✓ acceptable, ✗ not, ? depends)"


def _surplus_cell(v: PartyVerdict) -> Span:
    mark, tone = MARK[v.acceptability]
    rl = " RL" if v.red_lines else ""
    fragile = "" if v.firm else "~"
    return span(f"{mark} {v.surplus:+.1f}{fragile}{rl}", tone)


COMPARE_LEGEND = (
    "~ fragile: the surplus is within the estimate's stated spread, so the verdict could flip. "
    "RL: crosses a red line of that party (no move of the numbers flips it). Otherwise the "
    "surplus is how far the BATNA (or all the package's values) must move to flip the verdict; "
    "'accord evaluate --plan PLAN' gives every flip distance, weights included."
)


def _verdicts(ev: Evaluation, width: int) -> list[Block]:
    """Plans × parties as a table when it fits ``width``, else one block of lines per plan."""
    rows = []
    for pe in ev.plans:
        cells: list[Cell] = [pe.plan, pe.date, *(_surplus_cell(v) for v in pe.parties), _verdict_cell(pe)]
        rows.append(tuple(cells))
    columns = (col("plan"), col("date"), *(col(p, "right") for p in ev.parties), col("verdict"))
    table = TableView(title=VERDICTS_TITLE, columns=columns, rows=tuple(rows))
    if table_width(table) <= width:
        return [table]
    out: list[Block] = [line(VERDICTS_TITLE, tone="strong")]
    for pe in ev.plans:
        date = f" ({pe.date})" if pe.date else ""
        out.append(line(span(pe.plan, "strong-key"), f"{date}: {_verdict_cell(pe)}"))
        parts: list[Span] = [span("  ")]
        for v in pe.parties:
            parts += [span(f"{v.party} ", "key"), _surplus_cell(v), span("  ")]
        out.append(line(*parts[:-1]))
    return out


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


TERMS_TITLE = "Issues × plans{part}: the option each plan takes (· = left open, status quo applies)"


def _option(pe: PlanEvaluation, issue: str) -> Cell:
    opt = pe.package.get(issue)
    held = issue in pe.held_at_status_quo or opt is None
    return span("·", "muted") if held else str(opt)


def _terms(scenario: Scenario, ev: Evaluation, width: int) -> list[Block]:
    """Issues × plans, as many plan columns per table as ``width`` fits (one line per plan if none fits).

    Readings are shown as the terms they change, not as columns of their own.
    Plan ids are never cut; long option ids wrap within their column.
    """
    base = [pe for pe in ev.plans if pe.reading is None]
    cap = 16  # option ids longer than this wrap within the column
    issue_width = min(max(len(i.id) for i in scenario.issues), 24)
    widths = [
        max(len(pe.plan), min(max([1, *(len(o or "") for o in pe.package.values())]), cap)) for pe in base
    ]
    if base and issue_width + 3 + max(widths) + 3 > width:
        return _terms_lines(scenario, base) + _readings(ev, base)
    chunks = _chunks(widths, issue_width, width)
    out: list[Block] = []
    for n, chunk in enumerate(chunks):
        part = f" ({n + 1}/{len(chunks)})" if len(chunks) > 1 else ""
        columns = [col("issue", overflow="fold", max_width=issue_width)]
        columns += [
            col(base[k].plan, overflow="fold", min_width=len(base[k].plan), max_width=widths[k])
            for k in chunk
        ]
        rows = tuple((issue.id, *(_option(base[k], issue.id) for k in chunk)) for issue in scenario.issues)
        out.append(TableView(title=TERMS_TITLE.format(part=part), columns=tuple(columns), rows=rows))
    return out + _readings(ev, base)


def _terms_lines(scenario: Scenario, base: list[PlanEvaluation]) -> list[Block]:
    out: list[Block] = [line(TERMS_TITLE.format(part=""), tone="strong")]
    for pe in base:
        terms = [
            f"{i.id}={pe.package.get(i.id) or '·'}"
            for i in scenario.issues
            if i.id not in pe.held_at_status_quo
        ]
        out.append(line(span(pe.plan, "key"), ": ", ", ".join(terms) or "·"))
    return out


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


ACROSS_TITLE = "Whose estimate decides: verdict per perspective"


def _across(ev: Evaluation, across: tuple[Evaluation, ...], width: int) -> list[Block]:
    """Verdict per perspective, as a table or (when narrow) one line per plan.

    The table is used while the plan ids and at least 14 columns per perspective
    fit ``width``; verdicts wrap within their cells, ids never do.
    """
    rows = [(pe.plan, *(_verdict_cell(e.plans[k]) for e in across)) for k, pe in enumerate(ev.plans)]
    plan_width = max(len(pe.plan) for pe in ev.plans)
    if plan_width + 3 + sum(max(len(e.perspective), 14) + 3 for e in across) <= width:
        columns = (
            col("plan", no_wrap=True),
            *(col(e.perspective, overflow="fold", min_width=len(e.perspective)) for e in across),
        )
        return [TableView(title=ACROSS_TITLE, columns=columns, rows=tuple(rows))]
    out: list[Block] = [line(ACROSS_TITLE, tone="strong")]
    for plan, *verdicts in rows:
        if len(set(verdicts)) == 1:
            text = f"{verdicts[0]} (every perspective)"
        else:
            text = "; ".join(f"{e.perspective}: {v}" for e, v in zip(across, verdicts, strict=True))
        out.append(line(span(plan, "key"), ": ", text))
    return out


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
    out += [*_verdicts(ev, width), line(COMPARE_LEGEND, tone="muted"), BLANK]
    out += _terms(s, ev, width)
    if len(outcome.across) > 1:
        out += [BLANK, *_across(ev, outcome.across, width)]
    return (*out, BLANK, line(takeaway(ev), tone="strong"))
