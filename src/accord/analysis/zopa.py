"""The zone of possible agreement (ZOPA).

A package is in the ZOPA when every chosen party prefers it to its BATNA (surplus
above :data:`accord.space.TOL`; Fisher & Ury 1981, "Getting to Yes"; Raiffa
1982, "The Art and Science of Negotiation") and it crosses no honoured red line.
This module answers: is the ZOPA empty; which package has the largest minimum
surplus (exact branch and bound, :mod:`accord.analysis.bargaining`); and how many
feasible packages lie in it, as an exact count or a labelled estimate.

Counting, in order of preference:

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
   (:mod:`accord.analysis.sampling`: each linked component drawn independently
   by walking its counting layers backwards, which is uniform because the
   feasible set is their product; no component is listed), with the 95% Wilson
   score interval (Wilson 1927, JASA 22(158)) and the seed.
"""

from __future__ import annotations

import math
import time

import numpy as np
from numpy.typing import NDArray

from accord.analysis.bargaining import max_min_surplus, prepare
from accord.analysis.components import Decomposition, decompose
from accord.analysis.results import ZopaResult
from accord.analysis.sampling import FeasibleSet, feasible_set
from accord.analysis.stages import default_order, suffix_box
from accord.space import TOL, Space

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

_Z95 = 1.959963984540054


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
) -> ZopaResult:
    """Whether ``space`` has a ZOPA, its best package by minimum surplus, and its size.

    Counting is exact while it stays within ``count_states`` undecided partial
    packages (two parties: halves of at most ``count_states // 2`` packages for
    meet in the middle) and ``time_limit``; otherwise Monte Carlo draws
    ``samples`` packages from ``rng``, by default ``numpy.random.default_rng(seed)``.
    ``max_states`` bounds the search for the best package.
    """
    t0 = time.perf_counter()
    deadline = None if time_limit is None else t0 + time_limit
    params: dict[str, object] = {
        "ignore_red_lines": ignore_red_lines,
        "time_limit": time_limit,
        "max_states": max_states,
        "count_states": count_states,
        "samples": samples,
    }
    d = space.batna.copy()
    decomp = decompose(space, red_lines=not ignore_red_lines, reduce=True)
    if not decomp.feasible:
        return ZopaResult(
            status="infeasible",
            parties=space.parties,
            batna=d,
            exists=False,
            best=None,
            best_utilities=None,
            min_surplus=None,
            best_exact=True,
            counting="exact",
            count=0,
            n_feasible=0,
            n_packages=space.n_packages,
            share=None,
            share_interval=None,
            samples=0,
            seed=None,
            algorithm="decomposition",
            parameters=params,
            conflict=decomp.conflict,
            note="no package satisfies the constraints, red lines and restrictions together",
            seconds=time.perf_counter() - t0,
        )
    prob = prepare(decomp, d, deadline=deadline, max_states=max_states)
    best = max_min_surplus(prob, require_ir=False)
    best_pkg = None if best.choice is None else prob.decomp.package(best.choice)
    best_u = None if best_pkg is None else space.utility(best_pkg)
    min_s = None if best_u is None else float((best_u - d).min())
    exists = min_s is not None and min_s > TOL
    feasible = feasible_set(space, red_lines=not ignore_red_lines)
    n_feasible = feasible.count
    algorithm = "branch and bound for the best package; "
    note = ""
    count: int | None
    interval = None
    used_seed: int | None = None
    drawn = 0
    if not exists and best.exact:
        counting, count, share = "exact", 0, 0.0
        algorithm += "empty ZOPA"
        note = "no feasible package gives every party more than its BATNA (no ZOPA)"
    else:
        count = None
        method = ""
        if feasible.largest_component <= count_states:
            # Exact counting needs every joint assignment, so the blocks are built in full here.
            full = decompose(space, red_lines=not ignore_red_lines)
            count = _count_stages(full, d, max_states=count_states, deadline=deadline)
            method = "stage-wise counting with decided partial packages"
            if count is None and full.n_parties == 2:
                count = _count_meet_in_middle(full, d, max_half=max(2, count_states // 2))
                method = "meet-in-the-middle 2-D dominance counting"
        if count is not None:
            counting, share = "exact", count / n_feasible
            algorithm += method
        else:
            counting = "monte-carlo"
            gen = rng if rng is not None else np.random.default_rng(seed)
            used_seed = seed if rng is None else None
            hits = _sample(space, feasible, d, samples, gen)
            drawn = samples
            share = hits / samples
            interval = _wilson(hits, samples)
            algorithm += f"Monte Carlo estimate ({samples:,} uniform draws)"
            note = (
                f"share estimated from {samples:,} random feasible packages "
                f"(95% interval {interval[0]:.4g}–{interval[1]:.4g}); exact counting exceeded the limits"
            )
    return ZopaResult(
        status="ok" if exists else "no_zopa",
        parties=space.parties,
        batna=d,
        exists=exists,
        best=best_pkg,
        best_utilities=best_u,
        min_surplus=min_s,
        best_exact=best.exact,
        counting=counting,  # type: ignore[arg-type]
        count=count,
        n_feasible=n_feasible,
        n_packages=space.n_packages,
        share=share,
        share_interval=interval,
        samples=drawn,
        seed=used_seed,
        algorithm=algorithm,
        parameters=params,
        gap=best.gap,
        note=note,
        seconds=time.perf_counter() - t0,
    )


def _count_stages(
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


def _count_meet_in_middle(decomp: Decomposition, batna: FloatArray, max_half: int = 1 << 20) -> int | None:
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
    return _dominance_count(b[:, 0], b[:, 1], qx, qy)


def _dominance_count(bx: FloatArray, by: FloatArray, qx: FloatArray, qy: FloatArray) -> int:
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


def _sample(
    space: Space, feasible: FeasibleSet, batna: FloatArray, samples: int, rng: np.random.Generator
) -> int:
    """How many of ``samples`` uniform feasible packages give every party more than its BATNA."""
    values = [c.T for c in space.contrib]
    hits = 0
    chunk = 100_000  # bounds memory whatever the number of samples
    for begin in range(0, samples, chunk):
        u = feasible.draw_sums(min(chunk, samples - begin), rng, values)
        hits += int((u - batna > TOL).all(axis=1).sum())
    return hits


def _wilson(hits: int, n: int) -> tuple[float, float]:
    p = hits / n
    denom = 1.0 + _Z95**2 / n
    centre = (p + _Z95**2 / (2 * n)) / denom
    half = _Z95 * math.sqrt(p * (1 - p) / n + _Z95**2 / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)
