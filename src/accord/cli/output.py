"""Where results go: JSON or tables on stdout, plots to files, notices on stderr."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from rich.console import Console

from accord.cli.errors import err_console, fail
from accord.report.terminal import make_console

if TYPE_CHECKING:
    from accord.workbench.records import SearchOutcome

console = make_console()

OutcomeT = TypeVar("OutcomeT")


def emit(
    outcome: OutcomeT, *, as_json: bool, show: Callable[[Console, OutcomeT], None], jsonl: bool = False
) -> None:
    """Print ``outcome`` as JSON (:func:`accord.report.json.to_json`), JSON Lines, or with ``show`` as tables.

    JSON is indented for a terminal and compact otherwise (a pipe or a file: no one
    reads it by eye there, and compact JSON is written several times faster).
    ``jsonl`` (a frontier only) writes JSON Lines (:mod:`accord.report.stream`).
    """
    if as_json or jsonl:
        # Imported on use: the serializer names every outcome type, and --help needs none.
        from accord.report.stream import write_json, write_jsonl
        from accord.workbench.records import FrontierOutcome

        if jsonl:
            assert isinstance(outcome, FrontierOutcome)
            write_jsonl(outcome, sys.stdout)
        else:
            write_json(outcome, sys.stdout, pretty=sys.stdout.isatty())
    else:
        show(console, outcome)


def draw(path: Path | None, outcome: SearchOutcome) -> None:
    """Draw the frontier plot of ``outcome`` to ``path`` (nothing when ``path`` is None)."""
    if path is None:
        return
    # matplotlib and the frontier engine load only when a plot is asked for.
    from accord.report.plots import plot_picture
    from accord.workbench.picture import picture

    pic = picture(outcome)
    write_plot(path, lambda target: plot_picture(target, pic))


def write_plot(path: Path, plot: Callable[[Path], object]) -> None:
    """Run ``plot`` on ``path``; a plot or file error is a ``--plot`` error, success is said on stderr."""
    from accord.report.plots import PlotError

    try:
        plot(path)
    except PlotError as exc:
        fail(str(exc), "--plot")
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}", "--plot")
    err_console.print(f"Plot written to {path}")
