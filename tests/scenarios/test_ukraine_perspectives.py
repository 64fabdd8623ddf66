"""Every perspective of ``ukraine`` is one a reader can trust.

Dated (``as_of``) and attributed; the parties it claims to cover each have a
profile under it; mirrors name each other; government views are labelled
symmetrically; and every perspective that is not the baseline and covers only
some parties says so through ``parties`` (the rest fall back, and outputs say so).
"""

from __future__ import annotations

import pytest

from accord.model import Scenario
from accord.scenarios import load_builtin


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_builtin("ukraine")


def holders(s: Scenario, perspective: str) -> set[str]:
    return {p.holder for p in s.profiles if p.perspective == perspective}


def test_every_perspective_is_dated_and_attributed(scenario: Scenario) -> None:
    for p in scenario.perspectives:
        assert p.as_of, f"{p.id}: no as_of"
        assert len(p.attribution.split()) >= 4, f"{p.id}: attribution too thin: {p.attribution!r}"
        assert p.sources, f"{p.id}: no sources"


def test_every_perspective_covers_the_parties_it_claims(scenario: Scenario) -> None:
    for p in scenario.perspectives:
        assert p.parties, f"{p.id}: claims no parties"
        missing = set(p.parties) - holders(scenario, p.id)
        assert not missing, f"{p.id} claims {sorted(missing)} without a profile for them"
        extra = holders(scenario, p.id) - set(p.parties)
        assert not extra, f"{p.id} has profiles for {sorted(extra)} but does not claim them"


def test_the_baseline_covers_every_party_the_plans_depend_on(scenario: Scenario) -> None:
    baseline = scenario.perspective(scenario.default_perspective)
    needed = {"UA", "RU", "US", "EU", "TR"}
    proposers = {q for plan in scenario.plans for q in plan.proposers}
    assert needed | proposers <= set(baseline.parties)


def test_mirrors_are_mutual_and_pair_like_with_like(scenario: Scenario) -> None:
    by_id = {p.id: p for p in scenario.perspectives}
    for p in scenario.perspectives:
        if p.mirror is None:
            continue
        other = by_id[p.mirror]
        assert other.mirror == p.id, f"{p.id} mirrors {other.id}, which mirrors {other.mirror}"
        assert other.kind == p.kind, f"{p.id} ({p.kind}) mirrored by {other.id} ({other.kind})"
    non_baseline = [p for p in scenario.perspectives if p.id != scenario.default_perspective]
    assert all(p.mirror for p in non_baseline), "every non-baseline perspective needs its mirror"


def test_prescriptive_perspectives_say_so_in_their_name(scenario: Scenario) -> None:
    for p in scenario.perspectives:
        assert (p.kind == "prescriptive") == ("prescriptive" in p.name.lower()), p.id


def test_labels_are_symmetric(scenario: Scenario) -> None:
    loaded = ("maximalist", "extremist", "hardline", "moderate")
    for p in scenario.perspectives:
        words = f"{p.name} {p.description}".lower()
        assert not any(w in words for w in loaded), f"{p.id} uses a loaded label"
    gov = {p.id: p.name for p in scenario.perspectives if p.id.endswith("-government")}
    assert sorted(gov) == ["ru-government", "ua-government"]
    assert gov["ua-government"].replace("Kyiv", "X") == gov["ru-government"].replace("Moscow", "X")
