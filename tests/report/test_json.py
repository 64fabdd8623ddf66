"""One serializer for every outcome: plain JSON that round-trips."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

import accord
from accord.io import check_text
from accord.report.json import dumps, num, to_json
from accord.workbench import evaluation, search
from accord.workbench import records as rec


@pytest.mark.parametrize(
    "kind",
    [
        "catalogue",
        "scenario",
        "profiles",
        "plan",
        "validation",
        "evaluation",
        "comparison",
        "frontier",
        "solution",
        "zopa",
        "amendment",
        "infeasible",
    ],
)
def test_every_outcome_has_a_json_form(outcomes: dict[str, Any], kind: str) -> None:
    data = to_json(outcomes[kind])
    assert isinstance(data, dict | list)
    text = dumps(data)
    assert text.endswith("}\n") or text.endswith("]\n")
    assert dumps(json.loads(text)) == text  # nothing but JSON values in it


def test_search_json_says_whose_estimates(outcomes: dict[str, Any]) -> None:
    data = to_json(outcomes["frontier"])
    assert isinstance(data, dict)
    assert data["estimates_by"] == {"A": "base", "B": "base"} and data["perspective"] == "base"
    assert len(data["points"]) == 3 and data["exact"] is True


def test_amendment_note_joins_the_engine_note_and_the_tie_break_note(outcomes: dict[str, Any]) -> None:
    data = to_json(outcomes["amendment"])
    assert isinstance(data, dict)
    assert "the proposer M has no profile" in data["note"]
    assert data["plan"] == "p2" and data["fragile"] == {"A": False, "B": False}


def test_infeasible_solution_names_the_conflict(outcomes: dict[str, Any]) -> None:
    data = to_json(outcomes["infeasible"])
    assert isinstance(data, dict)
    assert data["status"] == "infeasible" and data["package"] is None and data["fragile"] is None
    assert "border fixed at new" in data["conflict"]


def test_unknown_objects_have_no_json_form() -> None:
    with pytest.raises(TypeError, match="no JSON form for object"):
        to_json(object())


def test_refusing_nan() -> None:
    for pretty in (False, True):
        with pytest.raises(ValueError):
            dumps({"x": math.nan}, pretty=pretty)


def test_compact_by_default_indented_when_pretty() -> None:
    data = {"é": [1, 0.1 + 0.2]}
    assert dumps(data) == '{"é":[1,0.30000000000000004]}\n'
    assert dumps(data, pretty=True) == '{\n  "é": [\n    1,\n    0.30000000000000004\n  ]\n}\n'


# -- full precision: a surplus recomputed from the JSON keeps its sign ---------------------

TOL = 1e-9  # the tolerance the evaluate JSON states in its "method"


def _sign(x: float) -> int:
    return (x > TOL) - (x < -TOL)


def _check_evaluation(data: dict[str, Any]) -> None:
    for plan in data["plans"]:
        for v in plan["parties"].values():
            recomputed = v["utility"] - v["batna"]
            assert recomputed == v["surplus"]
            assert _sign(recomputed) == _sign(v["surplus"])
            if v["acceptable"]:
                assert recomputed > TOL and not v["red_lines"]


def _check_search(data: dict[str, Any]) -> None:
    batna = data["batna"]
    if isinstance(data.get("surplus"), dict):  # solve
        for p, u in data["utilities"].items():
            assert u - batna[p] == data["surplus"][p]
    if isinstance(data.get("best"), dict):  # zopa
        best = data["best"]
        recomputed = min(best["utilities"][p] - batna[p] for p in batna)
        assert recomputed == best["min_surplus"] and _sign(recomputed) == _sign(best["min_surplus"])
        assert (recomputed > TOL) == data["exists"]
    if data.get("feasible") and data.get("status") == "ok":  # amend: every party that must accept does
        for p in data["must_accept"]:
            assert data["utilities"][p] - batna[p] > TOL


def _searches(s: Any) -> list[Any]:
    out = [
        search.solve(rec.SolveRequest(scenario=s, solution=k))
        for k in ("nash", "ks", "egalitarian", "utilitarian")
    ]
    out.append(search.zopa(rec.ZopaRequest(scenario=s)))
    # amend needs one package to start from: plans that list forms of an issue are left out
    single = [p for p in s.plans if all(isinstance(v, str) for v in p.terms.values())]
    out += [search.amend(rec.AmendRequest(scenario=s, plan=p.id)) for p in single[:6]]
    return out


TINY = (("batna: 45", "batna: 99.9999999"), ("batna: 40", "batna: 49.9999999"))
"""mini.yaml with BATNAs 1e-7 under a utility: rounded to 6 decimals, the surplus read 0."""


def _tiny_mini() -> Any:
    text = (Path(__file__).resolve().parents[1] / "data" / "mini.yaml").read_text(encoding="utf-8")
    for old, new in TINY:
        assert old in text
        text = text.replace(old, new)
    s = check_text(text).scenario
    assert s is not None
    return s


@pytest.mark.parametrize("name", ["tiny", "mini", "ukraine"])
def test_surplus_recomputed_from_json_keeps_its_sign(name: str) -> None:
    if name == "tiny":
        s = _tiny_mini()
    elif name == "mini":
        s = accord.load(str(Path(__file__).resolve().parents[1] / "data" / "mini.yaml"))
    else:
        s = accord.load("ukraine")
    _check_evaluation(json.loads(dumps(to_json(evaluation.evaluate(evaluation.EvaluateRequest(scenario=s))))))
    for outcome in _searches(s):
        _check_search(json.loads(dumps(to_json(outcome))))


def test_json_numbers_are_full_precision_and_stable() -> None:
    assert num(1 / 3) == 1 / 3 and num(2) == 2.0
    assert math.copysign(1.0, num(-0.0) or 1.0) == 1.0 and str(num(-0.0)) == "0.0"
    assert num(float("nan")) is None and num(float("inf")) is None
