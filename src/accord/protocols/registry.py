"""The registries of protocols and strategies, declared as data and loaded by ``"name(k=v)"``.

Rule of the house 6 (``shared/design.md``) in the open_spiel style: each
protocol and strategy is one spec with its name, title, citation and
parameters; the command line, ``docs/algorithms.md`` and one conformance suite
enumerate :data:`PROTOCOLS` and :data:`STRATEGIES`. :func:`make_strategy` turns
``"boulware(e=0.2)"`` into a strategy object; an unknown name lists the known
ones and a bad parameter is named (a :class:`~accord.space.SpaceError` on
``strategies``). A user adds a strategy by registering one more
:class:`StrategySpec` whose ``factory`` returns a
:class:`~accord.protocols.strategies.base.Strategy` (or, for the mediator's
seat, a :class:`~accord.protocols.strategies.base.MediatorStrategy`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from accord.protocols.state import Setup, State
from accord.registry import Registry, RegistryError
from accord.space import SpaceError

Role = Literal["delegation", "mediator"]
"""Which seat a strategy fills: a party's delegation or the mediator's."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Param:
    """A numeric parameter of a strategy: its name, default, lower bound and whether it is whole."""

    name: str
    default: float
    minimum: float = 0.0
    strict: bool = True
    integer: bool = False
    help: str = ""

    def check(self, owner: str, value: object) -> float:
        """``value`` if valid; else a :class:`SpaceError` naming this parameter."""
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise SpaceError("strategies", f"{owner}: parameter {self.name} must be a number, not {value!r}")
        if self.integer and value != int(value):
            raise SpaceError("strategies", f"{owner}: parameter {self.name} must be a whole number")
        low = value <= self.minimum if self.strict else value < self.minimum
        if low:
            bound = ">" if self.strict else ">="
            raise SpaceError("strategies", f"{owner}: parameter {self.name} must be {bound} {self.minimum:g}")
        return int(value) if self.integer else float(value)


@dataclass(frozen=True, slots=True, kw_only=True)
class StrategySpec:
    """One registered strategy: name, title, citation, seat, parameters and its factory."""

    name: str
    title: str
    citation: str
    role: Role
    factory: Callable[..., object]
    params: tuple[Param, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ProtocolSpec:
    """One registered protocol: its module's ``start`` and ``step`` and what it needs.

    ``mediated`` protocols seat a mediator (strategy key ``mediator``);
    ``deadline`` is the default number of rounds.
    """

    name: str
    title: str
    citation: str
    summary: str
    mediated: bool
    deadline: int
    start: Callable[[Setup], State]
    step: Callable[[Setup, State], State]


PROTOCOLS: Registry[ProtocolSpec] = Registry("protocol")
"""Every negotiation protocol, in the order the docs list them."""

STRATEGIES: Registry[StrategySpec] = Registry("strategy")
"""Every strategy (delegations' and mediators'), in the order the docs list them."""


def make_strategy(text: str, *, role: Role = "delegation") -> object:
    """The strategy ``text`` names (``"boulware(e=0.2)"``), checked against its spec and seat."""
    try:
        found = STRATEGIES.parse(text)
    except RegistryError as exc:
        raise SpaceError("strategies", str(exc)) from None
    spec = found.spec
    if spec.role != role:
        known = ", ".join(s.name for s in STRATEGIES if s.role == role)
        raise SpaceError(
            "strategies", f"{spec.name} is a {spec.role} strategy; for a {role} use one of {known}"
        )
    params = {p.name: p for p in spec.params}
    kwargs: dict[str, object] = {}
    for key, value in found.kwargs.items():
        if key not in params:
            takes = ", ".join(params) or "no parameters"
            raise SpaceError("strategies", f"{spec.name}: unknown parameter {key!r} (takes {takes})")
        kwargs[key] = params[key].check(spec.name, value)
    return spec.factory(**kwargs)


def get_protocol(name: str) -> ProtocolSpec:
    """The protocol called ``name``; a :class:`SpaceError` on ``protocol`` listing the known ones."""
    try:
        return PROTOCOLS.get(name)
    except RegistryError as exc:
        raise SpaceError("protocol", str(exc)) from None
