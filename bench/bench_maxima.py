"""The four-party dominance filter: the level sweep (Fenwick tree) against the bitset sweep.

Usage::

    python bench/bench_maxima.py              # 200,000 candidates, 4 coordinates
    python bench/bench_maxima.py --n 50000 --k 5

Candidates are built like a stage of the frontier: a non-dominated set (points
on a sphere-like surface, rounded to 2 decimals so coordinates repeat) plus
each of a few option vectors. Both sweeps run in one process on the same
points; the script checks they agree and prints the times and their ratio.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import accord.analysis.kernel.maxima as mod


def candidates(n: int, k: int, seed: int = 0) -> np.ndarray:
    """About ``n`` Minkowski-summed points in ``k`` coordinates."""
    rng = np.random.default_rng(seed)
    base = np.abs(rng.normal(size=(max(1, n // 8), k)))
    base = np.round(base / np.linalg.norm(base, axis=1, keepdims=True) * 10, 2)
    options = np.round(rng.random((8, k)) * 3, 2)
    return (base[:, None, :] + options[None, :, :]).reshape(-1, k)


def timed(pts: np.ndarray, *, table: bool) -> tuple[float, np.ndarray]:
    saved = mod._MAX_CELLS
    mod._MAX_CELLS = saved if table else 0
    try:
        t0 = time.perf_counter()
        idx = mod.maxima(pts)
        return time.perf_counter() - t0, idx
    finally:
        mod._MAX_CELLS = saved


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--k", type=int, default=4)
    args = ap.parse_args()
    pts = candidates(args.n, args.k)
    t_new, a = timed(pts, table=True)
    t_old, b = timed(pts, table=False)
    assert np.array_equal(a, b), "the two sweeps disagree"
    print(f"{pts.shape[0]:,} candidates, k={args.k}, {a.size:,} maxima")
    print(f"level sweep {t_new:.2f} s; bitset sweep {t_old:.2f} s; ratio {t_old / t_new:.1f}x")


if __name__ == "__main__":
    main()
