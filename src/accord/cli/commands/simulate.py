"""``accord simulate``: run one negotiation protocol on a scenario and print its transcript."""

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

ProtocolOpt = Annotated[
    str,
    typer.Option("--protocol", help="proximity, single-text, alternating-offers or interlocking-tables."),
]
StrategiesOpt = Annotated[
    str | None,
    typer.Option(
        "--strategies",
        metavar="PARTY=SPEC,...",
        help="Each seat's strategy, e.g. 'UA=boulware(e=0.2),RU=hard-liner,mediator=nash-mediator'; "
        "default: linear (the mediator: nash-mediator).",
    ),
]
SimSeedOpt = Annotated[int, typer.Option("--seed", help="Seed of the run (same seed, same transcript).")]
DeadlineOpt = Annotated[
    int | None,
    typer.Option("--deadline", min=1, help="Rounds before the talks break down (default: the protocol's)."),
]
DropOpt = Annotated[
    str | None,
    typer.Option("--drop", metavar="ID,...|all", help="Preconditions (rule ids) to drop before the talks."),
]
HtmlOpt = Annotated[
    Path | None, typer.Option("--html", metavar="FILE", help="Also write the transcript as HTML.")
]
TrajectoryOpt = Annotated[
    Path | None,
    typer.Option("--plot", metavar="FILE", help="Also plot the offer trajectories (.png or .svg)."),
]


def simulate(
    scenario: ScenarioArg,
    protocol: ProtocolOpt = "single-text",
    strategies: StrategiesOpt = None,
    seed: SimSeedOpt = 0,
    deadline: DeadlineOpt = None,
    perspective: PerspectiveOpt = None,
    drop: DropOpt = None,
    as_json: JsonOpt = False,
    html: HtmlOpt = None,
    plot: TrajectoryOpt = None,
) -> None:
    """Simulate a negotiation: transcript, agreement or breakdown, distance to the frontier and Nash."""
    from accord.report.terminal.simulation import print_simulation
    from accord.workbench import simulate as workbench

    check_plot(plot)
    s = load_scenario(scenario)
    dropped = _drop(drop, s)
    with fields(protocol="--protocol", strategies="--strategies", deadline="--deadline", drop="--drop"):
        request = workbench.SimulateRequest(
            scenario=s, protocol=protocol, strategies=parse_strategies(strategies), seed=seed,
            deadline=deadline, perspective=parse_perspective(perspective), drop=dropped,
        )  # fmt: skip
        outcome = workbench.simulate(request)
    emit(outcome, as_json=as_json, show=print_simulation)
    if html is not None:
        _html(html, outcome)
    if plot is not None:
        from accord.report.plots import plot_trajectories

        write_plot(plot, lambda target: plot_trajectories(target, outcome))


def parse_strategies(value: str | None) -> dict[str, str]:
    """``"UA=boulware(e=0.2),RU=linear"`` -> ``{"UA": "boulware(e=0.2)", "RU": "linear"}``.

    Commas inside brackets belong to a strategy's parameters.
    """
    out: dict[str, str] = {}
    for item in _split(value or ""):
        seat, sep, spec = (part.strip() for part in item.partition("="))
        if not sep or not seat or not spec:
            fail(f"takes PARTY=STRATEGY, got {item.strip()!r}", "--strategies")
        if seat in out:
            fail(f"names {seat!r} twice", "--strategies")
        out[seat] = spec
    return out


def _split(text: str) -> list[str]:
    """``text`` split at the commas outside brackets."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p for p in parts if p.strip()]


def _drop(value: str | None, scenario: object) -> tuple[str, ...]:
    """The preconditions to drop: the ids given, or every one for ``all``."""
    if not value:
        return ()
    if value.strip() == "all":
        from accord.workbench.simulate import preconditions

        return tuple(p.id for p in preconditions(scenario))  # type: ignore[arg-type]
    return tuple(v.strip() for v in value.split(",") if v.strip())


def _html(path: Path, outcome: object) -> None:
    from accord.cli.errors import err_console
    from accord.report.html import HtmlError, write_transcript

    try:
        write_transcript(path, outcome)  # type: ignore[arg-type]
    except (HtmlError, OSError) as exc:
        fail(str(exc), "--html")
    err_console.print(f"wrote {path}")
