"""The alignment view: where a party's factions disagree, and its options outside under each voice.

Pickering (2022), prior preparations; numbers from :mod:`accord.analysis.align`.
"""

from __future__ import annotations

from accord.analysis.align import AlignResult
from accord.report.views import BLANK, Block, Cell, TableView, View, col, line, span
from accord.workbench.align import AlignOutcome

__all__ = ["ISSUES_SHOWN", "align"]

ISSUES_SHOWN = 10
"""How many issues (largest stake first) the table shows."""


def _issues(res: AlignResult) -> TableView:
    columns = (
        col("issue", overflow="fold"),
        *(col(f"w {p}", "right", no_wrap=True) for p in res.profiles),
        col("gap", "right", no_wrap=True),
        col("stake", "right", no_wrap=True),
    )
    rows: list[tuple[Cell, ...]] = [
        (g.issue, *(f"{w:.2f}" for w in g.weights), f"{g.gap:.0f}", f"{g.stake:.1f}")
        for g in res.issues[:ISSUES_SHOWN]
        if g.stake > 0
    ]
    return TableView(columns=columns, rows=tuple(rows), pad_edge=False)


def _options(res: AlignResult) -> TableView:
    rows: list[tuple[Cell, ...]] = []
    for o in res.options:
        size = "—" if o.size is None else f"{o.size:.1f}"
        nash = "—" if o.nash_surplus is None else f"{o.nash_surplus:.1f}"
        yes = sum(1 for a in o.accepts if a >= 1.0)
        some = sum(1 for a in o.accepts if 0.0 < a < 1.0)
        zopa = span("yes", "good") if o.exists else span("no", "bad")
        rows.append((o.profile, f"{o.batna:.1f}", zopa, size, nash, f"{yes}", f"{some}"))
    return TableView(
        columns=(
            col("profile"),
            col("BATNA", "right", no_wrap=True),
            col("ZOPA", no_wrap=True),
            col("size", "right", no_wrap=True),
            col("Nash surplus", "right", no_wrap=True),
            col("accepts", "right", no_wrap=True),
            col("in some forms", "right", no_wrap=True),
        ),
        rows=tuple(rows),
        pad_edge=False,
    )


def _changes(res: AlignResult) -> list[Block]:
    """The plans whose verdict differs between the aggregate and some faction."""
    agg = res.options[0]
    out: list[Block] = []
    for o in res.options[1:]:
        gained = [res.plans[m] for m, (a, b) in enumerate(zip(agg.accepts, o.accepts, strict=True)) if b > a]
        lost = [res.plans[m] for m, (a, b) in enumerate(zip(agg.accepts, o.accepts, strict=True)) if b < a]
        if gained or lost:
            parts = [
                f"accepts also {', '.join(gained)}" if gained else "",
                f"no longer {', '.join(lost)}" if lost else "",
            ]
            out.append(
                line(span(o.profile, "key"), " in the party's place: ", "; ".join(p for p in parts if p), ".")
            )
    return out


def align(outcome: AlignOutcome) -> View:
    """The issues by stake, the options under each profile, and the plans whose verdict moves."""
    s, res = outcome.request.scenario, outcome.result
    shares = ", ".join(f"{f} {w:.0%}" for f, w in outcome.shares)
    out: list[Block] = [
        line(span("Alignment", "strong"), " of ", span(res.party, "key"), f" — {s.title}"),
        line(
            f"Factions and their weights: {shares}; aggregate = weighted mean of their utilities "
            f"(estimates of {outcome.estimates.perspective}).",
            tone="muted",
        ),
        BLANK,
        line("Where they disagree (largest stake first):"),
        _issues(res),
        line(
            "w: the issue's share of each profile's weight; gap: largest difference in the value of one "
            "option; stake: largest difference in its points of utility.",
            tone="muted",
        ),
        BLANK,
        line(f"{res.party}'s options outside, speaking with each voice (plans: {len(res.plans)}):"),
        _options(res),
        line("size: largest minimum surplus of all parties; Nash surplus: this party's.", tone="muted"),
    ]
    changes = _changes(res)
    out += [BLANK, *changes] if changes else [line("Every profile accepts the same plans.", tone="muted")]
    return tuple(out)
