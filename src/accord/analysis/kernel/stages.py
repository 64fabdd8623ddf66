"""Multi-objective dynamic programming over super-issues, with pruning.

Stage ``t`` adds block ``order[t]`` to every partial package: the partial
utility vectors are Minkowski-added with the block's option vectors (Klamroth &
Wiecek 2000; Bazgan, Hugot & Vanderpooten 2009, "Solving efficiently the 0-1
multi-objective knapsack problem", Computers & Operations Research 36(1), for
the dominance relations). After each stage a caller-supplied test drops
partial packages that cannot matter (not individually rational in any
completion, or unable to beat the best package known: branch and bound), and,
for monotone questions, those dominated by another partial package: utility is
additive across blocks, so a partial package dominated now stays dominated in
every completion. Back-pointers rebuild the packages of the survivors.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from accord.analysis.kernel.limits import Pace
from accord.analysis.kernel.maxima import maxima
from accord.analysis.kernel.superissues import Decomposition
from accord.numeric import TOL, BoolArray, FloatArray, IntArray

Prune = Callable[[FloatArray, int], BoolArray]
"""``keep(partial_utilities, t)``: which partial packages after ``t`` stages to keep."""

PruneGrid = Callable[[FloatArray, FloatArray, int], BoolArray]
"""``keep(states, options, t)``: an ``(n, m)`` mask of which (state, option) pairs to keep
after ``t`` stages, decided before the pairs' vectors are built."""


@dataclass(slots=True)
class StageRun:
    """Survivors of a stage run and how to rebuild their packages (a builder the run fills in)."""

    order: tuple[int, ...]
    values: FloatArray
    parents: list[IntArray] = field(default_factory=list)
    choices: list[IntArray] = field(default_factory=list)
    complete: bool = True
    stages_done: int = 0
    peak_states: int = 0
    stop_reason: str = ""
    filtered_at: float | None = None
    """The tolerance of the dominance filter after the last stage done (None: not filtered)."""

    def block_choices(self, idx: NDArray[np.integer], n_blocks: int) -> IntArray:
        """Block choices (columns in block index order) of survivors ``idx``; -1 where undecided."""
        rows = np.asarray(idx, dtype=np.int64)
        out = np.full((rows.size, n_blocks), -1, dtype=np.int64)
        for t in range(self.stages_done - 1, -1, -1):
            out[:, self.order[t]] = self.choices[t][rows]
            rows = self.parents[t][rows]
        return out


def default_order(decomp: Decomposition) -> tuple[int, ...]:
    """Super-issues with the widest utility ranges first.

    Later stages then leave little slack, which tightens the bounds of the
    pruning tests early.
    """
    spread = [float(np.ptp(b.values, axis=0).sum()) for b in decomp.blocks]
    return tuple(sorted(range(len(decomp.blocks)), key=lambda j: (-spread[j], j)))


def run_stages(
    decomp: Decomposition,
    *,
    order: Sequence[int] | None = None,
    prune: Prune | None = None,
    prune_grid: PruneGrid | None = None,
    dominance_last: bool = True,
    tol: float = TOL,
    deadline: float | None = None,
    max_states: int = 2_000_000,
    max_candidates: int | None = None,
) -> StageRun:
    """Run the stages; stops early (``complete=False``) at ``deadline`` or ``max_states``.

    ``max_candidates`` (default ``4 * max_states``) bounds the partial packages one
    stage may generate before pruning; beyond it the run stops rather than filter them.
    ``dominance_last=False`` skips the dominance filter after the last stage, for
    callers that only pick the best survivor. ``prune_grid``, when given, replaces
    ``prune``: it judges each (state, option) pair from the two vectors, so that
    only the pairs kept are ever built (most are dropped when the test is strict,
    and building them all dominates the cost).
    """
    cap = 4 * max_states if max_candidates is None else max_candidates
    ords = tuple(order) if order is not None else default_order(decomp)
    values = decomp.offset.reshape(1, -1).astype(np.float64)
    run = StageRun(order=ords, values=values, peak_states=1)
    # Pruning within the stages uses a finer tolerance, so that rounding differences
    # accumulated over many stages stay below the tolerance of the final comparison.
    step_tol = tol / (4.0 * (len(ords) + 1))
    pace = Pace(deadline, "running the stages")
    for t, j in enumerate(ords):
        vb = decomp.blocks[j].values
        n, m = values.shape[0], vb.shape[0]
        stop = f"more than {cap:,} partial packages to filter" if n * m > cap else None
        if stop or (t > 0 and pace.ahead(n * m)):  # a stage that would end past the deadline is not begun
            run.complete, run.stop_reason = False, stop or "time limit"
            return run
        filtered = step_tol if dominance_last or t + 1 < len(ords) else None
        values, par, ch = _extend(values, vb, t + 1, prune, prune_grid, filtered)
        run.values, run.filtered_at = values, filtered
        # Narrow integers: the back-pointers of every stage are kept to the end, and
        # with hundreds of stages they, not the values, are most of the memory.
        run.parents.append(par.astype(np.int32 if n < 2**31 else np.int64))
        run.choices.append(ch.astype(np.int16 if m < 2**15 else np.int64))
        run.stages_done = t + 1
        run.peak_states = max(run.peak_states, values.shape[0])
        pace.done()
        if values.shape[0] == 0:
            return run
        if values.shape[0] > max_states:
            run.complete, run.stop_reason = False, f"more than {max_states:,} partial packages"
            return run
        if deadline is not None and time.perf_counter() > deadline and t + 1 < len(ords):
            run.complete, run.stop_reason = False, "time limit"
            return run
    return run


def _extend(
    values: FloatArray,
    vb: FloatArray,
    t: int,
    prune: Prune | None,
    prune_grid: PruneGrid | None,
    dominance_tol: float | None,
) -> tuple[FloatArray, IntArray, IntArray]:
    """Every partial package in ``values`` extended by every option ``vb``, less those pruned or dominated.

    Returns the new vectors (in candidate order: parent-major, then option), their
    parents (rows of ``values``) and options (rows of ``vb``). Candidate ``c`` is
    parent ``c // m`` with option ``c % m``: the kept indices give both, so no
    index arrays of all the candidates are built (on a small space they were
    most of a stage's cost). ``dominance_tol`` None skips the dominance filter.
    """
    n, m = values.shape[0], vb.shape[0]
    if prune_grid is not None:
        flat = np.flatnonzero(prune_grid(values, vb, t))
        cand = values[flat // m] + vb[flat % m]
    else:
        cand = (values[:, None, :] + vb[None, :, :]).reshape(n * m, -1)
        flat = None
        if prune is not None:
            flat = np.flatnonzero(prune(cand, t))
            cand = cand[flat]
    if dominance_tol is not None and cand.shape[0] > 1:
        keep = maxima(cand, dominance_tol, ordered=False)
        cand = cand[keep]
        flat = keep if flat is None else flat[keep]
    if flat is None:
        flat = np.arange(n * m, dtype=np.int64)
    par, ch = np.divmod(flat.astype(np.int64, copy=False), m)
    return cand, par, ch


def suffix_max(decomp: Decomposition, order: Sequence[int], weights: FloatArray) -> FloatArray:
    """``out[t]``: the largest ``weights . v`` the blocks of stages t.. can add (length n+1)."""
    best = np.array([float((decomp.blocks[j].values @ weights).max()) for j in order])
    return np.concatenate((np.cumsum(best[::-1])[::-1], [0.0]))


def suffix_box(decomp: Decomposition, order: Sequence[int], *, lowest: bool = False) -> FloatArray:
    """``out[t, p]``: the most (or least) party ``p`` can get from stages t..; shape (n+1, k)."""
    k = decomp.n_parties
    per = np.array(
        [
            decomp.blocks[j].values.min(axis=0) if lowest else decomp.blocks[j].values.max(axis=0)
            for j in order
        ]
    ).reshape(-1, k)
    return np.vstack((np.cumsum(per[::-1], axis=0)[::-1], np.zeros((1, k))))
