"""The max-min search with Lagrangian cuts (accord.analysis.kernel.maximin) against brute force.

The cuts are only added when a stage keeps more than ``REFINE_AT`` partial
packages, which small random spaces never reach; the property tests also run
with ``REFINE_AT = 0`` so that every stage solves its linear programs, adds
cuts and completes packages from them.
"""

from __future__ import annotations

from unittest import mock

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.analysis.reference import checked_surplus, enumerate_feasible, objective
from tests.strategies import random_space, spaces

from accord.analysis.bargaining import solve_bargaining
from accord.analysis.kernel import maximin
from accord.space import TOL, Space

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(space: Space, solution: str) -> None:
    """The decomposition's answer has the brute-force optimum and, among ties, the largest total surplus."""
    _, utils = enumerate_feasible(space)
    res = solve_bargaining(space, solution, backend="decomposition")
    surplus = utils - space.batna
    ir = surplus[(surplus > TOL).all(axis=1)] if utils.shape[0] else surplus
    if ir.shape[0] == 0:
        assert res.package is None and res.status in ("no_zopa", "infeasible")
        return
    mine = checked_surplus(space, res)
    ideal = ir.max(axis=0) if solution == "ks" else None
    values = objective(solution, ir, ideal)
    best = values.max()
    got = objective(solution, mine[None, :], ideal)[0]
    assert abs(got - best) <= 1e-9 * max(1.0, abs(best))
    tied = ir[values >= best - 1e-9 * max(1.0, abs(best))]
    assert mine.sum() >= tied.sum(axis=1).max() - 1e-7


@SETTINGS
@given(spaces(max_parties=8, max_issues=5), st.sampled_from(["egalitarian", "ks"]))
def test_max_min_equals_brute_force(space: Space, solution: str) -> None:
    _check(space, solution)


@SETTINGS
@given(spaces(max_parties=8, max_issues=5), st.sampled_from(["egalitarian", "ks"]))
def test_max_min_with_cuts_at_every_stage_equals_brute_force(space: Space, solution: str) -> None:
    with mock.patch.object(maximin, "REFINE_AT", 0):
        _check(space, solution)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.integers(6, 9))
def test_many_parties_with_cuts_equal_brute_force(seed: int, k: int) -> None:
    """Random real-valued spaces with many parties, 6 issues of 3 options (729 packages)."""
    space = random_space(k, 6, 3, seed)
    with mock.patch.object(maximin, "REFINE_AT", 4):
        _check(space, "egalitarian")


def test_a_time_limit_returns_the_best_package_known_with_its_gap() -> None:
    space = random_space(10, 40, 5, 1)
    res = solve_bargaining(space, "egalitarian", backend="decomposition", time_limit=0.3)
    if res.status == "ok" and not res.provenance.exact:
        assert res.package is not None and space.feasible(res.package)
        gap = res.provenance.gap
        assert gap is not None and np.isfinite(gap) and gap >= 0.0
    else:  # a stop before any package is a limit, never a wrong "no ZOPA"
        assert res.status in ("ok", "limit")
