"""Two parties: the Nash point picked from the listed frontier equals brute force and the general search."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from tests.analysis.reference import SETTINGS, enumerate_feasible
from tests.strategies import random_space, spaces

from accord.analysis import bargaining, nash
from accord.analysis.bargaining import solve_bargaining
from accord.space import TOL, Space


def _brute_force_product(space: Space) -> float | None:
    """The largest product of surpluses over individually rational packages (None: no ZOPA)."""
    _, utils = enumerate_feasible(space)
    s = utils - space.batna
    ok = (s > TOL).all(axis=1)
    return float(np.prod(s[ok], axis=1).max()) if ok.any() else None


@SETTINGS
@given(spaces(max_parties=2))
def test_two_party_nash_equals_brute_force(space: Space) -> None:
    res = solve_bargaining(space, "nash")
    best = _brute_force_product(space) if res.status != "infeasible" else None
    if best is None:
        assert res.status in ("infeasible", "no_zopa")
        return
    assert res.status == "ok" and res.exact and res.objective is not None
    assert res.objective == pytest.approx(best, rel=1e-9, abs=1e-9)


@pytest.mark.parametrize("seed", range(6))
def test_the_frontier_path_and_the_general_search_agree(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the frontier listings capped at one partial package the general search runs instead."""
    space = random_space(2, 12 + 4 * seed, 4, seed, batna=0.3)
    fast = solve_bargaining(space, "nash")
    monkeypatch.setattr(nash, "SMALL_FRONTIER", 1)
    monkeypatch.setattr(bargaining, "STAIRCASE_STATES", 1)
    general = solve_bargaining(space, "nash")
    assert fast.exact and general.exact and fast.utilities is not None and general.utilities is not None
    assert fast.objective == pytest.approx(general.objective, rel=1e-12)
    np.testing.assert_allclose(fast.utilities, general.utilities, atol=1e-9)
