"""The robustness use case: plans completed with the status quo, open plans reported, bad input named."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.io import load_scenario
from accord.space import SpaceError
from accord.workbench.robustness import RobustnessRequest, robustness

MINI = load_scenario(Path(__file__).resolve().parents[1] / "data" / "mini.yaml")


def test_plans_with_an_open_issue_without_status_quo_are_reported_not_sampled() -> None:
    out = robustness(RobustnessRequest(scenario=MINI, samples=50, seed=1))
    assert [r.plan for r in out.result.plans] == ["p1", "p2"]
    assert [p for p, _ in out.skipped] == ["p2@open-army"]
    assert "troops" in out.skipped[0][1]


def test_a_plan_id_selects_its_readings() -> None:
    out = robustness(RobustnessRequest(scenario=MINI, samples=10, plans=("p2",)))
    assert [r.plan for r in out.result.plans] == ["p2"]
    assert [p for p, _ in out.skipped] == ["p2@open-army"]


def test_unknown_plan_and_bad_samples_name_their_field() -> None:
    with pytest.raises(SpaceError) as err:
        robustness(RobustnessRequest(scenario=MINI, samples=10, plans=("nope",)))
    assert err.value.field == "plans" and "p1" in err.value.message
    with pytest.raises(SpaceError) as err:
        RobustnessRequest(scenario=MINI, samples=0)
    assert err.value.field == "samples"


def test_only_open_plans_is_an_error_on_plans() -> None:
    with pytest.raises(SpaceError) as err:
        robustness(RobustnessRequest(scenario=MINI, samples=10, plans=("p2@open-army",)))
    assert err.value.field == "plans"


def test_every_ukraine_plan_and_reading_is_sampled_open_forms_included() -> None:
    from accord.analysis.robustness import OpenForms
    from accord.scenarios import load_builtin
    from accord.space import compile_space
    from accord.workbench.robustness import plan_packages

    ukraine = load_builtin("ukraine")
    out = robustness(RobustnessRequest(scenario=ukraine, samples=200, seed=1, sensitivity=False))
    assert not out.skipped
    assert len(out.result.plans) == len(ukraine.plan_variants())
    space = compile_space(ukraine)
    packages, _ = plan_packages(space, ukraine.plan_variants())
    for row in out.result.plans:
        spec = packages[row.plan]
        if isinstance(spec, OpenForms):  # every form meets the constraints, and differs only where open
            assert len(row.forms) == len(spec.packages)
            assert all(space.feasible(f, red_lines=False) for f in spec.packages) or len(spec.packages) == 1
            for f in spec.packages:
                assert {i for i in range(len(f)) if f[i] != spec.packages[0][i]} <= set(spec.issues)
