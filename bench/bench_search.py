"""accord's exact package search against negmas 0.16's fastest exact routes, on the same random instances.

Usage::

    python bench/bench_search.py              # every section below (negmas needs a few minutes)
    python bench/bench_search.py --quick      # small cases, seconds
    python bench/bench_search.py --no-peer    # accord only (also when .bench-venv is missing)
    python bench/bench_search.py --two-party  # only the two-party rows against MOBANOS (a minute)
    python bench/bench_search.py --enumerate  # also negmas's generic enumerator (minutes, ~16 GB)

For each case it writes one instance with ``bench/instances.py`` and runs
negmas through ``bench/peer_negmas.py`` inside ``.bench-venv`` (a subprocess;
accord never imports negmas, which is AGPL), and accord on the same JSON file
in a fresh subprocess of this script (so its peak memory is measured alone):
building the space from the contribution arrays, the exact frontier, and the
Nash point. It checks that both frontiers hold the same utility vectors and that
the Nash points agree, and prints the ratios (negmas time / accord time).

negmas's routes (``peer_negmas.py --method``):

* two parties: ``MOBANOSParetoSampler`` (its exact issue-by-issue construction for
  additive utilities, candidate cap lifted), then ``nash_points`` on that frontier;
* three or more: every package's utilities with numpy from the ufuns' tables, then
  ``pareto_frontier_numpy``, then ``nash_points`` (brute force is its only exact
  route for more than two parties);
* ``--enumerate``: its generic ``pareto_frontier`` (calls every ufun on every package).

Times are wall-clock seconds (``time.perf_counter``), the best of ``--repeat``
runs in a warm process on both sides (negmas's generic enumerator: one run).
Peak memory is the peak RSS of each side's process (``ru_maxrss``).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV_PYTHON = ROOT / ".bench-venv" / "bin" / "python"
sys.path.insert(0, str(HERE))

from instances import batna_array, contributions, load_instance, make_instance, save_instance  # noqa: E402

# (parties, issues, options, negmas method) compared with negmas.
PEER_CASES = [
    *((2, n, 4, "mobanos") for n in (10, 20, 30, 40, 50, 60)),
    (3, 10, 4, "numpy"),
    (3, 12, 4, "numpy"),
    (4, 10, 4, "numpy"),
]
QUICK_CASES = [(2, 10, 4, "mobanos"), (2, 20, 4, "mobanos"), (3, 8, 4, "numpy")]
# negmas's generic enumerator (--enumerate): its time and memory grow with the 4^n packages.
ENUMERATE_CASES = [(2, 12, 4, "enumerate"), (3, 12, 4, "enumerate"), (2, 13, 4, "enumerate")]
# accord alone: far beyond enumeration.
SOLO_CASES = [(2, 40, 5, ("nash",)), (3, 20, 4, ("nash", "egalitarian")), (4, 20, 4, ("nash", "egalitarian"))]


def _maxrss_mib() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return (r / 1024 / 1024) if sys.platform == "darwin" else r / 1024


# -- accord side (runs in a child process) ----------------------------------------------


def accord_child(
    instance_path: str, out: str, solutions: list[str], repeat: int, max_points: int | None = None
) -> None:
    """Time accord on one instance and write the result JSON."""
    from accord.analysis.bargaining import solve_bargaining
    from accord.analysis.frontier import solve_frontier
    from accord.space import Space

    inst = load_instance(instance_path)
    contrib, batna = contributions(inst), batna_array(inst)
    result: dict[str, Any] = {"solutions": {}}

    def frontier_and_nash() -> tuple[Any, Any]:
        space = Space.from_arrays(contrib, batna)
        return solve_frontier(space, max_points=max_points), solve_bargaining(space, "nash")

    frontier_and_nash()  # warm-up: first-call costs (imports, caches) are not the algorithm
    times, frontier_times = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        front, nash = frontier_and_nash()
        times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        solve_frontier(Space.from_arrays(contrib, batna), max_points=max_points)
        frontier_times.append(time.perf_counter() - t0)
    result.update(
        time_frontier_s=min(frontier_times),
        time_frontier_nash_s=min(times),
        time_frontier_nash_median_s=statistics.median(times),
        frontier=front.utilities.tolist(),
        frontier_packages=front.packages.tolist(),
        frontier_exact=front.exact,
        nash=None if nash.utilities is None else nash.utilities.tolist(),
        nash_package=None if nash.package is None else list(nash.package),
        nash_exact=nash.exact,
    )
    space = Space.from_arrays(contrib, batna)
    for sol in solutions:
        t0 = time.perf_counter()
        res = solve_bargaining(space, sol)
        result["solutions"][sol] = {
            "seconds": time.perf_counter() - t0,
            "exact": res.exact,
            "utilities": None if res.utilities is None else res.utilities.tolist(),
        }
    result["peak_rss_mib"] = round(_maxrss_mib(), 1)
    Path(out).write_text(json.dumps(result), encoding="utf-8")


def run_accord(
    instance: Path, work: Path, solutions: list[str], repeat: int, max_points: int | None = None
) -> dict[str, Any]:
    out = work / f"{instance.stem}.accord.json"
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(instance), str(out),
           "--solutions", ",".join(solutions) or "-", "--repeat", str(repeat)]  # fmt: skip
    if max_points is not None:
        cmd += ["--max-points", str(max_points)]
    subprocess.run(cmd, check=True)
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


# -- negmas side (its own venv, by subprocess, JSON only) -----------------------------------------


def run_peer(instance: Path, work: Path, timeout: float, method: str, repeat: int) -> dict[str, Any] | None:
    if not VENV_PYTHON.exists():
        return None
    out = work / f"{instance.stem}.{method}.negmas.json"
    cmd = [str(VENV_PYTHON), str(HERE / "peer_negmas.py"), str(instance), "--out", str(out),
           "--timeout", str(timeout), "--method", method, "--repeat", str(repeat)]  # fmt: skip
    subprocess.run(cmd, check=False)
    if not out.exists():
        return {"status": "error", "error": "the peer wrote no result"}
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def same_frontier(a: list[list[float]], b: list[list[float]], tol: float = 1e-9) -> bool:
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if x.shape != y.shape:
        return False
    return all(np.any(np.all(np.abs(y - row) <= tol, axis=1)) for row in x)


# -- reporting -------------------------------------------------------------------------------------


def case_name(k: int, n: int, m: int) -> str:
    return f"{k}x{n}x{m}"


def compare_case(k: int, n: int, m: int, method: str, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    inst_path = work / f"inst-{case_name(k, n, m)}.json"
    save_instance(make_instance(k, n, m, args.seed), inst_path)
    ours = run_accord(inst_path, work, [], args.repeat)
    peer_repeat = 1 if method == "enumerate" else args.repeat
    peer = None if args.no_peer else run_peer(inst_path, work, args.timeout, method, peer_repeat)
    row: dict[str, Any] = {
        "case": case_name(k, n, m),
        "negmas route": method,
        "frontier": len(ours["frontier"]),
        "accord_s": ours["time_frontier_nash_s"],
    }
    if peer is None:
        row["peer"] = "not run" if args.no_peer else "no .bench-venv (bash bench/setup-bench-env.sh)"
    elif peer.get("status") == "ok":
        row["negmas_s"] = peer["time_pareto_s"] + peer.get("time_nash_s", 0.0)
        row["ratio"] = row["negmas_s"] / row["accord_s"]
        row["frontier_ratio"] = peer["time_pareto_s"] / ours["time_frontier_s"]
        row["same"] = _same(ours, peer)
    elif peer.get("status") == "timeout":
        row["negmas_s"] = f"> {peer.get('timeout_s')}"
        row["ratio"] = f"> {float(peer.get('timeout_s') or 0) / row['accord_s']:,.0f}"
    else:
        row["peer"] = f"error: {peer.get('error', '')}"[:60]
    row["exact"] = ours["frontier_exact"] and ours["nash_exact"]
    row["accord_mib"] = ours["peak_rss_mib"]
    if peer is not None:
        row["negmas_mib"] = peer.get("peak_rss_mib")
    return row


def _same(ours: dict[str, Any], peer: dict[str, Any]) -> bool:
    """Same frontier (utility vectors) and the same Nash point (BATNA as disagreement point)."""
    nb = peer.get("nash_batna")
    same_nash = bool(
        nb is not None and ours["nash"] is not None and np.allclose(nb["utilities"], ours["nash"], atol=1e-9)
    )
    return same_frontier(ours["frontier"], peer["frontier"]) and same_nash


def solo_case(
    k: int, n: int, m: int, sols: tuple[str, ...], work: Path, args: argparse.Namespace
) -> dict[str, Any]:
    inst_path = work / f"inst-{case_name(k, n, m)}.json"
    save_instance(make_instance(k, n, m, args.seed), inst_path)
    # Four parties: list the whole frontier (the default stops at 12,000 points).
    ours = run_accord(inst_path, work, list(sols), max(1, args.repeat // 2), 100_000 if k >= 4 else None)
    return {
        "case": case_name(k, n, m),
        "packages": f"{float(m) ** n:.1e}",
        "frontier": len(ours["frontier"]),
        "frontier+nash_s": round(ours["time_frontier_nash_s"], 4),
        **{f"{s}_s": round(v["seconds"], 4) for s, v in ours["solutions"].items()},
        "exact": ours["frontier_exact"]
        and ours["nash_exact"]
        and all(v["exact"] for v in ours["solutions"].values()),
        "accord_mib": ours["peak_rss_mib"],
    }


def ukraine_rows(repeat: int) -> list[dict[str, Any]]:
    """Engine times on the built-in scenario (in this process, warm), default parties."""
    from accord.analysis.amend import solve_amendment
    from accord.analysis.bargaining import solve_bargaining
    from accord.analysis.frontier import solve_frontier
    from accord.analysis.zopa import solve_zopa
    from accord.scenarios import load_builtin
    from accord.space import compile_space

    s = load_builtin("ukraine")
    space = compile_space(s)
    jobs: list[tuple[str, Any]] = [("frontier", lambda: solve_frontier(space))]
    for sol in ("nash", "ks", "egalitarian", "utilitarian"):
        jobs.append((f"solve {sol}", lambda sol=sol: solve_bargaining(space, sol)))
        jobs.append(
            (f"solve {sol} --lotteries", lambda sol=sol: solve_bargaining(space, sol, lotteries=True))
        )
    jobs.append(("zopa", lambda: solve_zopa(space)))
    for plan in s.plans:
        jobs.append((f"amend {plan.id}", lambda plan=plan: solve_amendment(space, dict(plan.terms))))
    rows = []
    for name, job in jobs:
        job()
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            res = job()
            times.append(time.perf_counter() - t0)
        exact = getattr(res, "exact", getattr(res, "best_exact", None))
        rows.append({"command": name, "engine_s": round(min(times), 4), "exact": exact})
    return rows


def print_table(rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    keys = list(dict.fromkeys(k for r in rows for k in r))
    cells = [[_fmt(r.get(k, "")) for k in keys] for r in rows]
    widths = [max(len(k), *(len(c[i]) for c in cells)) for i, k in enumerate(keys)]
    print("  ".join(k.ljust(w) for k, w in zip(keys, widths, strict=True)))
    for c in cells:
        print("  ".join(v.ljust(w) for v, w in zip(c, widths, strict=True)))


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.4g}"
    if isinstance(v, int) and not isinstance(v, bool):
        return f"{v:,}"
    return str(v)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small cases only (seconds)")
    ap.add_argument("--no-peer", action="store_true", help="do not run negmas")
    ap.add_argument("--enumerate", action="store_true", help="also negmas's generic enumerator (~16 GB)")
    ap.add_argument("--two-party", action="store_true", help="only the two-party rows against MOBANOS")
    ap.add_argument("--timeout", type=float, default=240.0, help="seconds before negmas is stopped")
    ap.add_argument("--repeat", type=int, default=7, help="accord runs per case (best is reported)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", type=Path, default=None, help="also write all rows to this file")
    ap.add_argument("--child", nargs=2, metavar=("INSTANCE", "OUT"), help=argparse.SUPPRESS)
    ap.add_argument("--solutions", default="-", help=argparse.SUPPRESS)
    ap.add_argument("--max-points", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        sols = [] if args.solutions == "-" else args.solutions.split(",")
        accord_child(args.child[0], args.child[1], sols, args.repeat, args.max_points)
        return 0

    peer_cases = QUICK_CASES if args.quick else PEER_CASES
    if args.two_party:
        peer_cases = [c for c in PEER_CASES if c[0] == 2]
    if args.enumerate:
        peer_cases = [*peer_cases, *ENUMERATE_CASES]
    report: dict[str, Any] = {"seed": args.seed}
    with tempfile.TemporaryDirectory(prefix="accord-bench-") as tmp:
        work = Path(tmp)
        print(f"== accord vs negmas 0.16: exact frontier + Nash point (seed {args.seed}) ==")
        print("ratio: negmas time / accord time (frontier + Nash); frontier_ratio: the frontier alone")
        rows = []
        for case in peer_cases:
            rows.append(compare_case(*case, work, args))
            print(f"  {rows[-1]['case']} ({case[3]}) done", file=sys.stderr, flush=True)
        print_table(rows)
        report["versus_negmas"] = rows
        if not (args.quick or args.two_party):
            print("\n== accord alone, far beyond enumeration ==")
            solo = [solo_case(k, n, m, sols, work, args) for k, n, m, sols in SOLO_CASES]
            print_table(solo)
            report["accord_only"] = solo
    if not args.two_party:
        print("\n== built-in scenario 'ukraine' (engine time, default parties, warm process) ==")
        uk = ukraine_rows(max(1, args.repeat // 2))
        print_table(uk)
        report["ukraine"] = uk
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=1, default=str) + "\n", encoding="utf-8")
    bad = [r["case"] for r in report["versus_negmas"] if r.get("same") is False]
    if bad:
        print(f"\nMISMATCH with negmas on: {', '.join(bad)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
