"""Negotiation simulators: protocols, strategies, transcripts (issue #12).

One module per protocol (:mod:`.proximity`, :mod:`.single_text`,
:mod:`.alternating`, :mod:`.interlocking`) and per strategy
(:mod:`.strategies`), registered in :mod:`.registry` and loaded by
``"name(k=v)"``; :func:`simulate` runs one negotiation on a compiled
:class:`~accord.space.Space` and returns a frozen :class:`SimulationResult`.

>>> import accord
>>> from accord.protocols import simulate
>>> space = accord.compile_space("ukraine")
>>> simulate(space, "alternating-offers", seed=1).ending in ("agreement", "breakdown")
True
"""

from __future__ import annotations

from accord.protocols import catalogue as _catalogue  # registers the built-in protocols and strategies
from accord.protocols.agenda import Agenda, Delegation, Package
from accord.protocols.events import EVENT_KINDS, Event, Report
from accord.protocols.preconditions import Block, Entry, Precondition, entry
from accord.protocols.registry import PROTOCOLS, STRATEGIES, Param, ProtocolSpec, StrategySpec, make_strategy
from accord.protocols.results import Distances, Reference, SimulationResult, distances
from accord.protocols.simulate import simulate
from accord.protocols.strategies.base import Context, MediatorStrategy, Strategy

del _catalogue

__all__ = [
    "EVENT_KINDS",
    "PROTOCOLS",
    "STRATEGIES",
    "Agenda",
    "Block",
    "Context",
    "Delegation",
    "Distances",
    "Entry",
    "Event",
    "MediatorStrategy",
    "Package",
    "Param",
    "Precondition",
    "ProtocolSpec",
    "Reference",
    "Report",
    "SimulationResult",
    "Strategy",
    "StrategySpec",
    "distances",
    "entry",
    "make_strategy",
    "simulate",
]
