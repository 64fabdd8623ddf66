"""The tournament use case: compile each perspective once, then play the grid (:mod:`.protocols.tournament`).

Each perspective's space is compiled for the scenario's negotiating parties, with
the process the scenario states (its tables, the early-implementation exceptions of
nothing-agreed-until-everything-agreed, its ``precondition`` rules, less the ones
dropped) and, unless ``benchmarks`` is off, its Nash solution and frontier
(:func:`accord.workbench.simulate.reference`), computed once per perspective.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from accord.model import Scenario
from accord.protocols import PROTOCOLS, STRATEGIES
from accord.protocols.tournament import Arena, TournamentResult, run_tournament
from accord.space import SpaceError, compile_space
from accord.workbench.simulate import preconditions, reference

__all__ = ["TournamentOutcome", "TournamentRequest", "arenas", "default_strategies", "tournament"]


def default_strategies() -> tuple[str, ...]:
    """Every registered delegation strategy, with its default parameters."""
    return tuple(s.name for s in STRATEGIES if s.role == "delegation")


@dataclass(frozen=True, slots=True, kw_only=True)
class TournamentRequest:
    """A tournament on ``scenario``: protocols, strategies, perspectives (empty: all or default), seeds."""

    scenario: Scenario
    seeds: int = 10
    seed: int = 0
    protocols: tuple[str, ...] = ()
    strategies: tuple[str, ...] = ()
    perspectives: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    benchmarks: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class TournamentOutcome:
    """The request and the tournament's result."""

    request: TournamentRequest
    result: TournamentResult

    @property
    def scenario(self) -> Scenario:
        """The scenario played on."""
        return self.request.scenario


def arenas(request: TournamentRequest) -> tuple[Arena, ...]:
    """One compiled arena per requested perspective (the default one when none is)."""
    s = request.scenario
    wanted = request.perspectives or (s.default_perspective,)
    known = {p.id for p in s.perspectives}
    unknown = [p for p in wanted if p not in known]
    if unknown:
        raise SpaceError(
            "perspectives", f"unknown perspective {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    pre = preconditions(s)
    missing = [d for d in request.drop if d not in {p.id for p in pre}]
    if missing:
        raise SpaceError(
            "drop",
            f"no precondition {', '.join(missing)}; the scenario's: {', '.join(p.id for p in pre) or 'none'}",
        )
    tables = tuple((t.id, t.parties, tuple(i.id for i in s.issues if i.table == t.id)) for t in s.tables)
    out = []
    for persp in wanted:
        space = compile_space(s, perspective=persp, parties=s.negotiating_parties())
        early = tuple(
            i
            for r in s.rules
            if r.kind == "nothing_agreed_until_everything_agreed"
            for i in r.exceptions
            if i in space.issues
        )
        out.append(
            Arena(
                perspective=persp,
                space=space,
                reference=reference(space) if request.benchmarks else None,
                tables=tables,
                early=early,
                preconditions=pre,
                dropped=request.drop,
            )
        )
    return tuple(out)


def tournament(
    request: TournamentRequest, *, executor: Any = None, progress: Callable[[int], None] | None = None
) -> TournamentOutcome:
    """Play the request's grid (every protocol and delegation strategy when none are named)."""
    protocols = request.protocols or PROTOCOLS.names
    strategies = request.strategies or default_strategies()
    result = run_tournament(
        arenas(request),
        protocols,
        strategies,
        seeds=request.seeds,
        seed=request.seed,
        executor=executor,
        progress=progress,
    )
    return TournamentOutcome(request=request, result=result)


def total_matches(request: TournamentRequest) -> int:
    """How many negotiations the request plays."""
    protocols = request.protocols or PROTOCOLS.names
    strategies = request.strategies or default_strategies()
    return len(protocols) * len(strategies) * max(1, len(request.perspectives)) * request.seeds
