"""Brute-force references for the simulator tests, sharing no code with accord.protocols.

Utilities are summed straight from ``space.contrib``; a clause is checked member
by member from its option sets; the Nash product is maximised by listing every
package (small spaces only).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from accord.space import Space


def utility(space: Space, package: Sequence[int]) -> np.ndarray:
    return np.array(
        [sum(float(space.contrib[i][p, k]) for i, k in enumerate(package)) for p in range(len(space.parties))]
    )


def holds(clause: object, package: Sequence[int]) -> bool:
    return any(package[m.issue] in m.options for m in clause.members)  # type: ignore[attr-defined]


def feasible(space: Space, package: Sequence[int]) -> bool:
    in_domain = all(k in d for k, d in zip(package, space.domains, strict=True))
    return in_domain and all(holds(c, package) for c in space.constraints)


def acceptable_to(space: Space, p: int, package: Sequence[int]) -> bool:
    """Above the BATNA by more than 1e-9, feasible, and crossing none of ``p``'s red lines."""
    if not feasible(space, package):
        return False
    if any(not holds(c, package) for c in space.red_lines[p]):
        return False
    return bool(utility(space, package)[p] > space.batna[p] + 1e-9)


def best_nash_product(space: Space) -> float:
    """The largest product of surpluses over feasible packages every party accepts (0 if none)."""
    best = 0.0
    for package in itertools.product(*(range(len(o)) for o in space.options)):
        if all(acceptable_to(space, p, package) for p in range(len(space.parties))):
            best = max(best, float(np.prod(utility(space, package) - space.batna)))
    return best
