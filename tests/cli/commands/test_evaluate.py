"""The evaluation commands (evaluate, compare) run in-process: JSON shapes and tables."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from accord.cli.app import main

ROOT = Path(__file__).resolve().parents[3]
MINI = str(ROOT / "tests" / "data" / "mini.yaml")


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out, out.err


def test_evaluate_json_shape(capsys: Any) -> None:
    code, out, _ = run(capsys, "evaluate", MINI, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["scenario"] == "mini" and data["perspective"] == "base"
    plan = data["plans"][0]
    assert set(plan) >= {"id", "acceptable_to_all", "blocked_by", "parties"}
    party = plan["parties"]["A"]
    assert set(party) >= {"utility", "batna", "surplus", "acceptable", "red_lines"}
    assert party["utility"] == pytest.approx(100.0) and party["acceptable"] is True
    assert plan["blocked_by"] == ["B"]
    assert [p["id"] for p in data["plans"]] == ["p1", "p2", "p2@open-army"]


def test_evaluate_one_plan_table(capsys: Any) -> None:
    code, out, _ = run(capsys, "evaluate", MINI, "--plan", "p2")
    assert code == 0
    assert "p2 — Line of contact" in out and "blocked by A" in out
    assert "p1 —" not in out
    assert "estimates" in out  # says whose numbers these are


def test_compare(capsys: Any) -> None:
    code, out, _ = run(capsys, "compare", MINI)
    assert code == 0
    assert "Plans × parties" in out and "Issues × plans" in out
    code, out, _ = run(capsys, "compare", MINI, "--json")
    data = json.loads(out)
    assert data["plans"][1]["parties"]["B"]["acceptability"] == "yes"
    assert "base" in data["by_perspective"]
