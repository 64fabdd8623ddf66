"""Evaluations on the terminal: verdicts per plan, and plans compared to the terminal's width."""

from __future__ import annotations

from rich.console import Console

from accord.report.terminal import render
from accord.report.views import evaluation as views
from accord.workbench.evaluation import ComparisonOutcome, EvaluationOutcome


def print_evaluation(console: Console, outcome: EvaluationOutcome) -> None:
    """Every evaluated plan with each party's verdict, laid out for the console's width."""
    render(console, views.evaluation(outcome, width=console.width))


def print_comparison(console: Console, outcome: ComparisonOutcome) -> None:
    """Plans compared, the issues × plans tables split to fit the console's width."""
    render(console, views.comparison(outcome, width=console.width))
