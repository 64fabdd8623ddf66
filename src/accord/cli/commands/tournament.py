"""``accord tournament``: every strategy x protocol x perspective x seed on a scenario, summarised."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from accord.cli import sweeps
from accord.cli.commands.robustness import DaskOpt
from accord.cli.commands.simulate import DropOpt
from accord.cli.errors import fail, fields
from accord.cli.options import JsonOpt, ScenarioArg, check_plot, load_scenario, split_list
from accord.cli.output import emit, write_plot

SeedsOpt = Annotated[int, typer.Option("--seeds", "-n", help="Seeds (replicates) per cell of the grid.")]
RootSeedOpt = Annotated[
    int, typer.Option("--seed", help="Root seed; each replicate gets a spawned child seed.")
]
ProtocolsOpt = Annotated[
    str | None, typer.Option("--protocols", metavar="NAME,...", help="Protocols to play (default: all).")
]
TStrategiesOpt = Annotated[
    str | None,
    typer.Option(
        "--strategies",
        metavar="SPEC;...",
        help="Delegation strategies, separated by ';' or ',' (e.g. 'boulware(e=0.2);conceder'); every "
        "delegation plays the row's strategy (default: every registered delegation strategy).",
    ),
]
PerspectivesOpt = Annotated[
    str | None,
    typer.Option(
        "--perspectives", metavar="ID,...", help="Perspectives to play under (default: the scenario's)."
    ),
]
NoBenchOpt = Annotated[
    bool, typer.Option("--no-benchmarks", help="Skip the Nash and frontier distances (faster).")
]
TournamentPlotOpt = Annotated[
    Path | None,
    typer.Option("--plot", metavar="FILE", help="Also plot Nash share and agreement rate (.png or .svg)."),
]


def tournament(
    scenario: ScenarioArg,
    seeds: SeedsOpt = 10,
    protocols: ProtocolsOpt = None,
    strategies: TStrategiesOpt = None,
    perspectives: PerspectivesOpt = None,
    seed: RootSeedOpt = 0,
    drop: DropOpt = None,
    no_benchmarks: NoBenchOpt = False,
    dask: DaskOpt = None,
    as_json: JsonOpt = False,
    plot: TournamentPlotOpt = None,
) -> None:
    """Play every strategy against every protocol, perspective and seed; summarise who reaches what."""
    from accord.report.terminal.tournament import print_tournament
    from accord.workbench import tournament as workbench

    if seeds < 1:
        fail(f"must be at least 1, not {seeds}", "--seeds")
    check_plot(plot)
    s = load_scenario(scenario)
    with fields(
        protocol="--protocols",
        protocols="--protocols",
        seeds="--seeds",
        strategies="--strategies",
        perspectives="--perspectives",
        drop="--drop",
    ):
        request = workbench.TournamentRequest(
            scenario=s,
            seeds=seeds,
            seed=seed,
            protocols=split_list(protocols, "--protocols") or (),
            strategies=split_specs(strategies),
            perspectives=split_list(perspectives, "--perspectives") or (),
            drop=_drop(drop, s),
            benchmarks=not no_benchmarks,
        )
        total = workbench.total_matches(request)
        # Worker processes: the simulator's loops hold the GIL, so threads would take turns.
        with (
            sweeps.executor(dask, processes=True) as executor,
            sweeps.progress(total, quiet=as_json, at_least=50, label="negotiating") as progress,
        ):
            outcome = workbench.tournament(request, executor=executor, progress=progress)
    emit(outcome, as_json=as_json, show=print_tournament)
    if plot is not None:
        from accord.report.tournament_plot import plot_tournament

        write_plot(plot, lambda target: plot_tournament(target, outcome))


def split_specs(value: str | None) -> tuple[str, ...]:
    """``"boulware(e=0.2),conceder"`` -> the specs; commas inside parentheses stay with their spec."""
    if not value:
        return ()
    out, depth, current = [], 0, ""
    for ch in value:
        depth += (ch == "(") - (ch == ")")
        if ch in ",;" and depth == 0:
            out.append(current.strip())
            current = ""
        else:
            current += ch
    out.append(current.strip())
    return tuple(s for s in out if s)


def _drop(value: str | None, scenario: Any) -> tuple[str, ...]:
    """The preconditions to drop: the ids given, or every one for ``all``."""
    if not value:
        return ()
    if value.strip() == "all":
        from accord.workbench.simulate import preconditions

        return tuple(p.id for p in preconditions(scenario))
    return tuple(v.strip() for v in value.split(",") if v.strip())
