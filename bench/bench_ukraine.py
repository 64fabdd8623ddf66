"""Wall time of every accord command on the built-in `ukraine` scenario.

Usage: python bench/bench_ukraine.py [--runs N] [--quick] [--accord PATH]

Issue 3's target is "every command on the built-in ukraine scenario in under
1 s". This runs each real command in fresh processes (what a user waits for:
interpreter start-up, imports, loading the scenario, the engine and printing),
under every perspective of the scenario and, for `amend`, for every plan and
reading. It prints the median and the maximum per command and lists any single
run over the target. There is no peer tool for these commands, so the figures
are absolute; the bare interpreter start is printed for reference.

``--accord PATH`` times an installed ``accord`` executable instead of
``python -m accord.cli`` from this checkout: a fresh ``pip install .``
into a new virtualenv is what a user runs (byte-code compiled at install, no
development tools on the path).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

TARGET = 1.0


def wall(cmd: list[str], runs: int) -> tuple[list[float], int]:
    times = []
    code = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True)
        times.append(time.perf_counter() - t0)
        code = code or proc.returncode
    return times, code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per command (default 5)")
    parser.add_argument("--quick", action="store_true", help="default perspective and one plan only")
    parser.add_argument("--accord", metavar="PATH", help="an installed accord executable to time")
    args = parser.parse_args()

    from accord.scenarios import load_builtin

    scenario = load_builtin("ukraine")
    perspectives = [p.id for p in scenario.perspectives]
    plans = [v.id for v in scenario.plan_variants()]
    if args.quick:
        perspectives, plans = perspectives[:1], ["istanbul-2022"]

    exe = [args.accord] if args.accord else [sys.executable, "-m", "accord.cli"]
    base, _ = wall([sys.executable, "-c", "pass"], args.runs)
    start = statistics.median(base)
    print(f"timing: {' '.join(exe)}")
    print(f"bare interpreter start: median {start:.3f} s; {args.runs} fresh processes per command")
    groups: dict[str, list[list[str]]] = {
        "scenarios": [["scenarios"]],
        "show": [["show", "ukraine"]],
        "validate": [["validate", "ukraine"]],
        "schema": [["schema"]],
        "evaluate": [["evaluate", "ukraine"], ["evaluate", "ukraine", "--json"]],
        "compare": [["compare", "ukraine"]],
    }
    for name, extra in (
        ("frontier", []),
        ("frontier --parties UA,RU", ["--parties", "UA,RU"]),
        ("frontier --parties UA,RU,US", ["--parties", "UA,RU,US"]),
        ("solve nash", ["--solution", "nash"]),
        ("solve ks", ["--solution", "ks"]),
        ("solve egalitarian", ["--solution", "egalitarian"]),
        ("solve utilitarian", ["--solution", "utilitarian"]),
        ("solve nash --lotteries", ["--solution", "nash", "--lotteries"]),
        ("zopa", []),
        ("zopa --json", ["--json"]),
    ):
        command = name.split()[0]
        groups[name] = [[command, "ukraine", *extra, "--perspective", p] for p in perspectives]
    groups["amend PLAN (every plan)"] = [
        ["amend", "ukraine", plan, "--perspective", p] for plan in plans for p in perspectives
    ]

    over: list[tuple[str, float]] = []
    worst = 0.0
    print(f"{'command':<34} {'runs':>5} {'median':>8} {'max':>8}")
    for name, argvs in groups.items():
        times: list[float] = []
        for argv in argvs:
            t, code = wall(exe + argv, args.runs)
            if code not in (0, 1):
                print(f"  {' '.join(argv)} exited with {code}", file=sys.stderr)
            times.extend(t)
            over.extend((" ".join(argv), x) for x in t if x >= TARGET)
        worst = max(worst, max(times))
        print(f"{name:<34} {len(times):>5} {statistics.median(times):>7.3f}s {max(times):>7.3f}s")
    print(f"slowest single run: {worst:.3f} s; runs at or over {TARGET:.0f} s: {len(over)}")
    for argv, t in over:
        print(f"  accord {argv}: {t:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
