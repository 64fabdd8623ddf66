"""``accord linkage`` and ``accord sequence``: process designs from the scenario's tables and rules."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from accord.cli.errors import fields
from accord.cli.options import (
    JsonOpt,
    PerspectiveOpt,
    ScenarioArg,
    TablesOpt,
    TimeLimitOpt,
    check_plot,
    engine_limit,
    load_scenario,
    parse_perspective,
    split_list,
)
from accord.cli.output import emit, write_plot

PlotOpt = Annotated[
    Path | None,
    typer.Option("--plot", metavar="FILE", help="Also draw a plot to FILE (.png or .svg)."),
]


def linkage(
    scenario: ScenarioArg,
    tables: TablesOpt = None,
    perspective: PerspectiveOpt = None,
    time_limit: TimeLimitOpt = None,
    as_json: JsonOpt = False,
    plot: PlotOpt = None,
) -> None:
    """ZOPA, Nash surpluses and value-creating trades on each table alone and on linked tables."""
    from accord.report.terminal.design import print_linkage
    from accord.workbench import design as workbench

    check_plot(plot)
    choice = parse_perspective(perspective)
    wanted = split_list(tables, "--tables")
    with fields(tables="--tables"):
        loaded = load_scenario(scenario)
        request = workbench.LinkageRequest(
            scenario=loaded, perspective=choice, tables=wanted, time_limit=engine_limit(time_limit)
        )
        outcome = workbench.linkage(request)
    emit(outcome, as_json=as_json, show=print_linkage)
    if plot is not None:
        from accord.report.plots import plot_linkage

        write_plot(plot, lambda target: plot_linkage(target, outcome))


def sequence(
    scenario: ScenarioArg,
    perspective: PerspectiveOpt = None,
    time_limit: TimeLimitOpt = None,
    as_json: JsonOpt = False,
    plot: PlotOpt = None,
) -> None:
    """Staged designs from the rules (ceasefire first, issue by issue, early measures) vs one package."""
    from accord.report.terminal.design import print_sequence
    from accord.workbench import design as workbench

    check_plot(plot)
    choice = parse_perspective(perspective)
    with fields(rules="SCENARIO"):
        request = workbench.SequenceRequest(
            scenario=load_scenario(scenario), perspective=choice, time_limit=engine_limit(time_limit)
        )
        outcome = workbench.sequence(request)
    emit(outcome, as_json=as_json, show=print_sequence)
    if plot is not None:
        from accord.report.plots import plot_sequence

        write_plot(plot, lambda target: plot_sequence(target, outcome))
