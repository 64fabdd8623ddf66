"""Exact counting of the packages every party prefers to its BATNA, without listing them.

Two counters, both needing every joint assignment of each super-issue (a
decomposition built without ``reduce``):

* :func:`count_by_stages`: over the stages of :mod:`.stages`, partial packages
  that every completion makes acceptable, or none can, are counted (or dropped)
  at once with their number of completions; the rest go on, identical partial
  vectors merged. Exact while the undecided partial packages stay within a budget.
* :func:`count_meet_in_middle` (two parties): the super-issues are split in two
  halves, each enumerated; the acceptable pairs are counted by offline 2-D
  dominance counting (:func:`dominance_count`, a merge-sort tree queried level
  by level; Bentley 1980, "Multidimensional divide-and-conquer", CACM 23(4)).
"""

from __future__ import annotations

import math
import time

import numpy as np
from numpy.typing import NDArray

from accord.analysis.kernel.stages import default_order, suffix_box
from accord.analysis.kernel.superissues import Decomposition
from accord.numeric import TOL, FloatArray


def count_by_stages(
    decomp: Decomposition, batna: FloatArray, *, max_states: int, deadline: float | None
) -> int | None:
    """Exact count of acceptable packages, or None when the undecided states exceed the budget."""
    order = default_order(decomp)
    hi = suffix_box(decomp, order)
    lo = suffix_box(decomp, order, lowest=True)
    sizes = [decomp.blocks[j].size for j in order]
    completions = [math.prod(sizes[t:]) for t in range(len(sizes) + 1)]
    big = completions[0] >= 2**62
    states = decomp.offset.reshape(1, -1)
    mult = np.ones(1, dtype=object if big else np.int64)
    total = 0

    def decide(a: FloatArray, m: NDArray[np.generic], t: int) -> tuple[FloatArray, NDArray[np.generic], int]:
        sure = (a + lo[t] - batna > TOL).all(axis=1)
        hopeless = (a + hi[t] - batna <= TOL).any(axis=1)
        counted = int(m[sure].sum()) * completions[t]
        keep = ~sure & ~hopeless
        return a[keep], m[keep], counted

    states, mult, total = decide(states, mult, 0)
    for t, j in enumerate(order):
        if states.shape[0] == 0:
            break
        vb = decomp.blocks[j].values
        n, m = states.shape[0], vb.shape[0]
        if n * m > max_states or (deadline is not None and time.perf_counter() > deadline):
            return None
        cand = (states[:, None, :] + vb[None, :, :]).reshape(n * m, -1)
        cm = np.repeat(mult, m)
        cand, cm, counted = decide(cand, cm, t + 1)
        total += counted
        if cand.shape[0]:
            # Merge identical partial vectors (common with round-number scenario values).
            uniq, inv = np.unique(cand, axis=0, return_inverse=True)
            if uniq.shape[0] < cand.shape[0]:
                merged = np.zeros(uniq.shape[0], dtype=cm.dtype)
                np.add.at(merged, inv.ravel(), cm)
                cand, cm = uniq, merged
        states, mult = cand, cm
    return total


def count_meet_in_middle(decomp: Decomposition, batna: FloatArray, max_half: int = 1 << 20) -> int | None:
    """Exact count for two parties by splitting the super-issues in two enumerated halves."""
    blocks = sorted(range(len(decomp.blocks)), key=lambda j: -decomp.blocks[j].size)
    halves: list[list[int]] = [[], []]
    prods = [1, 1]
    for j in blocks:
        h = 0 if prods[0] <= prods[1] else 1
        halves[h].append(j)
        prods[h] *= decomp.blocks[j].size
    if max(prods) > max_half:
        return None
    sums = []
    for half in halves:
        acc = np.zeros((1, 2))
        for j in half:
            vb = decomp.blocks[j].values
            acc = (acc[:, None, :] + vb[None, :, :]).reshape(-1, 2)
        sums.append(acc)
    a, b = sums
    a = a + decomp.offset
    # Pair (a, b) is acceptable when b > batna + TOL - a in both coordinates.
    qx = batna[0] + TOL - a[:, 0]
    qy = batna[1] + TOL - a[:, 1]
    return dominance_count(b[:, 0], b[:, 1], qx, qy)


def dominance_count(bx: FloatArray, by: FloatArray, qx: FloatArray, qy: FloatArray) -> int:
    """Sum over queries of #{i : bx_i > qx and by_i > qy} (merge-sort tree, level by level)."""
    n = bx.size
    ox = np.argsort(bx, kind="stable")
    sx = bx[ox]
    sy_sorted = np.sort(by)
    # Rank of each point's y, 1-based; padding gets 0 and never counts.
    rank_y = np.empty(n, dtype=np.int64)
    rank_y[np.argsort(by, kind="stable")] = np.arange(1, n + 1)
    ry = rank_y[ox]
    height = max(1, (n - 1).bit_length())
    size = 1 << height
    ranks = np.zeros(size, dtype=np.int64)
    ranks[:n] = ry
    start = np.searchsorted(sx, qx, side="right").astype(np.int64)  # first point with bx > qx
    need = np.searchsorted(sy_sorted, qy, side="right").astype(np.int64) + 1  # ranks >= need have by > qy
    total = 0
    span = n + 2
    pos = np.arange(size, dtype=np.int64)
    for level in range(height + 1):
        width = 1 << level
        take = (start & width) != 0 if level < height else start == 0
        block = pos >> level
        keys = np.sort(block * span + ranks)
        if take.any():
            bid = start[take] >> level
            hi = np.searchsorted(keys, (bid + 1) * span, side="left")
            lo = np.searchsorted(keys, bid * span + need[take], side="left")
            total += int((hi - lo).sum())
            start[take] += width
    return total
