"""Ripeness and alignment on the terminal."""

from __future__ import annotations

from rich.console import Console

from accord.report.terminal import render
from accord.report.views import align as align_views
from accord.report.views import ripeness as ripeness_views
from accord.workbench.align import AlignOutcome
from accord.workbench.ripeness import RipenessOutcome


def print_ripeness(console: Console, outcome: RipenessOutcome) -> None:
    """Each timeline month by month, its windows, and who gains by waiting."""
    render(console, ripeness_views.ripeness(outcome))


def print_align(console: Console, outcome: AlignOutcome) -> None:
    """The factions' disagreements and the party's options under each."""
    render(console, align_views.align(outcome))
