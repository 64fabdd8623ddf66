"""The briefing use case: every perspective and plan, amendments that work, flip distances that fit."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

import accord
from accord.model import OneOf, Scenario
from accord.space import SpaceError, compile_space
from accord.workbench.briefing import Brief, BriefRequest, brief

MINI = str(Path(__file__).resolve().parents[1] / "data" / "mini.yaml")


@cache
def briefed(name: str, perspective: str | None = None) -> Brief:
    return brief(BriefRequest(scenario=accord.load(name), perspective=perspective, time_limit=5.0))


@pytest.mark.parametrize("name", [MINI, "ukraine"])
def test_every_perspective_once_chosen_first(name: str) -> None:
    s = accord.load(name)
    b = briefed(name)
    got = [v.label.perspective for v in b.verdicts]
    assert got[0] == s.default_perspective
    assert sorted(got) == sorted(p.id for p in s.perspectives)


def test_a_chosen_perspective_comes_first() -> None:
    s = accord.load("ukraine")
    last = s.perspectives[-1].id
    assert briefed("ukraine", last).verdicts[0].label.perspective == last


@pytest.mark.parametrize("name", [MINI, "ukraine"])
def test_every_plan_variant_is_judged_by_every_negotiator(name: str) -> None:
    s = accord.load(name)
    b = briefed(name)
    assert [p.id for p in b.plans] == [p.id for p in s.plans]
    for pv in b.verdicts:
        assert [row.plan for row in pv.plans] == [v.id for v in s.plan_variants()]
        for row in pv.plans:
            assert {c.party for c in row.cells} >= set(s.negotiating_parties())


def _package(s: Scenario, plan: str, changes: tuple[tuple[str, str, str], ...]) -> dict[str, str]:
    """The plan's terms (each listed form at its first option, open issues at status quo) with ``changes``."""
    terms = s.plan_variant(plan).terms
    out = {i.id: i.status_quo for i in s.issues if i.status_quo is not None}
    out.update({k: (t.options[0] if isinstance(t, OneOf) else t) for k, t in terms.items()})
    for issue, before, after in changes:
        assert out[issue] == before
        out[issue] = after
    return out


def test_amendments_are_for_the_plans_not_acceptable_to_all_and_make_them_acceptable() -> None:
    s = accord.load("ukraine")
    b = briefed("ukraine")
    first = {row.plan: row for row in b.verdicts[0].plans}
    wanted = [p.id for p in s.plans if not first[p.id].acceptable_to_all]
    assert [a.plan for a in b.amendments] == wanted
    space = compile_space(s, perspective=b.perspective, parties=s.negotiating_parties())
    for a in b.amendments:
        if not a.feasible:
            continue
        pkg = _package(s, a.plan, a.changes)
        x = tuple(space.option_index(i, pkg[i]) for i in space.issues)
        # Acceptable to every negotiating party: above the BATNA and no red line crossed.
        assert all(space.utility(x) > space.batna), a.plan
        assert not any(rl.crossed_by(pkg) for p in s.negotiating_parties() for rl in _red_lines(s, p, b))


def _red_lines(s: Scenario, party: str, b: Brief) -> tuple:  # type: ignore[type-arg]
    prof = s.profile(party, b.perspective)
    return () if prof is None else prof.red_lines


@pytest.mark.parametrize("name", [MINI, "ukraine"])
def test_flip_distance_is_the_surplus_and_fragile_means_within_spread(name: str) -> None:
    b = briefed(name)
    for pv in b.verdicts:
        for row in pv.plans:
            for c in row.cells:
                if c.flip is not None:
                    assert c.flip == pytest.approx(abs(c.surplus), abs=1e-9)
                if c.verdict == "yes" and not c.fragile:
                    assert c.flip is None or c.flip > 0


def test_unknown_perspective_is_a_space_error_on_perspective() -> None:
    with pytest.raises(SpaceError) as err:
        brief(BriefRequest(scenario=accord.load(MINI), perspective="nowhere"))
    assert err.value.field == "perspective"
