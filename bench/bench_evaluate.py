"""How long `accord evaluate ukraine` takes, end to end and by stage.

Usage: python bench/bench_evaluate.py [--runs N]

Runs the real command in fresh processes (what a user waits for, interpreter
start-up included) and, in this process, times each stage: loading the file
(parse + validate), compiling the numeric space, evaluating every plan under
every perspective. There is no peer tool for plan evaluation, so this prints
absolute times; the claim it checks is "well under a second".
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def wall(cmd: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    exe = [sys.executable, "-m", "accord.cli"]
    baseline = wall([sys.executable, "-c", "pass"], args.runs)
    for argv in (["evaluate", "ukraine", "--json"], ["evaluate", "ukraine"], ["compare", "ukraine"]):
        times = wall(exe + argv, args.runs)
        print(
            f"accord {' '.join(argv):<28} median {statistics.median(times):.3f} s  "
            f"max {max(times):.3f} s  over {args.runs} runs "
            f"(bare interpreter start: {statistics.median(baseline):.3f} s)"
        )

    from accord.analysis.evaluate import evaluate_across_perspectives, evaluate_plans
    from accord.io import load_scenario
    from accord.scenarios import builtin_path, load_builtin
    from accord.space import compile_space

    stages: dict[str, list[float]] = {"load + validate the file": [], "load built-in (cache hit)": [],
                                      "compile space": [], "evaluate all plans": [],
                                      "evaluate under every perspective": []}  # fmt: skip
    for _ in range(args.runs):
        t0 = time.perf_counter()
        s = load_scenario(builtin_path("ukraine"))
        t1 = time.perf_counter()
        load_builtin.cache_clear()
        tc = time.perf_counter()
        load_builtin("ukraine")
        stages["load built-in (cache hit)"].append(time.perf_counter() - tc)
        t1 += time.perf_counter() - tc
        compile_space(s)
        t2 = time.perf_counter()
        ev = evaluate_plans(s)
        t3 = time.perf_counter()
        evaluate_across_perspectives(s)
        t4 = time.perf_counter()
        stages["load + validate the file"].append(t1 - t0 - stages["load built-in (cache hit)"][-1])
        stages["compile space"].append(t2 - t1)
        stages["evaluate all plans"].append(t3 - t2)
        stages["evaluate under every perspective"].append(t4 - t3)
    print(
        f"in-process stages (median of {args.runs}); {len(ev.plans)} plan variants, "
        f"{len(s.issues)} issues, {len(ev.parties)} parties:"
    )
    for name, times in stages.items():
        print(f"  {name:<34} {statistics.median(times) * 1000:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
