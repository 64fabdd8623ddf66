"""Scenarios on the terminal: the catalogue, the overview, profiles, a plan, a file's findings."""

from __future__ import annotations

from rich.console import Console

from accord.report.terminal import render
from accord.report.views import scenario as views
from accord.workbench.scenario import Catalogue, PlanOutcome, ProfilesOutcome, ScenarioOutcome, Validation


def print_catalogue(console: Console, outcome: Catalogue) -> None:
    """The built-in scenarios."""
    render(console, views.catalogue(outcome))


def print_scenario(console: Console, outcome: ScenarioOutcome) -> None:
    """A scenario's overview."""
    render(console, views.scenario(outcome, width=console.width))


def print_profiles(console: Console, outcome: ProfilesOutcome) -> None:
    """A party's profiles."""
    render(console, views.profiles(outcome))


def print_plan(console: Console, outcome: PlanOutcome) -> None:
    """A plan in detail."""
    render(console, views.plan(outcome))


def print_validation(console: Console, outcome: Validation) -> None:
    """A file's findings and the summary line."""
    render(console, views.validation(outcome))
