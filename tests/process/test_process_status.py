"""Issue status under nothing-agreed-until-everything-agreed, against a brute-force reference."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from tests.strategies import process_states

import accord
from accord.process import (
    IssueState,
    ProcessSpec,
    ProcessState,
    Proposal,
    Response,
    ResponseKind,
    issue_status,
)


def reference(state: Any) -> dict[str, tuple[str, str | None]]:
    """Each issue's (state, option), computed from the definitions by replaying every answer."""
    spec = state.spec
    parties = dict(spec.parties)
    negotiators = [p for p, r in spec.parties if r not in ("mediator", "observer")] or list(parties)
    tables = {t.id: list(t.parties) for t in spec.tables}

    def must_accept(issue_id: str) -> set[str]:
        table = next(i.table for i in spec.issues if i.id == issue_id)
        return set(tables[table]) if table in tables else set(negotiators)

    def last_answer(prop: Any, party: str) -> str | None:
        said = "accept" if party == prop.proposer else None
        for r in state.responses:  # in order: the last non-comment answer wins
            if r.proposal == prop.id and r.party == party and r.kind != "comment":
                said = str(r.kind)
        return said

    accepted_ids = [
        prop.id
        for prop in state.proposals
        if all(
            last_answer(prop, party) == "accept"
            for party in set().union(*(must_accept(i) for i in prop.terms))
        )
    ]
    latest: dict[str, str] = {}
    for prop in state.proposals:
        if prop.id in accepted_ids:
            latest.update(prop.terms)
    complete = len(latest) == len(spec.issues)
    out: dict[str, tuple[str, str | None]] = {}
    for issue in spec.issues:
        if issue.id in latest:
            binding = (not spec.nauea) or complete or issue.id in spec.early
            out[issue.id] = ("agreed" if binding else "provisional", latest[issue.id])
        elif any(issue.id in p.terms for p in state.proposals):
            out[issue.id] = ("proposed", None)
        else:
            out[issue.id] = ("open", None)
    return out


@settings(max_examples=300, deadline=None)
@given(process_states())
def test_status_matches_the_reference(state: Any) -> None:
    got = issue_status(state)
    assert {s.issue: (str(s.state), s.option) for s in got.issues} == reference(state)


@settings(max_examples=300, deadline=None)
@given(process_states())
def test_nothing_is_agreed_before_everything_but_the_exceptions(state: Any) -> None:
    got = issue_status(state)
    spec = state.spec
    agreed = {s.issue for s in got.issues if s.state is IssueState.AGREED}
    if spec.nauea and agreed - set(spec.early):
        assert agreed == {i.id for i in spec.issues}
        assert got.everything_agreed
    if not spec.nauea:
        assert all(s.state is not IssueState.PROVISIONAL for s in got.issues)
    assert all(s.state is not IssueState.PROVISIONAL for s in got.issues if s.issue in spec.early)


@settings(max_examples=200, deadline=None)
@given(process_states())
def test_alternatives_list_every_proposed_option_with_its_proposers(state: Any) -> None:
    got = issue_status(state)
    for s in got.issues:
        expected = {(p.terms[s.issue], p.proposer) for p in state.proposals if s.issue in p.terms}
        listed = {(a.option, who) for a in s.alternatives for who in a.proposers}
        assert listed == expected
        if s.state in (IssueState.OPEN,):
            assert not s.alternatives


def _ukraine() -> ProcessSpec:
    return ProcessSpec.from_scenario(accord.load("ukraine"))


def test_ukraine_reads_its_nauea_rule_and_the_humanitarian_exception() -> None:
    spec = _ukraine()
    assert spec.nauea and spec.early == ("humanitarian_pause",)
    assert spec.required("crimea") == ("RU", "UA")  # the bilateral table


def test_an_early_issue_is_agreed_while_the_rest_stays_provisional() -> None:
    spec = _ukraine()
    p = Proposal(id=1, seq=1, proposer="UA", terms={"humanitarian_pause": "corridors", "crimea": "talks_15y"})
    state = ProcessState(
        spec=spec,
        proposals=(p,),
        responses=(Response(id=1, seq=1, proposal=1, party="RU", kind=ResponseKind.ACCEPT),),
    )
    got = issue_status(state)
    assert got.of("humanitarian_pause").state is IssueState.AGREED
    assert got.of("crimea").state is IssueState.PROVISIONAL
    assert not got.everything_agreed


def test_a_later_reject_withdraws_acceptance_and_a_comment_does_not() -> None:
    spec = _ukraine()
    p = Proposal(id=1, seq=1, proposer="UA", terms={"humanitarian_pause": "corridors"})
    accept = Response(id=1, seq=1, proposal=1, party="RU", kind=ResponseKind.ACCEPT)
    comment = Response(id=2, seq=2, proposal=1, party="RU", kind=ResponseKind.COMMENT)
    reject = Response(id=3, seq=3, proposal=1, party="RU", kind=ResponseKind.REJECT)
    assert (
        issue_status(ProcessState(spec=spec, proposals=(p,), responses=(accept, comment)))
        .of("humanitarian_pause")
        .state
        is IssueState.AGREED
    )
    assert (
        issue_status(ProcessState(spec=spec, proposals=(p,), responses=(accept, reject)))
        .of("humanitarian_pause")
        .state
        is IssueState.PROPOSED
    )
