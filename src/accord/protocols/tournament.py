"""Tournaments: every strategy x protocol x perspective x seed, played and summarised.

A tournament in the sense of Axelrod (1984, *The Evolution of Cooperation*, ch. 2)
and the ANAC competitions (Baarslag, Hindriks, Jonker, Kraus & Lin 2012, "The
first automated negotiating agents competition (ANAC 2010)"): each strategy meets
each protocol on each perspective's estimates, over the same list of seeds, and
the summary compares them by agreement rate, mean utilities, the share of the
Nash product reached (Nash 1950) and the distance to the efficient frontier. A
strategy here is the strategy every delegation plays (a homogeneous population);
mediated protocols seat the default mediator.

Seeds: ``SeedSequence(seed).spawn(seeds)`` gives one child per replicate
(NumPy's recommended way to derive independent streams); replicate *r* plays
every cell of the grid with the same child seed (common random numbers, so that
cells differ by strategy and protocol, not by luck). The children are recorded.
The matches are cut into fixed chunks before an executor sees them, so the
result does not depend on where or in what order chunks ran. Each chunk
prepares its arena once (:func:`~accord.protocols.simulate.prepare`: entry,
agenda, every seat's draw-free candidate work) and reuses it for its matches.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TypeVar

import numpy as np

from accord.numeric import FloatArray, readonly
from accord.protocols.preconditions import Precondition
from accord.protocols.registry import get_protocol, make_strategy
from accord.protocols.results import Ending, Reference
from accord.protocols.simulate import TableSpec, prepare, simulate
from accord.provenance import Provenance
from accord.space import Space, SpaceError

__all__ = [
    "CHUNK",
    "Arena",
    "ChildSeed",
    "Match",
    "MatchOutcome",
    "SummaryRow",
    "TournamentResult",
    "plan_matches",
    "play_chunk",
    "run_tournament",
    "summarise",
]

CHUNK = 20
"""Matches per task handed to an executor."""

T = TypeVar("T")
R = TypeVar("R")
Executor = Callable[[Callable[[T], R], Sequence[T]], Iterable[R]]
"""Runs a top-level function over tasks and yields the results in task order (``map`` does)."""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Arena:
    """One perspective's compiled negotiation: the space, its benchmarks and the process it runs under."""

    perspective: str
    space: Space
    reference: Reference | None = None
    tables: tuple[TableSpec, ...] = ()
    early: tuple[str, ...] = ()
    preconditions: tuple[Precondition, ...] = ()
    dropped: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ChildSeed:
    """The child seed of one replicate: its spawn key under the root seed and the integer the runs use."""

    replicate: int
    spawn_key: tuple[int, ...]
    seed: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Match:
    """One negotiation of the grid."""

    index: int
    protocol: str
    strategy: str
    perspective: str
    replicate: int
    seed: int


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class MatchOutcome:
    """How one match ended: agreement or not, each party's utility, its Nash share and frontier distance."""

    match: Match
    ending: Ending
    utilities: FloatArray
    rounds: int
    nash_share: float | None
    frontier: float | None

    def __post_init__(self) -> None:
        object.__setattr__(self, "utilities", readonly(np.array(self.utilities, dtype=np.float64)))


@dataclass(frozen=True, slots=True, kw_only=True)
class SummaryRow:
    """One cell of the grid (protocol, strategy, perspective) over its seeds.

    ``mean_utilities`` per party (a breakdown counts as the party's BATNA);
    ``nash_share`` the mean share of the Nash product reached (0 at a breakdown;
    None without benchmarks); ``frontier`` the mean distance to the efficient
    frontier in points.
    """

    protocol: str
    strategy: str
    perspective: str
    runs: int
    agreements: int
    mean_utilities: Mapping[str, float]
    nash_share: float | None
    frontier: float | None
    mean_rounds: float

    @property
    def agreement_rate(self) -> float:
        """The share of runs that ended in agreement."""
        return self.agreements / self.runs if self.runs else 0.0


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class TournamentResult:
    """Every match's outcome, the summary per cell, the child seeds, and the provenance."""

    parties: tuple[str, ...]
    protocols: tuple[str, ...]
    strategies: tuple[str, ...]
    perspectives: tuple[str, ...]
    seeds: tuple[ChildSeed, ...]
    outcomes: tuple[MatchOutcome, ...]
    rows: tuple[SummaryRow, ...]
    provenance: Provenance = field(default_factory=lambda: Provenance(algorithm="tournament"))


def child_seeds(seed: int, replicates: int) -> tuple[ChildSeed, ...]:
    """The recorded children of ``SeedSequence(seed)``, one per replicate."""
    children = np.random.SeedSequence(seed).spawn(replicates)
    return tuple(
        ChildSeed(replicate=r, spawn_key=tuple(int(k) for k in c.spawn_key), seed=int(c.generate_state(1)[0]))
        for r, c in enumerate(children)
    )


def plan_matches(
    protocols: Sequence[str],
    strategies: Sequence[str],
    perspectives: Sequence[str],
    seeds: Sequence[ChildSeed],
) -> tuple[Match, ...]:
    """The grid in a fixed order: perspective, protocol, strategy, replicate."""
    grid = (
        (persp, proto, strat, s)
        for persp in perspectives
        for proto in protocols
        for strat in strategies
        for s in seeds
    )
    return tuple(
        Match(index=k, protocol=proto, strategy=strat, perspective=persp, replicate=s.replicate, seed=s.seed)
        for k, (persp, proto, strat, s) in enumerate(grid)
    )


def play_chunk(task: tuple[Arena, tuple[Match, ...]]) -> tuple[MatchOutcome, ...]:
    """Play ``task``'s matches on its arena (a top-level function, so executors can ship it)."""
    arena, matches = task
    prep = prepare(
        arena.space,
        tables=arena.tables,
        preconditions=arena.preconditions,
        dropped=arena.dropped,
        interlocking=any(m.protocol == "interlocking-tables" for m in matches),
    )
    out = []
    for m in matches:
        r = simulate(
            arena.space,
            m.protocol,
            dict.fromkeys(arena.space.parties, m.strategy),
            seed=m.seed,
            tables=arena.tables,
            early=arena.early,
            preconditions=arena.preconditions,
            dropped=arena.dropped,
            reference=arena.reference,
            prepared=prep,
        )
        d = r.distances
        share = None if d is None else d.nash_share
        out.append(
            MatchOutcome(
                match=m,
                ending=r.ending,
                utilities=r.utilities,
                rounds=r.rounds,
                nash_share=share,
                frontier=None if d is None else d.frontier,
            )
        )
    return tuple(out)


def _check_names(protocols: Sequence[str], strategies: Sequence[str], seeds: int) -> None:
    if seeds < 1:
        raise SpaceError("seeds", f"must be at least 1, not {seeds}")
    if not protocols:
        raise SpaceError("protocols", "name at least one protocol")
    if not strategies:
        raise SpaceError("strategies", "name at least one strategy")
    for p in protocols:
        get_protocol(p)
    for s in strategies:
        make_strategy(s, role="delegation")


def run_tournament(
    arenas: Sequence[Arena],
    protocols: Sequence[str],
    strategies: Sequence[str],
    *,
    seeds: int,
    seed: int = 0,
    executor: Executor[tuple[Arena, tuple[Match, ...]], tuple[MatchOutcome, ...]] | None = None,
    progress: Callable[[int], None] | None = None,
    chunk: int = CHUNK,
) -> TournamentResult:
    """Play every strategy x protocol x arena (perspective) x seed; the same result on any executor.

    Unknown protocol or strategy names and bad parameters are
    :class:`~accord.space.SpaceError` s naming the field and listing the known ones.
    """
    t0 = time.perf_counter()
    _check_names(protocols, strategies, seeds)
    by_persp = {a.perspective: a for a in arenas}
    children = child_seeds(seed, seeds)
    matches = plan_matches(protocols, strategies, tuple(by_persp), children)
    tasks = _chunks(matches, by_persp, chunk)
    run = executor or (lambda f, xs: map(f, xs))
    outcomes: list[MatchOutcome] = []
    for done in run(play_chunk, tasks):
        outcomes.extend(done)
        if progress is not None:
            progress(len(done))
    parties = arenas[0].space.parties if arenas else ()
    return TournamentResult(
        parties=tuple(parties),
        protocols=tuple(protocols),
        strategies=tuple(strategies),
        perspectives=tuple(by_persp),
        seeds=children,
        outcomes=tuple(outcomes),
        rows=summarise(outcomes, parties),
        provenance=Provenance(
            algorithm="tournament",
            citation="Axelrod 1984; Baarslag et al. 2012",
            parameters=MappingProxyType({"seeds": seeds, "chunk": chunk, "matches": len(matches)}),
            seed=seed,
            seconds=time.perf_counter() - t0,
        ),
    )


def _chunks(
    matches: Sequence[Match], arenas: Mapping[str, Arena], chunk: int
) -> list[tuple[Arena, tuple[Match, ...]]]:
    """Fixed chunks of at most ``chunk`` consecutive matches of one perspective each."""
    out: list[tuple[Arena, tuple[Match, ...]]] = []
    for persp, arena in arenas.items():
        mine = [m for m in matches if m.perspective == persp]
        out.extend((arena, tuple(mine[k : k + chunk])) for k in range(0, len(mine), chunk))
    return out


def _mean(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return float(np.mean(known)) if known else None


def summarise(outcomes: Sequence[MatchOutcome], parties: Sequence[str]) -> tuple[SummaryRow, ...]:
    """One row per (protocol, strategy, perspective), in the order the cells were played."""
    cells: dict[tuple[str, str, str], list[MatchOutcome]] = {}
    for o in outcomes:
        cells.setdefault((o.match.protocol, o.match.strategy, o.match.perspective), []).append(o)
    rows = []
    for (proto, strat, persp), group in cells.items():
        utils = np.array([o.utilities for o in group], dtype=np.float64).reshape(len(group), len(parties))
        rows.append(
            SummaryRow(
                protocol=proto,
                strategy=strat,
                perspective=persp,
                runs=len(group),
                agreements=sum(o.ending == "agreement" for o in group),
                mean_utilities=MappingProxyType(dict(zip(parties, utils.mean(axis=0).tolist(), strict=True))),
                nash_share=_mean([o.nash_share for o in group]),
                frontier=_mean([o.frontier for o in group]),
                mean_rounds=float(np.mean([o.rounds for o in group])),
            )
        )
    return tuple(rows)
