"""The scenario object: lookups, profile fallback, frozen collections."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from accord.model import Perspective, Profile, Scenario


def test_valid_minimal_scenario(scenario: Callable[..., Scenario], profile: Callable[..., Profile]) -> None:
    s = scenario(profiles=(profile(),))
    assert s.profile("A") is not None
    assert s.profiled_parties() == ("A",)


def test_profile_fallback_to_default_perspective(
    scenario: Callable[..., Scenario], profile: Callable[..., Profile]
) -> None:
    s = scenario(perspectives=(Perspective(id="p"), Perspective(id="q")), profiles=(profile(),))
    prof = s.profile("A", "q")
    assert prof is not None and prof.perspective == "p"
    assert s.profile("A", "q", fallback=False) is None


def test_lookups_name_the_known_ids(scenario: Callable[..., Scenario]) -> None:
    s = scenario()
    assert s.issue("x").title == "X"
    with pytest.raises(KeyError, match="no party 'B'; known: A"):
        s.party("B")


def test_collections_are_tuples(scenario: Callable[..., Scenario], profile: Callable[..., Profile]) -> None:
    s = scenario(profiles=[profile()], perspectives=[Perspective(id="p")])
    assert isinstance(s.profiles, tuple) and isinstance(s.perspectives, tuple)
