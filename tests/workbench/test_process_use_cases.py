"""The ripeness and align use cases: schedules from timelines, known names listed, factions compiled."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.io import check_text, load_scenario
from accord.space import SpaceError
from accord.workbench.align import AlignRequest, align
from accord.workbench.ripeness import RipenessRequest, months_of, ripeness, schedule

DATA = Path(__file__).resolve().parents[1] / "data"
MINI = load_scenario(DATA / "mini.yaml")
FEATURES = load_scenario(DATA / "features.yaml")
TIMELINE = """
timelines:
  - id: slide
    name: A slides
    months: 10
    sources: [toy]
    batna:
      A: [{month: 10, shift: -40}]
      B: [{month: 5, shift: 70}]
"""


def with_timeline() -> object:
    report = check_text((DATA / "mini.yaml").read_text(encoding="utf-8") + TIMELINE, name="t.yaml")
    assert report.scenario is not None
    return report.scenario


def test_schedule_adds_the_shift_and_clips_to_the_scale() -> None:
    s = with_timeline()
    out = ripeness(RipenessRequest(scenario=s, step=5))  # type: ignore[arg-type]
    (run,) = out.runs
    assert [v.month for v in run.result.months] == [0, 5, 10]
    batna = [v.batna for v in run.result.months]
    assert batna[0] == pytest.approx((45.0, 40.0))
    assert batna[1] == pytest.approx((25.0, 100.0))  # 40 + 70 clipped to 100
    assert batna[2] == pytest.approx((5.0, 100.0))
    assert schedule(out.space, run.timeline, (0,)) == [(0, tuple(out.space.batna))]


def test_default_step_keeps_about_a_dozen_months_and_the_last() -> None:
    s = with_timeline()
    t = s.timelines[0]  # type: ignore[attr-defined]
    assert months_of(t, None) == tuple(range(11))
    assert months_of(t, 4) == (0, 4, 8, 10)


def test_unknown_timeline_lists_the_known_ones() -> None:
    with pytest.raises(SpaceError) as err:
        RipenessRequest(scenario=with_timeline(), timeline="nope")  # type: ignore[arg-type]
    assert err.value.field == "timeline" and "slide" in err.value.message
    with pytest.raises(SpaceError) as err:
        RipenessRequest(scenario=MINI, step=0)
    assert err.value.field == "step"


def test_no_timelines_is_an_empty_outcome() -> None:
    assert ripeness(RipenessRequest(scenario=MINI)).runs == ()


def test_align_compares_the_aggregate_with_each_weighted_faction() -> None:
    out = align(AlignRequest(scenario=FEATURES, party="M"))
    assert out.result.profiles == ("aggregate", "X", "Y")  # Z carries no weight
    assert [f for f, _ in out.shares] == ["X", "Y"]
    assert sum(w for _, w in out.shares) == pytest.approx(1.0)


def test_align_errors_name_the_party_and_list_those_with_factions() -> None:
    with pytest.raises(SpaceError) as err:
        AlignRequest(scenario=FEATURES, party="A")
    assert err.value.field == "party" and "A" in err.value.message and "M" in err.value.message
    with pytest.raises(SpaceError) as err:
        AlignRequest(scenario=MINI, party="A")
    assert "none in this scenario" in err.value.message
