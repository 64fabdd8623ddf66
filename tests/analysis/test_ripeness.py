"""Ripeness engine against brute force: per month, ZOPA, its size and the Nash product; windows; waiting.

The reference enumerates every feasible package of small random spaces at each
month's BATNAs (tests/analysis/reference.py) and applies the definitions.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from reference import SETTINGS, enumerate_feasible

from accord.analysis.ripeness import solve_ripeness, windows
from accord.numeric import TOL
from accord.space import Space
from strategies import spaces

FEW = SETTINGS.__class__(parent=SETTINGS, max_examples=40)


@st.composite
def schedules(draw: st.DrawFn) -> tuple[Space, list[tuple[int, tuple[float, ...]]]]:
    space = draw(spaces(max_parties=3, max_issues=4))
    n = draw(st.integers(1, 4))
    months = sorted(draw(st.sets(st.integers(0, 24), min_size=n, max_size=n)))
    shifts = [
        draw(st.lists(st.floats(-30, 30), min_size=len(space.parties), max_size=len(space.parties)))
        for _ in months
    ]
    return space, [
        (m, tuple(float(b) + s for b, s in zip(space.batna, sh, strict=True)))
        for m, sh in zip(months, shifts, strict=True)
    ]


def reference_month(space: Space, batna: np.ndarray) -> tuple[bool, float | None, float | None]:
    """ZOPA exists, largest minimum surplus, largest Nash product (None without a ZOPA)."""
    _, utils = enumerate_feasible(space)
    if utils.shape[0] == 0:
        return False, None, None
    surplus = utils - batna
    size = float(np.max(np.min(surplus, axis=1)))
    rational = np.all(surplus > TOL, axis=1)
    if not rational.any():
        return False, size, None
    return True, size, float(np.max(np.prod(surplus[rational], axis=1)))


@FEW
@given(case=schedules())
def test_each_month_matches_brute_force(case: tuple[Space, list[tuple[int, tuple[float, ...]]]]) -> None:
    space, schedule = case
    res = solve_ripeness(space, schedule)
    assert [v.month for v in res.months] == [m for m, _ in schedule]
    for v, (_, batna) in zip(res.months, schedule, strict=True):
        exists, size, product = reference_month(space, np.array(batna))
        assert v.exists == exists
        if size is not None and v.size is not None:
            assert v.size == pytest.approx(size, abs=1e-6)
        if exists:
            assert v.surplus is not None and v.utilities is not None
            assert all(s > TOL for s in v.surplus)
            assert float(np.prod(v.surplus)) == pytest.approx(product, rel=1e-6, abs=1e-9)
        else:
            assert v.surplus is None
    # windows: maximal runs of consecutive evaluated months with a ZOPA
    flags = [v.exists for v in res.months]
    runs, start = [], None
    for k, ok in enumerate(flags + [False]):
        if ok and start is None:
            start = k
        if not ok and start is not None:
            runs.append((schedule[start][0], schedule[k - 1][0]))
            start = None
    assert list(res.windows) == runs


@FEW
@given(case=schedules())
def test_waiting_compares_the_nash_utility_with_now(
    case: tuple[Space, list[tuple[int, tuple[float, ...]]]],
) -> None:
    space, schedule = case
    res = solve_ripeness(space, schedule)
    for p, w in enumerate(res.waiting):
        dealt = [v.utilities[p] for v in res.months if v.utilities is not None]
        assert w.best == (max(dealt) if dealt else None)
        now = res.months[0].utilities
        assert w.now == (None if now is None else now[p])
        if w.gain is not None:
            assert w.gain >= -1e-12


def test_same_batnas_are_solved_once_and_months_keep_their_number() -> None:
    space = Space.from_arrays([[[60.0, 20.0, 45.0], [20.0, 60.0, 45.0]]], [30.0, 30.0])
    res = solve_ripeness(space, [(0, (30.0, 30.0)), (3, (30.0, 30.0)), (6, (70.0, 30.0))])
    assert [v.month for v in res.months] == [0, 3, 6]
    assert res.provenance.parameters["distinct_batnas"] == 2
    assert [v.exists for v in res.months] == [True, True, False]
    assert res.windows == ((0, 3),)


def test_windows_of_separate_runs() -> None:
    assert windows([0, 2, 4, 6, 8], [True, True, False, True, False]) == ((0, 2), (6, 6))
    assert windows([0, 1], [False, False]) == ()


def test_months_must_increase_and_match_the_parties() -> None:
    space = Space.from_arrays([[[60.0, 20.0], [20.0, 60.0]]], [30.0, 30.0])
    with pytest.raises(ValueError, match="increase"):
        solve_ripeness(space, [(3, (1.0, 1.0)), (3, (1.0, 1.0))])
    with pytest.raises(ValueError, match="parties"):
        solve_ripeness(space, [(0, (1.0,))])
