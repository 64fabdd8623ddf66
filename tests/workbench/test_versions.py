"""Versions of a text: the changes between two drafts are exactly the issue articles that differ."""

from __future__ import annotations

import itertools
from functools import cache

import pytest

import accord
from accord.model.problems import SpaceError
from accord.workbench.documents import DocumentRequest, draft_document
from accord.workbench.drafting import DraftRequest, draft
from accord.workbench.instruments import DraftResult
from accord.workbench.versions import diff_drafts

PLANS = ["istanbul-2022", "april-2022-draft", "parley-ceasefire", "us-28-point"]


@cache
def drafted(package: str) -> DraftResult:
    s = accord.load("ukraine")
    return draft(DraftRequest(scenario=s, package=package))


def _texts(result: DraftResult) -> dict[str, str]:
    out = {}
    for ins in result.instruments:
        for a in ins.articles:
            if a.issue is None:
                continue
            if a.kind == "bracketed":
                out[a.issue] = "|".join(f"{alt.option}={alt.text}" for alt in a.alternatives)
            else:
                out[a.issue] = a.text
    return out


@pytest.mark.parametrize(("old", "new"), list(itertools.product(PLANS, PLANS)))
def test_changes_are_the_articles_that_differ(old: str, new: str) -> None:
    before, after = _texts(drafted(old)), _texts(drafted(new))
    changes = diff_drafts(drafted(old), drafted(new))
    want = {
        i: ("added" if i not in before else "removed" if i not in after else "changed")
        for i in before.keys() | after.keys()
        if before.get(i) != after.get(i)
    }
    assert {c.issue: c.kind for c in changes} == want
    for c in changes:
        assert (c.before == "") == (c.kind == "added") and (c.after == "") == (c.kind == "removed")
    if old == new:
        assert changes == ()


def test_the_use_case_records_the_previous_version() -> None:
    s = accord.load("ukraine")
    result = draft_document(DocumentRequest(scenario=s, package="istanbul-2022", against="april-2022-draft"))
    assert result.previous == "april-2022-draft" and result.changes
    with pytest.raises(SpaceError) as exc:
        draft_document(DocumentRequest(scenario=s, package="istanbul-2022", against="nope"))
    assert exc.value.field == "against"
