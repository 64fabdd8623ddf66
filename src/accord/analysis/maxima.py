"""The maxima (non-dominated points) of a finite set of utility vectors.

Kung, Luccio & Preparata (1975), "On finding the maxima of a set of vectors",
J. ACM 22(4): sort by the first coordinate, then sweep, so that a point can be
dominated only by points already seen. Two coordinates need a running maximum
(O(n log n)); three need the 2-D staircase of the points seen, queried here
chunk by chunk with a sort and a prefix maximum (vectorised rather than the
balanced tree of the paper); four or more intersect, per point, the prefixes
of the points sorted by each coordinate, as bitsets.

Tolerance: values of one coordinate closer than ``tol`` (chained) are first
snapped to one value. Then ``p`` *covers* ``q`` when ``p >= q`` in every
coordinate: a covered point is dominated or a duplicate, and is dropped, so the
result holds one representative per distinct utility vector: the first in the
sweep order (lexicographically descending), which makes the choice
deterministic.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from accord.space import TOL

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

_CHUNK = 64


def maxima(points: FloatArray, tol: float = TOL, groups: NDArray[np.integer] | None = None) -> IntArray:
    """Indices of the non-dominated rows of ``points`` (shape ``(n, k)``).

    One index per distinct utility vector (within ``tol``), in sweep order. With
    ``groups`` (one integer per row) points are compared only within their group.
    """
    pts = np.asarray(points, dtype=np.float64)
    n = pts.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    pts = _snap(pts, tol)
    if groups is not None:
        pts = _grouped(pts, np.asarray(groups, dtype=np.int64))
    k = pts.shape[1]
    # Sweep order: lexicographically descending, so a point can be covered only by earlier ones.
    order = np.lexsort(tuple(-pts[:, j] for j in range(k - 1, -1, -1))).astype(np.int64)
    sorted_pts = pts[order]
    if k == 1:
        keep = np.array([0], dtype=np.int64)
    elif k == 2:
        keep = _sweep2(sorted_pts)
    elif k == 3:
        keep = _sweep3(sorted_pts)
    else:
        keep = _sweep_k(sorted_pts)
    return order[keep]


def _sweep2(s: FloatArray) -> IntArray:
    best = np.maximum.accumulate(s[:, 1])
    prev = np.concatenate(([-np.inf], best[:-1]))
    return np.nonzero(s[:, 1] > prev)[0].astype(np.int64)


def _covered_within(c: FloatArray) -> NDArray[np.bool_]:
    """Per row of the chunk ``c``: covered by an earlier row of ``c``."""
    cov = (c[None, :, :] >= c[:, None, :]).all(axis=2)
    return np.asarray(np.tril(cov, -1).any(axis=1))


def _sweep3(s: FloatArray) -> IntArray:
    kept: list[IntArray] = []
    # The staircase: the 2-D maxima, in coordinates (1, 2), of the points kept so far (all of
    # which come before the current chunk, so their coordinate 0 is at least as large).
    # Sorted by u1 descending, its u2 then increases; a point is covered by a kept point
    # exactly when it is covered by a staircase point in (1, 2).
    stair = np.zeros((0, 2))
    for start in range(0, s.shape[0], _CHUNK):
        c = s[start : start + _CHUNK]
        if stair.shape[0]:
            # Staircase points with u1 >= q1 form a prefix; its last has the largest u2.
            pos = np.searchsorted(-stair[:, 0], -c[:, 1], side="right")
            best_u2 = np.where(pos > 0, stair[np.maximum(pos - 1, 0), 1], -np.inf)
            covered = best_u2 >= c[:, 2]
        else:
            covered = np.zeros(c.shape[0], dtype=bool)
        cand = np.nonzero(~covered)[0]
        if cand.size:
            inner = _covered_within(c[cand])
            cand = cand[~inner]
        if cand.size:
            kept.append(cand + start)
            both = np.vstack((stair, c[cand][:, 1:3]))
            both = both[np.lexsort((-both[:, 1], -both[:, 0]))]
            best = np.maximum.accumulate(both[:, 1])
            stair = both[both[:, 1] >= np.concatenate(([-np.inf], best[:-1]))]
            # Equal u2 further down the order adds nothing: keep the first of each run.
            stair = stair[np.concatenate(([True], stair[1:, 1] > stair[:-1, 1]))]
    return np.concatenate(kept) if kept else np.zeros(0, dtype=np.int64)


def _sweep_k(s: FloatArray, words: int = 32) -> IntArray:
    """Points not covered by an earlier point, all at once, with bitsets.

    For each coordinate j >= 1 the points covering q in that coordinate form a
    prefix of the points sorted by coordinate j; in the sweep order they form the
    prefix before q. The candidates covering q are the intersection of these
    prefixes: an AND of prefix bitsets, 64 points per machine word. The bitsets
    are built for ``64 * words`` candidate coverers at a time to bound memory.
    """
    n = s.shape[0]
    if n <= 96:
        # Small sets: comparing all pairs at once is cheaper than building bitsets.
        return np.nonzero(~_covered_within(s))[0].astype(np.int64)
    return _bitsets(s, words)


def _bitsets(s: FloatArray, words: int) -> IntArray:
    n, k = s.shape
    words = min(words, -(-n // 64))
    span = 64 * words
    counts = []
    orders = []
    for j in range(1, k):
        o = np.argsort(-s[:, j], kind="stable")
        counts.append(np.searchsorted(-s[o, j], -s[:, j], side="right"))
        orders.append(o)
    covered = np.zeros(n, dtype=bool)
    pos = np.arange(n)
    word_bits = 64 * np.arange(words)
    one = np.uint64(1)
    for c0 in range(0, n - 1, span):
        c1 = min(n, c0 + span)
        q = np.nonzero((pos > c0) & ~covered)[0]
        if q.size == 0:
            continue
        # Sweep order: chunk members before q.
        before = np.clip(np.minimum(q - c0, c1 - c0)[:, None] - word_bits[None, :], 0, 64).astype(np.uint64)
        acc = np.where(before >= 64, np.uint64(0xFFFFFFFFFFFFFFFF), (one << before) - one).astype(np.uint64)
        for o, cnt in zip(orders, counts, strict=True):
            rows = np.nonzero((o >= c0) & (o < c1))[0]
            table = np.zeros((n + 1, words), dtype=np.uint64)
            rel = o[rows] - c0
            table[rows + 1, rel // 64] = one << (rel % 64).astype(np.uint64)
            np.bitwise_or.accumulate(table, axis=0, out=table)
            acc &= table[cnt[q]]
        covered[q] |= acc.any(axis=1)
    return np.nonzero(~covered)[0].astype(np.int64)


def _grouped(pts: FloatArray, groups: IntArray) -> FloatArray:
    """Coordinates under which no point of one group covers a point of another in the sweep.

    Values become dense integer ranks (exact in floating point); coordinate 0 is
    shifted down and the others up by the group number times a span larger than
    any rank. The sweep then visits groups one after another, and a point of an
    earlier group is below every point of a later one in coordinates 1.., so it
    never covers it; within a group the order and comparisons are unchanged.
    """
    n = pts.shape[0]
    if pts.shape[1] == 1:
        pts = np.hstack((pts, np.zeros((n, 1))))
    _, gid = np.unique(groups, return_inverse=True)
    span = float(n + 1)
    out = np.empty_like(pts)
    for j in range(pts.shape[1]):
        _, rank = np.unique(pts[:, j], return_inverse=True)
        shift = -gid * span if j == 0 else gid * span
        out[:, j] = rank.ravel() + shift.ravel()
    return out


def _snap(pts: FloatArray, tol: float) -> FloatArray:
    """Per coordinate, replace values within ``tol`` of their neighbours by one value.

    Rounding makes the same utility reached along different paths differ in the
    last bits; after snapping such values are exactly equal, so the sweeps can
    compare exactly and the lexicographic order puts every covering point first.
    """
    out = np.empty_like(pts)
    for j in range(pts.shape[1]):
        o = np.argsort(pts[:, j], kind="stable")
        v = pts[o, j]
        cluster = np.concatenate(([0], np.cumsum(np.diff(v) > tol)))
        last = np.nonzero(np.concatenate((cluster[1:] != cluster[:-1], [True])))[0]
        out[o, j] = v[last][cluster]
    return out
