"""``accord robustness``: how likely each plan is acceptable over the spreads of the estimates."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from accord.cli import sweeps
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

if TYPE_CHECKING:
    from accord.workbench.robustness import RobustnessOutcome

RobustSamplesOpt = Annotated[
    int,
    typer.Option("--samples", "-n", help="Monte Carlo draws (each also draws a second matrix for Sobol)."),
]
RobustSeedOpt = Annotated[int, typer.Option("--seed", help="Seed of the draws (same seed, same result).")]
RobustPlansOpt = Annotated[
    str | None,
    typer.Option("--plans", help="Comma-separated plans (a plan id takes all its readings); default: all."),
]
DaskOpt = Annotated[
    str | None,
    typer.Option(
        "--dask",
        metavar="ADDRESS|local",
        help="Run the draws on a Dask cluster (tcp://host:8786) or a local one; same result as without.",
    ),
]
TornadoOpt = Annotated[
    Path | None,
    typer.Option(
        "--plot", metavar="FILE", help="Also draw a tornado plot of the drivers to FILE (.png or .svg)."
    ),
]


def robustness(
    scenario: ScenarioArg,
    samples: RobustSamplesOpt = 10_000,
    seed: RobustSeedOpt = 0,
    perspective: PerspectiveOpt = None,
    plans: RobustPlansOpt = None,
    dask: DaskOpt = None,
    as_json: JsonOpt = False,
    plot: TornadoOpt = None,
) -> None:
    """Probability each plan is acceptable to each party and to all, over the stated spreads."""
    from accord.report.terminal.robustness import print_robustness
    from accord.workbench import robustness as workbench

    if samples <= 0:
        fail(f"must be a positive number of draws, not {samples}", "--samples")
    check_plot(plot)
    choice = parse_perspective(perspective)
    wanted = tuple(p.strip() for p in plans.split(",") if p.strip()) if plans else None
    with fields(plans="--plans", samples="--samples"):
        request = workbench.RobustnessRequest(
            scenario=load_scenario(scenario), samples=samples, seed=seed, perspective=choice, plans=wanted
        )
        with (
            sweeps.executor(dask) as executor,
            sweeps.progress(samples, quiet=as_json, at_least=20_000, label="drawing") as progress,
        ):
            outcome = workbench.robustness(request, executor=executor, progress=progress)
    emit(outcome, as_json=as_json, show=print_robustness)
    _draw(plot, outcome)


def _draw(path: Path | None, outcome: RobustnessOutcome) -> None:
    if path is None:
        return
    from accord.report.plots import plot_drivers

    write_plot(path, lambda target: plot_drivers(target, outcome))
