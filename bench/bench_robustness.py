"""How long `accord robustness` takes on ukraine: 100,000 draws over every plan and reading.

Usage: python bench/bench_robustness.py [--samples N] [--naive N] [--dask]

Times, in this process, the vectorised engine on every plan and reading of the
built-in ``ukraine`` scenario (with the second matrix and the Sobol indices), the
same without the indices, and a naive reference that judges one draw at a time
with ``Space.utility`` (no peer tool samples plan verdicts, so this is the
baseline the ratio is taken against; it runs on fewer draws and is scaled per
draw). ``--dask`` also runs the sweep on a local Dask cluster (2 workers) and
checks that its result is identical. The target is under 10 s on 2 cores.
"""

from __future__ import annotations

import argparse
import dataclasses
import time

import numpy as np

from accord.analysis.robustness import OpenForms, PlanSpec, solve_robustness
from accord.numeric import TOL
from accord.scenarios import load_builtin
from accord.space import Space, compile_space
from accord.workbench.robustness import plan_packages


def naive(space: Space, packages: dict[str, PlanSpec], n: int, seed: int) -> float:
    """One draw at a time: perturb values and BATNA, draw open forms, judge every plan with Space.utility."""
    rng = np.random.default_rng(seed)
    t0 = time.perf_counter()
    for _ in range(n):
        contrib = tuple(
            c + space.value_spread[:, None] * space.weights[:, [i]] * rng.uniform(-1, 1, c.shape)  # type: ignore[index]
            for i, c in enumerate(space.contrib)
        )
        batna = space.batna + space.batna_spread * rng.uniform(-1, 1, len(space.parties))
        drawn = dataclasses.replace(space, contrib=contrib, batna=batna)
        for spec in packages.values():
            pkg = spec.packages[rng.integers(len(spec.packages))] if isinstance(spec, OpenForms) else spec
            u = drawn.utility(pkg)
            _ = [u[p] - batna[p] > TOL and not drawn.crossed(pkg, p) for p in range(len(space.parties))]
    return (time.perf_counter() - t0) / n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=100_000)
    parser.add_argument("--naive", type=int, default=500)
    parser.add_argument("--dask", action="store_true")
    args = parser.parse_args()

    scenario = load_builtin("ukraine")
    space = compile_space(scenario)
    packages, _ = plan_packages(space, scenario.plan_variants())
    forms = sum(len(p.packages) if isinstance(p, OpenForms) else 1 for p in packages.values())
    sizes = (
        f"{len(packages)} plans and readings ({forms} forms), {len(space.parties)} parties, "
        f"{len(space.issues)} issues"
    )
    print(f"ukraine: {sizes}")

    timings = {}
    for sensitivity in (True, False):
        t0, c0 = time.perf_counter(), time.process_time()
        solve_robustness(space, plans=packages, samples=args.samples, seed=1, sensitivity=sensitivity)
        timings[sensitivity] = time.perf_counter() - t0
        cpu = time.process_time() - c0
        label = "with Sobol indices" if sensitivity else "probabilities only"
        print(
            f"accord  {args.samples:>9,} draws, {label:<20} {timings[sensitivity]:7.2f} s (CPU {cpu:.2f} s)"
        )
    per_draw = naive(space, packages, args.naive, seed=1)
    print(
        f"naive   {args.naive:>9,} draws, one at a time      {per_draw * args.naive:7.2f} s "
        f"({per_draw * args.samples:.1f} s per {args.samples:,})"
    )
    print(f"ratio naive / accord (probabilities only): {per_draw * args.samples / timings[False]:.1f}x")

    if args.dask:
        from accord.scale import dask_executor

        with dask_executor("local", workers=2) as run:
            t0 = time.perf_counter()
            there = solve_robustness(space, plans=packages, samples=args.samples, seed=1, executor=run)
            seconds = time.perf_counter() - t0
        here = solve_robustness(space, plans=packages, samples=args.samples, seed=1)
        same = there.plans == here.plans
        print(f"dask local (2 workers) {seconds:7.2f} s; identical to the local run: {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
