"""Drafts: a package typed on the command line becomes a real plan, checked and evaluated like one."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.model import Plan, Scenario
from accord.space import SpaceError
from accord.workbench.drafts import Draft, with_draft
from accord.workbench.evaluation import EvaluateRequest, evaluate
from strategies import scenarios


def test_a_new_package_becomes_plan_draft(mini: Scenario) -> None:
    drafted = with_draft(mini, Draft(terms={"border": "new", "troops": "1000"}))
    plan = drafted.scenario.plan(drafted.plan_id)
    assert plan.id == "draft" and dict(plan.terms) == {"border": "new", "troops": "1000"}
    assert plan.title == "Draft: border=new, troops=1000"
    assert len(drafted.scenario.plans) == len(mini.plans) + 1


def test_a_variation_keeps_its_base_and_proposer(mini: Scenario) -> None:
    drafted = with_draft(mini, Draft(base="p2@open-army", terms={"border": "old"}))
    plan = drafted.scenario.plan(drafted.plan_id)
    # p2@open-army leaves troops open; the edit settles the border only.
    assert dict(plan.terms) == {"border": "old"}
    assert plan.proposers == ("M",) and plan.title == "Draft: p2@open-army with border=old"


def test_the_draft_id_never_shadows_a_plan(mini: Scenario) -> None:
    taken = replace(mini, plans=(*mini.plans, Plan(id="draft", title="Mine", terms={"border": "old"})))
    assert with_draft(taken, Draft(terms={"border": "new"})).plan_id == "draft-2"


@pytest.mark.parametrize(
    ("draft", "field", "needle"),
    [
        (Draft(terms={"border": "x"}), "terms", "issue 'border' has no option 'x'; options: old, line, new"),
        (Draft(terms={"bord": "old"}), "terms", "unknown issue 'bord'; known issue ids: border, troops"),
        (Draft(base="p2", terms={"troops": "7"}), "set", "issue 'troops' has no option '7'"),
        (Draft(base="p9", terms={}), "base", "no plan 'p9'; plans: p1, p2, p2@open-army"),
        (Draft(terms={"a b": "x"}), "terms", "'a b' is not a valid id"),
        (Draft(terms={}), "terms", "at least one ISSUE=OPTION"),
    ],
)
def test_a_bad_draft_is_checked_like_a_files_plan(
    mini: Scenario, draft: Draft, field: str, needle: str
) -> None:
    with pytest.raises(SpaceError) as info:
        with_draft(mini, draft)
    assert info.value.field == field and needle in info.value.message


def test_a_draft_that_breaks_a_constraint_is_evaluated_as_such(mini: Scenario) -> None:
    # c1: a new border needs a small army; the draft keeps a large one.
    drafted = with_draft(mini, Draft(terms={"border": "new", "troops": "none"}))
    out = evaluate(EvaluateRequest(scenario=drafted.scenario, plans=(drafted.plan_id,)))
    (plan,) = out.evaluation.plans
    assert plan.plan == "draft" and not plan.acceptable_to_all
    assert plan.violations


def _verdicts(s: Scenario, plan: str) -> tuple[object, ...]:
    (pe,) = evaluate(EvaluateRequest(scenario=s, plans=(plan,))).evaluation.plans
    parties = tuple((v.party, v.acceptability, v.utility_range, v.red_lines, v.firm) for v in pe.parties)
    return (pe.package, pe.violations, pe.acceptable_to_all, parties)


@settings(max_examples=40, deadline=None)
@given(s=scenarios(), data=st.data())
def test_a_draft_of_a_plans_terms_gets_that_plans_verdicts(s: Scenario, data: st.DataObject) -> None:
    variant = data.draw(st.sampled_from(s.plan_variants()))
    if variant.terms:
        drafted = with_draft(s, Draft(terms=dict(variant.terms)))
    else:
        drafted = with_draft(s, Draft(base=variant.id, terms={}))
    assert _verdicts(drafted.scenario, drafted.plan_id) == _verdicts(s, variant.id)
    as_base = with_draft(s, Draft(base=variant.id, terms={}))
    assert _verdicts(as_base.scenario, as_base.plan_id) == _verdicts(s, variant.id)
