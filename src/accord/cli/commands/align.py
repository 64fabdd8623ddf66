"""``accord align PARTY``: where a party's factions disagree, and what that changes outside."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from accord.cli.errors import fields
from accord.cli.options import (
    JsonOpt,
    PerspectiveOpt,
    ScenarioArg,
    check_plot,
    load_scenario,
    parse_perspective,
)
from accord.cli.output import emit, write_plot

PartyArg = Annotated[str, typer.Argument(metavar="PARTY", help="The party whose factions are compared.")]
AlignPlotOpt = Annotated[
    Path | None,
    typer.Option("--plot", metavar="FILE", help="Also draw the factions' weights to FILE (.png or .svg)."),
]


def align(
    scenario: ScenarioArg,
    party: PartyArg,
    perspective: PerspectiveOpt = None,
    as_json: JsonOpt = False,
    plot: AlignPlotOpt = None,
) -> None:
    """Where a party's factions disagree, their aggregate, and the party's options under each."""
    from accord.report.terminal.process import print_align
    from accord.workbench import align as workbench

    check_plot(plot)
    choice = parse_perspective(perspective)
    with fields(party="PARTY"):
        request = workbench.AlignRequest(scenario=load_scenario(scenario), party=party, perspective=choice)
        outcome = workbench.align(request)
    emit(outcome, as_json=as_json, show=print_align)
    if plot is not None:
        from accord.report.plots import plot_alignment

        write_plot(plot, lambda target: plot_alignment(target, outcome))
