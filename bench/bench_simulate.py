"""How fast and how good the negotiation simulator is (issue #12).

Usage: python bench/bench_simulate.py [--runs N] [--instances N]

1. Per-run time of every protocol on ``ukraine`` (its four negotiating parties, 36
   issues, preconditions dropped), over ``--runs`` seeds spawned from one
   ``SeedSequence``; the time of 1,000 runs is that per-run time x 1,000 on one
   core (the target: under a minute on 2 cores). Wall and CPU (``process_time``)
   times are both printed: on a shared machine CPU time is the steadier figure.
2. Alternating offers between two ``linear`` delegations on random 10 x 4 domains
   (``bench/instances.py``) with a 100-round deadline: negotiations per second.
   The peer (negmas 0.16 aspiration agents, about 0.33 s per negotiation on this
   domain by issue #12) is run by h12b's bench in its own environment; the ratio
   is printed against that figure here.
3. Quality: the single-text protocol with truthful delegations
   (``everything-on-the-table``) on random 20 x 4 domains (2 and 3 parties, BATNA
   0.2): the agreed package's Nash product over the exact Nash solution's
   (``accord.analysis.nash.solve_nash``); the target is at least 95%.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accord.analysis.nash import solve_nash
from accord.protocols import PROTOCOLS, simulate
from accord.scenarios import load_builtin
from accord.space import Space, compile_space
from accord.workbench.simulate import preconditions
from instances import batna_array, contributions, make_instance

NEGMAS_SECONDS = 0.33
"""negmas 0.16: one 100-step aspiration-agent negotiation on 10 x 4 (issue #12)."""


def space_of(k: int, n: int, m: int, seed: int, batna: float) -> Space:
    inst = make_instance(k, n, m, seed, batna=batna)
    return Space.from_arrays(contributions(inst), batna_array(inst))


def ukraine(runs: int) -> None:
    s = load_builtin("ukraine")
    space = compile_space(s, parties=s.negotiating_parties())
    pre = preconditions(s)
    seeds = [int(c.generate_state(1)[0]) for c in np.random.SeedSequence(12).spawn(runs)]
    print(f"ukraine ({len(space.parties)} parties, {len(space.issues)} issues), {runs} runs per protocol")
    for name in PROTOCOLS.names:
        t0, c0 = time.perf_counter(), time.process_time()
        ends = [
            simulate(space, name, seed=seed, preconditions=pre, dropped=[p.id for p in pre]).ending
            for seed in seeds
        ]
        per, cpu = (time.perf_counter() - t0) / runs, (time.process_time() - c0) / runs
        agreed = ends.count("agreement")
        print(
            f"  {name:20s} {1000 * per:6.1f} ms/run wall, {1000 * cpu:6.1f} ms CPU;"
            f" 1,000 runs on 2 cores: {per * 500:5.1f} s wall, {cpu * 500:5.1f} s CPU;"
            f" agreements {agreed}/{runs}"
        )


def speed(instances: int) -> None:
    spaces = [space_of(2, 10, 4, seed, 0.0) for seed in range(instances)]
    t0, c0 = time.perf_counter(), time.process_time()
    rounds = []
    for k, space in enumerate(spaces):
        rounds.append(simulate(space, "alternating-offers", seed=k, deadline=100).rounds)
    per, cpu = (time.perf_counter() - t0) / instances, (time.process_time() - c0) / instances
    print(
        f"alternating offers, 2 x linear, 10 issues x 4 options, deadline 100 (mean {np.mean(rounds):.0f}"
        f" rounds): {1000 * per:.1f} ms wall, {1000 * cpu:.1f} ms CPU per negotiation;"
        f" vs negmas {NEGMAS_SECONDS} s: {NEGMAS_SECONDS / per:.0f}x (wall),"
        f" {NEGMAS_SECONDS / cpu:.0f}x (CPU)"
    )


def quality(instances: int) -> None:
    for k in (2, 3):
        shares = []
        for seed in range(instances):
            space = space_of(k, 20, 4, seed, 0.2)
            res = simulate(
                space, "single-text", {p: "everything-on-the-table" for p in space.parties}, seed=seed
            )
            nash = solve_nash(space)
            best = float(np.prod(nash.utilities - space.batna)) if nash.utilities is not None else 0.0
            got = float(np.prod(res.utilities - space.batna)) if res.agreed else 0.0
            shares.append(got / best if best > 0 else 1.0)
        arr = np.array(shares)
        print(
            f"single-text, truthful, {k} parties, 20 x 4: Nash product share mean {arr.mean():.4f},"
            f" min {arr.min():.4f}, at least 95% in {int((arr >= 0.95).sum())}/{len(arr)}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=50, help="seeds per protocol on ukraine")
    ap.add_argument("--instances", type=int, default=20, help="random domains for speed and quality")
    args = ap.parse_args()
    ukraine(args.runs)
    speed(args.instances)
    quality(args.instances)


if __name__ == "__main__":
    main()
