"""Alignment engine against brute force: per profile, ZOPA, Nash surplus and the plans accepted; the gaps."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from reference import SETTINGS, enumerate_feasible

from accord.analysis.align import solve_align
from accord.numeric import TOL
from accord.space import Space
from strategies import spaces

FEW = SETTINGS.__class__(parent=SETTINGS, max_examples=40)


@st.composite
def profiled(draw: st.DrawFn) -> tuple[Space, dict[str, Space], int]:
    """A space and one or two others whose row ``p`` has other contributions and another BATNA."""
    space = draw(spaces(max_parties=3, max_issues=3))
    p = draw(st.integers(0, len(space.parties) - 1))
    others = {}
    for name in draw(st.sets(st.sampled_from(["F1", "F2"]), min_size=1)):
        contrib = []
        for c in space.contrib:
            row = np.array(draw(st.lists(st.floats(0, 40), min_size=c.shape[1], max_size=c.shape[1])))
            new = np.array(c, dtype=float)
            new[p] = row
            contrib.append(new)
        batna = np.array(space.batna, dtype=float)
        batna[p] = draw(st.floats(0, 60))
        others[name] = dataclasses.replace(space, contrib=tuple(contrib), batna=batna, weights=None)
    return dataclasses.replace(space, weights=None), others, p


@FEW
@given(case=profiled())
def test_each_profile_matches_brute_force(case: tuple[Space, dict[str, Space], int]) -> None:
    space, others, p = case
    plans = {
        "every": tuple(
            tuple(int(k) for k in pkg) for pkg in enumerate_feasible(space, red_lines=False)[0][:5]
        )
    }
    plans = {k: v for k, v in plans.items() if v}
    res = solve_align(space, party=p, profiles=others, plans=plans or None)
    assert res.profiles == ("aggregate", *others)
    for name, opt in zip(res.profiles, res.options, strict=True):
        s = space if name == "aggregate" else others[name]
        _, utils = enumerate_feasible(s)
        surplus = utils - s.batna
        rational = np.all(surplus > TOL, axis=1) if len(utils) else np.zeros(0, dtype=bool)
        assert opt.exists == bool(rational.any())
        if rational.any():
            best = np.max(np.prod(surplus[rational], axis=1))
            assert opt.nash_surplus is not None and opt.nash_package is not None
            assert float(np.prod(s.utility(opt.nash_package) - s.batna)) == pytest.approx(
                best, rel=1e-6, abs=1e-9
            )
        for forms, share in zip((plans or {"status quo": ()}).values(), opt.accepts, strict=True):
            if forms:
                ok = [s.utility(f)[p] - s.batna[p] > TOL and not s.crossed(f, p) for f in forms]
                assert share == pytest.approx(sum(ok) / len(ok))


@FEW
@given(case=profiled())
def test_gaps_are_the_largest_differences_between_profiles(case: tuple[Space, dict[str, Space], int]) -> None:
    space, others, p = case
    res = solve_align(space, party=p, profiles=others)
    every = [space, *others.values()]
    for gap in res.issues:
        i = space.issues.index(gap.issue)
        points = np.array([s.contrib[i][p] for s in every])
        assert gap.stake == pytest.approx(float((points.max(axis=0) - points.min(axis=0)).max()))
        assert gap.stake >= 0 and gap.gap >= 0
    assert [g.stake for g in res.issues] == sorted((g.stake for g in res.issues), reverse=True)


def test_identical_profiles_have_no_gap_and_the_same_options() -> None:
    space = Space.from_arrays([[[60.0, 20.0], [20.0, 60.0]], [[10.0, 30.0], [30.0, 10.0]]], [30.0, 30.0])
    res = solve_align(space, party=0, profiles={"twin": space})
    assert all(g.stake == 0 and g.gap == 0 for g in res.issues)
    a, b = res.options
    assert (a.exists, a.size, a.nash_surplus, a.accepts) == (b.exists, b.size, b.nash_surplus, b.accepts)


def test_profiles_must_share_parties_and_issues() -> None:
    space = Space.from_arrays([[[60.0, 20.0], [20.0, 60.0]]], [30.0, 30.0])
    other = Space.from_arrays([[[60.0, 20.0]]], [30.0])
    with pytest.raises(ValueError, match="same parties"):
        solve_align(space, profiles={"x": other})
