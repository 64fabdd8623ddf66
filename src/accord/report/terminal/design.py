"""Process designs (linkage, sequencing) on the terminal."""

from __future__ import annotations

from rich.console import Console

from accord.report.terminal import render
from accord.report.views import design as views
from accord.workbench.design import LinkageOutcome, SequenceOutcome


def print_linkage(console: Console, outcome: LinkageOutcome) -> None:
    """Each table alone and linked: ZOPA, its size, Nash surpluses, trades across tables."""
    render(console, views.linkage(outcome))


def print_sequence(console: Console, outcome: SequenceOutcome) -> None:
    """Each design's stages and what each party gains or gives up by the order."""
    render(console, views.sequence(outcome))
