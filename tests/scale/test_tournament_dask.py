"""A tournament on a Dask LocalCluster gives exactly the local result for the same seed."""

from __future__ import annotations

import numpy as np
import pytest
from tests.strategies import random_space

from accord.protocols.tournament import Arena, run_tournament

pytest.importorskip("distributed")


@pytest.mark.parametrize("processes", [False, True])
def test_local_cluster_result_equals_the_local_run(processes: bool) -> None:
    from accord.scale import dask_executor

    arenas = [Arena(perspective="p", space=random_space(3, 5, 3, seed=4, batna=15.0))]
    grid = (("single-text", "alternating-offers"), ("linear", "conceder", "tit-for-tat"))
    here = run_tournament(arenas, *grid, seeds=3, seed=9, chunk=2)
    with dask_executor("local", workers=2, processes=processes) as executor:
        there = run_tournament(arenas, *grid, seeds=3, seed=9, chunk=2, executor=executor)
    assert [o.match for o in there.outcomes] == [o.match for o in here.outcomes]
    for a, b in zip(here.outcomes, there.outcomes, strict=True):
        assert a.ending == b.ending and np.array_equal(a.utilities, b.utilities)
    assert there.rows == here.rows and there.seeds == here.seeds
