"""What branch and bound maximises, its Lagrangian bounds, and their weights.

For weights ``lam >= 0`` the best any completion adds to ``lam . u`` is a sum of
per-super-issue maxima, which bounds every objective below that is a minimum or
a combination of surpluses (Fisher 1981, "The Lagrangian relaxation method for
solving integer programming problems", Management Science 27(1)). The weights
that make the bound small are found by projected subgradient descent (Shor 1985)
and exponentiated-gradient descent on the simplex (Beck & Teboulle 2003); any
weights give a valid bound, so their quality only affects speed. For Nash the
log of the product is bounded by its tangent.
"""

from __future__ import annotations

import numpy as np

from accord.analysis.kernel.limits import check_deadline
from accord.analysis.kernel.maximin import max_min
from accord.analysis.kernel.search import (
    NEG,
    Best,
    Objective,
    SearchProblem,
    directions,
    start_package,
)
from accord.numeric import TOL, FloatArray, IntArray


def egalitarian_objective(
    prob: SearchProblem,
    *,
    scale: FloatArray | None = None,
    require_ir: bool = True,
    lam: FloatArray | None = None,
) -> Objective:
    """Max min_p scale_p * surplus_p; with ``lam`` (weights on the simplex) a Lagrangian bound."""
    d = prob.batna
    sc = np.ones(prob.k) if scale is None else scale
    lams = [] if lam is None else [lam]
    suffixes = [prob.suffix(lm * sc) for lm in lams]

    def value(u: FloatArray) -> FloatArray:
        s = u - d
        v = (s * sc).min(axis=1)
        if require_ir:
            v = np.where((s > TOL).all(axis=1), v, NEG)
        return np.asarray(v)

    def bound(a: FloatArray, t: int) -> FloatArray:
        out = ((a - d + prob.box[t]) * sc).min(axis=1)
        for lm, h in zip(lams, suffixes, strict=True):
            out = np.minimum(out, (a - d) @ (lm * sc) + h[t])
        return np.asarray(out)

    return Objective(value, bound, require_ir, TOL)


def linear_objective(
    prob: SearchProblem, c: FloatArray, weights: list[FloatArray] | None = None
) -> Objective:
    """Max ``c . surplus`` over individually rational packages.

    Bounded by ``w . (A - batna) + H_t(w)`` for ``w = c`` and for each of
    ``weights``, which must be ``c + mu`` with ``mu >= 0``: in an individually
    rational completion ``mu . surplus >= 0``, so the bound still holds.
    """
    d = prob.batna
    ws = [c, *(weights or [])]
    suffixes = [prob.suffix(w) for w in ws]

    def value(u: FloatArray) -> FloatArray:
        s = u - d
        return np.asarray(np.where((s > TOL).all(axis=1), s @ c, NEG))

    def bound(a: FloatArray, t: int) -> FloatArray:
        out = np.full(a.shape[0], np.inf)
        for w, h in zip(ws, suffixes, strict=True):
            out = np.minimum(out, (a - d) @ w + h[t])
        return np.asarray(out)

    return Objective(value, bound, True, TOL)


def nash_objective(prob: SearchProblem, tangents: list[FloatArray]) -> Objective:
    """Sum of log surpluses; bounded by the box and by tangents of log at ``tangents``."""
    d = prob.batna
    pts = [y for y in tangents if (y > TOL).all()]
    suffixes = [prob.suffix(1.0 / y) for y in pts]
    consts = [float(np.log(y).sum()) - prob.k for y in pts]

    def value(u: FloatArray) -> FloatArray:
        s = u - d
        ok = np.asarray((s > TOL).all(axis=1))
        with np.errstate(divide="ignore", invalid="ignore"):
            v = np.log(np.where(ok[:, None], s, 1.0)).sum(axis=1)
        return np.asarray(np.where(ok, v, NEG))

    def bound(a: FloatArray, t: int) -> FloatArray:
        top = a - d + prob.box[t]
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.where((top > 0).all(axis=1), np.log(np.maximum(top, 1e-300)).sum(axis=1), NEG)
        for y, h, c in zip(pts, suffixes, consts, strict=True):
            # log s <= log y + (s - y) / y, summed over parties.
            out = np.minimum(out, c + (a - d) @ (1.0 / y) + h[t])
        return np.asarray(out)

    return Objective(value, bound, True, 1e-12)


def _stacked(prob: SearchProblem) -> tuple[FloatArray, IntArray]:
    """All block options as rows, with the start of each block's rows."""
    blocks = prob.decomp.blocks
    if not blocks:
        return np.zeros((0, prob.k)), np.zeros(0, dtype=np.int64)
    starts = np.cumsum([0] + [b.size for b in blocks[:-1]]).astype(np.int64)
    return np.vstack([b.values for b in blocks]), starts


def _best_response(stacked: FloatArray, starts: IntArray, offset: FloatArray, w: FloatArray) -> FloatArray:
    """Utilities of a package maximising ``w . u`` (block by block)."""
    if stacked.shape[0] == 0:
        return offset.copy()
    score = stacked @ w
    best = np.maximum.reduceat(score, starts)
    sizes = np.diff(np.append(starts, score.size))
    hit = np.nonzero(score >= np.repeat(best, sizes))[0]
    first = hit[np.searchsorted(hit, starts)]
    return np.asarray(offset + stacked[first].sum(axis=0))


def rational_weights(prob: SearchProblem, c: FloatArray, iterations: int = 300) -> list[FloatArray]:
    """``c + mu`` (``mu >= 0``) nearly minimising the Lagrangian bound of ``max c . s``, s >= 0.

    The bound ``(c + mu) . (u - batna)`` maximised over packages is valid for every
    ``mu >= 0``; projected subgradient descent (Shor 1985) finds a small one. Any
    result is a valid bound, so the iteration count only affects speed.
    """
    stacked, starts = _stacked(prob)
    d, off = prob.batna, prob.decomp.offset
    mu = np.zeros(prob.k)
    best_w, best_val = c.copy(), np.inf
    scale = max(float(np.abs(stacked).max(initial=0.0)) * max(1, len(prob.decomp.blocks)), 1e-9)
    for it in range(iterations):
        if it % 25 == 0:
            check_deadline(prob.deadline, "bounding the search")
        w = c + mu
        u = _best_response(stacked, starts, off, w)
        val = float(w @ (u - d))
        if val < best_val:
            best_val, best_w = val, w.copy()
        g = u - d
        step = scale / (np.sqrt(it + 1.0) * max(float(g @ g), 1e-12)) * 0.1
        mu = np.maximum(0.0, mu - step * g)
    return [best_w]


def lagrange_weights(
    prob: SearchProblem, scale: FloatArray | None = None, iterations: int = 300
) -> FloatArray:
    """Weights ``lam`` on the simplex nearly minimising the Lagrangian bound of the egalitarian problem.

    For every such ``lam``, ``min_p scale_p s_p <= lam . (scale * s)``, so the maximum of the
    right side over packages bounds the maximin; exponentiated-gradient descent
    (mirror descent on the simplex; Beck & Teboulle 2003) makes it small. Any
    result is valid, so the iteration count only affects speed.
    """
    stacked, starts = _stacked(prob)
    d, off = prob.batna, prob.decomp.offset
    sc = np.ones(prob.k) if scale is None else scale
    lam = np.full(prob.k, 1.0 / prob.k)
    best_lam, best_val = lam.copy(), np.inf
    for it in range(iterations):
        if it % 25 == 0:
            check_deadline(prob.deadline, "bounding the search")
        u = _best_response(stacked, starts, off, lam * sc)
        g = sc * (u - d)
        val = float(lam @ g)
        if val < best_val:
            best_val, best_lam = val, lam.copy()
        spread = max(float(np.ptp(g)), 1e-12)
        lam = lam * np.exp(-np.clip(g - g.min(), 0.0, None) / spread * 2.0 / np.sqrt(it + 1.0))
        lam = np.maximum(lam / lam.sum(), 1e-12)
        lam = lam / lam.sum()
    return best_lam


def max_min_surplus(prob: SearchProblem, *, require_ir: bool, lam: FloatArray | None = None) -> Best:
    """The package with the largest minimum surplus (exact: :func:`.maximin.max_min`).

    ``lam``: Lagrangian weights from :func:`lagrange_weights` when the caller has them.
    """
    if lam is None and prob.k >= 3:
        lam = lagrange_weights(prob)
    obj = egalitarian_objective(prob, require_ir=require_ir, lam=lam)
    ir = lam if require_ir else None
    start = start_package(prob, obj, directions(prob, [] if lam is None else [lam]), ir)
    return max_min(prob, obj, np.ones(prob.k), start)
