"""The rule-kind registry: what it lists is what the loader accepts, each kind cited."""

from __future__ import annotations

from accord.io import check_text
from accord.model import RULE_KINDS, RuleKindSpec

HEAD = """accord: 1
id: r
title: R
parties: [{id: A, name: A, role: belligerent}]
issues: [{id: x, title: X, options: [{id: a}]}]
perspectives: [{id: p}]
rules:
"""


def test_registry_holds_rule_kind_specs() -> None:
    assert len(RULE_KINDS) == 17
    assert RULE_KINDS.names[0] == "nothing_agreed_until_everything_agreed"
    assert all(isinstance(spec, RuleKindSpec) and spec.title and spec.summary for spec in RULE_KINDS)
    # Every principle but ``custom`` says which essay states it.
    assert [spec.name for spec in RULE_KINDS if not spec.citation] == ["custom"]
    assert RULE_KINDS.get("sequence").param_names == ("before", "after")
    assert RULE_KINDS.get("sequence").refers_to("before") == "track_or_phase"
    assert RULE_KINDS.get("sequence").refers_to("colour") is None


def test_loader_accepts_every_registered_kind() -> None:
    text = HEAD + "".join(f"  - {{id: r{k}, kind: {name}}}\n" for k, name in enumerate(RULE_KINDS.names))
    report = check_text(text)
    assert report.ok, [p.render() for p in report.errors]
    assert report.scenario is not None
    assert tuple(r.kind for r in report.scenario.rules) == RULE_KINDS.names


def test_loader_rejects_an_unregistered_kind_naming_the_registered_ones() -> None:
    report = check_text(HEAD + "  - {id: r, kind: shuttle}\n", name="f.yaml")
    (err,) = report.errors
    assert err.field == "rules[0].kind"
    assert err.message == "unknown rule kind 'shuttle'"
    assert err.hint == "known kinds: " + ", ".join(sorted(RULE_KINDS.names))
