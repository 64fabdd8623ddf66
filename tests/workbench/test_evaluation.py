"""The evaluation use cases: evaluate and compare."""

from __future__ import annotations

import pytest

from accord.model import Scenario
from accord.space import SpaceError
from accord.workbench.evaluation import CompareRequest, EvaluateRequest, compare, evaluate


def test_evaluate_all_plans_or_the_chosen_ones(mini: Scenario) -> None:
    everything = evaluate(EvaluateRequest(scenario=mini, plans=()))
    assert everything.request.plans is None and not everything.detail
    assert [pe.plan for pe in everything.evaluation.plans] == ["p1", "p2", "p2@open-army"]
    chosen = evaluate(EvaluateRequest(scenario=mini, plans=("p1",)))
    assert chosen.detail and [pe.plan for pe in chosen.evaluation.plans] == ["p1"]
    assert chosen.estimates.perspective == "base" and chosen.estimates.name == "Baseline"


def test_unknown_plan_is_a_space_error_on_plans(mini: Scenario) -> None:
    with pytest.raises(SpaceError) as err:
        evaluate(EvaluateRequest(scenario=mini, plans=("zz",)))
    assert err.value.field == "plans" and "no plan 'zz'" in err.value.message


def test_compare_under_every_perspective(mini: Scenario) -> None:
    out = compare(CompareRequest(scenario=mini, parties=("A", "B")))
    assert out.scenario is mini
    assert [e.perspective for e in out.across] == [p.id for p in mini.perspectives]
    assert out.evaluation.parties == ("A", "B")
