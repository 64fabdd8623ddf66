"""The simulator against negmas 0.16 (peer), and the tournament on ukraine; figures for docs/benchmarks.md.

h12a's ``bench_simulate.py`` times every protocol on ukraine without a peer; this
script runs the peer.

Usage::

    bash bench/setup-bench-env.sh                 # once: negmas in .bench-venv
    python bench/bench_simulate_peer.py                # everything, one run
    python bench/bench_simulate_peer.py --no-peer      # accord only (also when .bench-venv is missing)

What it measures, on random two-party domains of 10, 12 and 20 issues x 4 options
(``bench/instances.py``, seeds 0, 1, 2; BATNA 0):

1. **Alternating offers.** accord's ``alternating-offers`` protocol, both
   delegations ``boulware``, deadline 100 rounds, against negmas's
   ``SAOMechanism`` with ``n_steps=100`` and two ``AspirationNegotiator`` s (their
   default Boulware-like aspiration). negmas reads the same domain from the GENIUS
   XML files ``accord export`` writes (``accord.io.genius``), in its own
   interpreter (``bench/peer_negmas_sao.py``); accord never imports negmas.
   Printed: negotiations per second for each (building and running one
   negotiation, timed per run, mean over the runs), the ratio, the agreement
   rate, and the mean share of the Nash product reached (a breakdown counts 0;
   the Nash point is accord's exact one, ``accord.analysis.nash.solve_nash``). The
   peer's utilities of its agreements are checked against accord's reading of the
   same files (``u / M``, see docs/interop.md), which tests the export too.
2. **Single negotiating text, truthful parties** on 20 x 4: ``single-text`` with
   truthful delegations (``everything-on-the-table``) and the ``nash-mediator``;
   mean Nash-product share over seeds (target >= 95%).
3. **Tournament on ukraine**: every protocol x 5 delegation strategies x 50 seeds
   (1,000 negotiations, preconditions dropped so that talks open), benchmarks
   on, run here and on a local Dask cluster of 2 worker processes (target: under a
   minute on 2 cores). The two results are checked to be identical.
"""

from __future__ import annotations

import argparse
import json
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

from accord.analysis.nash import solve_nash  # noqa: E402
from accord.io.genius import export_genius  # noqa: E402
from accord.model import Issue, Option, Party, Perspective, Profile, Role, Scenario  # noqa: E402
from accord.protocols import simulate  # noqa: E402
from accord.space import Space, compile_space  # noqa: E402
from instances import make_instance  # noqa: E402

DOMAINS = ((10, 0), (12, 1), (20, 2))
"""(issues, seed) of the random domains, all with 4 options per issue and two parties."""


def instance_scenario(inst: dict[str, Any]) -> Scenario:
    """The bench instance as an accord scenario: values 0-100 (100 v), the instance's weights and BATNA."""
    issues = tuple(
        Issue(id=i, title=i, options=tuple(Option(id=o) for o in opts))
        for i, opts in zip(inst["issues"], inst["options"], strict=True)
    )
    profiles = tuple(
        Profile(
            party=p,
            perspective="bench",
            weights={
                i: max(float(w), 1e-12) for i, w in zip(inst["issues"], inst["weights"][k], strict=True)
            },
            values={
                i: {o: 100 * float(v) for o, v in zip(opts, vals, strict=True)}
                for i, opts, vals in zip(inst["issues"], inst["options"], inst["values"][k], strict=True)
            },
            batna=100 * float(inst["batna"][k]),
            rationale="random bench instance",
        )
        for k, p in enumerate(inst["parties"])
    )
    return Scenario(
        id=f"bench-{inst['n_issues']}x{inst['n_options']}",
        title="random bench domain",
        issues=issues,
        parties=tuple(Party(id=p, name=p, role=Role.BELLIGERENT) for p in inst["parties"]),
        perspectives=(Perspective(id="bench"),),
        default_perspective="bench",
        profiles=profiles,
    )


def nash_share(space: Space, nash_product: float, package: dict[str, str] | None) -> float:
    """The Nash product of ``package`` over the Nash solution's (0 for no agreement)."""
    if package is None or nash_product <= 0:
        return 0.0
    u = utilities_of(space, package)
    return float(np.prod(np.maximum(u - space.batna, 0.0))) / nash_product


def utilities_of(space: Space, package: dict[str, str]) -> np.ndarray:
    """Each party's utility of ``package`` (issue -> option id), summed from the space's contributions."""
    total = np.zeros(len(space.parties))
    for k, issue in enumerate(space.issues):
        total += space.contrib[k][:, space.options[k].index(package[issue])]
    return total


def accord_runs(
    space: Space, protocol: str, strategy: str | None, runs: int, deadline: int | None
) -> dict[str, Any]:
    """``runs`` simulations (seeds 0..runs-1), each timed; agreements as issue -> option."""
    strategies = dict.fromkeys(space.parties, strategy) if strategy else None
    seconds, packages = [], []
    for seed in range(runs):
        t = time.perf_counter()
        r = simulate(space, protocol, strategies, seed=seed, deadline=deadline)
        seconds.append(time.perf_counter() - t)
        packages.append(dict(r.terms) if r.agreed and r.terms is not None else None)
    return {"seconds": seconds, "packages": packages}


def peer_runs(folder: Path, runs: int, steps: int, work: Path) -> dict[str, Any] | None:
    """negmas's runs on the GENIUS files in ``folder`` (None when .bench-venv is missing or fails)."""
    if not VENV_PYTHON.exists():
        return None
    out = work / f"{folder.name}-negmas.json"
    cmd = [str(VENV_PYTHON), str(HERE / "peer_negmas_sao.py"), str(folder), "--runs", str(runs),
           "--steps", str(steps), "--out", str(out)]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        print(f"  negmas failed: {proc.stderr.strip()[-400:]}")
        return None
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def peer_check(space: Space, scales: dict[str, float], files: list[str], peer: dict[str, Any]) -> float:
    """The largest gap between negmas's utility of an agreement and accord's u / M for the same party."""
    worst = 0.0
    for pkg, utils in zip(peer["agreements"], peer["utilities"], strict=True):
        if pkg is None:
            continue
        ours = utilities_of(space, pkg)
        for name, u in zip(files, utils, strict=True):
            party = next(p for p in space.parties if name.endswith(f"-{p}") or name == p or f"-{p}." in name)
            worst = max(worst, abs(u - ours[space.parties.index(party)] / scales[party]))
    return worst


def alternating_case(
    n: int, seed: int, runs: int, peer_runs_n: int, use_peer: bool, work: Path
) -> dict[str, Any]:
    inst = make_instance(2, n, 4, seed)
    scenario = instance_scenario(inst)
    space = compile_space(scenario)
    nash = solve_nash(space)
    product = float(np.prod(np.maximum(nash.utilities - space.batna, 0.0)))
    ours = accord_runs(space, "alternating-offers", "boulware", runs, deadline=100)
    row: dict[str, Any] = {
        "domain": f"{n}x4",
        "accord_per_s": 1 / float(np.mean(ours["seconds"])),
        "accord_agree": float(np.mean([p is not None for p in ours["packages"]])),
        "accord_share": float(np.mean([nash_share(space, product, p) for p in ours["packages"]])),
        "nash": nash.utilities.tolist(),
    }
    if use_peer:
        export = export_genius(scenario)
        folder = work / f"genius-{n}x4"
        folder.mkdir(exist_ok=True)
        for f in export.files:
            (folder / f.name).write_text(f.text, encoding="utf-8")
        peer = peer_runs(folder, peer_runs_n, 100, work)
        if peer is not None:
            scales = dict(zip(export.parties, export.scales, strict=True))
            row["negmas_per_s"] = 1 / float(np.mean(peer["seconds"]))
            row["negmas_agree"] = float(np.mean([p is not None for p in peer["agreements"]]))
            row["negmas_share"] = float(np.mean([nash_share(space, product, p) for p in peer["agreements"]]))
            row["negmas_vs_accord_utility"] = peer_check(space, scales, peer["files"], peer)
            row["negmas_version"] = peer["negmas_version"]
    return row


def single_text_case(runs: int) -> dict[str, Any]:
    inst = make_instance(2, 20, 4, 2)
    space = compile_space(instance_scenario(inst))
    nash = solve_nash(space)
    product = float(np.prod(np.maximum(nash.utilities - space.batna, 0.0)))
    ours = accord_runs(space, "single-text", "everything-on-the-table", runs, deadline=None)
    shares = [nash_share(space, product, p) for p in ours["packages"]]
    return {
        "domain": "20x4",
        "runs": runs,
        "mean_share": float(np.mean(shares)),
        "min_share": float(np.min(shares)),
        "per_s": 1 / float(np.mean(ours["seconds"])),
    }


def tournament_case(seeds: int, dask: bool) -> dict[str, Any]:
    from accord.scenarios import load_builtin
    from accord.workbench.simulate import preconditions
    from accord.workbench.tournament import TournamentRequest, tournament

    s = load_builtin("ukraine")
    request = TournamentRequest(
        scenario=s, seeds=seeds, strategies=("boulware", "linear", "conceder", "tit-for-tat", "hard-liner"),
        drop=tuple(p.id for p in preconditions(s)),
    )  # fmt: skip
    t = time.perf_counter()
    here = tournament(request)
    row: dict[str, Any] = {"matches": len(here.result.outcomes), "local_s": time.perf_counter() - t}
    if dask:
        from accord.scale import dask_executor

        t = time.perf_counter()
        with dask_executor("local", workers=2, processes=True) as executor:
            there = tournament(request, executor=executor)
        row["dask_local_2_s"] = time.perf_counter() - t
        row["identical"] = all(
            a.match == b.match and np.array_equal(a.utilities, b.utilities)
            for a, b in zip(here.result.outcomes, there.result.outcomes, strict=True)
        )
    return row


def _say_alternating(row: dict[str, Any]) -> None:
    ours = (
        f"alternating offers {row['domain']}: accord {row['accord_per_s']:.1f}/s "
        f"(agreed {row['accord_agree']:.0%}, Nash share {row['accord_share']:.1%})"
    )
    if "negmas_per_s" not in row:
        print(f"{ours}; no peer", flush=True)
        return
    ratio = row["accord_per_s"] / row["negmas_per_s"]
    print(
        f"{ours}; negmas {row['negmas_per_s']:.2f}/s (agreed {row['negmas_agree']:.0%}, Nash share "
        f"{row['negmas_share']:.1%}); ratio {ratio:.1f}x; "
        f"peer utility check {row['negmas_vs_accord_utility']:.1e}",
        flush=True,
    )


def _say_rest(st: dict[str, Any], tr: dict[str, Any] | None) -> None:
    print(
        f"single text 20x4, truthful: Nash share mean {st['mean_share']:.1%}, min {st['min_share']:.1%} "
        f"over {st['runs']} seeds ({st['per_s']:.1f} negotiations/s)",
        flush=True,
    )
    if tr is None:
        return
    dask = ""
    if "dask_local_2_s" in tr:
        dask = f"; Dask local (2 workers) {tr['dask_local_2_s']:.1f} s, identical: {tr['identical']}"
    print(
        f"tournament on ukraine: {tr['matches']} negotiations in {tr['local_s']:.1f} s here{dask}", flush=True
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--runs", type=int, default=20, help="accord runs per domain")
    ap.add_argument("--peer-runs", type=int, default=10, help="negmas runs per domain")
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--single-text-runs", type=int, default=10)
    ap.add_argument("--tournament-seeds", type=int, default=50, help="seeds per cell (4 x 5 x N matches)")
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--only-tournament", action="store_true", help="skip the domains and the single text")
    ap.add_argument("--json", metavar="FILE", help="also write every figure as JSON")
    args = ap.parse_args(argv)
    out: dict[str, Any] = {"alternating": []}
    if args.only_tournament:
        out["tournament"] = tournament_case(args.tournament_seeds, not args.no_dask)
        print(json.dumps(out["tournament"]))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        for n, seed in DOMAINS:
            row = alternating_case(n, seed, args.runs, args.peer_runs, not args.no_peer, Path(tmp))
            out["alternating"].append(row)
            _say_alternating(row)
    out["single_text"] = single_text_case(args.single_text_runs)
    out["tournament"] = (
        tournament_case(args.tournament_seeds, not args.no_dask) if args.tournament_seeds else None
    )
    _say_rest(out["single_text"], out["tournament"])
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
