"""One JSON serializer for every outcome and result: :func:`to_json` (``functools.singledispatch``).

Each outcome of :mod:`accord.workbench` maps to the JSON document the command
line prints (dicts, lists, strings, numbers, booleans, None); :func:`dumps` writes
it compactly (no spaces: ``json``'s C encoder, several times faster than the
indenting one) or, for a person at a terminal, indented. A frontier can be
written point by point instead (:mod:`accord.report.stream`). Floats go out at full precision
(:func:`num`: ``repr`` round-trips, so a surplus recomputed from the JSON has the
sign the engine found), with no ``-0.0`` and nothing non-finite.

Any other frozen result (an engine's result with its ``provenance``, straight
from :mod:`accord.analysis`) maps field by field through :func:`result_json`, the
form a web API or a notebook export uses: nothing is rounded or left out.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Mapping, Sequence
from enum import Enum
from functools import singledispatch
from typing import Any

import numpy as np

from accord.analysis.evaluate import Evaluation, PartyVerdict, PlanEvaluation
from accord.analysis.linkage import ArenaResult, Trade
from accord.analysis.robustness import PlanRobustness, RobustnessResult
from accord.analysis.sensitivity import FlipDistances
from accord.analysis.sequence import DesignResult, StageResult
from accord.model import Plan, Profile, Scenario, Term
from accord.numeric import FloatArray
from accord.protocols import Event, SimulationResult
from accord.report.views.estimates import flip_text, flip_texts
from accord.space import Space
from accord.workbench.align import AlignOutcome
from accord.workbench.design import LinkageOutcome, SequenceOutcome
from accord.workbench.estimates import Estimates
from accord.workbench.evaluation import ComparisonOutcome, EvaluationOutcome, Flips
from accord.workbench.records import AmendOutcome, FrontierOutcome, SearchOutcome, SolveOutcome, ZopaOutcome
from accord.workbench.ripeness import RipenessOutcome
from accord.workbench.robustness import RobustnessOutcome
from accord.workbench.scenario import Catalogue, PlanOutcome, ProfilesOutcome, ScenarioOutcome, Validation
from accord.workbench.simulate import SimulateOutcome
from accord.workbench.tournament import TournamentOutcome

JSON = dict[str, Any] | list[Any]


def num(x: float) -> float | None:
    """A float for JSON output at full precision: ``-0.0`` as ``0.0``, non-finite as ``None``.

    Nothing is rounded: a tiny surplus rounded to 6 decimals could change sign (or
    become 0) when recomputed as ``utility - batna`` from the JSON.
    """
    v = float(x)
    if not math.isfinite(v):
        return None
    return v + 0.0  # -0.0 + 0.0 == +0.0


COMPACT = (",", ":")
"""Separators of compact JSON (no spaces)."""


def dumps(data: JSON, *, pretty: bool = False) -> str:
    """``data`` as the command line prints it: UTF-8 kept, NaN refused, one final newline.

    Compact by default; ``pretty`` indents by two spaces (Python's pure-Python
    encoder, several times slower: for people reading at a terminal).
    """
    if pretty:
        return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    return json.dumps(data, separators=COMPACT, ensure_ascii=False, allow_nan=False) + "\n"


@singledispatch
def to_json(outcome: object) -> JSON:
    """The JSON data of ``outcome``: a workbench outcome, or any frozen result (see :func:`result_json`)."""
    if dataclasses.is_dataclass(outcome) and not isinstance(outcome, type):
        data = result_json(outcome)
        assert isinstance(data, dict)
        return data
    raise TypeError(f"no JSON form for {type(outcome).__name__}")


def result_json(value: object) -> Any:
    """``value`` as plain JSON data, field by field, at full precision.

    Dataclasses become objects of their fields (with their read-only properties
    left out: they repeat fields), numpy arrays and tuples become lists, mappings
    objects, enums their value, non-finite floats ``None``.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: result_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, np.ndarray):
        return result_json(value.tolist())
    if isinstance(value, np.generic):
        return result_json(value.item())
    if isinstance(value, Enum):
        return result_json(value.value)
    if isinstance(value, Mapping):
        return {str(k): result_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return [result_json(v) for v in items]
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, str | int | bool):
        return value
    return str(value)


# -- scenarios ---------------------------------------------------------------------------


@to_json.register
def _catalogue(outcome: Catalogue) -> JSON:
    return [
        {
            "name": e.name,
            "title": e.title,
            "summary": e.summary,
            "issues": e.issues,
            "parties": e.parties,
            "plans": e.plans,
            "perspectives": e.perspectives,
        }
        for e in outcome.entries
    ]


@to_json.register
def _scenario(outcome: ScenarioOutcome) -> JSON:
    return scenario_json(outcome.scenario)


def scenario_json(s: Scenario) -> dict[str, Any]:
    """A scenario's parties, tables, tracks, phases, rules, issues, constraints, perspectives, plans."""
    return {
        "id": s.id,
        "title": s.title,
        "default_perspective": s.default_perspective,
        "parties": [
            {"id": p.id, "name": p.name, "role": p.role.value, "factions": [f.id for f in p.factions]}
            for p in s.parties
        ],
        "tables": [{"id": t.id, "name": t.name, "parties": list(t.parties)} for t in s.tables],
        "tracks": [t.id for t in s.tracks],
        "phases": [p.id for p in s.phases],
        "rules": [{"id": r.id, "kind": r.kind} for r in s.rules],
        "issues": [
            {
                "id": i.id,
                "title": i.title,
                "table": i.table,
                "track": i.track,
                "status_quo": i.status_quo,
                "options": list(i.option_ids),
            }
            for i in s.issues
        ],
        "constraints": [{"id": c.id, "text": c.text()} for c in s.constraints],
        "perspectives": [p.id for p in s.perspectives],
        "plans": [
            {
                "id": p.id,
                "title": p.title,
                "proposers": list(p.proposers),
                "drafted_by": list(p.drafted_by),
                "date": p.date,
                "readings": [r.id for r in p.readings],
            }
            for p in s.plans
        ],
    }


@to_json.register
def _profiles(outcome: ProfilesOutcome) -> JSON:
    return [profile_json(p, no_deal=outcome.scenario.no_deal(p)) for p in outcome.profiles]


def profile_json(prof: Profile, *, no_deal: float | None = None) -> dict[str, Any]:
    """One profile: weights, values, BATNA (and how it was stated), no deal, red lines, spread, rationale."""
    basis = prof.batna_basis
    return {
        "party": prof.party,
        "faction": prof.faction,
        "perspective": prof.perspective,
        "weights": dict(prof.weights),
        "values": {k: dict(v) for k, v in prof.values.items()},
        "batna": prof.batna,
        "batna_basis": {"kind": basis.kind, "offset": basis.offset, "why": basis.why},
        "no_deal": no_deal,
        "red_lines": [
            {"terms": {k: list(v) for k, v in rl.terms.items()}, "why": rl.why} for rl in prof.red_lines
        ],
        "spread": {"weights": prof.spread.weights, "values": prof.spread.values, "batna": prof.spread.batna},
        "rationale": prof.rationale,
        "derived_from": list(prof.derived_from),
        "sources": list(prof.sources),
    }


@to_json.register
def _plan(outcome: PlanOutcome) -> JSON:
    return plan_detail_json(outcome.plan)


def term_json(term: Term | None) -> Any:
    """A plan's term: the option id, ``null`` (re-opened), or ``{one_of: [...], why}``."""
    if term is None or isinstance(term, str):
        return term
    return {"one_of": list(term.options), "why": term.why}


def plan_detail_json(plan: Plan) -> dict[str, Any]:
    """One plan: terms, readings, notes and sources."""
    return {
        "id": plan.id,
        "title": plan.title,
        "proposers": list(plan.proposers),
        "drafted_by": list(plan.drafted_by),
        "date": plan.date,
        "status": plan.status,
        "notes": plan.notes,
        "terms": {k: term_json(v) for k, v in plan.terms.items()},
        "readings": [
            {
                "id": r.id,
                "title": r.title,
                "terms": {k: term_json(v) for k, v in r.terms.items()},
                "note": r.note,
                "sources": list(r.sources),
            }
            for r in plan.readings
        ],
        "sources": list(plan.sources),
    }


@to_json.register
def _validation(outcome: Validation) -> JSON:
    return {
        "file": outcome.file,
        "ok": outcome.ok,
        "problems": [
            {
                "line": p.line,
                "column": p.column,
                "field": p.field,
                "message": p.message,
                "hint": p.hint,
                "severity": p.severity,
            }
            for p in outcome.problems
        ],
    }


# -- evaluation ----------------------------------------------------------------------------


@to_json.register
def _evaluation(outcome: EvaluationOutcome) -> JSON:
    return {
        **evaluation_json(outcome.evaluation, outcome.flips),
        "estimates": estimates_json(outcome.estimates),
    }


def estimates_json(est: Estimates) -> dict[str, Any]:
    """Whose estimates: the choice, the default, the parties assigned their own, those that fell back."""
    return {
        "perspective": est.perspective,
        "default": est.default,
        "assigned": dict(est.assigned),
        "fallbacks": dict(est.borrowed),
    }


def _move(distance: float, direction: str, spread: float) -> dict[str, Any]:
    return {"distance": num(distance), "direction": direction, "spread": num(spread)}


def flip_json(f: FlipDistances | None) -> dict[str, Any] | None:
    """How far each estimate must move to flip a verdict, with the stated spreads (None: open issues)."""
    if f is None:
        return None
    up, down = ("rise", "fall") if f.accepted else ("fall", "rise")
    weight = None
    if f.weight is not None:
        w = f.weight
        weight = {
            "issue": w.issue,
            "factor": num(w.factor),
            "change": num(w.change),
            "spread": num(f.weight_spread),
        }
    return {
        "decisive": f.decisive,
        "text": flip_text(f),
        "margin": num(f.margin),
        "red_lines": list(f.red_lines),
        "batna": _move(f.batna, up, f.batna_spread),
        "values": _move(f.values, down, f.value_spread),
        "weight": weight,
        "texts": list(flip_texts(f)),
    }


def evaluation_json(ev: Evaluation, flips: Flips | None = None) -> dict[str, Any]:
    """An evaluation: every plan with every party's verdict (and flip distances, when given)."""
    return {
        "scenario": ev.scenario,
        "perspective": ev.perspective,
        "method": ev.method,
        "parties": list(ev.parties),
        "plans": [plan_json(pe, (flips or {}).get(pe.plan)) for pe in ev.plans],
        "provenance": {"algorithm": ev.algorithm, "parameters": result_json(ev.parameters)},
    }


def _flip_of(flips: tuple[FlipDistances, ...] | None, k: int) -> dict[str, Any] | None:
    return None if flips is None else flip_json(flips[k])


def plan_json(pe: PlanEvaluation, flips: tuple[FlipDistances, ...] | None = None) -> dict[str, Any]:
    """One evaluated plan (variant); ``flips``: each party's flip distances, in verdict order."""
    return {
        "id": pe.plan,
        "title": pe.title,
        "proposers": list(pe.proposers),
        "date": pe.date,
        "reading": pe.reading,
        "complete": pe.complete,
        "package": dict(pe.package),
        "held_at_status_quo": list(pe.held_at_status_quo),
        "undetermined": list(pe.undetermined),
        "forms": {k: list(v) for k, v in pe.forms.items()},
        "violations": list(pe.violations),
        "acceptable_to_all": pe.acceptable_to_all,
        "blocked_by": list(pe.blocked_by),
        "undecided": list(pe.undecided),
        "verdict": pe.verdict(),
        "parties": {v.party: verdict_json(v, _flip_of(flips, k)) for k, v in enumerate(pe.parties)},
    }


def verdict_json(v: PartyVerdict, flip: dict[str, Any] | None = None) -> dict[str, Any]:
    """One party's verdict on a plan, with the issues that weigh most for and against."""
    return {
        "utility": num(v.utility),
        "utility_range": [num(v.utility_range[0]), num(v.utility_range[1])],
        "batna": num(v.batna),
        "surplus": num(v.surplus),
        "acceptable": v.acceptable,
        "acceptability": v.acceptability,
        "red_lines": list(v.red_lines),
        "red_lines_possible": list(v.red_lines_possible),
        "perspective": v.perspective,
        "firm": v.firm,
        "fragile": not v.firm,
        "spread": num(v.spread),
        "flip": flip,
        "weighs_for": [{"issue": s.issue, "option": s.option, "share": num(s.share)} for s in v.weighs_for()],
        "weighs_against": [
            {"issue": s.issue, "option": s.option, "share": num(s.share)} for s in v.weighs_against()
        ],
    }


@to_json.register
def _comparison(outcome: ComparisonOutcome) -> JSON:
    ev = outcome.evaluation
    return {
        "scenario": outcome.scenario.id,
        "perspective": ev.perspective,
        "estimates": estimates_json(outcome.estimates),
        "issues": [i.id for i in outcome.scenario.issues],
        "plans": [
            {
                "id": pe.plan,
                "terms": dict(pe.package),
                "held_at_status_quo": list(pe.held_at_status_quo),
                "acceptable_to_all": pe.acceptable_to_all,
                "blocked_by": list(pe.blocked_by),
                "parties": {
                    v.party: {
                        "surplus": num(v.surplus),
                        "acceptability": v.acceptability,
                        "perspective": v.perspective,
                        "red_lines": list(v.red_lines),
                        "fragile": not v.firm,
                        "flip": _flip_of(outcome.flips.get(pe.plan), k),
                    }
                    for k, v in enumerate(pe.parties)
                },
            }
            for pe in ev.plans
        ],
        "by_perspective": {
            e.perspective: {
                pe.plan: {"acceptable_to_all": pe.acceptable_to_all, "blocked_by": list(pe.blocked_by)}
                for pe in e.plans
            }
            for e in outcome.across
        },
    }


def _whose(outcome: Any) -> dict[str, Any]:
    """The scenario, the perspective used and whose estimates: the head of every design-lab result."""
    return {
        "scenario": outcome.request.scenario.id,
        "perspective": outcome.space.choice,
        "estimates": estimates_json(outcome.estimates),
    }


def _method(prov: Any) -> dict[str, Any]:
    """The algorithm, its citation, its parameters and its time, from a result's provenance."""
    return {
        "algorithm": prov.algorithm,
        "citation": prov.citation,
        "parameters": result_json(dict(prov.parameters)),
        "seconds": round(prov.seconds, 4),
    }


# -- package search ------------------------------------------------------------------------


def _package(space: Space, package: Sequence[int] | None) -> dict[str, str] | None:
    return None if package is None else space.package_ids(package)


def _by_party(space: Space, values: FloatArray | None) -> dict[str, float | None] | None:
    if values is None:
        return None
    return {p: num(v) for p, v in zip(space.parties, values, strict=True)}


def _fragile(outcome: SearchOutcome, utilities: FloatArray | None) -> dict[str, bool] | None:
    fragile = outcome.fragile(utilities)
    return None if fragile is None else dict(fragile)


def _flips(outcome: SearchOutcome, package: Sequence[int] | None) -> dict[str, Any] | None:
    flips = outcome.flips(package)
    return None if flips is None else {f.party: flip_json(f) for f in flips}


def _meta(outcome: SearchOutcome) -> dict[str, Any]:
    space = outcome.space
    return {
        "scenario": outcome.scenario.id,
        "perspective": space.choice,
        "estimates": estimates_json(outcome.estimates),
        "estimates_by": dict(zip(space.parties, space.perspectives, strict=True)),
        "parties": list(space.parties),
        "batna": _by_party(space, space.batna),
    }


def frontier_head(outcome: FrontierOutcome) -> dict[str, Any]:
    """Everything the frontier's JSON says but its points (in the order the document has it)."""
    res = outcome.result
    return {
        **_meta(outcome),
        "status": res.status,
        "exact": res.exact,
        "individually_rational": res.individually_rational,
        "algorithm": res.algorithm,
        "parameters": dict(res.parameters),
        "n_feasible": res.n_feasible,
        "conflict": list(res.conflict),
        "note": res.note,
        "seconds": round(res.seconds, 4),
    }


def point_json(space: Space, package: Sequence[int], utilities: FloatArray) -> dict[str, Any]:
    """One frontier point: its utilities by party and its package by issue."""
    return {"utilities": _by_party(space, utilities), "package": space.package_ids(package)}


@to_json.register
def _frontier(outcome: FrontierOutcome) -> JSON:
    space, res = outcome.space, outcome.result
    points = [point_json(space, p.tolist(), u) for p, u in zip(res.packages, res.utilities, strict=True)]
    return {**frontier_head(outcome), "points": points}


@to_json.register
def _solution(outcome: SolveOutcome) -> JSON:
    space, res = outcome.space, outcome.result
    return {
        **_meta(outcome),
        "solution": res.solution,
        "lotteries": res.lotteries,
        "status": res.status,
        "exact": res.exact,
        "gap": num(res.gap) if res.gap != float("inf") else None,
        "package": _package(space, res.package),
        "utilities": _by_party(space, res.utilities),
        "surplus": _by_party(space, res.surplus),
        "fragile": _fragile(outcome, res.utilities),
        "flips": _flips(outcome, None if res.lotteries and len(res.lottery) > 1 else res.package),
        "objective": None if res.objective is None else num(res.objective),
        "ideal": _by_party(space, res.ideal),
        "lottery": [
            {
                "probability": num(p),
                "package": space.package_ids(pkg),
                "utilities": _by_party(space, space.utility(pkg)),
            }
            for p, pkg in res.lottery
        ],
        "algorithm": res.algorithm,
        "parameters": dict(res.parameters),
        "conflict": list(res.conflict),
        "note": res.note,
        "seconds": round(res.seconds, 4),
    }


@to_json.register
def _zopa(outcome: ZopaOutcome) -> JSON:
    space, res = outcome.space, outcome.result
    return {
        **_meta(outcome),
        "status": res.status,
        "exists": res.exists,
        "best": {
            "package": _package(space, res.best),
            "utilities": _by_party(space, res.best_utilities),
            "fragile": _fragile(outcome, res.best_utilities),
            "flips": _flips(outcome, res.best),
            "min_surplus": None if res.min_surplus is None else num(res.min_surplus),
            "exact": res.best_exact,
        },
        "counting": res.counting,
        "count": res.count,
        "n_feasible": res.n_feasible,
        "n_packages": res.n_packages,
        "share": None if res.share is None else num(res.share),
        "share_interval": None if res.share_interval is None else [num(x) for x in res.share_interval],
        "samples": res.samples,
        "seed": res.seed,
        "algorithm": res.algorithm,
        "parameters": dict(res.parameters),
        "conflict": list(res.conflict),
        "note": res.note,
        "seconds": round(res.seconds, 4),
    }


@to_json.register
def _amendment(outcome: AmendOutcome) -> JSON:
    space, res = outcome.space, outcome.result
    return {
        **_meta(outcome),
        "plan": outcome.variant,
        "title": outcome.title,
        "status": res.status,
        "feasible": res.feasible,
        "exact": res.exact,
        "must_accept": [space.parties[p] for p in res.must_accept],
        "proposers": [space.parties[p] for p in res.proposers],
        "changes": [{"issue": c.issue_id, "from": c.before_id, "to": c.after_id} for c in res.changes],
        "n_changes": res.n_changes,
        "lower_bound": res.lower_bound,
        "plan_package": space.package_ids(res.plan),
        "plan_utilities": _by_party(space, res.plan_utilities),
        "package": _package(space, res.package),
        "utilities": _by_party(space, res.utilities),
        "fragile": _fragile(outcome, res.utilities),
        "flips": _flips(outcome, res.package),
        "algorithm": res.algorithm,
        "parameters": dict(res.parameters),
        "conflict": list(res.conflict),
        "note": "; ".join(x for x in (res.note, outcome.note) if x),
        "seconds": round(res.seconds, 4),
    }


@to_json.register
def _robustness(outcome: RobustnessOutcome) -> JSON:
    space, res = outcome.space, outcome.result
    prov = res.provenance
    return {
        **_whose(outcome),
        "estimates_by": dict(zip(space.parties, space.perspectives, strict=True)),
        "parties": list(res.parties),
        "spreads": {
            p: dict(zip(("weights", "values", "batna"), map(num, s), strict=True))
            for p, s in res.spreads.items()
        },
        "distribution": prov.parameters["distribution"],
        "form_draw": "uniform over the forms that meet the constraints"
        if any(r.forms for r in res.plans)
        else None,
        "samples": res.samples,
        "seed": prov.seed,
        "chunk_size": res.chunk_size,
        "chunks": res.chunks,
        "child_seeds": result_json(prov.parameters["child_seeds"]),
        "best": res.best,
        "best_among": "the plans sampled",
        "plans": [_robust_plan(res, r) for r in res.plans],
        "skipped": [{"plan": p, "reason": r} for p, r in outcome.skipped],
        "algorithm": prov.algorithm,
        "citation": prov.citation,
        "seconds": round(prov.seconds, 4),
    }


def _robust_plan(res: RobustnessResult, r: PlanRobustness) -> dict[str, Any]:
    return {
        "plan": r.plan,
        "all": num(r.all),
        "all_interval": [num(x) for x in r.all_interval],
        "parties": {
            party: {
                "accept": num(r.accept[k]),
                "interval": [num(x) for x in r.accept_interval[k]],
                "verdict": r.verdict[k],
                "red_lines": list(r.red_lines[k]),
            }
            for k, party in enumerate(res.parties)
        },
        "sensitivity": [
            {
                "party": party,
                "estimate": kind,
                "first_order": _maybe(r.first_order[g]),
                "total": _maybe(r.total[g]),
            }
            for g, (party, kind) in enumerate(res.groups)
            if g < len(r.total)
        ],
        "forms": [
            {
                "terms": dict(f.terms),
                "all": num(f.all),
                "accept": {party: num(f.accept[k]) for k, party in enumerate(res.parties)},
                "verdict": {party: f.verdict[k] for k, party in enumerate(res.parties)},
            }
            for f in r.forms
        ],
    }


def _maybe(x: float | None) -> float | None:
    return None if x is None else num(x)


# -- simulation --------------------------------------------------------------------------


@to_json.register
def _simulation(outcome: SimulateOutcome) -> JSON:
    res, space = outcome.result, outcome.space
    data = simulation_json(res, space)
    data["scenario"] = outcome.scenario.id
    data["estimates_by"] = dict(zip(space.parties, space.perspectives, strict=True))
    data["if_dropped"] = {
        pre: {
            "ending": run.ending,
            "reason": run.reason,
            "terms": None if run.terms is None else dict(run.terms),
        }
        for pre, run in outcome.if_dropped.items()
    }
    return data


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


# -- process designs: accord linkage, accord sequence ------------------------------------


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
        **_whose(outcome),
        "parties": list(res.parties),
        "status": res.status,
        "arenas": [_arena(space, r) for r in res.arenas],
        "offers": [_arena(space, r) for r in res.offered],
        "notes": list(outcome.notes),
        **_method(prov),
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
        **_whose(outcome),
        "parties": list(res.parties),
        "status": res.status,
        "batna": _by(res.parties, res.batna),
        "designs": [_design(space, res.parties, d) for d in res.designs],
        "skipped": [{"design": n, "reason": r} for n, r in outcome.skipped],
        **_method(prov),
    }


# -- tournament --------------------------------------------------------------------------


@to_json.register
def _tournament(outcome: TournamentOutcome) -> JSON:
    res = outcome.result
    rows = [{**result_json(r), "agreement_rate": num(r.agreement_rate)} for r in res.rows]
    matches = [
        {
            **result_json(o.match),
            "ending": o.ending,
            "utilities": dict(zip(res.parties, (num(u) for u in o.utilities), strict=True)),
            "rounds": o.rounds,
            "nash_share": None if o.nash_share is None else num(o.nash_share),
            "frontier": None if o.frontier is None else num(o.frontier),
        }
        for o in res.outcomes
    ]
    return {
        "scenario": outcome.scenario.id,
        "parties": list(res.parties),
        "protocols": list(res.protocols),
        "strategies": list(res.strategies),
        "perspectives": list(res.perspectives),
        "seeds": result_json(res.seeds),
        "summary": rows,
        "matches": matches,
        "provenance": result_json(res.provenance),
    }


@to_json.register
def _ripeness(outcome: RipenessOutcome) -> JSON:
    space = outcome.space
    return {
        **_whose(outcome),
        "parties": list(space.parties),
        "timelines": [
            {
                "id": run.timeline.id,
                "name": run.timeline.name,
                "months": run.timeline.months,
                "sources": list(run.timeline.sources),
                "windows": [list(w) for w in run.result.windows],
                "by_month": [
                    {
                        "month": v.month,
                        "batna": _by_party(space, np.array(v.batna)),
                        "zopa": v.exists,
                        "size": _maybe(v.size),
                        "nash_package": space.package_ids(v.package) if v.package is not None else None,
                        "nash_utilities": None
                        if v.utilities is None
                        else _by_party(space, np.array(v.utilities)),
                        "nash_surplus": None if v.surplus is None else _by_party(space, np.array(v.surplus)),
                        "exact": v.exact,
                    }
                    for v in run.result.months
                ],
                "waiting": [
                    {
                        "party": w.party,
                        "now": _maybe(w.now),
                        "best_month": w.best_month,
                        "best": _maybe(w.best),
                        "last": _maybe(w.last),
                        "gain": _maybe(w.gain),
                        "verdict": w.verdict,
                    }
                    for w in run.result.waiting
                ],
                "algorithm": run.result.provenance.algorithm,
                "citation": run.result.provenance.citation,
                "seconds": round(run.result.provenance.seconds, 4),
            }
            for run in outcome.runs
        ],
    }


@to_json.register
def _align(outcome: AlignOutcome) -> JSON:
    space, res = outcome.space, outcome.result
    return {
        **_whose(outcome),
        "party": res.party,
        "factions": [{"id": f, "share": num(w)} for f, w in outcome.shares],
        "profiles": list(res.profiles),
        "issues": [
            {
                "issue": g.issue,
                "gap": num(g.gap),
                "stake": num(g.stake),
                "weights": dict(zip(res.profiles, map(num, g.weights), strict=True)),
                "values": {
                    prof: dict(zip(g.options, map(num, vals), strict=True))
                    for prof, vals in zip(res.profiles, g.values, strict=True)
                },
            }
            for g in res.issues
        ],
        "options": [
            {
                "profile": o.profile,
                "batna": num(o.batna),
                "zopa": o.exists,
                "size": _maybe(o.size),
                "nash_surplus": _maybe(o.nash_surplus),
                "nash_package": space.package_ids(o.nash_package) if o.nash_package is not None else None,
                "accepts": dict(zip(res.plans, map(num, o.accepts), strict=True)),
                "exact": o.exact,
            }
            for o in res.options
        ],
        "skipped": [{"plan": p, "reason": r} for p, r in outcome.skipped],
        "algorithm": res.provenance.algorithm,
        "citation": res.provenance.citation,
        "seconds": round(res.provenance.seconds, 4),
    }
