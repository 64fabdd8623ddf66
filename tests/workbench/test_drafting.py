"""The drafting engine: every article traces to its issue and option, brackets name proposers,
instruments follow the tracks, land mines are exactly the issues the readings dispute.

Expected values are recomputed here from the scenario's plans, never read from the engine.
"""

from __future__ import annotations

from functools import cache

import pytest

import accord
from accord.model import OneOf, Scenario
from accord.workbench.drafting import DraftRequest, draft
from accord.workbench.instruments import DraftResult
from accord.workbench.landmines import with_landmines


@cache
def ukraine() -> Scenario:
    return accord.load("ukraine")


@cache
def drafted(package: str) -> DraftResult:
    s = ukraine()
    return with_landmines(s, draft(DraftRequest(scenario=s, package=package)))


VARIANTS = [v.id for v in ukraine().plan_variants()]


def _proposers(s: Scenario, issue: str, option: str) -> tuple[set[str], set[str]]:
    parties: set[str] = set()
    plans: set[str] = set()
    for plan in s.plans:
        term = plan.terms.get(issue)
        options = () if term is None else ((term,) if isinstance(term, str) else term.options)
        if option in options:
            parties.update(plan.proposers)
            plans.add(plan.id)
    return parties, plans


@pytest.mark.parametrize("package", VARIANTS)
def test_every_article_traces_to_its_issue_and_option(package: str) -> None:
    s = ukraine()
    terms = s.plan_variant(package).terms
    result = drafted(package)
    for ins in result.instruments:
        assert [a.number for a in ins.articles] == list(range(1, len(ins.articles) + 1))
        for a in ins.articles:
            if a.issue is None:
                assert a.kind in ("implementation", "final")
                continue
            term = terms.get(a.issue)
            if isinstance(term, str):
                assert (a.kind, a.option) == ("provision", term)
                assert a.option in {o.id for o in s.issue(a.issue).options}
            else:
                assert a.kind == "bracketed" and a.option is None
                if isinstance(term, OneOf):
                    assert [alt.option for alt in a.alternatives] == list(term.options)


@pytest.mark.parametrize("package", VARIANTS)
def test_every_bracketed_alternative_names_its_proposers(package: str) -> None:
    s = ukraine()
    for ins in drafted(package).instruments:
        for a in ins.articles:
            for alt in a.alternatives:
                assert a.issue is not None
                parties, plans = _proposers(s, a.issue, alt.option)
                assert (set(alt.proposers), set(alt.plans)) == (parties, plans)
                assert alt.proposed_by()
                for who in (*alt.proposers, *alt.plans):
                    assert who in alt.proposed_by()


@pytest.mark.parametrize("package", VARIANTS)
def test_instruments_follow_the_tracks(package: str) -> None:
    s = ukraine()
    ceasefire_tracks = set(s.drafting.ceasefire_tracks)
    assert ceasefire_tracks == {"ceasefire", "humanitarian"}
    result = drafted(package)
    seen: dict[str, str] = {}
    for ins in result.instruments:
        for a in ins.articles:
            if a.issue is not None:
                seen[a.issue] = ins.kind
        for issue in ins.silent:
            seen[issue] = ins.kind
    assert set(seen) == {i.id for i in s.issues}, "every issue drafted or listed silent, exactly once"
    for issue, kind in seen.items():
        assert (s.issue(issue).track in ceasefire_tracks) == (kind == "ceasefire"), issue


@pytest.mark.parametrize("package", VARIANTS)
def test_final_clauses_follow_pickering(package: str) -> None:
    s = ukraine()
    early = {e for r in s.rules if r.kind == "nothing_agreed_until_everything_agreed" for e in r.exceptions}
    for ins in drafted(package).instruments:
        text = " ".join(a.text for a in ins.articles if a.kind == "final")
        assert "Article 102 of the Charter" in text and "Security Council" in text and "in writing" in text
        for lang in s.drafting.languages:
            assert lang in text
        assert "equally authentic" in text
        for a in ins.articles:
            assert a.early == (a.issue in early)
            if a.early:
                assert f"Articles {a.number}" in text or f", {a.number}" in text


def test_cross_references_point_at_the_article_of_the_issue() -> None:
    result = drafted("parley-ceasefire")
    ceasefire = result.instruments[0]
    loc = ceasefire.article_for("line_of_control")
    dmz = ceasefire.article_for("dmz")
    armistice = ceasefire.article_for("ceasefire")
    assert loc is not None and dmz is not None and armistice is not None
    assert f"Article {loc.number} and Article {dmz.number}" in armistice.text


def test_generic_articles_are_marked_and_built_from_the_label(mini: Scenario) -> None:
    plan = mini.plans[0]
    result = draft(DraftRequest(scenario=mini, package=plan.id))
    provisions = [a for ins in result.instruments for a in ins.articles if a.kind == "provision"]
    assert provisions, "mini's first plan settles some issue"
    for a in provisions:
        assert a.generic and a.issue is not None and a.option is not None
        label = next(o.text for o in mini.issue(a.issue).options if o.id == a.option)
        assert label.rstrip(".") in a.text


@pytest.mark.parametrize("plan", [p.id for p in ukraine().plans])
def test_land_mines_are_the_issues_readings_dispute(plan: str) -> None:
    s = ukraine()
    result = drafted(plan)
    variants = s.plan(plan).variants()
    disputed = {i.id for i in s.issues if len({repr(v.terms.get(i.id)) for v in variants}) > 1}
    assert {m.issue for m in result.landmines} == disputed
    for m in result.landmines:
        assert [v for v, _ in m.meanings] == [v.id for v in variants]
        assert len({t for _, t in m.meanings}) > 1
    if disputed:
        assert {v.variant for v in result.verdicts} == {v.id for v in variants}
    else:
        assert result.verdicts == ()


def test_an_unknown_package_is_a_request_error() -> None:
    from accord.model.problems import SpaceError

    with pytest.raises(SpaceError) as exc:
        draft(DraftRequest(scenario=ukraine(), package="nope"))
    assert exc.value.field == "package"
