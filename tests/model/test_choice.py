"""Perspective choices (accord.model.choice): text form, errors, the perspective each party is asked under."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import accord
from accord.model import Scenario
from accord.model.choice import PerspectiveChoice
from accord.model.problems import SpaceError

MIXED = Path(__file__).resolve().parents[1] / "data" / "mixed.yaml"


@pytest.fixture(scope="module")
def mixed() -> Scenario:
    return accord.load(str(MIXED))


def test_one_id_is_the_default_for_every_party() -> None:
    choice = PerspectiveChoice.parse("a-view")
    assert choice.default == "a-view" and dict(choice.parties) == {} and not choice.mixed


def test_pairs_and_a_bare_default() -> None:
    choice = PerspectiveChoice.parse(" base , A=a-view,B = b-view ")
    assert choice.default == "base"
    assert dict(choice.parties) == {"A": "a-view", "B": "b-view"}
    assert choice.mixed


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "names no perspective"),
        ("A=a-view,,B=b-view", "empty item"),
        ("A=", "takes PARTY=PERSPECTIVE"),
        ("=a-view", "takes PARTY=PERSPECTIVE"),
        ("A=a-view,A=b-view", "names party 'A' twice"),
        ("base,a-view", "names two defaults"),
        ("bad id", "not a valid perspective id"),
        ("A B=a-view", "not a valid party id"),
    ],
)
def test_malformed_text_is_an_error_on_the_perspective_field(text: str, message: str) -> None:
    with pytest.raises(SpaceError, match=message) as info:
        PerspectiveChoice.parse(text)
    assert info.value.field == "perspective"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("nowhere", "unknown perspective 'nowhere'"),
        ("A=nowhere", "unknown perspective 'nowhere'"),
        ("Z=a-view", "unknown party 'Z'"),
        ("A.X=a-view", "unknown faction 'X' of A"),
    ],
)
def test_check_names_what_the_scenario_lacks(mixed: Scenario, spec: str, message: str) -> None:
    with pytest.raises(SpaceError, match=message):
        PerspectiveChoice.parse(spec).check(mixed)


def test_requested_perspective_per_party(mixed: Scenario) -> None:
    choice = PerspectiveChoice.parse("A=a-view")
    assert choice.requested(mixed, "A") == "a-view"
    assert choice.requested(mixed, "B") == mixed.default_perspective
    # A faction without an entry of its own takes its party's.
    assert choice.requested(mixed, "A.hawks") == "a-view"
    assert PerspectiveChoice.parse("b-view,A=a-view").requested(mixed, "B") == "b-view"


def test_of_accepts_every_api_form() -> None:
    assert PerspectiveChoice.of(None) == PerspectiveChoice()
    assert PerspectiveChoice.of("A=a-view") == PerspectiveChoice(parties={"A": "a-view"})
    mapping = PerspectiveChoice.of({"*": "base", "B": "b-view"})
    assert mapping.default == "base" and dict(mapping.parties) == {"B": "b-view"}
    choice = PerspectiveChoice(default="base")
    assert PerspectiveChoice.of(choice) is choice
    with pytest.raises(SpaceError):
        PerspectiveChoice.of(3)  # type: ignore[arg-type]


IDS = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)


@given(
    st.one_of(st.none(), IDS), st.dictionaries(st.from_regex(r"[A-Z]{1,3}", fullmatch=True), IDS, max_size=4)
)
def test_text_form_round_trips(default: str | None, pairs: dict[str, str]) -> None:
    choice = PerspectiveChoice(default=default, parties=pairs)
    if default is None and not pairs:
        return  # the scenario's default has no text of its own
    again = PerspectiveChoice.parse(choice.text())
    assert again.default == default and dict(again.parties) == pairs
