"""Choosing the backend before anything big is built, and the limits every stage honours."""

from __future__ import annotations

import time

import numpy as np
import pytest
from tests.strategies import random_space

from accord.analysis.amend import solve_amendment
from accord.analysis.bargaining import solve_bargaining
from accord.analysis.kernel.backend import AUTO_JOINT, choose_backend, largest_joint
from accord.analysis.kernel.graph import clause_graph
from accord.analysis.kernel.limits import ComponentTooLarge
from accord.analysis.kernel.superissues import decompose
from accord.analysis.zopa import solve_zopa
from accord.model.logic import Clause, Member
from accord.space import Space, SpaceError


def _ring(n: int, m: int) -> Space:
    """``n`` issues of ``m`` options in a ring of if/then links (treewidth 2, one component)."""
    rng = np.random.default_rng(5)
    links = []
    for i in range(n):
        a, b = int(rng.integers(m)), int(rng.integers(m))
        links.append(Clause((Member(i, frozenset(range(m)) - {a}), Member((i + 1) % n, frozenset({b}))), "c"))
    base = random_space(3, n, m, seed=4, batna=0.3)
    return Space.from_arrays(base.contrib, base.batna, constraints=links)


def _chain(n: int, m: int) -> Space:
    """``n`` issues of ``m`` options chained by clauses that forbid little (one component)."""
    keep = frozenset(range(m - 1))
    links = [Clause((Member(i, keep), Member(i + 1, keep)), "c") for i in range(n - 1)]
    base = random_space(3, n, m, seed=1, batna=0.1)
    return Space.from_arrays(base.contrib, base.batna, constraints=links)


def test_largest_joint_is_the_product_of_a_component_s_domains() -> None:
    space = _chain(6, 4)
    assert largest_joint(clause_graph(space)) == 4**6
    assert largest_joint(clause_graph(random_space(2, 5, 3, seed=0))) == 3


def test_auto_sends_large_components_to_the_mip_whatever_the_parties() -> None:
    big = _chain(10, 4)
    assert AUTO_JOINT < 4**10
    assert choose_backend("auto", clause_graph(big), 3).name == "mip"
    small = random_space(3, 8, 4, seed=2)
    assert choose_backend("auto", clause_graph(small), 3).name == "decomposition"
    assert choose_backend("auto", clause_graph(small), 12).name == "decomposition"
    assert choose_backend("auto", clause_graph(big), 12).name == "mip"
    assert choose_backend("auto", clause_graph(big), 3, lotteries=True).name == "decomposition"
    assert choose_backend("decomposition", clause_graph(big), 3).name == "decomposition"
    assert choose_backend("mip", clause_graph(small), 2).name == "mip"


def test_bad_backends_are_errors_on_the_backend_field() -> None:
    graph = clause_graph(random_space(2, 3, 2, seed=0))
    for call in (
        lambda: choose_backend("fast", graph, 2),
        lambda: choose_backend("mip", graph, 2, lotteries=True),
    ):
        with pytest.raises(SpaceError) as err:
            call()
        assert err.value.field == "backend"


def test_the_choice_is_recorded_in_provenance() -> None:
    big = _chain(10, 4)
    res = solve_bargaining(big, "egalitarian")
    assert res.provenance.parameters["backend"] == "mip" and res.provenance.parameters["backend_reason"]
    small = random_space(3, 6, 3, seed=3, batna=0.2)
    assert solve_zopa(small).provenance.parameters["backend"] == "decomposition"
    assert solve_amendment(small, (0,) * 6, backend="mip").provenance.parameters["backend"] == "mip"


def test_an_oversized_component_is_refused_before_it_is_built() -> None:
    # 4^12 = 16.8 million joint options; the limit is checked on the candidates of each step.
    space = _chain(12, 4)
    t0 = time.perf_counter()
    with pytest.raises(ComponentTooLarge) as err:
        decompose(space, max_block_options=10_000)
    assert err.value.field == "constraints"
    assert time.perf_counter() - t0 < 30.0  # generous: the point is that it stops, not how fast


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["decomposition", "mip"])
def test_the_time_limit_binds_every_stage(backend: str) -> None:
    # A 40-issue ring of 3 parties: the decomposition builds for far longer than the limit.
    space = _ring(40, 5)
    limit = 1.0
    for run in (
        lambda: solve_bargaining(space, "nash", time_limit=limit, backend=backend),
        lambda: solve_amendment(space, (0,) * 40, time_limit=limit, backend=backend),
    ):
        t0 = time.perf_counter()
        res = run()
        took = time.perf_counter() - t0
        assert took <= 1.2 * limit + 1.0, took
        assert res.status in ("ok", "limit", "no_zopa", "infeasible")


@pytest.mark.parametrize("backend", ["mip", "decomposition"])
def test_a_time_limit_reports_a_limit_or_a_gap(backend: str) -> None:
    space = random_space(10, 40, 5, seed=0)
    res = solve_bargaining(space, "egalitarian", time_limit=0.5, backend=backend)
    assert res.provenance.parameters["backend"] == backend
    assert res.status in ("ok", "limit")
    if res.status == "ok":
        assert not res.provenance.exact or res.provenance.gap == 0.0
        assert np.isfinite(res.provenance.gap)
