"""The robustness view and its JSON: readable at 80 columns, user text never read as markup."""

from __future__ import annotations

import io
import json
from pathlib import Path

from rich.console import Console

import accord
from accord.report.json import dumps, to_json
from accord.report.terminal.robustness import print_robustness
from accord.report.views.robustness import index
from accord.scenarios import load_builtin
from accord.workbench.robustness import RobustnessRequest, robustness

UKRAINE = load_builtin("ukraine")
# Verdicts within the stated spreads, so the drivers exist whatever the built-in estimates say.
SPREAD = accord.load(str(Path(__file__).resolve().parents[2] / "data" / "spread.yaml"))


def render(width: int, scenario: object = UKRAINE, **kwargs: object) -> str:
    outcome = robustness(RobustnessRequest(scenario=scenario, samples=400, seed=2, **kwargs))  # type: ignore[arg-type]
    buffer = io.StringIO()
    print_robustness(Console(file=buffer, width=width, markup=False, highlight=False), outcome)
    return buffer.getvalue()


def test_every_plan_and_the_best_at_80_columns() -> None:
    for scenario in (UKRAINE, SPREAD):
        text = render(80, scenario)
        assert max(len(line) for line in text.splitlines()) <= 80
        for variant in scenario.plan_variants():
            assert variant.id[:10] in text
    assert "Most likely acceptable to all, among these plans: p1" in text
    assert "What drives 'acceptable to all'" in text


def test_no_plan_acceptable_to_all_says_so() -> None:
    text = render(100, plans=("istanbul-2022",))
    assert "No plan was acceptable to all parties in any draw." in text


def test_json_round_trips() -> None:
    outcome = robustness(RobustnessRequest(scenario=SPREAD, samples=300, seed=4))
    data = to_json(outcome)
    assert json.loads(dumps(data)) == data
    assert data["best"] == outcome.result.best and data["best_among"] == "the plans sampled"
    first = data["plans"][0]
    assert {s["estimate"] for s in first["sensitivity"]} == {"batna", "values", "weights"}


def test_negative_zero_index_reads_as_zero() -> None:
    assert index(-0.0001) == "0.000" and index(None) == "0.000" and index(0.25) == "0.250"
