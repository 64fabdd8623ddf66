"""The two-party staircase (accord.analysis.kernel.staircase) against brute force and the general route."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.analysis.reference import SETTINGS, enumerate_feasible, pareto, same_vectors
from tests.strategies import random_space

from accord.analysis import bargaining, frontier
from accord.analysis.bargaining import solve_bargaining
from accord.analysis.frontier import solve_frontier
from accord.analysis.kernel.graph import clause_graph
from accord.analysis.kernel.staircase import applies
from accord.space import TOL, Space


@st.composite
def free_two_party(draw: st.DrawFn) -> Space:
    """Two parties, 1-7 issues of 1-4 options, half-integer values (ties common), no clause."""
    n = draw(st.integers(1, 7))
    sizes = [draw(st.integers(1, 4)) for _ in range(n)]
    contrib = [np.array([[draw(st.integers(0, 8)) / 2 for _ in range(m)] for _ in range(2)]) for m in sizes]
    space = Space.from_arrays(contrib, [draw(st.integers(0, 3 * n)) / 2 for _ in range(2)])
    if draw(st.booleans()):  # a restricted domain
        i = draw(st.integers(0, n - 1))
        dom = draw(st.lists(st.integers(0, sizes[i] - 1), min_size=1, max_size=sizes[i], unique=True))
        doms = list(space.domains)
        doms[i] = frozenset(dom)
        space = replace(space, domains=tuple(doms))
    return space


@SETTINGS
@given(free_two_party(), st.booleans())
def test_the_frontier_equals_brute_force(space: Space, rational: bool) -> None:
    assert applies(space, clause_graph(space))
    res = solve_frontier(space, individually_rational=rational)
    _, utils = enumerate_feasible(space)
    if rational:
        utils = utils[(utils - space.batna > TOL).all(axis=1)]
    want = pareto(utils)
    assert res.exact
    assert res.status == ("ok" if want.shape[0] else "no_zopa")
    assert same_vectors(want, res.utilities)
    # Every listed package is feasible, its utilities are exactly Space.utilities' sums,
    # the list is sorted by the first party's utility and has one package per vector.
    assert all(space.feasible(tuple(p)) for p in res.packages)
    assert np.array_equal(res.utilities, space.utilities(res.packages))
    assert (np.diff(res.utilities[:, 0]) < 0).all()


@SETTINGS
@given(free_two_party())
def test_nash_equals_brute_force(space: Space) -> None:
    res = solve_bargaining(space, "nash")
    _, utils = enumerate_feasible(space)
    s = utils - space.batna
    ok = (s > TOL).all(axis=1)
    if not ok.any():
        assert res.status == "no_zopa"
        return
    assert res.status == "ok" and res.exact and res.package is not None and res.utilities is not None
    assert res.objective == pytest.approx(float(np.prod(s[ok], axis=1).max()), rel=1e-9, abs=1e-9)
    assert np.array_equal(res.utilities, space.utility(res.package))


@pytest.mark.parametrize("seed", range(4))
def test_the_staircase_and_the_general_route_agree(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Same frontier and Nash point as the super-issue decomposition, on larger random instances."""
    space = random_space(2, 10 + 10 * seed, 4, seed, batna=0.3)
    fast_front, fast_nash = solve_frontier(space), solve_bargaining(space, "nash")
    monkeypatch.setattr(frontier, "applies", lambda *_: False)
    monkeypatch.setattr(bargaining, "applies", lambda *_: False)
    front, nash = solve_frontier(space), solve_bargaining(space, "nash")
    assert fast_front.exact and front.exact
    assert same_vectors(front.utilities, fast_front.utilities)
    assert front.utilities.shape == fast_front.utilities.shape
    assert fast_nash.objective == pytest.approx(nash.objective, rel=1e-12)


def test_a_limit_hands_over_to_the_general_route() -> None:
    """More partial packages than max_points: not exact, and the note names the limit."""
    space = random_space(2, 30, 4, 1)
    res = solve_frontier(space, max_points=5)
    assert not res.exact and "max_points=5" in res.note
