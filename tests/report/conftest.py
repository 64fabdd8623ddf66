"""Outcomes shared by the report tests (computed once)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import accord
from accord.io import check_file
from accord.workbench import evaluation, scenario, search
from accord.workbench import records as r

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.yaml"


@pytest.fixture(scope="session")
def outcomes() -> dict[str, Any]:
    """One outcome of every kind the workbench returns, on mini.yaml."""
    s = accord.load(str(MINI))
    return {
        "catalogue": scenario.Catalogue(entries=(scenario.CatalogueEntry.of("mini", "toy", s),)),
        "scenario": scenario.ScenarioOutcome(scenario=s),
        "profiles": scenario.party_profiles(s, "A"),
        "plan": scenario.plan_detail(s, "p2"),
        "validation": scenario.Validation.of(str(MINI), check_file(MINI)),
        "evaluation": evaluation.evaluate(evaluation.EvaluateRequest(scenario=s)),
        "comparison": evaluation.compare(evaluation.CompareRequest(scenario=s)),
        "frontier": search.frontier(r.FrontierRequest(scenario=s)),
        "solution": search.solve(r.SolveRequest(scenario=s)),
        "zopa": search.zopa(r.ZopaRequest(scenario=s)),
        "amendment": search.amend(r.AmendRequest(scenario=s, plan="p2")),
        "infeasible": search.solve(r.SolveRequest(scenario=s, fixes={"border": "new"})),
    }
