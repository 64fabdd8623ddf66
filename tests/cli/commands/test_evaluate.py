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


# -- drafts from the command line ----------------------------------------------------------


def test_evaluate_a_new_package(capsys: Any) -> None:
    code, out, _ = run(capsys, "evaluate", MINI, "--terms", "border=old", "--terms", "troops=1000", "--json")
    assert code == 0
    (plan,) = json.loads(out)["plans"]
    assert plan["id"] == "draft" and plan["title"] == "Draft: border=old, troops=1000"
    assert plan["package"] == {"border": "old", "troops": "1000"}


def test_evaluate_a_variation_of_a_plan(capsys: Any) -> None:
    code, out, _ = run(capsys, "evaluate", MINI, "--plan", "p1", "--base", "p2", "--set", "troops=1000")
    assert code == 0
    assert "p1 — Old border" in out and "draft — Draft: p2 with troops=1000" in out


def test_a_draft_breaking_a_constraint_is_reported_like_a_plan(capsys: Any) -> None:
    code, out, _ = run(capsys, "evaluate", MINI, "--terms", "border=new,troops=none")
    assert code == 0 and "breaks constraint c1" in out


def test_compare_lists_the_draft_with_the_plans(capsys: Any) -> None:
    code, out, _ = run(capsys, "compare", MINI, "--base", "p1", "--set", "border=line", "--json")
    assert code == 0
    data = json.loads(out)
    assert [p["id"] for p in data["plans"]] == ["p1", "p2", "p2@open-army", "draft"]


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (
            ["evaluate", MINI, "--terms", "border=x"],
            "--terms: issue 'border' has no option 'x'; options: old",
        ),
        (["evaluate", MINI, "--terms", "bord=old"], "--terms: unknown issue 'bord'; known issue ids: border"),
        (["evaluate", MINI, "--terms", "border"], "--terms: takes ISSUE=OPTION, got 'border'"),
        (["evaluate", MINI, "--terms", "border=old,border=new"], "--terms: names issue 'border' twice"),
        (["compare", MINI, "--base", "p2", "--set", "troops=7"], "--set: issue 'troops' has no option '7'"),
        (["compare", MINI, "--set", "troops=1000"], "--set: changes a plan: name it with --base PLAN"),
        (["evaluate", MINI, "--base", "p9"], "--base: no plan 'p9'; plans: p1, p2"),
        (["evaluate", MINI, "--base", "p1", "--terms", "border=old"], "--terms: give either"),
        (["amend", MINI], "PLAN: name a plan, or a draft"),
        (["amend", MINI, "p1", "--terms", "border=old"], "PLAN: name a plan, or a draft"),
    ],
)
def test_a_bad_draft_names_its_flag(capsys: Any, argv: list[str], needle: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert needle in " ".join(err.split())
