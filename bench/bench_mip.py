"""The MIP backend against the decomposition on linked and many-party instances (issue #10's targets).

Runs in accord's environment, in-process; no peer. Every question is asked of
both backends of the same engine in one run (``backend="mip"`` and
``backend="decomposition"``), the decomposition under ``--timeout`` seconds (the
time limit binds every stage, so a run that needs longer stops there and is
shown as ``>T``). The ratio is decomposition / MIP wall time. The instances
(:mod:`instances`, :mod:`links`; 5 options, seeded):

* ``links40``: 40 random if/then and excludes links over 20 issues, 3 parties
  (targets: Nash, egalitarian and the smallest amendment each under 5 s);
* ``grid5x5``: a 5 x 5 grid of links, 3 parties (target: under 5 s);
* ``ring40``: a ring of 40 issues, 3 parties (target: under 5 s);
* ``parties K x 40``: K parties, 40 issues, no links, seed K (target: egalitarian
  with 10 parties under 5 s; Nash and Kalai–Smorodinsky shown too);
* ``parties 10x40 sN``: the same shape drawn with seeds 1-3 (egalitarian), to show
  how much the time depends on the draw.

``auto`` is the backend ``--backend auto`` runs; "(over target)" judges that
backend's time and exactness against the 5 s targets.

The amendment amends the plan "every issue at option 0". BATNAs are 0.3 for
three parties (utilities lie in [0, 1]) and 0 for more.

    python bench/bench_mip.py                 # every row
    python bench/bench_mip.py --only links40  # rows whose instance starts with this
    python bench/bench_mip.py --timeout 60 --mip-limit 60
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accord.analysis import solve_amendment, solve_bargaining
from accord.analysis.kernel.backend import choose_backend
from accord.analysis.kernel.graph import clause_graph
from accord.space import Space, SpaceError
from instances import batna_array, contributions, make_instance
from links import grid, linked_space, random_links, ring

TARGET = 5.0
"""Seconds the issue's targets allow."""


def instances(only: str) -> list[tuple[str, Any, list[str]]]:
    """(name, space, questions) for every instance whose name starts with ``only``."""
    out: list[tuple[str, Any, list[str]]] = []

    def add(name: str, make: Callable[[], Any], questions: list[str]) -> None:
        if name.startswith(only):
            out.append((name, make(), questions))

    three = ["nash", "egalitarian", "amendment"]
    add(
        "links40",
        lambda: linked_space(make_instance(3, 20, 5, 0, batna=0.3), random_links(40, 20, 1), 2),
        three,
    )
    add("grid5x5", lambda: linked_space(make_instance(3, 25, 5, 1, batna=0.3), grid(5, 5), 3), three)
    add("ring40", lambda: linked_space(make_instance(3, 40, 5, 2, batna=0.3), ring(40), 4), three)
    for k in (6, 8, 10, 12):
        inst = make_instance(k, 40, 5, k)
        add(
            f"parties {k}x40",
            lambda inst=inst: Space.from_arrays(contributions(inst), batna_array(inst)),
            ["egalitarian", "nash", "ks"],
        )
    for seed in (1, 2, 3):  # the same shape drawn again: how much the time depends on the draw
        inst = make_instance(10, 40, 5, seed)
        add(
            f"parties 10x40 s{seed}",
            lambda inst=inst: Space.from_arrays(contributions(inst), batna_array(inst)),
            ["egalitarian"],
        )
    return out


def auto_choice(space: Any) -> str:
    """The backend ``--backend auto`` runs for ``space`` (before any fallback)."""
    return choose_backend("auto", clause_graph(space), len(space.parties)).name


def ask(space: Any, question: str, backend: str, limit: float) -> tuple[float, str]:
    """Seconds and a short verdict (status, exactness, gap) of one question under one backend."""
    t0 = time.perf_counter()
    try:
        return _ask(space, question, backend, limit, t0)
    except SpaceError:  # a component too large to list (the decomposition's refusal)
        return time.perf_counter() - t0, "refused (too large)"


def _ask(space: Any, question: str, backend: str, limit: float, t0: float) -> tuple[float, str]:
    if question == "amendment":
        res = solve_amendment(space, (0,) * len(space.issues), backend=backend, time_limit=limit)
        detail = f"{len(res.changes)} changes" if res.package is not None else res.status
    else:
        res = solve_bargaining(space, question, backend=backend, time_limit=limit)
        detail = res.status
    took = time.perf_counter() - t0
    prov = res.provenance
    proof = "exact" if prov.exact else "not proven" if res.status == "limit" else f"gap {prov.gap:.2g}"
    return took, f"{detail}, {proof}"


def main(argv: list[str] | None = None) -> None:
    """Print one row per (instance, question): both backends' times and verdicts, and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=30.0, help="decomposition's time limit (s)")
    parser.add_argument("--mip-limit", type=float, default=60.0, help="MIP's time limit (s)")
    parser.add_argument("--only", default="", help="instances whose name starts with this")
    args = parser.parse_args(argv)
    head = (
        f"{'instance':<18} {'question':<12} {'mip s':>7} {'mip':<22} {'decomp s':>9} {'decomp':<22} "
        f"{'ratio':>7} {'auto':<6}"
    )
    print(head)
    print("-" * len(head))
    for name, space, questions in instances(args.only):
        auto = auto_choice(space)
        for q in questions:
            mip_s, mip_v = ask(space, q, "mip", args.mip_limit)
            dec_s, dec_v = ask(space, q, "decomposition", args.timeout)
            stopped = "exact" not in dec_v
            shown = f">{args.timeout:.0f}" if stopped and dec_s >= args.timeout else f"{dec_s:.2f}"
            ratio = f"{'>' if stopped else ''}{dec_s / mip_s:.1f}x"
            # The target is judged on what a user gets: the backend ``auto`` runs.
            got_s, got_v = (mip_s, mip_v) if auto == "mip" else (dec_s, dec_v)
            mark = "" if got_s < TARGET and "exact" in got_v else "  (over target)"
            print(
                f"{name:<18} {q:<12} {mip_s:>7.2f} {mip_v:<22} {shown:>9} {dec_v:<22} {ratio:>7} "
                f"{auto[:6]:<6}{mark}",
                flush=True,
            )


if __name__ == "__main__":
    main()
