"""One serializer for every outcome: plain JSON that round-trips."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from accord.report.json import dumps, r2, to_json


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


def test_rounding_and_refusing_nan() -> None:
    assert r2(1 / 3) == 0.333333 and r2(2) == 2.0
    with pytest.raises(ValueError):
        dumps({"x": math.nan})
    assert dumps({"é": 1}) == '{\n  "é": 1\n}\n'
