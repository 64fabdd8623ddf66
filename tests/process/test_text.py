"""The rolling text: brackets for every issue not agreed, labelled with proposers; diffs between versions."""

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
    TextVersion,
    diff_text,
    issue_status,
    render_text,
)


@settings(max_examples=200, deadline=None)
@given(process_states())
def test_every_issue_not_agreed_shows_each_alternative_in_brackets_with_its_proposer(state: Any) -> None:
    status = issue_status(state)
    text = render_text(state.spec, status)
    articles = text.split("\n## ")[1:]
    assert len(articles) == len(state.spec.issues)
    for issue, article in zip(state.spec.issues, articles, strict=True):
        st = status.of(issue.id)
        brackets = [line for line in article.splitlines() if line.startswith("[")]
        if st.state is IssueState.AGREED:
            assert not brackets and f"Agreed: {issue.label(st.option or '')}." in article
            continue
        proposed = {(p.terms[issue.id], p.proposer) for p in state.proposals if issue.id in p.terms}
        if not proposed:
            assert brackets == ["[open: no proposal yet]"]
        for option, who in proposed:
            assert any(
                line.startswith(f"[{issue.label(option)} \u2014 proposed by") and who in line
                for line in brackets
            )


def test_two_versions_diff_by_the_lines_that_changed() -> None:
    spec = ProcessSpec.from_scenario(accord.load("ukraine"))
    p1 = Proposal(id=1, seq=1, proposer="UA", terms={"crimea": "talks_15y"})
    p2 = Proposal(id=2, seq=2, proposer="RU", terms={"crimea": "russia_de_jure"})
    v1 = TextVersion(number=1, text=render_text(spec, issue_status(ProcessState(spec=spec, proposals=(p1,)))))
    v2 = TextVersion(
        number=2, text=render_text(spec, issue_status(ProcessState(spec=spec, proposals=(p1, p2))))
    )
    diff = diff_text(v1, v2)
    added = [line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    removed = [line for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    assert added == ["+[Recognised de jure as Russian \u2014 proposed by RU]"] and not removed
    assert diff.startswith("--- version 1\n+++ version 2\n")
    assert diff_text(v1, v1) == ""


def test_an_agreed_package_reads_without_brackets() -> None:
    spec = ProcessSpec.from_scenario(accord.load("ukraine"))
    terms = {i.id: i.options[0][0] for i in spec.issues}
    p = Proposal(id=1, seq=1, proposer="RU", terms=terms)
    needed = {party for i in spec.issues for party in spec.required(i.id)} - {"RU"}
    answers = tuple(
        Response(id=n, seq=n, proposal=1, party=party, kind=ResponseKind.ACCEPT)
        for n, party in enumerate(sorted(needed), start=1)
    )
    text = render_text(spec, issue_status(ProcessState(spec=spec, proposals=(p,), responses=answers)))
    assert "[" not in text and f"{len(spec.issues)} of {len(spec.issues)} issues agreed." in text
