"""negmas 0.16 peer for the simulator benchmark. Runs ONLY inside ``.bench-venv``.

negmas is AGPL-3.0; accord (MIT) never imports it. This script is the whole
boundary: it reads a directory of GENIUS XML files written by ``accord export
--format genius`` (one domain, one utility space per party), runs negmas's
stacked alternating offers protocol (``SAOMechanism``, ``n_steps`` steps) between
two ``AspirationNegotiator`` s R times, and writes a result JSON. Nothing else
crosses over.

Usage::

    .bench-venv/bin/python bench/peer_negmas_sao.py GENIUS_DIR --runs 20 --steps 100 --out RESULT.json

Result JSON (``format`` = ``"accord-bench-sao-result/1"``): ``negmas_version``,
``steps``, ``runs``, ``files`` (the utility files in the order of ``ufuns``),
``issues`` (names in order), ``agreements`` (per run: a mapping issue -> value, or
null), ``utilities`` (per run: each ufun's utility of the agreement, or null),
``reserved`` (each ufun's reserved value), ``seconds`` (per run, wall time of
building the mechanism and running it), ``load_s`` (reading the folder).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)

    import negmas
    from negmas import AspirationNegotiator, SAOMechanism
    from negmas.inout import load_genius_domain_from_folder

    t0 = time.perf_counter()
    scenario = load_genius_domain_from_folder(args.folder, safe_parsing=False)
    load_s = time.perf_counter() - t0
    ufuns = list(scenario.ufuns)
    issues = [i.name for i in scenario.outcome_space.issues]
    agreements, utilities, seconds = [], [], []
    for _ in range(args.runs):
        t = time.perf_counter()
        mechanism = SAOMechanism(outcome_space=scenario.outcome_space, n_steps=args.steps)
        for k, ufun in enumerate(ufuns):
            mechanism.add(AspirationNegotiator(name=f"n{k}"), preferences=ufun)
        mechanism.run()
        seconds.append(time.perf_counter() - t)
        agreement = mechanism.agreement
        if agreement is None:
            agreements.append(None)
            utilities.append(None)
        else:
            agreements.append({name: str(v) for name, v in zip(issues, agreement, strict=True)})
            utilities.append([float(u(agreement)) for u in ufuns])
    result = {
        "format": "accord-bench-sao-result/1",
        "negmas_version": negmas.__version__,
        "steps": args.steps,
        "runs": args.runs,
        "files": [str(getattr(u, "name", "")) for u in ufuns],
        "issues": issues,
        "agreements": agreements,
        "utilities": utilities,
        "reserved": [float(u.reserved_value) for u in ufuns],
        "seconds": seconds,
        "load_s": load_s,
    }
    Path(args.out).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
