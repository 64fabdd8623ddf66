"""Does ``time_limit`` bind every engine and every command on the large instances of issue #10?

Runs in accord's environment; no peer. Two modes, both over the instances of
:mod:`bench_mip` (40 random links over 20 issues, a 5 x 5 grid, a 40-ring; 3
parties, 5 options) and ``parties 10x40`` (no links):

* in-process (default): each engine with a ``time_limit`` (frontier, the four
  bargaining solutions, ZOPA, the smallest amendment) is asked each question
  under ``--limit`` seconds on the compiled space;
* ``--cli``: each instance is written as a scenario file (the same numbers x 100,
  each link an ``if``/``then`` or ``excludes`` constraint, one plan ``p0`` with
  every issue at its first option) and every command with ``--time-limit``
  (``frontier``, ``solve`` with each solution, ``zopa``, ``amend p0``,
  ``linkage``) runs in a fresh process with ``--json`` under
  ``/usr/bin/time -v``: the wall time includes start-up, loading the file,
  building the result and writing it.

Each row prints the wall time, its ratio to the limit (the target: at most 1.2),
whether the answer is exact, and the backend the automatic choice took (or, on
the command line, the peak memory).

    python bench/bench_limits.py               # every row in-process (a few minutes)
    python bench/bench_limits.py --limit 2 --only ring40
    python bench/bench_limits.py --cli --limit 2
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

from accord.analysis import solve_amendment, solve_bargaining, solve_frontier, solve_zopa  # noqa: E402
from accord.space import Space, SpaceError  # noqa: E402
from bench_mip import instances  # noqa: E402
from bench_output import scenario_of  # noqa: E402
from instances import make_instance  # noqa: E402
from links import grid, random_links, ring  # noqa: E402

QUESTIONS = ("frontier", "nash", "ks", "egalitarian", "utilitarian", "zopa", "amendment")
COMMANDS = (
    ("frontier",),
    *(("solve", "--solution", s) for s in ("nash", "ks", "egalitarian", "utilitarian")),
    ("zopa",),
    ("amend", "p0"),
    ("linkage",),
)


def ask(space: Space, question: str, limit: float) -> Any:
    """The engine's result for ``question`` under ``limit`` seconds."""
    if question == "frontier":
        return solve_frontier(space, time_limit=limit)
    if question == "zopa":
        return solve_zopa(space, time_limit=limit)
    if question == "amendment":
        return solve_amendment(space, (0,) * len(space.issues), time_limit=limit)
    return solve_bargaining(space, question, time_limit=limit)


def in_process(args: argparse.Namespace) -> float:
    """Ask every engine every question; the worst ratio of wall time to the limit."""
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
    return worst


def scenario_files(only: str, folder: Path) -> list[tuple[str, Path]]:
    """The instances of :func:`bench_mip.instances` as scenario files (same seeds, links as constraints)."""
    shapes = {
        "links40": (make_instance(3, 20, 5, 0, batna=0.3), random_links(40, 20, 1), 2),
        "grid5x5": (make_instance(3, 25, 5, 1, batna=0.3), grid(5, 5), 3),
        "ring40": (make_instance(3, 40, 5, 2, batna=0.3), ring(40), 4),
        "parties 10x40": (make_instance(10, 40, 5, 10), [], 0),
    }
    out = []
    for name, (inst, pairs, seed) in shapes.items():
        if not name.startswith(only):
            continue
        doc = scenario_of(inst)
        doc["constraints"] = constraints_of(inst, pairs, seed)
        terms = {i: opts[0] for i, opts in zip(inst["issues"], inst["options"], strict=True)}
        doc["plans"] = [{"id": "p0", "title": "Every issue at its first option", "terms": terms}]
        path = folder / (name.replace(" ", "-") + ".json")
        path.write_text(json.dumps(doc), encoding="utf-8")
        out.append((name, path))
    return out


def constraints_of(inst: dict[str, Any], pairs: list[tuple[int, int]], seed: int) -> list[dict[str, Any]]:
    """The links of :func:`links.linked_space` (same draws) as scenario constraints."""
    import numpy as np

    rng = np.random.default_rng(seed)
    issues, opts, m = inst["issues"], inst["options"], inst["n_options"]
    out: list[dict[str, Any]] = []
    for a, b in pairs:
        oa, ob = int(rng.integers(m)), int(rng.integers(m))
        if rng.random() < 0.3:
            out.append({"excludes": {issues[a]: opts[a][oa], issues[b]: opts[b][ob]}})
        else:
            out.append({"if": {issues[a]: opts[a][oa]}, "then": {issues[b]: opts[b][ob]}})
    return out


def run_cli(command: tuple[str, ...], path: Path, limit: float, out: Path) -> dict[str, Any]:
    """Wall seconds, peak RSS, exit code and exactness of one command under ``--time-limit``.

    A refusal (a JSON error on stderr, e.g. a linked component too large to
    list) shows as ``refused`` in the exact column.
    """
    argv = [command[0], str(path), *command[1:], "--time-limit", str(limit), "--json"]
    usage = out.with_suffix(".time")
    cmd = ["/usr/bin/time", "-v", "-o", str(usage), sys.executable, "-m", "accord.cli", *argv]
    t0 = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        proc = subprocess.run(cmd, stdout=fh, stderr=subprocess.PIPE, text=True, check=False)
    wall = time.perf_counter() - t0
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", usage.read_text(encoding="utf-8"))
    rss = int(m.group(1)) / 1024 if m else 0.0
    return {"wall": wall, "rss": rss, "exit": proc.returncode, "exact": _exactness(out, proc.stderr)}


def _exactness(out: Path, stderr: str) -> str:
    """``True``/``False`` from the result's JSON, ``refused`` for a JSON error, else ``no JSON``."""
    try:
        doc = json.loads(out.read_text(encoding="utf-8"))
        return str(doc.get("exact", doc.get("best", {}).get("exact", "-")))
    except (json.JSONDecodeError, AttributeError):
        pass
    try:
        return "refused" if "error" in json.loads(stderr.strip().splitlines()[-1]) else "no JSON"
    except (json.JSONDecodeError, IndexError):
        return "no JSON"


def command_line(args: argparse.Namespace) -> float:
    """Run every command on every instance's scenario file; the worst ratio of wall time to the limit."""
    print(f"{'instance':16} {'command':18} {'wall s':>7} {'/limit':>7} {'exit':>4} {'exact':6} peak MiB")
    worst = 0.0
    with tempfile.TemporaryDirectory(prefix="accord-bench-limits-") as tmp:
        for name, path in scenario_files(args.only, Path(tmp)):
            for command in COMMANDS:
                row = run_cli(command, path, args.limit, Path(tmp) / "out.json")
                ratio = row["wall"] / args.limit
                worst = max(worst, ratio)
                label = " ".join(c for c in command if not c.startswith("--"))
                print(f"{name:16} {label:18} {row['wall']:7.2f} {ratio:7.2f} {row['exit']:>4} "
                      f"{row['exact']:6} {row['rss']:.0f}", flush=True)  # fmt: skip
    return worst


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=float, default=5.0, help="the time limit of every question (seconds)")
    ap.add_argument("--only", default="", help="instances whose name starts with this")
    ap.add_argument("--cli", action="store_true", help="run the real commands in fresh processes")
    args = ap.parse_args(argv)
    where = "the commands (fresh processes, --json)" if args.cli else "the engines (in-process)"
    print(f"== time_limit={args.limit:g} s on the linked and many-party instances: {where} ==")
    worst = command_line(args) if args.cli else in_process(args)
    print(f"worst ratio to the limit: {worst:.2f} (target: at most 1.2)")
    return 0 if worst <= 1.2 else 1


if __name__ == "__main__":
    sys.exit(main())
