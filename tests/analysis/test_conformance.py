"""Conformance suite: every registered solver, on small spaces, keeps the house rules.

Rule of the house 6 (shared/design.md): one suite enumerates the registry, so a
new engine is checked the day it is registered. For every spec of
``accord.analysis.registry.SOLVERS`` and every small space (tests/data/mini.yaml
and random spaces from tests/strategies.py): the result is frozen, its status is
a valid :data:`accord.provenance.Status`, its provenance names an algorithm and
a citation, its JSON form (``accord.report.json.to_json``) survives a round trip
through text, and the same seed gives the same result.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from accord.analysis import SOLVERS, SolverSpec
from accord.io import load_scenario
from accord.provenance import STATUSES, Provenance
from accord.report.json import to_json
from accord.space import Space, compile_space
from strategies import linked_spaces, spaces

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.yaml"
SCENARIO = load_scenario(MINI)
SPECS = [pytest.param(spec, id=spec.name) for spec in SOLVERS]


def _run(spec: SolverSpec, space: Space, seed: int, **options: object) -> Any:
    problem = SCENARIO if spec.problem == "scenario" else space
    return spec.run(problem, rng=np.random.default_rng(seed), **options)


def _without_seconds(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _without_seconds(v) for k, v in data.items() if k != "seconds"}
    if isinstance(data, list):
        return [_without_seconds(v) for v in data]
    return data


def _check(spec: SolverSpec, space: Space, seed: int, **options: object) -> None:
    result = _run(spec, space, seed, **options)
    assert isinstance(result, spec.result_type)
    assert dataclasses.is_dataclass(result)
    first = dataclasses.fields(result)[0].name
    with pytest.raises((dataclasses.FrozenInstanceError, AttributeError, TypeError)):
        setattr(result, first, getattr(result, first))
    assert result.status in STATUSES
    prov = result.provenance
    assert isinstance(prov, Provenance)
    assert prov.algorithm.strip() and prov.citation.strip()
    assert prov.seconds >= 0.0
    data = to_json(result)
    assert json.loads(json.dumps(data, allow_nan=False)) == data
    again = to_json(_run(spec, space, seed, **options))
    assert _without_seconds(again) == _without_seconds(data)


@pytest.mark.parametrize("spec", SPECS)
def test_registered_solver_conforms_on_the_docs_scenario(spec: SolverSpec) -> None:
    _check(spec, compile_space(SCENARIO), seed=7)


@pytest.mark.parametrize("spec", [p for p in SPECS if p.values[0].problem == "space"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(space=spaces(max_parties=3, max_issues=4))
def test_registered_solver_conforms_on_random_spaces(spec: SolverSpec, space: Space) -> None:
    _check(spec, space, seed=3)


BACKEND_SPECS = [p for p in SPECS if "backend" in p.values[0].defaults]


@pytest.mark.parametrize("backend", ["decomposition", "mip"])
@pytest.mark.parametrize("spec", BACKEND_SPECS)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(space=linked_spaces(max_parties=3, max_issues=4))
def test_every_backend_conforms_on_linked_spaces(spec: SolverSpec, backend: str, space: Space) -> None:
    _check(spec, space, seed=5, backend=backend)
    assert _run(spec, space, 5, backend=backend).provenance.parameters["backend"] == backend


def test_the_backend_option_is_offered_by_every_package_search() -> None:
    assert {p.values[0].name for p in BACKEND_SPECS} == {
        "nash",
        "ks",
        "egalitarian",
        "utilitarian",
        "zopa",
        "amendment",
    }
    assert all(p.values[0].defaults["backend"] == "auto" for p in BACKEND_SPECS)


def test_suite_covers_every_registered_solver() -> None:
    assert {p.values[0].name for p in SPECS} == set(SOLVERS.names)
    assert len(SOLVERS) >= 8
