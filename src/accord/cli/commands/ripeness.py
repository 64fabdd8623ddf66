"""``accord ripeness``: months in which a ZOPA exists under the scenario's timelines."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from accord.cli.errors import fail, fields
from accord.cli.options import (
    JsonOpt,
    PerspectiveOpt,
    ScenarioArg,
    check_plot,
    load_scenario,
    parse_perspective,
)
from accord.cli.output import emit, write_plot

TimelineOpt = Annotated[
    str | None, typer.Option("--timeline", metavar="NAME", help="One timeline (its id); default: every one.")
]
StepOpt = Annotated[
    int | None,
    typer.Option("--step", metavar="MONTHS", help="Evaluate every MONTHS months (default: about 12 points)."),
]
RipenessPlotOpt = Annotated[
    Path | None,
    typer.Option("--plot", metavar="FILE", help="Also draw the timeline plot to FILE (.png or .svg)."),
]


def ripeness(
    scenario: ScenarioArg,
    timeline: TimelineOpt = None,
    step: StepOpt = None,
    perspective: PerspectiveOpt = None,
    as_json: JsonOpt = False,
    plot: RipenessPlotOpt = None,
) -> None:
    """Months in which a ZOPA exists as the BATNAs move, and who gains or loses by waiting."""
    from accord.report.terminal.process import print_ripeness
    from accord.workbench import ripeness as workbench

    if step is not None and step <= 0:
        fail(f"must be a positive number of months, not {step}", "--step")
    check_plot(plot)
    choice = parse_perspective(perspective)
    with fields(timeline="--timeline", step="--step"):
        request = workbench.RipenessRequest(
            scenario=load_scenario(scenario), perspective=choice, timeline=timeline, step=step
        )
        outcome = workbench.ripeness(request)
    emit(outcome, as_json=as_json, show=print_ripeness)
    if plot is not None:
        from accord.report.plots import plot_ripeness

        write_plot(plot, lambda target: plot_ripeness(target, outcome))
