"""Describing a scenario: catalogue entries, profiles, plans, validation findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.io import check_text
from accord.model import Scenario
from accord.space import SpaceError
from accord.workbench.scenario import CatalogueEntry, Validation, party_profiles, plan_detail

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.yaml"


def test_catalogue_entry_counts(mini: Scenario) -> None:
    entry = CatalogueEntry.of("mini", "a toy", mini)
    assert (entry.parties, entry.issues, entry.plans, entry.perspectives) == (3, 2, 2, 1)
    assert entry.title == mini.title and entry.summary == "a toy"


def test_profiles_and_plans_by_id(mini: Scenario) -> None:
    assert [p.party for p in party_profiles(mini, "A").profiles] == ["A"]
    assert plan_detail(mini, "p2").plan.title == "Line of contact"
    with pytest.raises(SpaceError) as err:
        party_profiles(mini, "M")
    assert err.value.field == "party" and "parties with profiles: A, B" in err.value.message
    with pytest.raises(SpaceError) as err:
        plan_detail(mini, "zz")
    assert err.value.field == "plan"


def test_validation_counts_errors_and_warnings() -> None:
    good = Validation.of("mini.yaml", check_text(MINI.read_text(encoding="utf-8"), name="mini.yaml"))
    assert good.ok and good.scenario is not None and good.errors == ()
    bad_text = MINI.read_text(encoding="utf-8").replace("parties: [A, B]}", "parties: [A, Q]}")
    bad = Validation.of("bad.yaml", check_text(bad_text, name="bad.yaml"))
    assert not bad.ok and len(bad.errors) >= 1
    assert all(p.severity == "error" for p in bad.errors)
