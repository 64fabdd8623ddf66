"""JSON of the process-design outcomes (``accord linkage``, ``accord sequence``).

Registered with :func:`accord.report.json.to_json` when that module loads (it
imports this one last). Floats at full precision through
:func:`accord.report.json.num`; packages as ``{issue: option}``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from accord.analysis.linkage import ArenaResult, Trade
from accord.analysis.sequence import DesignResult, StageResult
from accord.report.json import JSON, estimates_json, num, result_json, to_json
from accord.space import Space
from accord.workbench.design import LinkageOutcome, SequenceOutcome


def _by(parties: Sequence[str], values: Sequence[float] | None) -> dict[str, float | None] | None:
    return None if values is None else {p: num(v) for p, v in zip(parties, values, strict=True)}


def _changed(space: Space, package: Sequence[int] | None) -> dict[str, str] | None:
    """The options of ``package`` that differ from the status quo (the rest is at status quo)."""
    if package is None:
        return None
    return {space.issues[i]: space.options[i][k] for i, k in enumerate(package) if space.status_quo[i] != k}


def _trade(space: Space, t: Trade) -> dict[str, Any]:
    return {
        "gives": t.giver,
        "issue": space.issues[t.give],
        "to": t.taker,
        "for_issue": space.issues[t.take],
        "gains": {t.giver: num(t.gains[0]), t.taker: num(t.gains[1])},
        "joint": num(t.joint),
    }


def _arena(space: Space, r: ArenaResult) -> dict[str, Any]:
    a, z = r.arena, r.zopa
    return {
        "arena": a.name,
        "tables": list(a.tables),
        "offer": r.offer,
        "parties": list(a.parties),
        "issues": [space.issues[i] for i in a.issues],
        "status": r.status,
        "zopa": z.exists,
        "counting": z.counting,
        "count": z.count,
        "share": None if z.share is None else num(z.share),
        "share_interval": None if z.share_interval is None else [num(x) for x in z.share_interval],
        "n_feasible": z.n_feasible,
        "n_packages": z.n_packages,
        "min_surplus": None if z.min_surplus is None else num(z.min_surplus),
        "batna": _by(a.parties, r.batna),
        "nash_changes": _changed(space, r.nash),
        "nash_utilities": _by(a.parties, r.utilities),
        "nash_surplus": _by(a.parties, r.surplus),
        "exact": z.best_exact and r.nash_exact,
        "n_trades": r.n_trades,
        "trades": [_trade(space, t) for t in r.trades],
    }


@to_json.register
def _linkage(outcome: LinkageOutcome) -> JSON:
    space, res = outcome.space, outcome.result
    prov = res.provenance
    return {
        "scenario": outcome.request.scenario.id,
        "perspective": space.choice,
        "estimates": estimates_json(outcome.estimates),
        "parties": list(res.parties),
        "status": res.status,
        "arenas": [_arena(space, r) for r in res.arenas],
        "offers": [_arena(space, r) for r in res.offered],
        "notes": list(outcome.notes),
        "algorithm": prov.algorithm,
        "citation": prov.citation,
        "parameters": result_json(dict(prov.parameters)),
        "seconds": round(prov.seconds, 4),
    }


def _stage(space: Space, parties: Sequence[str], s: StageResult) -> dict[str, Any]:
    return {
        "stage": s.stage.name,
        "issues": [space.issues[i] for i in s.stage.issues],
        "agreed": s.agreed,
        "status": s.status,
        "fallback": _by(parties, s.disagreement),
        "shift": _by(parties, s.stage.shift) if s.stage.shift else None,
        "shifted": s.shifted,
        "utilities": _by(parties, s.utilities),
        "surplus": _by(parties, s.surplus),
        "exact": s.exact,
    }


def _design(space: Space, parties: Sequence[str], d: DesignResult) -> dict[str, Any]:
    return {
        "design": d.design.name,
        "title": d.design.title,
        "rules": list(d.design.rules),
        "stages": [_stage(space, parties, s) for s in d.stages],
        "agreed": d.agreed,
        "changes": _changed(space, d.package),
        "values": _by(parties, d.values),
        "versus_comprehensive": _by(parties, d.versus),
    }


@to_json.register
def _sequence(outcome: SequenceOutcome) -> JSON:
    space, res = outcome.space, outcome.result
    prov = res.provenance
    return {
        "scenario": outcome.request.scenario.id,
        "perspective": space.choice,
        "estimates": estimates_json(outcome.estimates),
        "parties": list(res.parties),
        "status": res.status,
        "batna": _by(res.parties, res.batna),
        "designs": [_design(space, res.parties, d) for d in res.designs],
        "skipped": [{"design": n, "reason": r} for n, r in outcome.skipped],
        "algorithm": prov.algorithm,
        "citation": prov.citation,
        "parameters": result_json(dict(prov.parameters)),
        "seconds": round(prov.seconds, 4),
    }
