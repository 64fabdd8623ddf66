"""Timelines: the BATNA shift is piecewise linear from 0 at month 0 (against numpy.interp), and checked."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.model.problems import ModelError
from accord.model.timelines import BatnaPoint, Timeline, check_timelines


@st.composite
def timelines(draw: st.DrawFn) -> Timeline:
    months = draw(st.integers(1, 48))
    marks = sorted(draw(st.sets(st.integers(0, months), min_size=1, max_size=5)))
    shifts = draw(st.lists(st.floats(-50, 50), min_size=len(marks), max_size=len(marks)))
    points = tuple(BatnaPoint(month=m, shift=s) for m, s in zip(marks, shifts, strict=True))
    return Timeline(id="t", name="T", months=months, batna={"A": points})


@settings(max_examples=200, deadline=None)
@given(t=timelines(), month=st.floats(0, 60))
def test_shift_is_linear_between_points_from_zero_now(t: Timeline, month: float) -> None:
    xs = [p.month for p in t.batna["A"]]
    ys = [p.shift for p in t.batna["A"]]
    if xs[0] > 0:  # month 0 is now: no shift unless a point says otherwise
        xs, ys = [0, *xs], [0.0, *ys]
    assert t.shift("A", month) == pytest.approx(float(np.interp(month, xs, ys)), abs=1e-9)
    assert t.shift("B", month) == 0.0


def test_bad_timelines_name_their_field() -> None:
    with pytest.raises(ModelError) as err:
        Timeline(id="t", name="T", months=0, batna={})
    assert err.value.field == "months"
    with pytest.raises(ModelError) as err:
        Timeline(
            id="t",
            name="T",
            months=12,
            batna={"A": (BatnaPoint(month=6, shift=1), BatnaPoint(month=3, shift=2))},
        )
    assert err.value.field == "batna.A" and "increasing" in err.value.message
    with pytest.raises(ModelError) as err:
        Timeline(id="t", name="T", months=12, batna={"A": (BatnaPoint(month=18, shift=1),)})
    assert err.value.field == "batna.A" and "after" in err.value.message
    with pytest.raises(ModelError) as err:
        BatnaPoint(month=-1, shift=0)
    assert err.value.field == "month"


def test_unknown_parties_sources_and_duplicates_are_problems() -> None:
    t = Timeline(
        id="t", name="T", months=12, batna={"ZZ": (BatnaPoint(month=6, shift=1),)}, sources=("nope",)
    )
    problems = check_timelines([t, t], parties=["A", "B"], sources=["s"])
    paths = {p.path for p in problems}
    assert ("timelines", 0, "batna", "ZZ") in paths and ("timelines", 0, "sources", 0) in paths
    assert ("timelines", 1, "id") in paths
    assert any("A, B" in p.hint for p in problems)
