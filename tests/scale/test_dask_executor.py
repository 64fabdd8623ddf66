"""The Dask executor: a LocalCluster gives results identical to the single-machine run."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

pytest.importorskip("distributed", reason="Dask is an optional extra: pip install 'accord[dask]'")

from accord.analysis.robustness import solve_robustness
from accord.scale import ScaleError, dask_executor
from accord.scale.dask import check_address
from accord.space import Space


def test_local_cluster_gives_the_same_result_as_a_local_run() -> None:
    space = dataclasses.replace(
        Space.from_arrays([[[50.0, 20.0], [40.0, 70.0]], [[10.0, 30.0], [25.0, 5.0]]], [55.0, 60.0]),
        value_spread=np.array([8.0, 6.0]),
        batna_spread=np.array([5.0, 9.0]),
    )
    plans = {"a": (0, 1), "b": (1, 0), "c": (1, 1)}
    here = solve_robustness(space, plans=plans, samples=3_000, seed=11, chunk_size=500)
    with dask_executor("local", workers=2) as run:
        there = solve_robustness(space, plans=plans, samples=3_000, seed=11, chunk_size=500, executor=run)
    assert there.plans == here.plans
    assert there.provenance.parameters == here.provenance.parameters


@pytest.mark.parametrize("address", ["", "foo", "http://host:8786", "tcp://"])
def test_bad_addresses_are_refused_before_connecting(address: str) -> None:
    with pytest.raises(ScaleError, match="scheduler address"):
        check_address(address)


def test_an_address_without_a_scheduler_is_a_clear_error() -> None:
    with pytest.raises(ScaleError, match="cannot reach"), dask_executor("tcp://127.0.0.1:9", timeout=0.5):
        pass


def test_local_cluster_draws_open_forms_as_a_local_run_does() -> None:
    from accord.analysis.robustness import OpenForms

    space = dataclasses.replace(
        Space.from_arrays([[[50.0, 20.0], [40.0, 70.0]], [[10.0, 30.0], [25.0, 5.0]]], [55.0, 20.0]),
        value_spread=np.array([8.0, 6.0]),
        batna_spread=np.array([5.0, 9.0]),
    )
    plans = {"a": (0, 1), "open": OpenForms(packages=((1, 0), (1, 1), (0, 0)), issues=(0, 1))}
    here = solve_robustness(space, plans=plans, samples=3_000, seed=12, chunk_size=700)
    with dask_executor("local", workers=2) as run:
        there = solve_robustness(space, plans=plans, samples=3_000, seed=12, chunk_size=700, executor=run)
    assert there.plans == here.plans and there.groups == here.groups
    assert here.plans[1].forms and 0.0 < here.plans[1].all < 1.0
