"""Robustness on the terminal."""

from __future__ import annotations

from rich.console import Console

from accord.report.terminal import render
from accord.report.views import robustness as views
from accord.workbench.robustness import RobustnessOutcome


def print_robustness(console: Console, outcome: RobustnessOutcome) -> None:
    """How likely each plan is acceptable, the best among them, and the drivers."""
    render(console, views.robustness(outcome, width=console.width))
