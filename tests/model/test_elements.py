"""Structural elements: ids are validated, sequences are frozen to tuples."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from accord.model import Faction, Issue, ModelError, Party, Role, Rule, Table, level_id
from accord.model.elements import ID_HINT, check_id, is_id


def test_bad_id_rejected() -> None:
    with pytest.raises(ModelError, match="not a valid id"):
        Party(id="a b", name="x", role=Role.MEDIATOR)


def test_ids_with_dots_reserved_for_factions() -> None:
    with pytest.raises(ModelError):
        Party(id="US.NSC", name="x", role=Role.GUARANTOR)


def test_duplicate_option_rejected(issue: Callable[..., Issue]) -> None:
    with pytest.raises(ModelError, match="appears twice"):
        issue(opts=("a", "a"))


def test_status_quo_must_be_an_option(issue: Callable[..., Issue]) -> None:
    with pytest.raises(ModelError, match="status_quo"):
        issue(status_quo="zz")


def test_level_ids() -> None:
    assert level_id(85000) == "85000"
    assert level_id(85000.0) == "85000"
    assert level_id(None) == "none"
    assert level_id(2.5) == "2_5"


def test_lists_given_are_kept_as_tuples() -> None:
    factions = [Faction(id="NSC")]
    party = Party(id="US", name="US", role=Role.GUARANTOR, factions=factions, sources=["s"])  # type: ignore[arg-type]
    factions.append(Faction(id="DoD"))
    assert party.factions == (Faction(id="NSC"),)
    assert party.sources == ("s",)
    table = Table(id="t", name="T", parties=["A", "B"])  # type: ignore[arg-type]
    assert table.parties == ("A", "B")
    rule = Rule(id="r", kind="sequence", params=[("before", "a")], exceptions=["x"])  # type: ignore[arg-type]
    assert rule.params == (("before", "a"),) and rule.exceptions == ("x",)
    assert rule.param("before") == "a" and rule.param("after", "z") == "z"


@pytest.mark.parametrize("good", ["UA", "Україна", "俄罗斯", "भारत", "x-1", "a_b", "1000", "a" * 64])
def test_ids_in_any_script(good: str) -> None:
    assert is_id(good)
    Party(id=good, name="x", role=Role.MEDIATOR)


@pytest.mark.parametrize("bad", ["a b", "US.NSC", "-x", "_x", "", "a" * 65, "a/b", "a[b]", "x\n", 5])
def test_ids_without_spaces_or_punctuation(bad: object) -> None:
    assert not is_id(bad)
    with pytest.raises(ModelError) as err:
        check_id(bad)
    assert err.value.hint == ID_HINT and "any script" in ID_HINT
