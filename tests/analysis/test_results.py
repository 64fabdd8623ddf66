"""Frozen results (accord.analysis.results): read-only arrays, one provenance, its views."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from accord.analysis import evaluate_plans, solve_amendment, solve_bargaining, solve_frontier, solve_zopa
from accord.io import load_scenario
from accord.provenance import Provenance
from accord.space import Space

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.yaml"


def arrays_of(res: object) -> list[np.ndarray]:
    """Every array field of a result."""
    values = [getattr(res, f.name) for f in dataclasses.fields(res)]  # type: ignore[arg-type]
    return [v for v in values if isinstance(v, np.ndarray)]


def results(space: Space) -> list[object]:
    return [
        solve_frontier(space),
        solve_bargaining(space, "nash"),
        solve_bargaining(space, "ks", lotteries=True),
        solve_zopa(space),
        solve_amendment(space, {"border": "old", "troops": "none"}),
    ]


def test_result_arrays_are_read_only(mini: Space) -> None:
    for res in results(mini):
        arrays = arrays_of(res)
        assert arrays, type(res).__name__
        for a in arrays:
            assert not a.flags.writeable
            with pytest.raises(ValueError, match="read-only"):
                a.flat[0] = 1.0


def test_one_provenance_with_read_only_views(mini: Space) -> None:
    for res in results(mini):
        prov = res.provenance  # type: ignore[attr-defined]
        assert isinstance(prov, Provenance)
        names = {f.name for f in dataclasses.fields(res)}  # type: ignore[arg-type]
        assert names.isdisjoint({"algorithm", "parameters", "exact", "gap", "seconds", "seed"})
        for view in ("algorithm", "parameters", "exact", "gap", "seconds", "seed"):
            assert getattr(res, view) == getattr(prov, view)
        with pytest.raises(TypeError):
            res.parameters["x"] = 1  # type: ignore[attr-defined]
        assert prov.seconds >= 0.0 and prov.citation


def test_zopa_records_its_seed_only_when_it_drew() -> None:
    space = Space.from_arrays([np.arange(30.0).reshape(2, 15) / 3] * 8, [20.0, 20.0])
    drew = solve_zopa(space, count_states=1, samples=500, seed=3)
    assert drew.counting == "monte-carlo" and drew.seed == 3 and drew.exact == drew.best_exact
    exact = solve_zopa(space)
    assert exact.counting == "exact" and exact.seed is None


def test_evaluation_records_algorithm_and_parameters() -> None:
    ev = evaluate_plans(load_scenario(MINI), plans=["p1"])
    assert ev.algorithm == "exact enumeration of completions" and ev.exact
    assert ev.parameters["plans"] == ("p1",) and ev.parameters["perspective"] == ev.perspective
    with pytest.raises(TypeError):
        ev.plans[0].package["border"] = "new"  # type: ignore[index]
