"""Exact counting of acceptable packages (accord.analysis.kernel.counting) against brute force."""

from __future__ import annotations

from hypothesis import given
from tests.analysis.reference import (
    SETTINGS,
    enumerate_feasible,
)
from tests.strategies import spaces

from accord.analysis.kernel.counting import count_meet_in_middle
from accord.analysis.kernel.superissues import decompose
from accord.space import TOL, Space


@SETTINGS
@given(spaces(max_parties=2))
def test_meet_in_the_middle_count_equals_brute_force(space: Space) -> None:
    _, utils = enumerate_feasible(space)
    decomp = decompose(space)
    if not decomp.feasible:
        return
    count = count_meet_in_middle(decomp, space.batna)
    assert count == int((utils - space.batna > TOL).all(axis=1).sum())
