"""The robustness view: how likely each plan is acceptable, and which estimates drive that.

Probabilities are shown in percent with their 95% Wilson interval; the drivers
are the input groups with the largest total Sobol index for the plan most likely
to be acceptable to all (Saltelli et al. 2010; Jansen 1999).
"""

from __future__ import annotations

from accord.analysis.robustness import PlanRobustness, RobustnessResult
from accord.report.views import (
    BLANK,
    Block,
    Cell,
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
from accord.workbench.robustness import RobustnessOutcome

__all__ = ["DRIVERS_SHOWN", "driver_plan", "group_label", "robustness"]

DRIVERS_SHOWN = 8
"""How many input groups the drivers table (and the tornado plot) shows."""

KIND_LABELS = {"batna": "BATNA", "values": "values", "weights": "weights", "form": "form of open terms"}


def group_label(result: RobustnessResult, g: int) -> str:
    """An input group for people: ``UA BATNA``, ``RU values``, ``form of open terms``."""
    party, kind = result.groups[g]
    return f"{party} {KIND_LABELS[kind]}".strip()


def pct(p: float) -> str:
    """A probability in percent, one decimal."""
    return f"{100 * p:.1f}"


def driver_plan(result: RobustnessResult) -> PlanRobustness | None:
    """The plan whose drivers are shown: the best one if its verdict varies, else None."""
    best = next((r for r in result.plans if r.plan == result.best), None)
    if best is None or not best.drivers:
        return None
    return best


def _table(outcome: RobustnessOutcome, plan_width: int) -> TableView:
    res = outcome.result
    columns = (
        col("plan", max_width=plan_width, overflow="fold"),
        col("all", "right", no_wrap=True),
        col("95% CI", "right", no_wrap=True),
        *(col(p, "right", no_wrap=True) for p in res.parties),
    )
    rows: list[tuple[Cell, ...]] = []
    for r in sorted(res.plans, key=lambda r: (-r.all, r.plan)):
        lo, hi = r.all_interval
        tone: Tone = "good" if r.all >= 0.5 else ("warn" if r.all > 0 else "muted")
        cells = [Span(text=pct(a), tone="bad" if r.red_lines[k] else "plain") for k, a in enumerate(r.accept)]
        rows.append((r.plan, span(pct(r.all), tone), f"{pct(lo)}–{pct(hi)}", *cells))
    return TableView(columns=columns, rows=tuple(rows), pad_edge=False)


def _drivers(res: RobustnessResult) -> list[Block]:
    plan = driver_plan(res)
    if plan is None:
        if not res.sensitivity:
            return []
        return [
            line(
                "No plan's verdict 'acceptable to all' varied across the draws: no driver to rank.",
                tone="muted",
            )
        ]
    rows = tuple(
        (group_label(res, g), index(plan.first_order[g]), index(plan.total[g]))
        for g in plan.drivers[:DRIVERS_SHOWN]
    )
    table = TableView(
        columns=(col("estimate"), col("first order", "right"), col("total", "right")),
        rows=rows,
        pad_edge=False,
    )
    head = line("What drives 'acceptable to all' for ", span(plan.plan, "key"), " (Sobol indices):")
    return [BLANK, head, table]


def _forms(res: RobustnessResult) -> list[Block]:
    """Per plan with open forms: how many, the range of its probability given the form, the best form."""
    rows: list[tuple[Cell, ...]] = []
    never: list[str] = []
    for r in sorted(res.plans, key=lambda r: (-r.all, r.plan)):
        best = max(r.forms, key=lambda f: f.all, default=None)
        if best is None or best.all <= 0:
            never += [r.plan] if best is not None else []
            continue
        low = min(f.all for f in r.forms)
        terms = ", ".join(f"{issue}: {option}" for issue, option in best.terms)
        rows.append((r.plan, str(len(r.forms)), f"{pct(low)}–{pct(best.all)}", terms))
    tail = (
        [line(f"In no form acceptable to all in any draw: {', '.join(never)}.", tone="muted")]
        if never
        else []
    )
    if not rows:
        return [BLANK, *tail] if tail else []
    table = TableView(
        columns=(
            col("plan", overflow="fold"),
            col("forms", "right", no_wrap=True),
            col("all, by form", "right", no_wrap=True),
            col("best form", overflow="fold"),
        ),
        rows=tuple(rows),
        pad_edge=False,
    )
    head = line(
        "Provided in one of several forms: each draw takes one form, uniformly; "
        "percent acceptable to all given the form (lowest–highest), and the best form:",
        tone="muted",
    )
    return [BLANK, head, table, *tail]


def index(x: float | None) -> str:
    """A Sobol index to three decimals (a Monte Carlo estimate may dip just below 0: shown as 0.000)."""
    text = f"{x or 0.0:.3f}"
    return "0.000" if text == "-0.000" else text


def _head(outcome: RobustnessOutcome) -> list[Block]:
    s, res, est = outcome.request.scenario, outcome.result, outcome.estimates
    return [
        line(span("Robustness", "strong"), f" of plans — {s.title} (", span(s.id, "key"), ")"),
        line(
            f"{res.samples:,} draws, seed {res.provenance.seed}, estimates of {est.perspective}; "
            "each estimate uniform within its stated spread, independent (no correlations declared).",
            tone="muted",
        ),
    ]


def _best(res: RobustnessResult) -> Line:
    row = next((r for r in res.plans if r.plan == res.best), None)
    if row is None:
        return line("No plan was acceptable to all parties in any draw.", tone="warn")
    lo, hi = row.all_interval
    return line(
        "Most likely acceptable to all, among these plans: ",
        span(row.plan, "strong-key"),
        f" ({pct(row.all)}%, 95% interval {pct(lo)}–{pct(hi)}%).",
    )


def robustness(outcome: RobustnessOutcome, *, width: int = 120) -> View:
    """The probability table, the best plan among those sampled, and the drivers of its verdict."""
    res = outcome.result
    out = _head(outcome)
    plan_width = max(len("plan"), *(len(r.plan) for r in res.plans))
    table = _table(outcome, plan_width)
    while table_width(table) > width and plan_width > 12:
        plan_width -= 4
        table = _table(outcome, plan_width)
    out += [
        table,
        line(
            "Percent of draws in which the plan is acceptable (to all, to each party); "
            "red: a red line is crossed.",
            tone="muted",
        ),
    ]
    out.append(_best(res))
    out += _forms(res)
    out += _drivers(res)
    for plan, reason in outcome.skipped:
        out.append(line("Not sampled: ", span(plan, "key"), f" {reason}.", tone="muted"))
    return tuple(out)
