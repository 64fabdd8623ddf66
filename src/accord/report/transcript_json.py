"""The JSON form of one simulated negotiation: its ending, each party's outcome and every event.

:func:`accord.report.json.to_json` of a simulation outcome uses it; each event
carries its terms (issue -> option ids) and every party's utility of them, so a
reader can recompute any figure from the scenario. Floats go out at full
precision through :func:`accord.report.json.num`.
"""

from __future__ import annotations

from typing import Any

from accord.protocols import Event, SimulationResult
from accord.report.json import num, result_json
from accord.space import Space


def simulation_json(res: SimulationResult, space: Space) -> dict[str, Any]:
    """One simulation: ending, per-party outcome, benchmarks, blocks and every event with its utilities."""
    return {
        "protocol": res.protocol,
        "seed": res.seed,
        "deadline": res.deadline,
        "rounds": res.rounds,
        "ending": res.ending,
        "reason": res.reason,
        "terms": None if res.terms is None else dict(res.terms),
        "parties": [_party(res, k) for k in range(len(res.parties))],
        "mediator": res.strategies.get("mediator"),
        "distances": result_json(res.distances),
        "blocks": result_json(res.blocks),
        "dropped": list(res.dropped),
        "events": [_event(e, space) for e in res.events],
        "provenance": result_json(res.provenance),
    }


def _party(res: SimulationResult, k: int) -> dict[str, Any]:
    p = res.parties[k]
    return {
        "party": p,
        "strategy": res.strategies.get(p),
        "utility": num(res.utilities[k]),
        "batna": num(res.batna[k]),
        "surplus": num(res.utilities[k] - res.batna[k]),
    }


def _event(e: Event, space: Space) -> dict[str, Any]:
    out: dict[str, Any] = {"round": e.round, "actor": e.actor, "kind": e.kind, "to": list(e.to)}
    if e.package is not None:
        out["terms"] = space.package_ids(e.package)
        out["utilities"] = {p: num(u) for p, u in zip(space.parties, space.utility(e.package), strict=True)}
    for name in ("accepted", "version", "table", "note"):
        value = getattr(e, name)
        if value not in (None, ""):
            out[name] = value
    if e.issues:
        out["issues"] = list(e.issues)
    return out
