"""A 1,000-negotiation tournament on ``ukraine`` (issue #12's target: under a minute on 2 cores).

Usage: python bench/bench_tournament.py [--seeds N] [--workers W] [--no-benchmarks]
(``--workers 0``: the one-process pass only)

Plays the default grid (every protocol x every registered delegation strategy,
the default perspective) over ``--seeds`` replicates (42 x 24 = 1,008
negotiations, the scenario's preconditions dropped as in ``bench_simulate.py``),
once in this process and once on a ``ProcessPoolExecutor`` of
``--workers`` processes (the executor :func:`accord.protocols.tournament.run_tournament`
accepts; ``accord tournament --dask local`` runs the same chunks on Dask worker
processes). Prints wall time, CPU time (this process plus its children: the
steadier figure on a shared machine) and checks the two runs' outcomes are
identical. The reference Nash solution and frontier, computed once per
perspective, are timed apart.
"""

from __future__ import annotations

import argparse
import resource
import time
from concurrent.futures import ProcessPoolExecutor

from accord.protocols import PROTOCOLS
from accord.protocols.tournament import run_tournament
from accord.scenarios import load_builtin
from accord.workbench.simulate import preconditions
from accord.workbench.tournament import TournamentRequest, arenas, default_strategies


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=42)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-benchmarks", action="store_true")
    args = ap.parse_args()
    s = load_builtin("ukraine")
    t0, c0 = time.perf_counter(), _cpu()
    drop = tuple(p.id for p in preconditions(s))  # as bench_simulate.py: otherwise entry is blocked
    arena = arenas(TournamentRequest(scenario=s, drop=drop, benchmarks=not args.no_benchmarks))
    print(
        f"arena (space, reference Nash and frontier): {time.perf_counter() - t0:.1f} s wall,"
        f" {_cpu() - c0:.1f} s CPU"
    )
    grid = (PROTOCOLS.names, default_strategies())
    runs = {}
    passes = [("1 process", 0)] + ([(f"{args.workers} processes", args.workers)] if args.workers else [])
    for label, workers in passes:
        t0, c0 = time.perf_counter(), _cpu()
        if workers:
            with ProcessPoolExecutor(workers) as pool:
                res = run_tournament(arena, *grid, seeds=args.seeds, executor=pool.map)
        else:
            res = run_tournament(arena, *grid, seeds=args.seeds)
        wall, cpu = time.perf_counter() - t0, _cpu() - c0
        n = len(res.outcomes)
        agreed = sum(o.ending == "agreement" for o in res.outcomes)
        print(
            f"{label:12s}: {n} negotiations in {wall:6.1f} s wall, {cpu:6.1f} s CPU"
            f" ({1000 * wall / n:.1f} ms wall, {1000 * cpu / n:.1f} ms CPU each); agreements {agreed}"
        )
        runs[label] = [(o.match, o.ending, o.utilities.tolist(), o.rounds) for o in res.outcomes]
    if len(runs) == 2:
        a, b = runs.values()
        print("identical outcomes:", a == b)


if __name__ == "__main__":
    main()
