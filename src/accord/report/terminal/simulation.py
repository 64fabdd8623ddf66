"""A simulated negotiation on the terminal."""

from __future__ import annotations

from rich.console import Console

from accord.report.terminal import render
from accord.report.views import simulation as views
from accord.workbench.simulate import SimulateOutcome


def print_simulation(console: Console, outcome: SimulateOutcome) -> None:
    """The ending, the outcome per party, the benchmarks, blocked preconditions and the transcript."""
    render(console, views.simulation(outcome))
