"""Which backend answers a package search: the decomposition or the MIP, chosen before building.

The decomposition (:mod:`.superissues`, :mod:`.search`) lists the joint
options of every linked component and runs a branch and bound over them: fast
while the components are small and the parties few, and exponential in the
treewidth of the constraint graph and in the number of parties. The MIP
(:mod:`.mip`, :mod:`.mipsolve`) does not list anything; HiGHS's branch and cut
grows with the difficulty of the instance rather than its size.

``auto`` chooses from a fact known before anything big is built: the joint
size bound of each linked component (the product of its issues' domain sizes
after unit propagation, from the clause graph). A component over
``AUTO_JOINT`` joint options goes to the MIP. The number of parties no longer
sends a search to the MIP: with the max-min search of :mod:`.maximin` the
decomposition was measured faster on every many-party instance of
``bench/bench_mip.py`` (egalitarian, Kalai–Smorodinsky and Nash with 6 to 12
parties over 40 unlinked issues, and the ZOPA's best package with 10), and as
slow as the MIP at 15. Lotteries always use the decomposition (their hull is
the product of the super-issues' simplices, which a MIP over packages does not
give). The choice and its reason are recorded in the result's provenance.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

from accord.analysis.kernel.graph import ClauseGraph
from accord.analysis.kernel.limits import ComponentTooLarge
from accord.space import SpaceError

BACKENDS: tuple[str, ...] = ("auto", "decomposition", "mip")
"""The backends a caller may ask for."""

Backend = Literal["decomposition", "mip"]
"""A backend that runs."""

AUTO_JOINT = 100_000
"""``auto`` sends a linked component with more joint options than this (an upper bound) to the MIP."""


@dataclass(frozen=True, slots=True)
class BackendChoice:
    """The backend that runs and why (``reason`` is empty when the caller named it)."""

    name: Backend
    reason: str = ""


def check_backend(backend: str) -> None:
    """Raise :class:`SpaceError` (field ``backend``) unless ``backend`` is one of :data:`BACKENDS`."""
    if backend not in BACKENDS:
        raise SpaceError("backend", f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")


def largest_joint(graph: ClauseGraph) -> int:
    """The largest product of domain sizes over a linked component of ``graph`` (1 when none)."""
    if not graph.satisfiable:
        return 1
    return max(
        (math.prod(len(graph.domains[i]) for i in issues) for issues in graph.groups.values()), default=1
    )


def choose_backend(
    backend: str, graph: ClauseGraph, n_parties: int, *, lotteries: bool = False
) -> BackendChoice:
    """The backend for a search over ``graph``'s space with ``n_parties`` parties.

    ``backend`` is ``auto``, ``decomposition`` or ``mip``; ``mip`` with
    ``lotteries`` is a :class:`SpaceError` (the MIP answers over pure packages).
    """
    check_backend(backend)
    if lotteries:
        if backend == "mip":
            raise SpaceError(
                "backend", "the MIP backend solves over pure packages; lotteries need the decomposition"
            )
        return BackendChoice("decomposition", "" if backend != "auto" else "lotteries use the decomposition")
    if backend != "auto":
        return BackendChoice("decomposition" if backend == "decomposition" else "mip")
    joint = largest_joint(graph)
    if joint > AUTO_JOINT:
        shown = f"{joint:,}" if joint < 10**12 else f"about 10^{len(str(joint)) - 1}"
        return BackendChoice("mip", f"a linked component has up to {shown} joint options")
    return BackendChoice("decomposition", f"small linked components ({n_parties} parties)")


T = TypeVar("T")


def run_backend(
    backend: str, choice: BackendChoice, by_mip: Callable[[], T], by_decomposition: Callable[[], T]
) -> tuple[T, BackendChoice]:
    """Run the chosen backend; under ``auto`` a component too large to list falls back to the MIP.

    Returns what the backend found and the choice that finally ran.
    """
    try:
        return (by_mip() if choice.name == "mip" else by_decomposition()), choice
    except ComponentTooLarge:
        if backend != "auto":
            raise
        return by_mip(), BackendChoice("mip", "a linked component was too large to list")
