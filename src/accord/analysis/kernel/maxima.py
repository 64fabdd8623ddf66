"""The maxima (non-dominated points) of a finite set of utility vectors.

Kung, Luccio & Preparata (1975), "On finding the maxima of a set of vectors",
J. ACM 22(4): sort by the first coordinate, then sweep, so that a point can be
dominated only by points already seen. Two coordinates need a running maximum
(O(n log n)); three need the 2-D staircase of the points seen, here answered
for all points by a bottom-up merge sort (vectorised rather than the balanced
tree of the paper), or level by level of a coordinate with few values;
four or more sweep best-first by rank sum and intersect, per point, the
prefixes of the points sorted by each coordinate, as bitsets, with only
uncovered points as coverers.

Tolerance: values of one coordinate closer than ``tol`` (chained) are first
snapped to one value. Then ``p`` *covers* ``q`` when ``p >= q`` in every
coordinate: a covered point is dominated or a duplicate, and is dropped, so the
result holds one representative per distinct utility vector: the first in the
sweep order (lexicographically descending), which makes the choice
deterministic (with four or more coordinates the sweep is first by the sum of
per-coordinate ranks; exact duplicates still keep the lowest index).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from accord.numeric import TOL, FloatArray, IntArray

_FEW_LEVELS = 64
# The level sweep of four or more coordinates: largest grid (cells) and grid passes (cells x levels).
_MAX_CELLS = 1 << 22
_MAX_WORK = 1 << 30
_BATCH = 4096  # least points per batch of levels
_BATCHES = 16
_COARSE = 128  # cells per axis of the 4-D sweep's coarse filter

_LEVELS_FROM = 2048
"""Fewer points than this go to the bitset sweep even with four or more coordinates.

The level sweeps pay a fixed cost per call and per level (the tree, the coarse
grid) that a few hundred points, as the beam search and the small stages give,
do not repay: 200 points in general position took 22 ms that way against
0.8 ms by the bitset sweep, which stays under about 3 ms up to this size."""


def maxima(
    points: FloatArray,
    tol: float = TOL,
    groups: NDArray[np.integer] | None = None,
    *,
    ordered: bool = True,
    filtered_at: float | None = None,
) -> IntArray:
    """Indices of the non-dominated rows of ``points`` (shape ``(n, k)``).

    One index per distinct utility vector (within ``tol``), in sweep order
    (``ordered=False``: ascending, which spares a sort of all the points). With
    ``groups`` (one integer per row) points are compared only within their group.
    ``filtered_at``: the points are known to be the maxima of some set at that
    tolerance, finer than ``tol``; when no two values of a coordinate lie between
    the two tolerances apart, the ranks, hence the answer, are the same: all points.
    """
    pts = np.asarray(points, dtype=np.float64)
    n = pts.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    # Dominance depends only on the order within each coordinate, so the sweeps run
    # on dense integer ranks: exact comparisons, and cheap sums and searches.
    ranks = _ranks(pts, tol)
    known = groups is None and filtered_at is not None and filtered_at <= tol
    if known and _same_ranks(pts, float(filtered_at or 0.0), ranks):
        every = np.arange(n, dtype=np.int64)
        return every[_sort_order(ranks, by_sum=ranks.shape[1] >= 4)] if ordered else every
    if groups is not None:
        ranks = _grouped(ranks, np.asarray(groups, dtype=np.int64))
    return _keep(ranks, ordered=ordered)


def _same_ranks(pts: FloatArray, fine: float, ranks: IntArray) -> bool:
    """Whether ``ranks`` (at the coarser tolerance) are also the ranks of ``pts`` at tolerance ``fine``.

    Ranks split where sorted neighbours lie more than the tolerance apart; the coarse
    splits are among the fine ones, so equal counts mean equal splits.
    """
    for j in range(pts.shape[1]):
        v = np.sort(pts[:, j])
        if int(np.count_nonzero(np.diff(v) > fine)) != int(ranks[:, j].max()):
            return False
    return True


def _keep(ranks: IntArray, *, ordered: bool = True) -> IntArray:
    """Rows of ``ranks`` covered by no other row (the first of equal rows by index).

    In sweep order: lexicographically descending, so a point can be covered only by
    earlier ones. With four or more coordinates, best-first by the sum of ranks
    before that: a covering point has a larger rank sum (or is an equal vector,
    which comes first lexicographically), so it still comes earlier; and points
    with high rank sums cover many others, which keeps the set of coverers small.
    ``ordered=False``: ascending. The level sweeps find the set without the order,
    so only the rows kept are sorted (stably, from ascending indices: the same order).
    """
    k = ranks.shape[1]
    found: IntArray | None = None
    if k >= 4 and ranks.shape[0] >= _LEVELS_FROM:
        found = _levels4(ranks) if k == 4 else _levels_k(ranks)
    elif k == 3:
        levels = ranks.max(axis=0) - ranks.min(axis=0) + 1
        if int(levels.min()) <= _FEW_LEVELS:
            # One coordinate with few values (a count of changes, say): level by level.
            found = np.sort(_levels3(ranks - ranks.min(axis=0), int(np.argmin(levels))))
    if found is not None:
        return found[_sort_order(ranks[found], by_sum=k >= 4)] if ordered else found
    order = _sort_order(ranks, by_sum=k >= 4)
    sorted_ranks = ranks[order]
    if k == 1:
        keep = np.array([0], dtype=np.int64)
    elif k == 2:
        keep = _sweep2(sorted_ranks)
    elif k == 3:
        keep = _sweep3(sorted_ranks - sorted_ranks.min(axis=0))
    else:
        keep = _sweep_k(sorted_ranks)
    return order[keep] if ordered else np.sort(order[keep])


def _levels4(ranks: IntArray) -> IntArray | None:
    """Maxima of four coordinates, level by level of the one with fewest values.

    Kung, Luccio & Preparata's (1975) sweep, with the 3-D query (is some point of a
    better level at least as good in the other three coordinates?) answered by a
    2-D Fenwick tree (Fenwick 1994, "A new data structure for cumulative frequency
    tables", Software: Practice and Experience 24(3)) of prefix maxima of the
    last coordinate over the middle two, both reversed so that "at least as good"
    is a prefix. Queries and insertions of a whole level at once, vectorised over
    the ``log a * log b`` nodes each touches; within a level, the 3-D maxima.
    Before the tree, a coarse grid of the same maxima (one read per point, see
    :func:`_raise_grid`) drops most covered points, so that only the rest pay for
    the tree's reads: the presorted filter of Chomicki, Godfrey, Gryz & Liang
    (2003) with the strong points found so far.
    ``None`` when the tree would be too large.
    """
    r = ranks - ranks.min(axis=0)
    span = r.max(axis=0) + 1
    lv, ga, gb, last = (int(j) for j in np.argsort(span, kind="stable"))
    na, nb = int(span[ga]), int(span[gb])
    if (na + 2) * (nb + 2) > _MAX_CELLS:
        return None
    tree = _MaxTree(na, nb, int(span[last]))
    a, b, z = r[:, ga], r[:, gb], r[:, last]
    # The coarse grid: cell (i, j) holds the most z among kept points in cells >= (i, j);
    # a point reads the cell past its own, whose points are all at least as good in a and b.
    sa, sb = -(-na // _COARSE), -(-nb // _COARSE)
    ca, cb = a // sa, b // sb
    grid = np.full((na // sa + 2, nb // sb + 2), -1, dtype=tree.tree.dtype)
    rest = [j for j in range(4) if j != lv]
    by_level = _by_level(r[:, lv], int(span[lv]))
    bounds = np.nonzero(np.diff(r[by_level, lv]))[0] + 1
    kept: list[IntArray] = []
    for lo, hi in zip([0, *bounds.tolist()], [*bounds.tolist(), by_level.size], strict=True):
        idx = by_level[lo:hi]
        idx = idx[grid[ca[idx] + 1, cb[idx] + 1] < z[idx]]
        if idx.size:
            idx = idx[tree.query(a[idx], b[idx]) < z[idx]]
        if idx.size == 0:
            continue
        new = idx[_keep(r[np.ix_(idx, rest)], ordered=False)] if idx.size > 1 else idx
        kept.append(new)
        tree.insert(a[new], b[new], z[new])
        _raise_grid(grid, np.stack((ca[new], cb[new]), axis=1), z[new])
    return np.sort(np.concatenate(kept)) if kept else np.zeros(0, dtype=np.int64)


def _by_level(level: IntArray, span: int) -> IntArray:
    """Rows by ``level`` (ranks ``0 .. span - 1``) descending, by index within a level.

    A stable sort of 16-bit keys when they fit (numpy sorts those by radix, in linear time).
    """
    key = (span - 1) - level
    if span <= 1 << 15:
        key = key.astype(np.int16)
    return np.asarray(np.argsort(key, kind="stable"), dtype=np.int64)


class _MaxTree:
    """A 2-D Fenwick tree of maxima over ranks ``a < na``, ``b < nb``: the most ``z`` at or above (a, b).

    Stored flat, with 32-bit values when they fit (reads dominate the sweep and
    touch memory at random); both axes reversed so that "at least as good" is a prefix.
    """

    __slots__ = ("na", "nb", "qa", "qb", "tree", "ua", "ub", "width")

    _CHUNK = 1 << 15  # points per vectorised read (bounds the index arrays)

    def __init__(self, na: int, nb: int, nz: int) -> None:
        self.na, self.nb, self.width = na, nb, nb + 2
        qa, ua = _fenwick_paths(na)
        qb, ub = _fenwick_paths(nb)
        # Row offsets folded in once: a node's flat index is a row part plus a column part.
        self.qa, self.ua, self.qb, self.ub = qa * self.width, ua * self.width, qb, ub
        self.tree = np.full((na + 2) * self.width, -1, dtype=np.int32 if nz < 2**31 else np.int64)

    def query(self, a: IntArray, b: IntArray) -> IntArray:
        """Per point, the most ``z`` inserted at (a', b') with a' >= a and b' >= b; -1 if none."""
        out = np.empty(a.size, dtype=np.int64)
        for lo in range(0, a.size, self._CHUNK):
            pa, pb = self.na - a[lo : lo + self._CHUNK], self.nb - b[lo : lo + self._CHUNK]
            flat = self.qa[pa][:, :, None] + self.qb[pb][:, None, :]
            out[lo : lo + pa.size] = np.take(self.tree, flat.reshape(pa.size, -1)).max(axis=1)
        return out

    def insert(self, a: IntArray, b: IntArray, z: IntArray) -> None:
        """Raise the tree by points at (a, b) with values ``z``."""
        for lo in range(0, a.size, self._CHUNK):
            pa, pb = self.na - a[lo : lo + self._CHUNK], self.nb - b[lo : lo + self._CHUNK]
            flat = (self.ua[pa][:, :, None] + self.ub[pb][:, None, :]).ravel()
            vals = np.repeat(z[lo : lo + self._CHUNK].astype(self.tree.dtype), flat.size // pa.size)
            np.maximum.at(self.tree, flat, vals)


def _fenwick_paths(size: int) -> tuple[IntArray, IntArray]:
    """Per 1-based position of a Fenwick tree over ``size``: the nodes a query reads, an insertion raises.

    A prefix query up to ``i`` reads the nodes of row ``i`` of the first table
    (padded with 0, an empty node); an insertion at ``i`` raises those of row
    ``i`` of the second (padded with ``size + 1``, a node never read).
    """
    depth = max(1, size.bit_length())
    query = np.zeros((size + 1, depth), dtype=np.int64)
    update = np.full((size + 1, depth), size + 1, dtype=np.int64)
    i = np.arange(size + 1, dtype=np.int64)
    q, u = i.copy(), i.copy()
    u[0] = size + 1
    for d in range(depth):
        query[:, d] = q
        q = q - (q & -q)
        update[:, d] = np.where(u <= size, u, size + 1)
        u = np.where(u <= size, u + (u & -u), size + 1)
    return query, update


def _levels_k(ranks: IntArray) -> IntArray | None:
    """Maxima of four or more coordinates, level by level of the one with fewest values.

    The points kept from better levels are summarised in a dense grid over the
    next ``k - 2`` coordinates with fewest values: cell ``c`` holds the largest
    last coordinate among kept points at least as good as ``c`` in every grid
    coordinate (a suffix maximum along each axis). A point is covered by a
    better level exactly when its cell's entry reaches its last coordinate;
    within a level the problem has one coordinate fewer (recursively). This is
    the sweep of Kung, Luccio & Preparata (1975) with the (k-1)-D query answered
    by a table rather than a tree, so each level costs a pass over the grid:
    ``None`` (use the bitset sweep) when the grid or the passes would be too large.
    """
    n = ranks.shape[0]
    r = ranks - ranks.min(axis=0)
    span = r.max(axis=0) + 1
    by = np.argsort(span, kind="stable")
    lv, grid, last = int(by[0]), [int(j) for j in by[1:-1]], int(by[-1])
    shape = tuple(int(span[j]) for j in grid)
    cells = math.prod(shape)
    if cells > _MAX_CELLS or cells * int(span[lv]) > _MAX_WORK:
        return None
    best = np.full(shape, -1, dtype=np.int64)
    by_level = _by_level(r[:, lv], int(span[lv]))
    # Levels go in batches of consecutive levels (a level never splits): each batch is
    # checked against the grid, then within itself by the bitset sweep, and only then
    # enters the grid, so that the grid passes number the batches, not the levels.
    cuts = np.nonzero(np.diff(r[by_level, lv]))[0] + 1
    size = max(_BATCH, n // _BATCHES)
    pos = np.searchsorted(cuts, np.arange(size, n, size))
    ends = np.unique(np.append(cuts[pos[pos < cuts.size]], n))
    kept: list[IntArray] = []
    start = 0
    for end in ends.tolist():
        idx = np.sort(by_level[start:end])
        start = end
        idx = idx[best[tuple(r[idx, j] for j in grid)] < r[idx, last]]
        if idx.size == 0:
            continue
        sub = r[idx]
        order = _sort_order(sub, by_sum=True)
        new = idx[order[_sweep_k(sub[order])]]
        kept.append(new)
        _raise_grid(best, r[new][:, grid], r[new, last])
    return np.sort(np.concatenate(kept)) if kept else np.zeros(0, dtype=np.int64)


def _raise_grid(best: IntArray, cells: IntArray, values: IntArray) -> None:
    """Raise ``best`` (a suffix-maximum grid) by points at ``cells`` with ``values``, in place.

    A point raises only the cells at or below it in every axis: the box from the
    origin to the largest coordinates of the new points.
    """
    box = tuple(slice(0, int(c) + 1) for c in cells.max(axis=0))
    upd = np.full(tuple(s.stop for s in box), -1, dtype=best.dtype)
    np.maximum.at(upd, tuple(cells.T), values)
    for ax in range(upd.ndim):
        flipped = np.flip(upd, axis=ax)
        upd = np.flip(np.maximum.accumulate(flipped, axis=ax), axis=ax)
    np.maximum(best[box], upd, out=best[box])


def _sort_order(ranks: IntArray, *, by_sum: bool) -> IntArray:
    """Rows by descending ranks, coordinate 0 first (``by_sum``: by descending rank sum before that).

    Ties keep the row order. One stable argsort of a mixed-radix key when the
    ranges fit in 63 bits, as they do for ranks of a few hundred values; else ``np.lexsort``.
    """
    if ranks.shape[1] == 2 and not by_sum:
        # The common case (two parties), in one call: lexsort is stable too.
        return np.lexsort((-ranks[:, 1], -ranks[:, 0])).astype(np.int64)
    top, low = ranks.max(axis=0), ranks.min(axis=0)  # grouped ranks may be negative
    cols = [top[j] - ranks[:, j] for j in range(ranks.shape[1])]  # 0 = best
    spans = [int(t - lo) + 1 for t, lo in zip(top, low, strict=True)]
    if by_sum:
        total = ranks.sum(axis=1)
        cols.insert(0, int(total.max()) - total)
        spans.insert(0, int(total.max() - total.min()) + 1)
    if sum(math.log2(x) for x in spans) >= 62:
        return np.lexsort(tuple(reversed(cols))).astype(np.int64)
    combined = cols[0].astype(np.int64)
    for col, span in zip(cols[1:], spans[1:], strict=True):
        combined = combined * span + col
    return np.argsort(combined, kind="stable").astype(np.int64)


def _sweep2(s: IntArray) -> IntArray:
    best = np.maximum.accumulate(s[:, 1])
    prev = np.concatenate(([-1], best[:-1]))
    return np.nonzero(s[:, 1] > prev)[0].astype(np.int64)


def _levels3(r: IntArray, level_col: int) -> IntArray:
    """Maxima of 3-D ranks when coordinate ``level_col`` takes few values.

    Levels are visited from the best down. A point is covered by a point of a
    better level exactly when that point is at least as good in the other two
    coordinates: a query on the 2-D staircase of the points kept so far. Within
    a level it is the 2-D sweep (first of equal vectors, by index, kept).
    """
    xy = [j for j in range(3) if j != level_col]
    x, y, lv = r[:, xy[0]], r[:, xy[1]], r[:, level_col]
    stair_x = np.zeros(0, dtype=np.int64)  # by x descending, y strictly increasing
    stair_y = np.zeros(0, dtype=np.int64)
    kept: list[IntArray] = []
    for level in np.unique(lv)[::-1]:
        idx = np.nonzero(lv == level)[0]
        idx = idx[np.lexsort((idx, -y[idx], -x[idx]))]
        if stair_x.size:
            # Staircase points with x >= q_x form a prefix; its last has the largest y.
            pos = np.searchsorted(-stair_x, -x[idx], side="right")
            best = np.where(pos > 0, stair_y[np.maximum(pos - 1, 0)], -1)
            idx = idx[best < y[idx]]
        if idx.size == 0:
            continue
        run = np.maximum.accumulate(y[idx])
        idx = idx[y[idx] > np.concatenate(([-1], run[:-1]))]
        kept.append(idx)
        both_x = np.concatenate((stair_x, x[idx]))
        both_y = np.concatenate((stair_y, y[idx]))
        o = np.lexsort((-both_y, -both_x))
        both_x, both_y = both_x[o], both_y[o]
        top = np.maximum.accumulate(both_y)
        step = both_y > np.concatenate(([-1], top[:-1]))
        stair_x, stair_y = both_x[step], both_y[step]
    return np.concatenate(kept) if kept else np.zeros(0, dtype=np.int64)


def _covered_within(c: IntArray) -> NDArray[np.bool_]:
    """Per row of the chunk ``c``: covered by an earlier row of ``c``."""
    cov = (c[None, :, :] >= c[:, None, :]).all(axis=2)
    return np.asarray(np.tril(cov, -1).any(axis=1))


def _sweep3(s: IntArray) -> IntArray:
    """Rows (in sweep order) not covered by an earlier row, for three coordinates.

    An earlier row already has coordinate 0 at least as large, so row i is
    covered when some row j < i has y_j >= y_i and z_j >= z_i: the largest z
    among earlier rows with y at least y_i decides. Bottom-up merge sort over
    aligned blocks (Bentley 1980, "Multidimensional divide-and-conquer", CACM
    23(4)): when two sibling blocks are merged by y, each row of the right one
    sees the left one's rows with y at least its own as a suffix, so one
    running maximum of z per level answers every row, vectorised. Over the
    levels each row meets every earlier row exactly once.
    """
    n = s.shape[0]
    y, z = s[:, 1], s[:, 2]
    span = 2 * (int(y.max()) + 1)
    big = int(z.max()) + 2  # ranks are >= 0; an offset step larger than any z
    best = np.full(n, -1, dtype=np.int64)
    idx = np.arange(n, dtype=np.int64)
    o = idx
    for level in range(max(1, (n - 1).bit_length())):
        parent = idx >> (level + 1)
        left = ((idx >> level) & 1) == 0
        # By y within each merged block; for equal y the right half first, so that the
        # left rows after a right row are exactly those with y at least its y. The
        # input is two sorted runs per block, which the stable sort merges.
        o = o[np.argsort((parent * span + 2 * y + left)[o], kind="stable")]
        po = parent[o]
        # The most z among left rows from here on; the offset stops it at block edges.
        off = (int(po[-1]) - po) * big
        run = np.maximum.accumulate((np.where(left[o], z[o], -1) + off)[::-1])[::-1] - off
        right = ~left[o]
        rows = o[right]
        best[rows] = np.maximum(best[rows], run[right])
    return np.nonzero(best < z)[0].astype(np.int64)


def _sweep_k(s: IntArray, words: int = 16) -> IntArray:
    """Points not covered by an earlier point, with bitsets.

    The members of a set of candidate coverers that cover q in coordinate j are
    those ranking at least as high as q there: a prefix of the members sorted by
    coordinate j. The members covering q in every coordinate are the AND of
    these prefixes, as bitsets of 64 members per machine word; in the sweep
    order (best-first, see :func:`maxima`) every coverer of q comes before it.
    Coverers are taken ``64 * words`` at a time among the points not yet covered
    (Chomicki, Godfrey, Gryz & Liang 2003, "Skyline with presorting", ICDE: in
    a monotone sweep order only maxima need serve as coverers), so the work
    grows with the number of maxima rather than the square of the number of
    points.
    """
    n = s.shape[0]
    if n <= 96:
        # Small sets: comparing all pairs at once is cheaper than building bitsets.
        return np.nonzero(~_covered_within(s))[0].astype(np.int64)
    covered = np.zeros(n, dtype=bool)
    c0 = 0
    first_words = 2  # the best-first 128 points usually cover most of the rest
    while c0 < n - 1:
        # A covered point need not serve as a coverer: whatever covers it, earlier in
        # the sweep, covers what it would. Points before c0 were tested against every
        # earlier coverer, so whether they are covered is settled.
        open_ = c0 + np.nonzero(~covered[c0:])[0]
        if open_.size <= 1:
            break
        w = min(first_words if c0 == 0 else words, -(-open_.size // 64))
        members = open_[: 64 * w]
        q = open_[1:]
        covered[q[_covered_by(s, members, q, w)]] = True
        c0 = int(members[-1]) + 1
    return np.nonzero(~covered)[0].astype(np.int64)


def _covered_by(s: IntArray, members: IntArray, q: IntArray, w: int) -> IntArray:
    """Indices into ``q`` of the points some earlier point of ``members`` covers (bitsets of ``w`` words)."""
    one = np.uint64(1)
    full = np.uint64(0xFFFFFFFFFFFFFFFF)
    # Only members before q in the sweep may cover it: all of them once q is past
    # the last member, else the first few (set bits up to q's place among them).
    bit = np.arange(members.size)
    rows = np.arange(q.size)  # the q still possibly covered by some member
    acc = np.zeros((0, w), dtype=np.uint64)
    for j in range(s.shape[1]):
        # Prefix ORs over the members by rank in coordinate j, highest first: row i
        # holds the i best; q looks up how many members rank at least as high as it.
        mr = s[members, j]
        by = np.argsort(-mr, kind="stable")
        table = np.zeros((members.size + 1, w), dtype=np.uint64)
        table[np.arange(1, members.size + 1), bit[by] // 64] = one << (bit[by] % 64).astype(np.uint64)
        np.bitwise_or.accumulate(table, axis=0, out=table)
        hit = table[np.searchsorted(-mr[by], -s[q[rows], j], side="right")]
        if j == 0:
            # Only members before q in the sweep may cover it: all of them once q is
            # past the last member, else those up to q's place among them.
            acc = hit
            inside = np.nonzero(q <= members[-1])[0]
            if inside.size:
                places = np.searchsorted(members, q[inside])[:, None] - 64 * np.arange(w)[None, :]
                before = np.clip(places, 0, 64).astype(np.uint64)
                acc[inside] &= np.where(before >= 64, full, (one << before) - one)
        else:
            acc &= hit
        alive = np.bitwise_or.reduce(acc, axis=1) != 0
        rows, acc = rows[alive], acc[alive]
        if rows.size == 0:
            break
    return rows


def _grouped(ranks: IntArray, groups: IntArray) -> IntArray:
    """Coordinates under which no point of one group covers a point of another in the sweep.

    Coordinate 0 is shifted down and the others up by the group number times a
    span larger than any rank. The sweep then visits groups one after another,
    and a point of an earlier group is below every point of a later one in
    coordinates 1.., so it never covers it; within a group the order and
    comparisons are unchanged.
    """
    n = ranks.shape[0]
    if ranks.shape[1] == 1:
        ranks = np.hstack((ranks, np.zeros((n, 1), dtype=np.int64)))
    _, gid = np.unique(groups, return_inverse=True)
    gid = gid.ravel().astype(np.int64) * (n + 1)
    out = np.asarray(ranks + gid[:, None], dtype=np.int64)
    out[:, 0] = ranks[:, 0] - gid
    return out


def _ranks(pts: FloatArray, tol: float) -> IntArray:
    """Per coordinate, dense ranks (0 = lowest), values within ``tol`` of a neighbour tied.

    Rounding makes the same utility reached along different paths differ in the
    last bits; chained within ``tol``, such values get one rank, so the sweeps
    compare exactly and the lexicographic order puts every covering point first.
    """
    # Column by column, each contiguous: ties get one rank whatever their order.
    # Stored column by column (Fortran order): the sweeps read whole coordinates.
    out = np.empty(pts.shape[::-1], dtype=np.int64)
    for j in range(pts.shape[1]):
        col = np.ascontiguousarray(pts[:, j])
        o = np.argsort(col)
        steps = np.zeros(col.size, dtype=np.int64)
        np.cumsum(np.diff(col[o]) > tol, out=steps[1:])
        out[j, o] = steps
    return out.T
