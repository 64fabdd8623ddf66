"""Clause logic: exact agreement with enumeration; origins as data with the old texts."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.model.logic import (
    Clause,
    Member,
    Origin,
    conjunction_forbidden,
    find_assignment,
    minimal_conflict,
)


@st.composite
def clause_problems(draw: st.DrawFn) -> tuple[list[int], list[Clause]]:
    n = draw(st.integers(1, 4))
    sizes = [draw(st.integers(1, 3)) for _ in range(n)]
    clauses = []
    for c in range(draw(st.integers(0, 6))):
        members = []
        for _ in range(draw(st.integers(1, 2))):
            i = draw(st.integers(0, n - 1))
            opts = draw(st.frozensets(st.integers(0, sizes[i] - 1), max_size=sizes[i]))
            members.append(Member(i, opts))
        clauses.append(Clause(tuple(members), f"c{c}"))
    return sizes, clauses


def _brute(sizes: list[int], clauses: list[Clause]) -> list[tuple[int, ...]]:
    return [
        pkg
        for pkg in itertools.product(*(range(s) for s in sizes))
        if all(c.satisfied_by(pkg) for c in clauses)
    ]


@settings(max_examples=300, deadline=None)
@given(clause_problems())
def test_find_assignment_matches_enumeration(problem: tuple[list[int], list[Clause]]) -> None:
    sizes, clauses = problem
    found = find_assignment(sizes, clauses)
    solutions = _brute(sizes, clauses)
    if solutions:
        assert found is not None and all(c.satisfied_by(found) for c in clauses)
    else:
        assert found is None


@settings(max_examples=200, deadline=None)
@given(clause_problems())
def test_minimal_conflict_is_minimal_and_unsatisfiable(problem: tuple[list[int], list[Clause]]) -> None:
    sizes, clauses = problem
    core = minimal_conflict(sizes, clauses)
    if _brute(sizes, clauses):
        assert core == ()
        return
    subset = [clauses[k] for k in core]
    assert not _brute(sizes, subset)
    for drop in range(len(subset)):
        assert _brute(sizes, subset[:drop] + subset[drop + 1 :]), "a clause in the core is not needed"


@pytest.mark.parametrize(
    ("origin", "text", "name"),
    [
        # The strings accord wrote into Clause.origin before origins were data.
        (Origin(kind="constraint", id="dmz-if-un"), "constraint dmz-if-un", "dmz-if-un"),
        (
            Origin(kind="red_line", party="UA", text="crimea=russia"),
            "red line of UA: crimea=russia",
            "crimea=russia",
        ),
        (
            Origin(kind="red_line", party="US.NSC", text="a=x|y and b=z"),
            "red line of US.NSC: a=x|y and b=z",
            "a=x|y and b=z",
        ),
        (
            Origin(kind="domain", id="crimea", text="fixed at ukraine"),
            "crimea fixed at ukraine",
            "crimea fixed at ukraine",
        ),
        (
            Origin(kind="domain", id="dmz", text="limited to yes|no"),
            "dmz limited to yes|no",
            "dmz limited to yes|no",
        ),
        (Origin(text="anything"), "anything", "anything"),
        (Origin(), "", ""),
    ],
)
def test_origin_text_equals_the_old_strings(origin: Origin, text: str, name: str) -> None:
    assert str(origin) == text
    assert origin.name == name


def test_a_plain_text_origin_is_kept_as_data() -> None:
    clause = conjunction_forbidden([(0, frozenset({1}))], [2], "red line of P1: test")
    assert clause.origin == Origin(kind="other", text="red line of P1: test")
    assert Clause((Member(0, frozenset({0})),)).origin == Origin()
