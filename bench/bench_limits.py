"""Does ``time_limit`` bind every engine on the large linked instances of issue #10?

Runs in accord's environment, in-process; no peer. Each engine with a
``time_limit`` (frontier, the four bargaining solutions, ZOPA, the smallest
amendment) is asked each question under ``--limit`` seconds on the instances of
:mod:`bench_mip` (40 random links over 20 issues, a 5 x 5 grid, a 40-ring; 3
parties, 5 options) and on ``parties 10x40`` (no links). Prints the wall time,
its ratio to the limit (the target: at most 1.2), whether the answer is exact,
and the backend the automatic choice took.

    python bench/bench_limits.py               # every row (a few minutes)
    python bench/bench_limits.py --limit 2 --only ring40
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accord.analysis import solve_amendment, solve_bargaining, solve_frontier, solve_zopa
from accord.space import Space, SpaceError
from bench_mip import instances

QUESTIONS = ("frontier", "nash", "ks", "egalitarian", "utilitarian", "zopa", "amendment")


def ask(space: Space, question: str, limit: float) -> Any:
    """The engine's result for ``question`` under ``limit`` seconds."""
    if question == "frontier":
        return solve_frontier(space, time_limit=limit)
    if question == "zopa":
        return solve_zopa(space, time_limit=limit)
    if question == "amendment":
        return solve_amendment(space, (0,) * len(space.issues), time_limit=limit)
    return solve_bargaining(space, question, time_limit=limit)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=float, default=5.0, help="the time limit of every question (seconds)")
    ap.add_argument("--only", default="", help="instances whose name starts with this")
    args = ap.parse_args(argv)
    print(f"== time_limit={args.limit:g} s on the linked and many-party instances ==")
    print(f"{'instance':16} {'question':12} {'seconds':>8} {'/limit':>7} {'exact':6} backend")
    worst = 0.0
    for name, space, _ in instances(args.only):
        if name.startswith("parties") and not name.startswith("parties 10"):
            continue
        for q in QUESTIONS:
            t0 = time.perf_counter()
            try:
                res = ask(space, q, args.limit)
                exact, backend = bool(res.exact), str(res.parameters.get("backend", "-"))
            except SpaceError as err:  # a clear refusal is an answer too
                exact, backend = False, f"refused: {err}"[:40]
            secs = time.perf_counter() - t0
            worst = max(worst, secs / args.limit)
            print(f"{name:16} {q:12} {secs:8.2f} {secs / args.limit:7.2f} {exact!s:6} {backend}", flush=True)
    print(f"worst ratio to the limit: {worst:.2f} (target: at most 1.2)")
    return 0 if worst <= 1.2 else 1


if __name__ == "__main__":
    sys.exit(main())
