"""The zone of possible agreement (accord.analysis.zopa): brute force, estimates, counting."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given
from tests.analysis.reference import (
    SETTINGS,
    enumerate_feasible,
)
from tests.strategies import random_space, spaces

from accord.analysis.zopa import solve_zopa
from accord.space import TOL, Space


@SETTINGS
@given(spaces())
def test_zopa_equals_brute_force(space: Space) -> None:
    packages, utils = enumerate_feasible(space)
    res = solve_zopa(space)
    if packages.shape[0] == 0:
        assert res.status == "infeasible" and not res.exists and res.conflict
        return
    surplus = utils - space.batna
    acceptable = (surplus > TOL).all(axis=1)
    assert res.exists == bool(acceptable.any())
    assert res.counting == "exact" and res.count == int(acceptable.sum())
    assert res.n_feasible == packages.shape[0]
    assert res.share == res.count / packages.shape[0]
    assert res.min_surplus is not None
    assert abs(res.min_surplus - surplus.min(axis=1).max()) <= 1e-9
    assert res.best is not None and space.feasible(res.best)


def test_zopa_monte_carlo_is_labelled_reproducible_and_covers_the_count() -> None:
    space = random_space(3, 8, 4, seed=4, batna=0.55)
    exact = solve_zopa(space)
    assert exact.counting == "exact" and exact.share is not None
    est = solve_zopa(space, count_states=1, samples=40_000, seed=7)
    assert est.counting == "monte-carlo" and est.count is None and est.seed == 7 and est.samples == 40_000
    assert est.share_interval is not None
    lo, hi = est.share_interval
    assert lo <= exact.share <= hi
    again = solve_zopa(space, count_states=1, samples=40_000, seed=7)
    assert again.share == est.share
    mine = solve_zopa(space, count_states=1, samples=1000, rng=np.random.default_rng(0))
    assert mine.seed is None and mine.counting == "monte-carlo"


def test_two_party_counting_meets_in_the_middle() -> None:
    space = random_space(2, 10, 4, seed=5, batna=0.55)
    res = solve_zopa(space, count_states=4096)
    assert res.counting == "exact" and "meet-in-the-middle" in res.algorithm
    packages = np.array(list(itertools.product(range(4), repeat=10)))
    assert res.count == int((space.utilities(packages) - space.batna > TOL).all(axis=1).sum())


def test_out_of_time_the_size_is_not_computed_rather_than_guessed() -> None:
    space = random_space(3, 10, 4, seed=2, batna=0.3)
    res = solve_zopa(space, time_limit=0.0)
    assert res.counting == "not computed"
    assert res.count is None and res.share is None and res.n_feasible is None and res.samples == 0
    assert "not computed" in res.note and "time limit" in res.note
    assert not res.best_exact
