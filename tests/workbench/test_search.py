"""The search use cases: requests, outcomes, the proposer tie-break and fragile verdicts."""

from __future__ import annotations

import pytest

from accord.model import Scenario
from accord.space import SpaceError
from accord.workbench import search
from accord.workbench.records import (
    AmendRequest,
    FrontierRequest,
    SearchRequest,
    SolveRequest,
    ZopaRequest,
    proposer_tiebreak,
)


def test_requests_normalise_selections_and_freeze_fixes(mini: Scenario) -> None:
    req = SearchRequest(scenario=mini, parties=(), tables=[], fixes={"troops": "1000"})  # type: ignore[arg-type]
    assert req.parties is None and req.tables is None and req.tracks is None
    assert dict(req.fixes) == {"troops": "1000"}
    with pytest.raises(TypeError):
        req.fixes["troops"] = "none"  # type: ignore[index]


@pytest.mark.parametrize(
    ("proposers", "chosen", "extra", "used", "noted"),
    [
        ((), ("A", "B"), (), (), ""),
        (("A",), ("A", "B"), (), ("A",), ""),
        (("A",), ("B",), ("A",), ("A",), ""),  # joins the space only to break ties
        (("M",), ("A", "B"), (), (), "least surplus"),  # the mediator has no profile: nobody can
        (("M", "A"), ("B",), ("A",), ("A",), "worst-off of A"),  # a joint proposal, M left out
    ],
)
def test_proposer_tiebreak(
    mini: Scenario,
    proposers: tuple[str, ...],
    chosen: tuple[str, ...],
    extra: tuple[str, ...],
    used: tuple[str, ...],
    noted: str,
) -> None:
    got_extra, got_used, note = proposer_tiebreak(mini, proposers, chosen, None)
    assert (got_extra, got_used) == (extra, used)
    assert bool(note) is bool(noted)
    if noted:
        assert "M" in note and noted in note


def test_amend_with_the_proposer_outside_the_accepting_parties(mini: Scenario) -> None:
    out = search.amend(AmendRequest(scenario=mini, plan="p1", parties=("B",)))
    assert out.space.parties == ("B", "A")
    assert out.must_accept == ("B",)
    assert out.accepting_space.parties == ("B",)
    assert out.result.proposers == (1,) and out.note == ""
    assert out.variant == "p1" and out.title == "Old border"


def test_amend_notes_a_proposer_without_profile(mini: Scenario) -> None:
    out = search.amend(AmendRequest(scenario=mini, plan="p2"))
    assert out.space.parties == ("A", "B") and out.result.proposers == ()
    assert "the proposer M has no profile" in out.note
    assert out.accepting_space is out.space


def test_amend_unknown_plan_is_a_space_error_on_plan(mini: Scenario) -> None:
    with pytest.raises(SpaceError) as err:
        search.amend(AmendRequest(scenario=mini, plan="nope"))
    assert err.value.field == "plan" and "p2@open-army" in err.value.message


def test_fragile_marks_a_surplus_within_the_stated_spread(mini: Scenario, unsure: Scenario) -> None:
    firm = search.amend(AmendRequest(scenario=mini, plan="p1"))
    assert dict(firm.fragile(firm.result.utilities) or {}) == {"A": False, "B": False}
    out = search.amend(AmendRequest(scenario=unsure, plan="p1"))
    assert tuple(out.space.estimate_spread) == (0.0, 13.0)
    assert dict(out.fragile(out.result.utilities) or {}) == {"A": False, "B": True}
    assert out.fragile(None) is None


def test_every_search_returns_its_result_with_whose_estimates(mini: Scenario) -> None:
    outcomes = [
        search.frontier(FrontierRequest(scenario=mini, rational=True)),
        search.solve(SolveRequest(scenario=mini, solution="egalitarian")),
        search.zopa(ZopaRequest(scenario=mini)),
        search.amend(AmendRequest(scenario=mini, plan="p1")),
    ]
    for out in outcomes:
        assert out.scenario is mini
        assert out.estimates.perspective == "base" and out.estimates.borrowed == ()
        assert out.space.parties == ("A", "B")
    front, solved, zopa, _ = outcomes
    assert len(front.result) == 1  # (75, 50): the only package both prefer to their BATNA
    assert solved.result.package is not None
    assert mini.plan("p1") is not None and zopa.result.count == 1


def test_restrictions_reach_the_space(mini: Scenario) -> None:
    out = search.solve(SolveRequest(scenario=mini, fixes={"border": "new"}))
    assert out.result.status == "infeasible"
    assert "border fixed at new" in out.result.conflict
