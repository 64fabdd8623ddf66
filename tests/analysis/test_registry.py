"""The engine registry (accord.analysis.registry): complete, consistent with the entry points."""

from __future__ import annotations

import inspect
from pathlib import Path

import numpy as np
import pytest

import accord.analysis as analysis
from accord.analysis import SOLUTION_TITLES, SOLUTIONS, SOLVERS, SolverSpec
from accord.analysis.bargaining import solve_bargaining
from accord.io import load_scenario
from accord.provenance import Provenance
from accord.space import Space

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.yaml"


def test_every_exported_entry_point_is_registered() -> None:
    registered = {spec.function for spec in SOLVERS}
    exported = {getattr(analysis, n) for n in analysis.__all__ if n.startswith("solve_")}
    # solve_bargaining dispatches to the registered solutions by name.
    assert exported - registered == {solve_bargaining}
    assert analysis.evaluate_plans in registered
    assert {n for n in analysis.__all__ if n.startswith("solve_")} >= {
        spec.function.__name__ for spec in SOLVERS if spec.problem == "space"
    }


def test_solutions_and_titles_come_from_the_registry() -> None:
    assert SOLUTIONS == ("nash", "ks", "egalitarian", "utilitarian")
    assert tuple(SOLUTION_TITLES) == SOLUTIONS
    for name in SOLUTIONS:
        spec = SOLVERS.get(name)
        assert spec.family == "bargaining solution"
        assert SOLUTION_TITLES[name] == spec.title


@pytest.mark.parametrize("spec", SOLVERS.specs(), ids=SOLVERS.names)
def test_specs_are_complete_and_match_their_functions(spec: SolverSpec) -> None:
    assert spec.title and spec.citation and spec.maturity in ("stable", "experimental")
    assert inspect.isclass(spec.result_type)
    params = inspect.signature(spec.function).parameters
    for option in spec.options:
        assert option.help
        assert params[option.name].default == option.default, option.name
    assert ("rng" in params) == spec.seeded
    assert all(params[n].default is inspect.Parameter.empty for n in spec.needs)


@pytest.mark.parametrize("spec", SOLVERS.specs(), ids=SOLVERS.names)
def test_run_with_defaults_returns_the_declared_result(spec: SolverSpec, mini: Space) -> None:
    problem = load_scenario(MINI) if spec.problem == "scenario" else mini
    res = spec.run(problem, rng=np.random.default_rng(0))
    assert isinstance(res, spec.result_type)
    assert isinstance(res.provenance, Provenance)
    assert res.provenance.citation == spec.citation
    assert res.algorithm == res.provenance.algorithm


@pytest.mark.parametrize("name", SOLUTIONS)
def test_dispatcher_runs_the_registered_solution(name: str, mini: Space) -> None:
    by_name = solve_bargaining(mini, name, lotteries=True)
    direct = SOLVERS.get(name).function(mini, lotteries=True)
    assert by_name.solution == direct.solution == name
    assert by_name.lottery == direct.lottery
