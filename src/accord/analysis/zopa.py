"""The zone of possible agreement (ZOPA).

A package is in the ZOPA when every chosen party prefers it to its BATNA (surplus
above :data:`accord.space.TOL`; Fisher & Ury 1981, "Getting to Yes"; Raiffa
1982, "The Art and Science of Negotiation") and it crosses no honoured red line.
This module answers: is the ZOPA empty; which package has the largest minimum
surplus (exact branch and bound, :mod:`accord.analysis.bargaining`); and how many
feasible packages lie in it, as an exact count or a labelled estimate.

Counting, in order of preference (:mod:`accord.analysis.kernel.counting`):

1. stage-wise counting over super-issues: partial packages that every
   completion makes acceptable, or none can, are counted (or dropped) at once
   with their number of completions; the rest go on, identical partial vectors
   merged. Exact while the undecided partial packages stay within a budget.
2. two parties: meet in the middle. The super-issues are split in two halves,
   each enumerated; the acceptable pairs are counted by offline 2-D dominance
   counting (a merge-sort tree queried level by level; Bentley 1980,
   "Multidimensional divide-and-conquer", CACM 23(4)). Exact.
Both need every joint assignment of each linked component listed, so they are
tried only while no component has more than ``count_states`` of them.

3. otherwise Monte Carlo: uniform draws over the feasible packages
   (:mod:`accord.analysis.kernel.sampling`: each linked component drawn independently
   by walking its counting layers backwards, which is uniform because the
   feasible set is their product; no component is listed), with the 95% Wilson
   score interval (Wilson 1927, JASA 22(158)) and the seed.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Literal

import numpy as np

from accord.analysis.kernel.backend import choose_backend, run_backend
from accord.analysis.kernel.counting import count_by_stages, count_meet_in_middle
from accord.analysis.kernel.graph import ClauseGraph, clause_graph
from accord.analysis.kernel.limits import SolverTimeLimit, time_left
from accord.analysis.kernel.mip import PackageMip
from accord.analysis.kernel.mipsolve import best_maximin
from accord.analysis.kernel.objectives import max_min_surplus
from accord.analysis.kernel.sampling import FeasibleSet, feasible_set
from accord.analysis.kernel.search import Best, prepare
from accord.analysis.kernel.superissues import conflict_origins, decompose
from accord.analysis.registry import SOLVERS
from accord.analysis.results import ZopaResult
from accord.numeric import TOL, FloatArray
from accord.provenance import Status
from accord.space import Space

_Z95 = 1.959963984540054


@dataclass(frozen=True, slots=True, kw_only=True)
class _Counted:
    """How many feasible packages are acceptable to all, and how that was found."""

    counting: Literal["exact", "monte-carlo", "not computed"] = "exact"
    count: int | None = 0
    share: float | None = None
    interval: tuple[float, float] | None = None
    samples: int = 0
    seed: int | None = None
    method: str = ""
    note: str = ""

    @property
    def algorithm(self) -> str:
        """The branch and bound and how the count was found (``decomposition`` when infeasible)."""
        return "branch and bound for the best package; " + self.method if self.method else "decomposition"


def solve_zopa(
    space: Space,
    *,
    ignore_red_lines: bool = False,
    time_limit: float | None = None,
    max_states: int = 2_000_000,
    count_states: int = 250_000,
    samples: int = 200_000,
    seed: int = 0,
    rng: np.random.Generator | None = None,
    backend: str = "auto",
) -> ZopaResult:
    """Whether ``space`` has a ZOPA, its best package by minimum surplus, and its size.

    Counting is exact while it stays within ``count_states`` undecided partial
    packages (two parties: halves of at most ``count_states // 2`` packages for
    meet in the middle) and ``time_limit``; otherwise Monte Carlo draws
    ``samples`` packages from ``rng``, by default ``numpy.random.default_rng(seed)``.
    ``max_states`` bounds the search for the best package, which ``backend``
    (``auto``, ``decomposition``, ``mip``; :mod:`.kernel.backend`) finds.
    """
    t0 = time.perf_counter()
    params: dict[str, object] = {"ignore_red_lines": ignore_red_lines, "time_limit": time_limit,
                                 "max_states": max_states, "count_states": count_states,
                                 "samples": samples}  # fmt: skip
    deadline = None if time_limit is None else t0 + time_limit
    limits = _Limits(count_states=count_states, deadline=deadline, samples=samples, seed=seed, rng=rng)
    graph = clause_graph(space, red_lines=not ignore_red_lines)
    (best, conflict), choice = run_backend(
        backend, choose_backend(backend, graph, len(space.parties)),
        lambda: _best(space, graph, "mip", deadline, max_states),
        lambda: _best(space, graph, "decomposition", deadline, max_states),
    )  # fmt: skip
    best_pkg, n_feasible, counted = _count_all(space, graph, best, conflict, limits)
    best_u, min_s, exists = _facts(space, best_pkg)
    return ZopaResult(
        status=_status(conflict, best, exists),
        parties=space.parties,
        batna=space.batna.copy(),
        exists=exists,
        best=best_pkg,
        best_utilities=best_u,
        min_surplus=min_s,
        best_exact=best.exact,
        counting=counted.counting,
        count=counted.count,
        n_feasible=n_feasible,
        n_packages=space.n_packages,
        share=counted.share,
        share_interval=counted.interval,
        samples=counted.samples,
        conflict=conflict,
        note=counted.note,
        # ``exact``/``gap`` are the best package's proof; ``counting`` says how the count was found
        provenance=SOLVERS.get("zopa").provenance(counted.algorithm, started=t0,
                                                  parameters={**params, "backend": choice.name,
                                                              "backend_reason": choice.reason},
                                                  seed=counted.seed, exact=best.exact, gap=best.gap),
    )  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class _Limits:
    """What bounds the counting: exact counting's budget and deadline, and the draws beyond."""

    count_states: int
    deadline: float | None
    samples: int
    seed: int
    rng: np.random.Generator | None


def _best(
    space: Space, graph: ClauseGraph, backend: str, deadline: float | None, max_states: int
) -> tuple[Best, tuple[str, ...]]:
    """The package with the largest minimum surplus (its block choices: the package), and any conflict.

    A time limit with nothing found is a :class:`Best` without a choice, not exact.
    """
    if not graph.satisfiable:
        return Best(None, -np.inf, True, 0.0), conflict_origins(space, graph.clauses)
    try:
        if backend == "mip":
            return _best_by_mip(space, graph, deadline)
        decomp = decompose(space, reduce=True, graph=graph, deadline=deadline)
        if not decomp.feasible:
            return Best(None, -np.inf, True, 0.0), decomp.conflict
        prob = prepare(decomp, space.batna.copy(), deadline=deadline, max_states=max_states)
        best = max_min_surplus(prob, require_ir=False)
    except SolverTimeLimit as stop:
        return Best(None, -np.inf, False, np.inf, str(stop)), ()
    choice = None if best.choice is None else np.asarray(prob.decomp.package(best.choice), dtype=np.int64)
    return Best(choice, best.value, best.exact, best.gap, best.note), ()


def _best_by_mip(space: Space, graph: ClauseGraph, deadline: float | None) -> tuple[Best, tuple[str, ...]]:
    """The package with the largest minimum surplus by MIP, and the conflict when none is feasible."""
    model = PackageMip(space, graph.clauses, deadline=deadline)
    answer = best_maximin(model, range(len(space.parties)), rational=False)
    if answer.package is None:
        if answer.status == "none":
            return Best(None, -np.inf, True, 0.0), conflict_origins(space, graph.clauses)
        return Best(None, -np.inf, False, np.inf, answer.note), ()
    value = float((space.utility(answer.package) - space.batna).min())
    return Best(np.asarray(answer.package, dtype=np.int64), value, answer.exact, answer.gap, answer.note), ()


def _facts(space: Space, best: tuple[int, ...] | None) -> tuple[FloatArray | None, float | None, bool]:
    """The best package's utilities, its least surplus, and whether that is above TOL (a ZOPA)."""
    u = None if best is None else space.utility(best)
    least = None if u is None else float((u - space.batna).min())
    return u, least, least is not None and least > TOL


def _status(conflict: tuple[str, ...], best: Best, exists: bool) -> Status:
    """``infeasible``, ``limit`` (stopped before any package), ``ok`` or ``no_zopa``."""
    if conflict:
        return "infeasible"
    if best.choice is None and not best.exact:
        return "limit"
    return "ok" if exists else "no_zopa"


def _count_all(
    space: Space, graph: ClauseGraph, best: Best, conflict: tuple[str, ...], limits: _Limits
) -> tuple[tuple[int, ...] | None, int | None, _Counted]:
    """The best package, the number of feasible packages, and the count of acceptable ones."""
    if conflict:
        note = "no package satisfies the constraints, red lines and restrictions together"
        return None, 0, _Counted(note=note)
    best_pkg = None if best.choice is None else tuple(int(x) for x in best.choice)
    n_feasible, counted = _count(space, graph, best_pkg, proven=best.exact, limits=limits)
    return best_pkg, n_feasible, counted


def _count(
    space: Space, graph: ClauseGraph, best: tuple[int, ...] | None, *, proven: bool, limits: _Limits
) -> tuple[int | None, _Counted]:
    """The number of feasible packages, and how many (or what share) are acceptable to all.

    Exact when within limits, or when the ``best`` package by minimum surplus
    (``proven`` optimal) is not acceptable. When the time limit runs out before
    the feasible packages are counted, neither number is computed (None) and
    the note says so: there is nothing to draw a Monte Carlo estimate from.
    """
    d = space.batna
    try:
        feasible = feasible_set(space, graph=graph, deadline=limits.deadline)
    except SolverTimeLimit as stop:
        return None, _Counted(counting="not computed", count=None, method="size not computed",
                              note=f"size of the ZOPA not computed: {stop}")  # fmt: skip
    if (best is None or float((space.utility(best) - d).min()) <= TOL) and proven:
        return feasible.count, _Counted(
            share=0.0,
            method="empty ZOPA",
            note="no feasible package gives every party more than its BATNA (no ZOPA)",
        )
    return feasible.count, _count_acceptable(space, graph, feasible, limits)


def _count_acceptable(space: Space, graph: ClauseGraph, feasible: FeasibleSet, limits: _Limits) -> _Counted:
    """How many (or what share) of the feasible packages are acceptable to all."""
    d = space.batna
    if feasible.largest_component <= limits.count_states:
        # Exact counting needs every joint assignment, so the blocks are built in full here.
        try:
            full = decompose(space, graph=graph, deadline=limits.deadline)
        except SolverTimeLimit:
            return _monte_carlo(space, feasible, limits)
        count = count_by_stages(full, d, max_states=limits.count_states, deadline=limits.deadline)
        method = "stage-wise counting with decided partial packages"
        if count is None and full.n_parties == 2 and time_left(limits.deadline) != 0.0:
            count = count_meet_in_middle(full, d, max_half=max(2, limits.count_states // 2))
            method = "meet-in-the-middle 2-D dominance counting"
        if count is not None:
            return _Counted(count=count, share=count / feasible.count, method=method)
    return _monte_carlo(space, feasible, limits)


def _monte_carlo(space: Space, feasible: FeasibleSet, limits: _Limits) -> _Counted:
    """The share of acceptable packages estimated from uniform draws over the feasible ones."""
    gen = limits.rng if limits.rng is not None else np.random.default_rng(limits.seed)
    hits, n = _sample(space, feasible, space.batna, limits.samples, gen, limits.deadline)
    interval = _wilson(hits, n)
    return _Counted(
        counting="monte-carlo",
        count=None,
        share=hits / n,
        interval=interval,
        samples=n,
        seed=limits.seed if limits.rng is None else None,
        method=f"Monte Carlo estimate ({n:,} uniform draws)",
        note=(
            f"share estimated from {n:,} random feasible packages "
            f"(95% interval {interval[0]:.4g}–{interval[1]:.4g}); exact counting exceeded the limits"
        ),
    )


def _sample(
    space: Space,
    feasible: FeasibleSet,
    batna: FloatArray,
    samples: int,
    rng: np.random.Generator,
    deadline: float | None = None,
) -> tuple[int, int]:
    """How many uniform feasible packages give every party more than its BATNA, and how many were drawn.

    ``samples`` draws, in chunks that bound memory; with a ``deadline`` the chunks
    are smaller and the draws stop at the first chunk ending past it (at least
    one chunk is drawn), so the time limit binds the estimate too.
    """
    values = [c.T for c in space.contrib]
    hits = drawn = 0
    chunk = 100_000 if deadline is None else 10_000
    for begin in range(0, samples, chunk):
        u = feasible.draw_sums(min(chunk, samples - begin), rng, values)
        hits += int((u - batna > TOL).all(axis=1).sum())
        drawn += u.shape[0]
        if deadline is not None and time.perf_counter() > deadline:
            break
    return hits, drawn


def _wilson(hits: int, n: int) -> tuple[float, float]:
    p = hits / n
    denom = 1.0 + _Z95**2 / n
    centre = (p + _Z95**2 / (2 * n)) / denom
    half = _Z95 * math.sqrt(p * (1 - p) / n + _Z95**2 / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)
