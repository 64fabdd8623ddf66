"""The compiled space: read-only arrays, whose estimate each row is, and its spread."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from accord.io import load_scenario
from accord.model import Scenario
from accord.space import Space, SpaceError, compile_space

DATA = Path(__file__).parent / "data"

PERSPECTIVES = """
perspectives:
  - {id: base, name: Baseline, owner: Analyst desk}
  - {id: alt, name: Alternative}
"""

ALT_PROFILE = """
  - party: B
    perspective: alt
    weights: {border: 1}
    values: {border: {old: 0, line: 50, new: 100}}
    batna: 30
    spread: {weights: 0.1, values: 4, batna: 6}
    rationale: other numbers
"""


@pytest.fixture(scope="module")
def mini() -> Scenario:
    return load_scenario(DATA / "mini.yaml")


@pytest.fixture(scope="module")
def two_views(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace("perspectives:\n  - {id: base, name: Baseline}\n", PERSPECTIVES.lstrip("\n"))
    text = text.replace(
        "    batna: 45\n", "    batna: 45\n    spread: {weights: 0.25, values: 10, batna: 5}\n"
    )
    text = text.replace("plans:\n", ALT_PROFILE.lstrip("\n") + "plans:\n", 1)
    path = tmp_path_factory.mktemp("space") / "two.yaml"
    path.write_text(text, encoding="utf-8")
    return load_scenario(path)


def _arrays(space: Space) -> list[np.ndarray]:
    assert space.weights is not None
    return [
        *space.contrib,
        space.batna,
        space.weights,
        space.weight_spread,
        space.value_spread,
        space.batna_spread,
    ]


def test_compiled_arrays_are_read_only(mini: Scenario) -> None:
    space = compile_space(mini)
    for restricted in (space, space.select_parties(["B", "A"]), space.fix({"border": "old"})):
        for array in _arrays(restricted):
            with pytest.raises(ValueError, match="read-only"):
                array[...] = 0.0


def test_from_arrays_freezes_a_copy_not_the_callers_array() -> None:
    contrib = np.array([[1.0, 2.0], [3.0, 4.0]])
    batna = np.array([0.5, 0.5])
    space = Space.from_arrays([contrib], batna)
    contrib[0, 0] = 9.0
    batna[0] = 9.0
    assert space.contrib[0][0, 0] == 1.0 and space.batna[0] == 0.5
    for array in (space.contrib[0], space.batna, space.value_spread):
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 1.0
    assert space.value_spread.tolist() == [0.0, 0.0] and space.owners == ("", "")


def test_spreads_and_owners_are_compiled_per_party(two_views: Scenario) -> None:
    space = compile_space(two_views, perspective="alt")
    assert space.parties == ("A", "B")
    # A has no profile under "alt": its row is the baseline's estimate, owned by the analyst desk.
    assert space.perspectives == ("base", "alt")
    assert space.owners == ("Analyst desk", "")
    assert (space.perspective, space.perspective_name, space.perspective_owner) == ("alt", "Alternative", "")
    assert space.weight_spread.tolist() == [0.25, 0.1]
    assert space.value_spread.tolist() == [10.0, 4.0]
    assert space.batna_spread.tolist() == [5.0, 6.0]
    assert space.estimate_spread.tolist() == [15.0, 10.0]
    swapped = space.select_parties(["B", "A"])
    assert swapped.owners == ("", "Analyst desk") and swapped.estimate_spread.tolist() == [10.0, 15.0]


def test_fragile_is_a_surplus_within_the_stated_spread(two_views: Scenario) -> None:
    space = compile_space(two_views)
    assert space.batna.tolist() == [45.0, 40.0] and space.estimate_spread.tolist() == [15.0, 0.0]
    assert space.fragile([59.0, 40.5]).tolist() == [True, False]
    assert space.fragile([60.0, 40.0]).tolist() == [True, True]
    assert space.fragile([60.5, 39.0]).tolist() == [False, False]


def test_issue_off_the_table_without_status_quo_is_explained_in_the_engines_words(mini: Scenario) -> None:
    with pytest.raises(SpaceError) as exc:
        compile_space(mini, tracks=["political"])
    assert exc.value.field == "tracks"
    assert exc.value.message == (
        "issue 'troops' is outside the selection and has no status_quo to hold it at; "
        "hold it at one of its options (1000, 5000, none)"
    )
    assert "--" not in str(exc.value)


def test_a_fixed_issue_off_the_table_needs_no_status_quo(mini: Scenario) -> None:
    # The error above advises holding the issue at an option; doing so must work.
    held = compile_space(mini, tracks=["political"], fixed={"troops": "5000"})
    assert held.domains == (frozenset({0, 1, 2}), frozenset({1}))
    on_table = compile_space(mini, tracks=["ceasefire"], fixed={"troops": "none"})
    assert on_table.domains == (frozenset({1}), frozenset({2}))  # border held at its status quo, line


def test_fragile_counts_a_tie_within_tolerance() -> None:
    """Issue 8: float noise decided ties. u = 0.1 + 0.2 = 0.30000000000000004 against a spread of 0.3."""
    space = replace(Space.from_arrays([[[0.1]], [[0.2]]], [0.0]), value_spread=np.array([0.3]))
    u = space.utility((0, 0))
    assert u[0] > 0.3
    assert space.fragile(u).tolist() == [True]


# -- mixed perspectives ------------------------------------------------------------------


@pytest.fixture(scope="module")
def mixed() -> Scenario:
    return load_scenario(DATA / "mixed.yaml")


def _row(scenario: Scenario, party: str, perspective: str) -> tuple[float, tuple[float, ...]]:
    """A party's BATNA and the utilities of its profile under ``perspective``, from the profile itself."""
    prof = scenario.profile(party, perspective)
    assert prof is not None and prof.perspective == perspective
    total = sum(prof.weights.values())
    share = prof.weights["border"] / total
    return prof.batna, tuple(prof.values["border"][option] * share for option in ("old", "line", "new"))


def test_mixed_choice_compiles_each_party_under_its_own_perspective(mixed: Scenario) -> None:
    space = compile_space(mixed, perspective="A=a-view,B=b-view")
    assert space.requested == ("a-view", "b-view")
    assert space.perspectives == ("a-view", "b-view")
    assert space.perspective == "base" and space.fallbacks == ()
    for p, (party, persp) in enumerate((("A", "a-view"), ("B", "b-view"))):
        batna, border = _row(mixed, party, persp)
        assert space.batna[p] == batna
        assert tuple(space.contrib[0][p]) == pytest.approx(border)
    # The same rows as compiling each party under its perspective alone.
    alone = compile_space(mixed, perspective="a-view", parties=["A"])
    assert np.array_equal(alone.contrib[1][0], space.contrib[1][0])
    assert space.choice == "base,A=a-view,B=b-view"


def test_party_without_a_profile_falls_back_and_says_so(mixed: Scenario) -> None:
    space = compile_space(mixed, perspective="b-view,A=a-view")
    assert space.requested == ("a-view", "b-view")
    assert space.perspectives == ("a-view", "b-view")
    space = compile_space(mixed, perspective={"*": "a-view"})
    assert space.requested == ("a-view", "a-view")
    assert space.perspectives == ("a-view", "base")
    assert space.fallbacks == ("B",)
    assert space.select_parties(["B"]).fallbacks == ("B",)
    assert space.select_parties(["A"]).requested == ("a-view",)


def test_mixed_choice_errors_name_the_perspective_field(mixed: Scenario) -> None:
    for spec in ("A=nowhere", "Z=a-view", "A=a-view,A=b-view"):
        with pytest.raises(SpaceError) as info:
            compile_space(mixed, perspective=spec)
        assert info.value.field == "perspective"
