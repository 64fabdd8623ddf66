"""Process-design use cases: arenas from the tables, designs from the rules, and their errors."""

from __future__ import annotations

from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest

import accord
from accord.model import Rule, Scenario, Track
from accord.space import SpaceError
from accord.workbench.design import LinkageRequest, SequenceRequest, linkage, sequence


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    """The scenario of ``accord init``: two parties, a ceasefire-first rule, every issue with a status quo."""
    text = (resources.files("accord") / "io" / "template.yaml").read_text(encoding="utf-8")
    path = Path(tmp_path_factory.mktemp("tpl")) / "template.yaml"
    path.write_text(text, encoding="utf-8")
    return accord.load(str(path))


def _with_rules(s: Scenario, *rules: Rule, tracks: tuple[Track, ...] = ()) -> Scenario:
    return replace(s, rules=(*s.rules, *rules), tracks=(*s.tracks, *tracks))


def test_unknown_table_lists_the_known_ones(template: Scenario) -> None:
    with pytest.raises(SpaceError) as err:
        linkage(LinkageRequest(scenario=template, tables=("nowhere",)))
    assert err.value.field == "tables" and "nowhere" in err.value.message and "main" in err.value.message


def test_each_table_alone_is_judged_by_its_seated_parties(template: Scenario) -> None:
    out = linkage(LinkageRequest(scenario=template))
    (main,) = out.result.arenas
    seated = template.table("main").parties
    assert main.arena.parties == tuple(p for p in seated if p in out.space.parties)
    assert {out.space.issues[i] for i in main.arena.issues} == {
        i.id for i in template.issues if i.table == "main"
    }


def test_a_sequence_over_a_track_without_issues_names_the_rule_and_field(template: Scenario) -> None:
    bad = Rule(id="bad-order", kind="sequence", params=(("before", "empty"), ("after", "political")))
    s = _with_rules(template, bad, tracks=(Track(id="empty"),))
    with pytest.raises(SpaceError) as err:
        sequence(SequenceRequest(scenario=s))
    assert err.value.field == "rules"
    assert "bad-order" in err.value.message and "'before'" in err.value.message


def test_sequence_rules_in_a_cycle_are_an_error(template: Scenario) -> None:
    back = Rule(
        id="political-first", kind="sequence", params=(("before", "political"), ("after", "ceasefire"))
    )
    with pytest.raises(SpaceError) as err:
        sequence(SequenceRequest(scenario=_with_rules(template, back)))
    assert "cycle" in err.value.message and "political-first" in err.value.message


def test_the_designs_follow_the_rules(template: Scenario) -> None:
    names = [d.design.name for d in sequence(SequenceRequest(scenario=template)).result.designs]
    assert names[0] == "comprehensive" and "sequenced" in names and "issue-by-issue" in names
    without = replace(template, rules=tuple(r for r in template.rules if r.kind != "sequence"))
    assert "sequenced" not in [
        d.design.name for d in sequence(SequenceRequest(scenario=without)).result.designs
    ]


@pytest.mark.parametrize("points", [3.0, 9.0])
def test_pressure_lifted_moves_the_later_fallback_by_the_declared_points(
    template: Scenario, points: float
) -> None:
    party = template.negotiating_parties()[0]
    rule = Rule(id="pressure", kind="pressure_until_settlement",
                params=(("until", "political"), ("on", (party,)), ("points", points)))  # fmt: skip
    out = sequence(SequenceRequest(scenario=_with_rules(template, rule)))
    by_name = {d.design.name: d for d in out.result.designs}
    kept, lifted = by_name["sequenced"], by_name["pressure-lifted"]
    assert kept.stages[0].agreed, (
        "the template's ceasefire stage is agreed: the pressure can be lifted after it"
    )
    p = out.space.parties.index(party)
    moved = lifted.stages[1].disagreement[p] - kept.stages[1].disagreement[p]
    assert lifted.stages[1].shifted and moved == pytest.approx(points)
    others = [k for k in range(len(out.space.parties)) if k != p]
    assert all(lifted.stages[1].disagreement[k] == kept.stages[1].disagreement[k] for k in others)
