"""``accord tournament`` on the terminal: one row per cell of the grid, then the mean utilities."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from accord.workbench.tournament import TournamentOutcome


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.0f}%"


def _pts(x: float | None) -> str:
    return "—" if x is None else f"{x:.1f}"


def print_tournament(console: Console, outcome: TournamentOutcome) -> None:
    """The summary table (agreement rate, Nash-product share, distance to frontier) and mean utilities."""
    res = outcome.result
    several = len(res.perspectives) > 1
    console.print(
        Text(
            f"Tournament on {outcome.scenario.id}: {len(res.outcomes)} negotiations "
            f"(seeds per cell: {len(res.seeds)}, root seed {res.provenance.seed}); every delegation "
            "plays the row's strategy. Utilities are estimates on a 0–100 scale."
        )
    )
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for name in (
        "protocol",
        "strategy",
        *(["perspective"] if several else []),
        "agreed",
        "Nash",
        "to front",
        "rounds",
    ):
        table.add_column(name, justify="left" if name in ("protocol", "strategy", "perspective") else "right")
    for r in res.rows:
        cells = [r.protocol, r.strategy, *([r.perspective] if several else [])]
        cells += [_pct(r.agreement_rate), _pct(r.nash_share), _pts(r.frontier), f"{r.mean_rounds:.0f}"]
        table.add_row(*(Text(c) for c in cells))
    console.print(table)
    console.print(
        Text(
            "Nash: mean share of the Nash product reached (0 at a breakdown); to front: mean distance to "
            "the efficient frontier (points)."
        )
    )
    utilities = Table(
        title=Text("Mean utilities (a breakdown counts as the BATNA)"), box=box.SIMPLE_HEAD, pad_edge=False
    )
    utilities.add_column("protocol / strategy")
    for party in res.parties:
        utilities.add_column(party, justify="right")
    for r in res.rows:
        label = f"{r.protocol} / {r.strategy}" + (f" / {r.perspective}" if several else "")
        utilities.add_row(Text(label), *(Text(f"{r.mean_utilities[p]:.1f}") for p in res.parties))
    console.print(utilities)
