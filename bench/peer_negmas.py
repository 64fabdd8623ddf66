"""negmas 0.16 peer for accord's benchmarks. Runs ONLY inside ``.bench-venv``.

negmas is AGPL-3.0; accord (MIT) never imports it. This script is the whole
boundary: it reads an instance JSON written by ``bench/instances.py``, computes
negmas's Pareto frontier and Nash point, and writes a result JSON. Nothing
else crosses over.

Usage::

    bash bench/setup-bench-env.sh            # once
    .bench-venv/bin/python bench/peer_negmas.py INSTANCE.json --out RESULT.json [--timeout S]

Exit status: 0 with ``status`` "ok"; 1 with "error"; 2 with "timeout".

What it does
------------
* Builds one discrete negmas issue per instance issue (the option names are the
  issue's values), ``make_os(issues)``, and per party a
  ``LinearAdditiveUtilityFunction`` with ``values[p][i]`` as a table per issue,
  ``weights[p]`` as weights and ``batna[p]`` as ``reserved_value``.
* Checks on 8 random packages that each negmas ufun equals the sum of the
  contribution arrays of ``instances.contributions`` (error above 1e-12).
* Times the frontier by the route ``--method`` names (best of ``--repeat``):
  ``enumerate`` (default), ``negmas.preferences.pareto_frontier(ufuns, issues=issues)``
  (it enumerates every package, keeps those with utility >= reserved value for
  all, and returns the strict Pareto frontier, one outcome per distinct utility
  vector, sorted by decreasing welfare); ``mobanos``, ``MOBANOSParetoSampler``
  (exact for two additive ufuns, its candidate cap lifted); ``numpy``, every
  package's utilities with numpy then ``pareto_frontier_numpy``. And then
  ``negmas.preferences.nash_points(ufuns, frontier, outcome_space=os)``.
  Note that negmas's Nash point uses as disagreement point, per party,
  ``max(reserved value, minimum utility over all packages)``, not the BATNA
  alone; that point is reported as ``nash_disagreement``. For comparison with
  the textbook Nash point (disagreement = BATNA) the result also has
  ``nash_batna``, from ``nash_points`` with ``ranges=[(batna_p, max_p)]``.
* Frontier outcomes are turned back into option indices from negmas's indices
  (``itertools.product`` order over the issues, last issue fastest) and
  re-checked against the contribution arrays.
* With ``--timeout S`` the work runs in a child process (this script again,
  with ``--child``) that is killed after S seconds; the result is then
  ``{"status": "timeout", ...}``. The peak RSS of a killed child is still
  reported (from ``RUSAGE_CHILDREN``).

Result JSON (``format`` = ``"accord-bench-peer-result/1"``)
--------------------------------------------------------------
``status``: "ok" | "timeout" | "error"; ``error`` (message, if error);
``peer``: "negmas"; ``negmas_version``; ``instance`` (path);
``n_parties``, ``n_issues``, ``n_options``, ``seed``, ``n_outcomes``;
``frontier``: list of utility vectors (one float per party);
``frontier_outcomes``: list of packages (option index per issue), same order;
``frontier_size``;
``nash``: ``{"utilities", "outcome", "frontier_index"}`` or null (negmas's
first Nash point); ``nash_all``: every tie negmas reports;
``nash_disagreement``: per-party lower ends of the ranges negmas used;
``nash_batna``: like ``nash`` but with disagreement point = BATNA;
``time_import_s`` (import negmas), ``time_ufuns_s`` (issues, outcome space,
ufuns), ``time_pareto_s`` (the ``pareto_frontier`` call only),
``time_nash_s`` (the ``nash_points`` call only),
``time_ufuns_pareto_s`` (ufuns + pareto), ``time_total_s`` (ufuns + pareto +
nash); all ``time.perf_counter`` wall seconds.
``peak_rss_kib`` / ``peak_rss_mib``: ``resource.getrusage(RUSAGE_SELF).ru_maxrss``
at the end (RUSAGE_CHILDREN of the killed child on timeout);
``rss_before_pareto_kib``: the same just before ``pareto_frontier``;
``wall_s``: whole child run, seen by the parent (``--timeout`` only);
``timeout_s``: the limit given, or null;
``checks``: ``{"ufun_vs_contrib_max_abs_diff", "frontier_vs_contrib_max_abs_diff",
"n_random_packages_checked"}``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import signal
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from instances import batna_array, load_instance, utilities

RESULT_FORMAT = "accord-bench-peer-result/1"
CHECK_TOL = 1e-12
REPEAT_BUDGET_S = 5.0
N_CHECK = 8


def _maxrss_kib(who: int = resource.RUSAGE_SELF) -> int:
    # Linux reports KiB; macOS reports bytes.
    r = resource.getrusage(who).ru_maxrss
    return r // 1024 if sys.platform == "darwin" else r


def _decode(index: int, radices: list[int]) -> list[int]:
    """Option indices of the package at ``index`` in itertools.product order."""
    out = [0] * len(radices)
    for i in range(len(radices) - 1, -1, -1):
        index, out[i] = divmod(index, radices[i])
    return out


def _base(instance: dict, path: str) -> dict[str, Any]:
    radices = [len(o) for o in instance["options"]]
    return {
        "format": RESULT_FORMAT,
        "peer": "negmas",
        "instance": str(path),
        "n_parties": len(instance["parties"]),
        "n_issues": len(instance["issues"]),
        "n_options": instance.get("n_options"),
        "seed": instance.get("seed"),
        "n_outcomes": int(np.prod(radices, dtype=np.float64)),
        "python": platform.python_version(),
    }


def _nash_entry(points: Any, frontier_outcomes: list[list[int]]) -> list[dict[str, Any]]:
    return [
        {
            "utilities": [float(u) for u in utils],
            "outcome": frontier_outcomes[idx],
            "frontier_index": int(idx),
        }
        for utils, idx in points
    ]


def _enumerate(ufuns: list[Any], issues: list[Any], radices: list[int]) -> tuple[Any, Any]:
    """negmas's generic route: ``pareto_frontier`` calls every ufun on every package."""
    from negmas.preferences import pareto_frontier

    frontier, indices = pareto_frontier(ufuns, issues=issues)
    return [tuple(float(x) for x in u) for u in frontier], [_decode(int(ix), radices) for ix in indices]


def _mobanos(ufuns: list[Any], options: list[list[str]]) -> tuple[Any, Any]:
    """negmas's exact two-party method for additive utilities, ``MOBANOSParetoSampler``.

    Its candidate cap is lifted (``max_pareto_size``) so that it is exact; the
    frontier's utility vectors are its outcomes' utilities, one per distinct vector
    (it keeps outcomes with equal utilities), by decreasing welfare.
    """
    from negmas.preferences import MOBANOSParetoSampler

    if len(ufuns) != 2:
        raise ValueError("MOBANOSParetoSampler is for two parties")
    sampler = MOBANOSParetoSampler(max_pareto_size=2**62)
    sampler.init(ufuns[0], ufuns[1])
    seen: dict[tuple[float, ...], list[int]] = {}
    for o in sampler.pareto_outcomes():
        u = (float(ufuns[0](o)), float(ufuns[1](o)))
        seen.setdefault(u, [options[i].index(v) for i, v in enumerate(o)])
    order = sorted(seen, key=lambda u: -sum(u))
    return order, [seen[u] for u in order]


def _numpy(ufuns: list[Any], issues: list[Any], radices: list[int]) -> tuple[Any, Any]:
    """negmas's fastest exact route for any number of parties: every package's utilities
    with numpy (from the ufuns' weights and value tables), then ``pareto_frontier_numpy``."""
    from negmas.preferences.ops import pareto_frontier_numpy

    k = len(ufuns)
    pts = np.zeros((1, k))
    for i, issue in enumerate(issues):
        # contrib[o, p]: party p's weighted value of option o of issue i.
        contrib = np.array([[u.weights[i] * float(u.values[i](v)) for u in ufuns] for v in issue.all])
        pts = (pts[:, None, :] + contrib[None, :, :]).reshape(-1, k)  # last issue fastest
    idx = pareto_frontier_numpy(pts, sort_by_welfare=True)
    return [tuple(float(x) for x in pts[j]) for j in idx], [_decode(int(j), radices) for j in idx]


def run(path: str, method: str = "enumerate", repeat: int = 1) -> dict[str, Any]:
    """Do the work in this process and return the result dict (best of ``repeat`` timed runs)."""
    instance = load_instance(path)
    result = _base(instance, path)

    t0 = time.perf_counter()
    import negmas
    from negmas import LinearAdditiveUtilityFunction, make_issue, make_os
    from negmas.preferences import nash_points

    result["time_import_s"] = time.perf_counter() - t0
    result["negmas_version"] = negmas.__version__

    names = instance["issues"]
    options = instance["options"]
    radices = [len(o) for o in options]
    batna = batna_array(instance)

    # -- ufun construction (timed) -------------------------------------
    t0 = time.perf_counter()
    issues = [make_issue(values=list(opts), name=name) for name, opts in zip(names, options, strict=True)]
    os_ = make_os(issues)
    ufuns = [
        LinearAdditiveUtilityFunction(
            values=[dict(zip(opts, instance["values"][p][i], strict=True)) for i, opts in enumerate(options)],
            weights=list(instance["weights"][p]),
            outcome_space=os_,
            reserved_value=float(batna[p]),
            name=party,
        )
        for p, party in enumerate(instance["parties"])
    ]
    t_ufuns = time.perf_counter() - t0

    # -- check: negmas ufun == sum of contributions (untimed) ----------
    rng = np.random.default_rng(12345)
    packages = [[int(rng.integers(r)) for r in radices] for _ in range(N_CHECK)]
    ours = utilities(instance, packages)
    theirs = np.array(
        [[float(u(tuple(options[i][k] for i, k in enumerate(pkg)))) for u in ufuns] for pkg in packages]
    )
    diff_u = float(np.max(np.abs(ours - theirs)))
    result["checks"] = {"ufun_vs_contrib_max_abs_diff": diff_u, "n_random_packages_checked": N_CHECK}
    if diff_u > CHECK_TOL:
        raise RuntimeError(f"negmas ufun differs from the contribution arrays by {diff_u}")

    # -- Pareto frontier (timed) ---------------------------------------
    result["method"] = method
    result["rss_before_pareto_kib"] = _maxrss_kib()
    routes = {
        "enumerate": lambda: _enumerate(ufuns, issues, radices),
        "mobanos": lambda: _mobanos(ufuns, options),
        "numpy": lambda: _numpy(ufuns, issues, radices),
    }
    find = routes[method]
    t_pareto, spent = float("inf"), 0.0
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        frontier, frontier_outcomes = find()
        t_pareto = min(t_pareto, time.perf_counter() - t0)
        spent += time.perf_counter() - t0
        if spent > REPEAT_BUDGET_S:
            break  # slow routes: best of the runs that fit the budget

    if frontier_outcomes:
        diff_f = float(np.max(np.abs(utilities(instance, frontier_outcomes) - np.asarray(frontier))))
    else:
        diff_f = 0.0
    result["checks"]["frontier_vs_contrib_max_abs_diff"] = diff_f
    if diff_f > CHECK_TOL:
        raise RuntimeError(f"decoded frontier outcomes differ from negmas's utilities by {diff_f}")

    # -- Nash point (timed) --------------------------------------------
    t_nash = float("inf")
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        nash = nash_points(ufuns, frontier, outcome_space=os_)
        t_nash = min(t_nash, time.perf_counter() - t0)

    ranges = [u.minmax(os_) for u in ufuns]  # cached by now: what nash_points used
    result["nash_disagreement"] = [
        float(r) if r >= lo else float(lo) for r, (lo, _) in zip(batna, ranges, strict=True)
    ]
    fr = np.asarray(frontier) if frontier else np.zeros((0, len(ufuns)))
    hi = fr.max(axis=0) if len(fr) else batna
    nash_b = nash_points(
        ufuns, frontier, ranges=[(float(b), float(h)) for b, h in zip(batna, hi, strict=True)]
    )

    result.update(
        status="ok",
        frontier=[[float(u) for u in pt] for pt in frontier],
        frontier_outcomes=frontier_outcomes,
        frontier_size=len(frontier),
        nash_all=_nash_entry(nash, frontier_outcomes),
        time_ufuns_s=t_ufuns,
        time_pareto_s=t_pareto,
        time_nash_s=t_nash,
        time_ufuns_pareto_s=t_ufuns + t_pareto,
        time_total_s=t_ufuns + t_pareto + t_nash,
    )
    result["nash"] = result["nash_all"][0] if result["nash_all"] else None
    nb = _nash_entry(nash_b, frontier_outcomes)
    result["nash_batna"] = nb[0] if nb else None
    peak = _maxrss_kib()
    result["peak_rss_kib"] = peak
    result["peak_rss_mib"] = round(peak / 1024, 1)
    return result


def _write(out: str, result: dict[str, Any]) -> None:
    Path(out).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


def _run_and_write(path: str, out: str, timeout: float | None, method: str, repeat: int) -> int:
    try:
        result = run(path, method, repeat)
    except Exception as exc:
        result = {"format": RESULT_FORMAT, "peer": "negmas", "instance": str(path), "status": "error"}
        result["error"] = f"{type(exc).__name__}: {exc}"
        result["traceback"] = traceback.format_exc()
        result["peak_rss_kib"] = _maxrss_kib()
        result["timeout_s"] = timeout
        _write(out, result)
        return 1
    result["timeout_s"] = timeout
    _write(out, result)
    return 0


def _run_with_timeout(path: str, out: str, timeout: float, method: str, repeat: int) -> int:
    out_path = Path(out)
    out_path.unlink(missing_ok=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), path, "--out", out, "--child", str(timeout),
           "--method", method, "--repeat", str(repeat)]  # fmt: skip
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, start_new_session=True)
    try:
        code = proc.wait(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        code = proc.wait()
        timed_out = True
    wall = time.perf_counter() - t0
    child_peak = _maxrss_kib(resource.RUSAGE_CHILDREN)

    if timed_out or not out_path.exists():
        result = _base(load_instance(path), path)
        result["status"] = "timeout" if timed_out else "error"
        if not timed_out:
            result["error"] = f"child exited with code {code} and wrote no result"
        result["peak_rss_kib"] = child_peak
        result["peak_rss_mib"] = round(child_peak / 1024, 1)
        result["timeout_s"] = timeout
        result["wall_s"] = wall
        _write(out, result)
        return 2 if timed_out else 1
    result = json.loads(out_path.read_text(encoding="utf-8"))
    result["wall_s"] = wall
    _write(out, result)
    return code


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="negmas 0.16 Pareto frontier and Nash point of an instance.")
    ap.add_argument("instance", help="instance JSON written by bench/instances.py")
    ap.add_argument("--out", required=True, help="where to write the result JSON")
    ap.add_argument("--timeout", type=float, default=None, help="kill the work after this many seconds")
    ap.add_argument("--child", type=float, default=None, help=argparse.SUPPRESS)
    ap.add_argument(
        "--method",
        choices=("enumerate", "mobanos", "numpy"),
        default="enumerate",
        help="enumerate: pareto_frontier (generic); mobanos: MOBANOSParetoSampler (2 parties, additive); "
        "numpy: every package's utilities with numpy, then pareto_frontier_numpy",
    )
    ap.add_argument(
        "--repeat", type=int, default=1, help="timed runs of the frontier and Nash calls (best kept)"
    )
    args = ap.parse_args(argv)
    if args.child is not None:
        return _run_and_write(args.instance, args.out, args.child, args.method, args.repeat)
    if args.timeout is not None:
        return _run_with_timeout(args.instance, args.out, args.timeout, args.method, args.repeat)
    return _run_and_write(args.instance, args.out, None, args.method, args.repeat)


if __name__ == "__main__":
    sys.exit(main())
