"""Package searches on the terminal: frontier, bargaining solution, ZOPA, amendment."""

from __future__ import annotations

from rich.console import Console

from accord.report.terminal import render
from accord.report.views import search as views
from accord.workbench.records import AmendOutcome, FrontierOutcome, SolveOutcome, ZopaOutcome


def print_frontier(
    console: Console, outcome: FrontierOutcome, *, show: int = 25, hints: views.Hints | None = None
) -> None:
    """The efficient frontier, its first ``show`` packages (``hints``: how to see the rest)."""
    render(console, views.frontier(outcome, show=show, hints=hints, width=console.width))


def print_solution(console: Console, outcome: SolveOutcome) -> None:
    """A bargaining solution."""
    render(console, views.solution(outcome, width=console.width))


def print_zopa(console: Console, outcome: ZopaOutcome) -> None:
    """The zone of possible agreement."""
    render(console, views.zopa(outcome, width=console.width))


def print_amendment(console: Console, outcome: AmendOutcome) -> None:
    """The smallest amendment of a plan."""
    render(console, views.amendment(outcome, width=console.width))
