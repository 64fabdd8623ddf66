"""Exact branch and bound over super-issues, with the heuristics that seed it.

The feasible packages are a product of super-issues (:mod:`.superissues`);
:func:`branch_and_bound` runs the stages of :mod:`.stages` and drops a partial
package when no completion can be individually rational, when another partial
package dominates it, or when an optimistic bound on its completions cannot beat
the best package known (Land & Doig 1960, "An automatic method of solving
discrete programming problems", Econometrica 28(3)). The best package known comes
first from weighted-sum maximisers improved by local search, and from a beam
search over the stages (Lowerre 1976). What is maximised, and its bound, is an
:class:`Objective` (:mod:`.objectives` builds them). The bargaining solutions,
the ZOPA's best package and the amendment's existence test all use this search.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from accord.analysis.kernel.stages import default_order, run_stages, suffix_box, suffix_max
from accord.analysis.kernel.superissues import Decomposition
from accord.numeric import TOL, BoolArray, FloatArray, IntArray

NEG = -np.inf
"""The value of a package an objective rejects."""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class SearchProblem:
    """A decomposed space prepared for branch and bound.

    ``order``: the stages; ``batna``: the disagreement point; ``box[t, p]``: the
    most party p can get from stages t..; ``deadline`` and ``max_states``: the
    limits of a run.
    """

    decomp: Decomposition
    order: tuple[int, ...]
    batna: FloatArray
    box: FloatArray
    deadline: float | None
    max_states: int

    @property
    def k(self) -> int:
        """The number of parties (value columns)."""
        return int(self.batna.shape[0])

    def utilities_of(self, choices: IntArray) -> FloatArray:
        """Utility vectors of the packages with super-issue ``choices`` (one row each)."""
        u = np.tile(self.decomp.offset, (choices.shape[0], 1))
        for j, b in enumerate(self.decomp.blocks):
            u += b.values[choices[:, j]]
        return u

    def argmax_weighted(self, lam: FloatArray) -> IntArray:
        """Block choices maximising ``lam . u`` (ties: lowest option index)."""
        return np.array([int(np.argmax(b.values @ lam)) for b in self.decomp.blocks], dtype=np.int64)

    def suffix(self, lam: FloatArray) -> FloatArray:
        """``out[t]``: the most ``lam . u`` the stages t.. can add."""
        return suffix_max(self.decomp, self.order, lam)


def prepare(
    decomp: Decomposition, batna: FloatArray, *, deadline: float | None = None, max_states: int = 2_000_000
) -> SearchProblem:
    """Set up branch and bound; ``decomp`` may be reduced (every question here is monotone)."""
    order = default_order(decomp)
    return SearchProblem(
        decomp=decomp,
        order=order,
        batna=np.asarray(batna, dtype=np.float64),
        box=suffix_box(decomp, order),
        deadline=deadline,
        max_states=max_states,
    )


@dataclass(frozen=True, slots=True, eq=False)
class Objective:
    """What branch and bound maximises.

    ``value(U)`` for complete utility vectors (``-inf`` where not allowed);
    ``bound(A, t)`` an upper bound on ``value`` over every completion of the partial
    utilities ``A`` after ``t`` stages; ``margin`` the tolerance for ties.
    """

    value: Callable[[FloatArray], FloatArray]
    bound: Callable[[FloatArray, int], FloatArray]
    require_ir: bool
    margin: float


@dataclass(frozen=True, slots=True)
class Best:
    """The outcome of a branch-and-bound run: the best choices, their value, proof and gap."""

    choice: IntArray | None
    value: float
    exact: bool
    gap: float
    note: str = ""


def branch_and_bound(
    prob: SearchProblem, obj: Objective, incumbent: IntArray | None, *, ir_weights: FloatArray | None = None
) -> Best:
    """Exact maximisation of ``obj`` over feasible packages (block choices).

    ``ir_weights`` (on the simplex) add the Lagrangian test of individual rationality:
    ``min_p s_p <= lam . s``, so a state whose bound on ``lam . s`` is at most TOL is dropped.
    """
    d = prob.batna
    inc_val = NEG
    if incumbent is not None:
        inc_val = float(obj.value(prob.utilities_of(incumbent[None, :]))[0])
    lam_ir = None if ir_weights is None else (ir_weights, prob.suffix(ir_weights))

    def keep(a: FloatArray, t: int) -> BoolArray:
        ok = np.ones(a.shape[0], dtype=bool)
        if obj.require_ir:
            ok &= (a - d + prob.box[t] > TOL).all(axis=1)
            if lam_ir is not None:
                ok &= (a - d) @ lam_ir[0] + lam_ir[1][t] > TOL
        if inc_val > NEG:
            ok &= obj.bound(a, t) >= inc_val - obj.margin
        return ok

    run = run_stages(
        prob.decomp, order=prob.order, prune=keep, deadline=prob.deadline, max_states=prob.max_states
    )
    n_blocks = len(prob.decomp.blocks)
    if not run.complete:
        # Every package is a completion of a surviving state or was pruned as no better.
        t = run.stages_done
        top = float(obj.bound(run.values, t).max()) if run.values.shape[0] else NEG
        if inc_val == NEG:
            return Best(None, NEG, False, np.inf, f"stopped ({run.stop_reason}) before finding a package")
        gap = max(0.0, top - inc_val)
        return Best(incumbent, inc_val, gap <= obj.margin, gap, f"stopped: {run.stop_reason}")
    vals = obj.value(run.values) if run.values.shape[0] else np.zeros(0)
    if vals.size and vals.max() > NEG and vals.max() >= inc_val - obj.margin:
        best = vals.max()
        tied = np.nonzero(vals >= best - obj.margin)[0]
        # Deterministic choice among ties: the largest total surplus.
        sums = (run.values[tied] - d).sum(axis=1)
        pick = int(tied[int(np.argmax(sums))])
        choice = run.block_choices(np.array([pick]), n_blocks)[0]
        return Best(choice, float(vals[pick]), True, 0.0)
    if inc_val > NEG:
        return Best(incumbent, inc_val, True, 0.0)
    return Best(None, NEG, True, 0.0)


def local_search(prob: SearchProblem, obj: Objective, start: IntArray, max_rounds: int = 200) -> IntArray:
    """Best-improvement search changing one super-issue at a time.

    Outside the individually rational region it climbs the minimum surplus first.
    """
    d = prob.batna
    blocks = [b.values for b in prob.decomp.blocks]
    if not blocks:
        return start
    choice = start.copy()
    owner = np.concatenate([np.full(v.shape[0], j) for j, v in enumerate(blocks)])
    option = np.concatenate([np.arange(v.shape[0]) for v in blocks])
    stacked = np.vstack(blocks)

    def key(u: FloatArray) -> FloatArray:
        # Packages the objective rejects rank below all others, by their least surplus.
        v = obj.value(u)
        fallback = -1e12 + np.clip((u - d).min(axis=1), -1e9, 1e9)
        return np.asarray(np.where(v > NEG, v, fallback))

    u = prob.utilities_of(choice[None, :])[0]
    held = np.vstack([blocks[j][choice[j]] for j in range(len(blocks))])
    current = float(key(u[None, :])[0])
    for _ in range(max_rounds):
        moves = u[None, :] - held[owner] + stacked
        keys = key(moves)
        best = int(np.argmax(keys))
        if keys[best] <= current + max(obj.margin, 1e-15):
            break
        j = int(owner[best])
        choice[j] = option[best]
        held[j] = blocks[j][choice[j]]
        u = moves[best]
        current = float(keys[best])
    return choice


def heuristic(prob: SearchProblem, obj: Objective, directions: list[FloatArray]) -> IntArray:
    """A good starting package: weighted-sum maximisers, then local search from the best."""
    cands = [prob.argmax_weighted(lm) for lm in directions]
    cands.append(np.zeros(len(prob.decomp.blocks), dtype=np.int64))
    mat = np.vstack(cands)
    u = prob.utilities_of(mat)
    v = obj.value(u)
    fallback = (u - prob.batna).min(axis=1)
    pick = int(np.argmax(v)) if v.max() > NEG else int(np.argmax(fallback))
    return local_search(prob, obj, mat[pick])


def beam(
    prob: SearchProblem, obj: Objective, width: int, *, ir_weights: FloatArray | None = None
) -> IntArray | None:
    """A good package by beam search (Lowerre 1976); a heuristic, it proves nothing.

    The stages, keeping the ``width`` partial packages with the best optimistic bounds.
    """
    d = prob.batna
    lam_ir = None if ir_weights is None else (ir_weights, prob.suffix(ir_weights))

    def keep(a: FloatArray, t: int) -> BoolArray:
        score = obj.bound(a, t)
        if obj.require_ir:
            ok = (a - d + prob.box[t] > TOL).all(axis=1)
            if lam_ir is not None:
                ok &= (a - d) @ lam_ir[0] + lam_ir[1][t] > TOL
            score = np.where(ok, score, NEG)
        mask = score > NEG
        if mask.sum() > width:
            cut = np.partition(score, score.size - width)[score.size - width]
            mask &= score >= cut
        return np.asarray(mask)

    widest = max((b.size for b in prob.decomp.blocks), default=1)
    run = run_stages(
        prob.decomp, order=prob.order, prune=keep, deadline=prob.deadline, max_states=4 * width,
        max_candidates=4 * width * widest,
    )  # fmt: skip
    if not run.complete or run.values.shape[0] == 0:
        return None
    vals = obj.value(run.values)
    if vals.max() == NEG:
        return None
    pick = int(np.argmax(vals))
    return local_search(prob, obj, run.block_choices(np.array([pick]), len(prob.decomp.blocks))[0])


def optimise(
    prob: SearchProblem, obj: Objective, directions: list[FloatArray], *, ir_weights: FloatArray | None = None
) -> Best:
    """Exact branch and bound, started from the better of a local search and a beam search."""
    return branch_and_bound(
        prob, obj, start_package(prob, obj, directions, ir_weights), ir_weights=ir_weights
    )


def start_package(
    prob: SearchProblem, obj: Objective, directions: list[FloatArray], ir_weights: FloatArray | None
) -> IntArray:
    """Where a search starts: the better of a local search from weighted sums and a beam search."""
    cands = [heuristic(prob, obj, directions)]
    if len(prob.decomp.blocks) > 1:
        found = beam(prob, obj, 64, ir_weights=ir_weights)
        if found is not None:
            cands.append(found)
    vals = [float(obj.value(prob.utilities_of(c[None, :]))[0]) for c in cands]
    return cands[int(np.argmax(vals))]


def directions(prob: SearchProblem, extra: list[FloatArray]) -> list[FloatArray]:
    """Weights for the weighted-sum starts: equal, ``extra``, then each party nearly alone."""
    k = prob.k
    out = [np.full(k, 1.0 / k), *extra]
    for p in range(k):
        e = np.full(k, 1e-3)
        e[p] = 1.0
        out.append(e)
    return out
