"""The result of one simulated negotiation, and how it measures against the bargaining benchmarks.

A :class:`SimulationResult` is frozen (design.md rule 4): the transcript
(:class:`~accord.protocols.events.Event` s), the end (agreement or breakdown and
why, or entry blocked by preconditions), the final utilities, the utilities of
every package put on the table (the trajectory the recorder measured), and,
when a :class:`Reference` was given, the distance of the outcome to the Nash
solution and to the efficient frontier.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

import numpy as np

from accord.numeric import TOL, FloatArray, readonly
from accord.protocols.agenda import Package
from accord.protocols.events import Event
from accord.protocols.preconditions import Block
from accord.provenance import Provenance

Ending = Literal["agreement", "breakdown", "blocked"]
"""How a run ended: an agreement, a breakdown (rejection or deadline), or no talks (preconditions)."""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Reference:
    """What a simulated outcome is measured against: the Nash solution and efficient packages' utilities.

    Computed by the package searches (:mod:`accord.analysis`) and passed in, so that
    the simulator stays independent of them; ``frontier`` is ``(n, parties)``.
    """

    nash: FloatArray | None
    frontier: FloatArray
    frontier_exact: bool = True

    def __post_init__(self) -> None:
        if self.nash is not None:
            object.__setattr__(self, "nash", readonly(np.array(self.nash, dtype=np.float64)))
        object.__setattr__(self, "frontier", readonly(np.array(self.frontier, dtype=np.float64)))


@dataclass(frozen=True, slots=True, kw_only=True)
class Distances:
    """How far an outcome lies from the benchmarks (points on the 0-100 scale).

    ``frontier``: Euclidean distance to the nearest listed efficient package that is
    at least as good for everyone (0 when none is: the outcome is efficient as far
    as the list shows); ``nash``: Euclidean distance to the Nash solution's
    utilities; ``nash_share``: the outcome's Nash product over the Nash solution's
    (1 at the solution, 0 at or below a BATNA).
    """

    frontier: float
    nash: float | None
    nash_share: float | None


def distances(utilities: FloatArray, batna: FloatArray, reference: Reference) -> Distances:
    """The :class:`Distances` of ``utilities`` from ``reference``."""
    f = reference.frontier
    better = f[(f >= utilities - TOL).all(axis=1)] if len(f) else f
    front = float(np.sqrt(((better - utilities) ** 2).sum(axis=1)).min()) if len(better) else 0.0
    if reference.nash is None:
        return Distances(frontier=front, nash=None, nash_share=None)
    gap = float(np.sqrt(((reference.nash - utilities) ** 2).sum()))
    best = float(np.prod(np.maximum(reference.nash - batna, 0.0)))
    mine = float(np.prod(np.maximum(utilities - batna, 0.0)))
    return Distances(frontier=front, nash=gap, nash_share=mine / best if best > 0 else None)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class SimulationResult:
    """One simulated negotiation: transcript, ending, final utilities and benchmark distances.

    ``strategies`` maps each seat (party ids, and ``mediator`` for mediated
    protocols) to the strategy text it ran. ``package``/``terms`` are the agreement
    (None otherwise); ``utilities`` what each party ends with (its BATNA without
    agreement); ``trajectory`` the utilities (true, as the observer sees them) of
    the package of every event in ``offer_events`` (indices into ``events``);
    ``blocks`` the preconditions that kept parties out; ``distances`` the
    benchmarks when a reference was given.
    """

    protocol: str
    parties: tuple[str, ...]
    issues: tuple[str, ...]
    strategies: Mapping[str, str]
    ending: Ending
    reason: str
    package: Package | None
    terms: Mapping[str, str] | None
    utilities: FloatArray
    batna: FloatArray
    events: tuple[Event, ...]
    offer_events: tuple[int, ...]
    trajectory: FloatArray
    rounds: int
    deadline: int
    seed: int
    blocks: tuple[Block, ...] = ()
    dropped: tuple[str, ...] = ()
    distances: Distances | None = None
    provenance: Provenance = field(default_factory=lambda: Provenance(algorithm="simulation"))

    def __post_init__(self) -> None:
        object.__setattr__(self, "strategies", MappingProxyType(dict(self.strategies)))
        if self.terms is not None:
            object.__setattr__(self, "terms", MappingProxyType(dict(self.terms)))
        for name in ("utilities", "batna", "trajectory"):
            object.__setattr__(self, name, readonly(np.array(getattr(self, name), dtype=np.float64)))

    @property
    def agreed(self) -> bool:
        """Whether the run ended in agreement."""
        return self.ending == "agreement"
