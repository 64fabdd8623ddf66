"""Frozen results of the package-search engines.

Every result says how it was obtained (``algorithm``, ``parameters``), whether
its optimality is proven (``exact``) and, when a limit cut the search short,
what was proven instead (``gap`` or a bound). "No solution" is a result with a
``status`` saying why, never ``None``. Packages are option indices per issue of
the space the engine was given; ``Space.package_ids`` names them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

Status = Literal["ok", "infeasible", "no_zopa", "limit"]
"""``ok``: answered; ``infeasible``: no package meets the constraints, red lines and
restrictions (``conflict`` names a minimal set in conflict); ``no_zopa``: feasible
packages exist but none beats every BATNA; ``limit``: a limit stopped the search
before anything could be said."""

SOLUTIONS = ("nash", "ks", "egalitarian", "utilitarian")
"""Bargaining solutions by name."""

SOLUTION_TITLES = MappingProxyType(
    {
        "nash": "Nash bargaining solution (max product of surpluses; Nash 1950)",
        "ks": "Kalai–Smorodinsky solution (max of the minimum share of the ideal gain; "
        "Kalai & Smorodinsky 1975)",
        "egalitarian": "egalitarian solution (max of the minimum surplus; Kalai 1977)",
        "utilitarian": "utilitarian solution (max sum of utilities; Harsanyi 1955)",
    }
)


def _params() -> Mapping[str, object]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class FrontierResult:
    """The efficient (Pareto) frontier of the feasible packages.

    ``utilities[j]`` is the utility vector of ``packages[j]``; one package per
    distinct vector. With ``individually_rational`` only packages acceptable to
    every party (surplus above TOL) are kept. ``exact`` is False when a limit
    stopped the enumeration: ``packages`` are then efficient packages proven by
    weighted sums (supported points), not the whole frontier.
    """

    status: Status
    parties: tuple[str, ...]
    packages: IntArray
    utilities: FloatArray
    batna: FloatArray
    exact: bool
    individually_rational: bool
    algorithm: str
    parameters: Mapping[str, object] = field(default_factory=_params)
    n_feasible: int = 0
    conflict: tuple[str, ...] = ()
    note: str = ""
    seconds: float = 0.0

    def __len__(self) -> int:
        return int(self.packages.shape[0])


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class BargainingResult:
    """A bargaining solution over pure packages, or over lotteries of packages.

    ``package`` is the solution (for a lottery: its most likely package);
    ``lottery`` lists ``(probability, package)`` for lottery solutions and is
    empty otherwise. ``utilities`` are (expected) utilities, ``surplus`` their
    excess over ``batna`` and ``objective`` the maximised value (the product of
    surpluses for Nash). ``ideal`` is the Kalai–Smorodinsky ideal point.
    ``gap`` bounds how much better the true optimum's objective can be (0 when
    exact; in log-product units for Nash).
    """

    solution: str
    lotteries: bool
    status: Status
    parties: tuple[str, ...]
    batna: FloatArray
    package: tuple[int, ...] | None
    utilities: FloatArray | None
    objective: float | None
    exact: bool
    algorithm: str
    parameters: Mapping[str, object] = field(default_factory=_params)
    lottery: tuple[tuple[float, tuple[int, ...]], ...] = ()
    ideal: FloatArray | None = None
    gap: float = 0.0
    conflict: tuple[str, ...] = ()
    note: str = ""
    seconds: float = 0.0

    @property
    def surplus(self) -> FloatArray | None:
        return None if self.utilities is None else self.utilities - self.batna


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class ZopaResult:
    """Zone of possible agreement: packages every chosen party prefers to its BATNA.

    ``exists``: some feasible package gives every party a surplus above TOL and
    crosses no honoured red line. ``best`` maximises the minimum surplus over all
    feasible packages (its ``min_surplus`` is negative or zero when there is no
    ZOPA: how far the closest package falls short). ``count`` is the exact number
    of acceptable packages when ``counting == "exact"``; with
    ``counting == "monte-carlo"`` ``share`` is an estimate from ``samples``
    uniform draws over the feasible packages (``seed``) with the 95% Wilson
    interval ``share_interval`` and ``count`` is None.
    """

    status: Status
    parties: tuple[str, ...]
    batna: FloatArray
    exists: bool
    best: tuple[int, ...] | None
    best_utilities: FloatArray | None
    min_surplus: float | None
    best_exact: bool
    counting: Literal["exact", "monte-carlo"]
    count: int | None
    n_feasible: int
    n_packages: int
    share: float | None
    share_interval: tuple[float, float] | None
    samples: int
    seed: int | None
    algorithm: str
    parameters: Mapping[str, object] = field(default_factory=_params)
    gap: float = 0.0
    conflict: tuple[str, ...] = ()
    note: str = ""
    seconds: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """One issue changed by an amendment (option indices and ids)."""

    issue: int
    issue_id: str
    before: int
    after: int
    before_id: str
    after_id: str


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class AmendResult:
    """The smallest amendment of a plan that every chosen party accepts.

    ``plan`` is the completed plan package (open issues at their status quo).
    ``feasible``: an amendment exists; then ``package`` is the amended plan,
    ``changes`` lists the issues changed and, among all amendments with as few
    changes, ``package`` loses the least for ``proposer`` (or, without a
    proposer, leaves the largest minimum surplus). ``exact`` is False when a
    limit stopped the proof: ``package`` is then the best found and
    ``lower_bound`` the proven least number of changes.
    """

    status: Status
    feasible: bool
    parties: tuple[str, ...]
    must_accept: tuple[int, ...]
    batna: FloatArray
    plan: tuple[int, ...]
    plan_utilities: FloatArray
    package: tuple[int, ...] | None
    utilities: FloatArray | None
    changes: tuple[Change, ...]
    proposer: int | None
    exact: bool
    lower_bound: int
    algorithm: str
    parameters: Mapping[str, object] = field(default_factory=_params)
    conflict: tuple[str, ...] = ()
    note: str = ""
    seconds: float = 0.0

    @property
    def n_changes(self) -> int | None:
        return len(self.changes) if self.feasible else None
