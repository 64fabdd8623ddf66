"""Regenerate the golden transcripts: one JSON file per protocol on ``ukraine``.

Each is ``accord simulate ukraine --protocol P --drop all --seed 0 --json`` without
the benchmarks (their frontier runs under a time limit, so they may vary with
the machine) and without the wall-clock seconds; each event's terms are the
option ids in issue order. ``tests/protocols/test_golden_transcripts.py``
diffs the current output against these files; after a deliberate change run

    python scripts/gen_golden_transcripts.py

and review the diff.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "protocols" / "golden"


def transcript(protocol: str) -> dict[str, object]:
    """The golden JSON of ``protocol`` on ukraine (seed 0, every precondition dropped)."""
    import accord
    from accord.report.json import to_json
    from accord.workbench.simulate import SimulateRequest, preconditions, simulate

    s = accord.load("ukraine")
    drop = tuple(p.id for p in preconditions(s))
    outcome = simulate(SimulateRequest(scenario=s, protocol=protocol, seed=0, drop=drop, benchmarks=False))
    data = to_json(outcome)
    assert isinstance(data, dict)
    data["provenance"] = {k: v for k, v in data["provenance"].items() if k != "seconds"}
    for event in data["events"]:
        if "terms" in event:
            event["terms"] = list(event["terms"].values())  # option ids in issue order
    return data


def dump(data: dict[str, object]) -> str:
    """The golden file's text: the summary indented, one line per event (reviewable diffs)."""
    events = data.pop("events")
    assert isinstance(events, list)
    head = json.dumps(data, indent=1, ensure_ascii=False)
    lines = ",\n".join(" " + json.dumps(e, ensure_ascii=False) for e in events)
    data["events"] = events
    return head[:-2] + ',\n "events": [\n' + lines + "\n ]\n}\n"


def main() -> int:
    from accord.protocols import PROTOCOLS

    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name in PROTOCOLS.names:
        path = GOLDEN / f"{name}.json"
        path.write_text(dump(transcript(name)), encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
