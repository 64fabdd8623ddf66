"""The four-party dominance filter: the level sweep (Fenwick tree) against the bitset sweep.

Usage::

    python bench/bench_maxima.py              # 200,000 candidates, 4 coordinates
    python bench/bench_maxima.py --n 50000 --k 5
    python bench/bench_maxima.py --ukraine    # the stages of `ukraine`'s 4-party frontier

Candidates are built like a stage of the frontier: a non-dominated set (points
on a sphere-like surface, rounded to 2 decimals so coordinates repeat) plus
each of a few option vectors. Both sweeps run in one process on the same
points; the script checks they agree and prints the times and their ratio.

``--ukraine`` profiles the real case instead: the frontier of the built-in
scenario for its four default parties (default perspective), with, per stage,
the candidate vectors, the survivors and the time of the dominance filter
(wall and CPU, so that a busy machine shows), then the engine's total.
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


def ukraine_stages() -> None:
    """The frontier of `ukraine` (default parties and perspective), the filter timed per stage."""
    import accord.analysis.frontier as frontier
    import accord.analysis.kernel.stages as stages
    from accord.scenarios import load_builtin
    from accord.workbench.records import FrontierRequest

    space = FrontierRequest(scenario=load_builtin("ukraine")).compile()
    calls: list[tuple[int, int, float, float]] = []
    plain = stages.maxima

    def timed_maxima(points: np.ndarray, *args: object, **kwargs: object) -> np.ndarray:
        t0, c0 = time.perf_counter(), time.process_time()
        kept = plain(points, *args, **kwargs)  # type: ignore[arg-type]
        calls.append((points.shape[0], kept.size, time.perf_counter() - t0, time.process_time() - c0))
        return kept

    stages.maxima = timed_maxima
    try:
        t0, c0 = time.perf_counter(), time.process_time()
        res = frontier.solve_frontier(space)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    finally:
        stages.maxima = plain
    print(f"{'stage':>5} {'candidates':>12} {'kept':>10} {'filter wall':>12} {'filter CPU':>11}")
    for i, (n, k, w, c) in enumerate(calls, 1):
        print(f"{i:>5} {n:>12,} {k:>10,} {w:>11.2f}s {c:>10.2f}s")
    print(f"filters {sum(c[2] for c in calls):.2f} s wall; engine {wall:.2f} s wall, {cpu:.2f} s CPU")
    print(f"{len(res):,} efficient packages, exact: {res.provenance.exact}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--k", type=int, default=4)
    ap.add_argument("--ukraine", action="store_true", help="time the stages of ukraine's 4-party frontier")
    args = ap.parse_args()
    if args.ukraine:
        ukraine_stages()
        return
    pts = candidates(args.n, args.k)
    t_new, a = timed(pts, table=True)
    t_old, b = timed(pts, table=False)
    assert np.array_equal(a, b), "the two sweeps disagree"
    print(f"{pts.shape[0]:,} candidates, k={args.k}, {a.size:,} maxima")
    print(f"level sweep {t_new:.2f} s; bitset sweep {t_old:.2f} s; ratio {t_old / t_new:.1f}x")


if __name__ == "__main__":
    main()
