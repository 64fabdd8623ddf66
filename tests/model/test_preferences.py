"""Profiles and values: ranges, interpolation, and no aliasing of the caller's dicts."""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType as M

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.model import (
    Issue,
    ModelError,
    Option,
    Perspective,
    Profile,
    RedLine,
    complete_values,
    floor_red_line,
    level_id,
)


def test_non_positive_weight_rejected(profile: Callable[..., Profile]) -> None:
    with pytest.raises(ModelError, match="positive"):
        profile(weights=M({"x": 0.0}))


def test_value_out_of_range_rejected(profile: Callable[..., Profile]) -> None:
    with pytest.raises(ModelError, match="0-100"):
        profile(values=M({"x": M({"a": 101.0, "b": 0.0})}))


def test_batna_out_of_range_rejected(profile: Callable[..., Profile]) -> None:
    with pytest.raises(ModelError, match="BATNA"):
        profile(batna=-1.0)


def test_profile_does_not_alias_the_callers_dicts(profile: Callable[..., Profile]) -> None:
    weights = {"x": 1.0}
    inner = {"a": 100.0, "b": 0.0}
    values = {"x": inner}
    prof = profile(weights=weights, values=values)
    weights["y"] = 5.0
    inner["a"] = 0.0
    values["z"] = {}
    assert dict(prof.weights) == {"x": 1.0}
    assert dict(prof.values["x"]) == {"a": 100.0, "b": 0.0}
    assert set(prof.values) == {"x"}
    with pytest.raises(TypeError):
        prof.weights["x"] = 2.0  # type: ignore[index]
    with pytest.raises(TypeError):
        prof.values["x"]["a"] = 2.0  # type: ignore[index]


def test_red_line_terms_are_a_read_only_copy() -> None:
    terms: dict[str, tuple[str, ...]] = {"x": ("a",)}
    rl = RedLine(terms=terms)
    terms["x"] = ("b",)
    assert rl.text() == "x=a"
    assert rl.crossed_by({"x": "a"}) and not rl.crossed_by({"x": "b"})


def test_numeric_interpolation() -> None:
    issue = Issue(
        id="cap",
        title="cap",
        kind="numeric",
        options=tuple(Option(id=level_id(v), level=v) for v in (0, 50, 100, 200, None)),
    )
    vals = complete_values(issue, {"0": 0.0, "100": 80.0, "none": 100.0})
    assert vals == (0.0, 40.0, 80.0, 80.0, 100.0)


def test_no_limit_level_needs_a_value() -> None:
    issue = Issue(
        id="cap",
        title="cap",
        kind="numeric",
        options=(Option(id="0", level=0), Option(id="none", level=None)),
    )
    with pytest.raises(ValueError, match="none"):
        complete_values(issue, {"0": 10.0})


@pytest.mark.parametrize("good", ["", "2025", "2025-12", "2024-02-29"])
def test_as_of_takes_a_year_a_month_or_a_day(good: str) -> None:
    assert Perspective(id="p", as_of=good).as_of == good


@pytest.mark.parametrize("bad", ["25", "2025-1", "2025-13", "2025-02-29", "Dec 2025", "2025-12-01T00"])
def test_as_of_refuses_what_is_not_a_date(bad: str) -> None:
    with pytest.raises(ModelError, match="not a date"):
        Perspective(id="p", as_of=bad)


def test_a_perspective_neither_mirrors_itself_nor_lists_a_party_twice() -> None:
    with pytest.raises(ModelError, match="itself"):
        Perspective(id="p", mirror="p")
    with pytest.raises(ModelError, match="twice"):
        Perspective(id="p", parties=("A", "A"))
    with pytest.raises(ModelError, match="kind"):
        Perspective(id="p", kind="normative")  # type: ignore[arg-type]


@given(
    values=st.lists(st.integers(0, 100), min_size=1, max_size=6),
    floor=st.integers(0, 100),
)
def test_a_floor_bars_exactly_the_options_valued_below_it(values: list[int], floor: int) -> None:
    issue = Issue(id="x", title="X", options=tuple(Option(id=f"o{k}") for k in range(len(values))))
    given_values = {f"o{k}": float(v) for k, v in enumerate(values)}
    if max(values) < floor:
        with pytest.raises(ModelError, match="meets the floor"):
            floor_red_line(issue, floor, given_values)
        return
    rl = floor_red_line(issue, floor, given_values)
    for k, v in enumerate(values):
        crossed = rl is not None and rl.crossed_by({"x": f"o{k}"})
        assert crossed == (v < floor)
    assert rl is None or rl.origin == "floor"
