"""Whose estimates an outcome used under a mixed choice: the outcome, its provenance, its flip distances."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import accord
from accord.model import Scenario
from accord.model.choice import PerspectiveChoice
from accord.model.problems import SpaceError
from accord.numeric import TOL
from accord.space import compile_space
from accord.workbench import evaluation, search
from accord.workbench import records as r

MIXED = Path(__file__).resolve().parents[1] / "data" / "mixed.yaml"


@pytest.fixture(scope="module")
def mixed() -> Scenario:
    return accord.load(str(MIXED))


@pytest.mark.parametrize(
    "spec",
    [
        "A=a-view,B=b-view",
        {"A": "a-view", "B": "b-view"},
        PerspectiveChoice(parties={"A": "a-view", "B": "b-view"}),
    ],
)
def test_every_api_form_labels_each_row_with_its_perspective(mixed: Scenario, spec: object) -> None:
    out = evaluation.evaluate(evaluation.EvaluateRequest(scenario=mixed, perspective=spec))  # type: ignore[arg-type]
    assert out.estimates.assigned == (("A", "a-view"), ("B", "b-view"))
    assert out.estimates.borrowed == () and out.estimates.mixed
    for pe in out.evaluation.plans:
        assert [v.perspective for v in pe.parties] == ["a-view", "b-view"]
    params = out.evaluation.parameters
    assert params["perspectives"] == {"default": "base", "parties": {"A": "a-view", "B": "b-view"}}
    assert params["estimates_by"] == {"A": "a-view", "B": "b-view"}
    assert out.evaluation.perspective == "base,A=a-view,B=b-view"


def test_fallbacks_are_listed(mixed: Scenario) -> None:
    out = evaluation.compare(evaluation.CompareRequest(scenario=mixed, perspective="a-view"))
    assert out.estimates.default == "a-view" and not out.estimates.mixed
    assert out.estimates.borrowed == (("B", "base"),)
    assert out.estimates.fallbacks == ("B",)


def test_search_provenance_records_whose_estimates(mixed: Scenario) -> None:
    req = r.SolveRequest(scenario=mixed, perspective="A=a-view")
    out = search.solve(req)
    params = out.result.parameters
    assert params["perspective"] == "base,A=a-view"
    assert params["estimates_by"] == {"A": "a-view", "B": "base"}
    assert out.estimates.assigned == (("A", "a-view"),)


def test_malformed_choice_fails_when_the_request_is_made(mixed: Scenario) -> None:
    with pytest.raises(SpaceError) as info:
        r.ZopaRequest(scenario=mixed, perspective="A=")
    assert info.value.field == "perspective"
    with pytest.raises(SpaceError, match="unknown party 'Z'"):
        search.zopa(r.ZopaRequest(scenario=mixed, perspective="Z=a-view"))


@pytest.mark.parametrize("spec", [None, "a-view", "A=a-view,B=b-view", "b-view"])
def test_flip_margins_and_fragile_marks_agree_with_the_space(mixed: Scenario, spec: str | None) -> None:
    """Each complete plan's flip margin is the verdict's surplus; '~' is Space.fragile's rule."""
    out = evaluation.compare(evaluation.CompareRequest(scenario=mixed, perspective=spec))
    space = compile_space(mixed, perspective=spec)
    for pe in out.evaluation.plans:
        flips = out.flips.get(pe.plan)
        if pe.undetermined:
            assert flips is None
            continue
        assert flips is not None
        utilities = np.array([v.utility for v in pe.parties])
        fragile = space.fragile(utilities)
        for p, (v, f) in enumerate(zip(pe.parties, flips, strict=True)):
            assert f.party == v.party
            assert f.margin == pytest.approx(v.surplus, abs=1e-9)
            assert f.accepted == v.acceptable
            assert bool(f.red_lines) == bool(v.red_lines)
            if not v.red_lines:
                assert (not v.firm) == bool(fragile[p])
                assert abs(f.margin) <= v.spread + TOL or v.firm
