"""How a result was obtained: one :class:`Provenance` record on every result.

Rules of the house 3 and 5 (``shared/design.md``): every engine returns a frozen
result with a ``status`` and a ``provenance`` saying which algorithm ran (with its
citation), with which parameters and seed, whether the answer is proven
(``exact``), how far from proven it is (``gap``) and how long it took.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Literal, get_args

Status = Literal["ok", "infeasible", "no_zopa", "limit"]
"""``ok``: answered; ``infeasible``: no package meets the constraints, red lines and
restrictions (the result's ``conflict`` names a minimal set in conflict);
``no_zopa``: feasible packages exist but none beats every BATNA; ``limit``: a limit
stopped the search before anything could be said."""

STATUSES: tuple[str, ...] = get_args(Status)
"""Every valid :data:`Status`, in order."""


def frozen_mapping(items: Mapping[str, object] | None = None) -> Mapping[str, object]:
    """A read-only copy of ``items`` (an empty one for ``None``)."""
    return MappingProxyType(dict(items or {}))


@dataclass(frozen=True, slots=True, kw_only=True)
class Provenance:
    """Which algorithm produced a result, how, and how sure it is.

    ``algorithm`` names what ran (e.g. ``"staged Pareto enumeration"``) and
    ``citation`` the published source it implements. ``parameters`` are the
    options it ran with (read-only), ``seed`` the random seed if any. ``exact``
    is True when the answer is proven; otherwise ``gap`` bounds how far the true
    optimum can be from it (in the result's objective units). ``seconds`` is the
    wall-clock time of the engine call.
    """

    algorithm: str
    citation: str = ""
    parameters: Mapping[str, object] = field(default_factory=frozen_mapping)
    seed: int | None = None
    exact: bool = True
    gap: float = 0.0
    seconds: float = 0.0

    def __post_init__(self) -> None:
        if not isinstance(self.parameters, MappingProxyType):
            object.__setattr__(self, "parameters", frozen_mapping(self.parameters))

    def timed(self, seconds: float) -> Provenance:
        """The same provenance with ``seconds`` set (engines time themselves last)."""
        return replace(self, seconds=seconds)
