"""Large frontier outputs: the engine alone against ``accord frontier FILE --json`` / ``--jsonl`` end to end.

Usage::

    python bench/bench_output.py                  # 2 parties x 640 issues x 4 options (about a minute)
    python bench/bench_output.py --issues 160     # smaller

It writes a random instance (``bench/instances.py``, seed 0) as a scenario file
(JSON, one issue per instance issue, values x 100), times the frontier engine
in-process (best of ``--repeat``), then runs the command line in fresh
processes under ``/usr/bin/time -v`` with stdout to a file (best of
``--repeat`` too), and prints wall time, the ratio to the engine time and the
peak RSS of each command. The
issue-10 targets: ``--json`` under 2x the engine time and under 1 GB.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from instances import make_instance  # noqa: E402


def scenario_of(inst: dict[str, Any]) -> dict[str, Any]:
    """The instance as an accord scenario: same weights, values (x 100) and BATNAs (x 100)."""
    parties, issues = inst["parties"], inst["issues"]
    return {
        "accord": 1,
        "id": f"bench-{inst['n_parties']}x{inst['n_issues']}x{inst['n_options']}",
        "title": "Random linear-additive benchmark instance",
        "parties": [{"id": p, "name": p, "role": "belligerent"} for p in parties],
        "issues": [
            {"id": i, "title": i, "options": [{"id": o, "label": o} for o in opts]}
            for i, opts in zip(issues, inst["options"], strict=True)
        ],
        "perspectives": [{"id": "base", "name": "Baseline"}],
        "profiles": [
            {
                "party": p,
                "perspective": "base",
                "weights": dict(zip(issues, inst["weights"][pi], strict=True)),
                "values": {
                    i: {o: 100 * v for o, v in zip(opts, inst["values"][pi][ii], strict=True)}
                    for ii, (i, opts) in enumerate(zip(issues, inst["options"], strict=True))
                },
                "batna": 100 * inst["batna"][pi],
            }
            for pi, p in enumerate(parties)
        ],
    }


def engine_seconds(path: Path, repeat: int) -> tuple[float, int, bool]:
    """Best engine time (compiled space in hand), the frontier's size and exactness."""
    from accord.analysis.frontier import solve_frontier
    from accord.io import load_scenario
    from accord.space import compile_space

    space = compile_space(load_scenario(path))
    best, res = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        res = solve_frontier(space)
        best = min(best, time.perf_counter() - t0)
    assert res is not None
    return best, len(res), res.exact


def run_cli(args: list[str], out: Path) -> dict[str, Any]:
    """Wall seconds and peak RSS of ``accord ARGS > out`` (``/usr/bin/time -v``)."""
    cmd = ["/usr/bin/time", "-v", sys.executable, "-m", "accord.cli", *args]
    t0 = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        proc = subprocess.run(cmd, stdout=fh, stderr=subprocess.PIPE, text=True, check=False)
    wall = time.perf_counter() - t0
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    return {
        "command": "accord " + " ".join(a if "/" not in a else Path(a).name for a in args),
        "exit": proc.returncode,
        "wall_s": round(wall, 2),
        "peak_rss_mib": round(int(m.group(1)) / 1024, 1) if m else None,
        "output_mib": round(out.stat().st_size / 2**20, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parties", type=int, default=2)
    ap.add_argument("--issues", type=int, default=640)
    ap.add_argument("--options", type=int, default=4)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="accord-bench-out-") as tmp:
        path = Path(tmp) / "scenario.json"
        inst = make_instance(args.parties, args.issues, args.options, args.seed)
        path.write_text(json.dumps(scenario_of(inst)), encoding="utf-8")
        engine, size, exact = engine_seconds(path, args.repeat)
        print(f"{args.parties} x {args.issues} x {args.options}: frontier of {size:,} packages "
              f"(exact: {exact}); engine {engine:.2f} s (best of {args.repeat})")  # fmt: skip
        rows = []
        for flags in (["--show", "5"], ["--json"], ["--jsonl"]):
            argv = ["frontier", str(path), *flags]
            runs = [run_cli(argv, Path(tmp) / "out.txt") for _ in range(args.repeat)]
            row = min(runs, key=lambda r: r["wall_s"])
            row["x_engine"] = round(row["wall_s"] / engine, 2)
            row["x_table"] = round(row["wall_s"] / rows[0]["wall_s"], 2) if rows else 1.0
            rows.append(row)
        keys = list(rows[0])
        widths = [max(len(k), *(len(str(r[k])) for r in rows)) for k in keys]
        print("  ".join(k.ljust(w) for k, w in zip(keys, widths, strict=True)))
        for r in rows:
            print("  ".join(str(r[k]).ljust(w) for k, w in zip(keys, widths, strict=True)))
    return 0 if all(r["exit"] == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
