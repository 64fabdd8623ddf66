"""Scenario checks: every problem reported at once, with the names that matter."""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType as M

import pytest

from accord.model import (
    Constraint,
    Issue,
    Profile,
    RedLine,
    Rule,
    Scenario,
    ScenarioInvalid,
    freeze_condition,
)
from accord.model.checks import ScenarioDraft, check_scenario


def _messages(exc: pytest.ExceptionInfo[ScenarioInvalid]) -> list[str]:
    return [p.message for p in exc.value.problems]


def test_unknown_issue_in_profile(scenario: Callable[..., Scenario], profile: Callable[..., Profile]) -> None:
    with pytest.raises(ScenarioInvalid) as exc:
        scenario(profiles=(profile(weights=M({"x": 1.0, "nope": 2.0})),))
    assert any("unknown issue 'nope'" in m for m in _messages(exc))


def test_missing_value_for_weighted_issue(
    scenario: Callable[..., Scenario], profile: Callable[..., Profile]
) -> None:
    with pytest.raises(ScenarioInvalid) as exc:
        scenario(profiles=(profile(values=M({"x": M({"a": 10.0})})),))
    assert any("no value for b" in m for m in _messages(exc))


def test_contradictory_constraints_named(
    scenario: Callable[..., Scenario], issue: Callable[..., Issue]
) -> None:
    cons = (
        Constraint(
            id="c1", kind="implies", if_=freeze_condition({"x": "a"}), then=freeze_condition({"y": "c"})
        ),
        Constraint(
            id="c2", kind="implies", if_=freeze_condition({"x": "a"}), then=freeze_condition({"y": "d"})
        ),
        Constraint(id="c3", kind="excludes", if_=freeze_condition({"x": "b"})),
        Constraint(
            id="c4", kind="implies", if_=freeze_condition({"y": "c"}), then=freeze_condition({"x": "a"})
        ),
    )
    with pytest.raises(ScenarioInvalid) as exc:
        scenario(issues=(issue(), issue("y", ("c", "d"))), constraints=cons)
    conflict = next(m for m in _messages(exc) if "contradictory" in m)
    # c1, c2 and c3 are the minimal conflict; c4 is innocent.
    assert conflict == "contradictory constraints: no package satisfies c1, c2, c3 together"


def test_unavoidable_red_line(scenario: Callable[..., Scenario], profile: Callable[..., Profile]) -> None:
    rl = RedLine(terms=freeze_condition({"x": ("a", "b")}))
    with pytest.raises(ScenarioInvalid) as exc:
        scenario(profiles=(profile(red_lines=(rl,)),))
    assert "red line of A (x=a|b) cannot be avoided: every package allowed by the constraints crosses it" in (
        _messages(exc)
    )


def test_red_line_unavoidable_only_through_constraint(
    scenario: Callable[..., Scenario], profile: Callable[..., Profile]
) -> None:
    rl = RedLine(terms=freeze_condition({"x": "a"}))
    cons = (Constraint(id="c", kind="excludes", if_=freeze_condition({"x": "b"})),)
    with pytest.raises(ScenarioInvalid) as exc:
        scenario(profiles=(profile(red_lines=(rl,)),), constraints=cons)
    assert any("cannot be avoided" in m for m in _messages(exc))


def test_unknown_rule_kind_and_parameter(scenario: Callable[..., Scenario]) -> None:
    rules = (
        Rule(id="r1", kind="nonsense"),
        Rule(id="r2", kind="sequence", params=(("before", "nowhere"), ("colour", "red"))),
    )
    with pytest.raises(ScenarioInvalid) as exc:
        scenario(rules=rules)
    by_path = {p.where(): p for p in exc.value.problems}
    assert by_path["rules[0].kind"].message == "unknown rule kind 'nonsense'"
    assert by_path["rules[0].kind"].hint.startswith("known kinds: agenda_first, all_issues_on_table,")
    assert by_path["rules[1].before"].message == "unknown track or phase 'nowhere'"
    assert by_path["rules[1].colour"].message == "rule kind 'sequence' takes no parameter 'colour'"
    assert by_path["rules[1].colour"].hint == "parameters: before, after"


def test_a_draft_is_checked_like_a_scenario(
    profile: Callable[..., Profile], issue: Callable[..., Issue]
) -> None:
    draft = ScenarioDraft(issues=(issue(),), profiles=(profile(),))
    problems = check_scenario(draft)
    # No party A and no perspective p were declared; no default perspective is checked.
    assert [(p.where(), p.message) for p in problems] == [
        ("profiles[0].party", "unknown party 'A'"),
        ("profiles[0].perspective", "unknown perspective 'p'"),
    ]
