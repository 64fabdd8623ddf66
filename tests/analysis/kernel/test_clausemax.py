"""The clause-constrained maximiser against enumeration of every package."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from tests.analysis.reference import SETTINGS

from accord.analysis.kernel.clausemax import maximise
from accord.model.logic import Clause, Member

Problem = tuple[list[np.ndarray], list[Clause], list[frozenset[int]]]


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    """Random separable scores, clauses and domains on a few small issues."""
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=5))
    values = [np.array(draw(st.lists(st.integers(-5, 5), min_size=n, max_size=n)), float) for n in sizes]
    clauses = []
    for _ in range(draw(st.integers(0, 5))):
        issues = draw(st.lists(st.integers(0, len(sizes) - 1), min_size=1, max_size=3, unique=True))
        members = tuple(Member(i, frozenset(draw(st.sets(st.integers(0, sizes[i] - 1))))) for i in issues)
        clauses.append(Clause(members, "c"))
    domains = [frozenset(draw(st.sets(st.integers(0, n - 1), min_size=1))) for n in sizes]
    return values, clauses, domains


@SETTINGS
@given(problems())
def test_maximise_equals_enumeration(problem: Problem) -> None:
    values, clauses, domains = problem
    best = float("-inf")
    for pkg in itertools.product(*(sorted(d) for d in domains)):
        if all(c.satisfied_by(pkg) for c in clauses):
            best = max(best, sum(float(values[i][k]) for i, k in enumerate(pkg)))
    got = maximise(values, clauses, domains)
    assert got.exact
    assert got.value == best
    if got.package is not None:
        assert all(c.satisfied_by(got.package) for c in clauses)
        assert all(k in d for k, d in zip(got.package, domains, strict=True))
        assert sum(float(values[i][k]) for i, k in enumerate(got.package)) == best


@SETTINGS
@given(problems())
def test_out_of_budget_is_an_upper_bound(problem: Problem) -> None:
    values, clauses, domains = problem
    exact = maximise(values, clauses, domains)
    bounded = maximise(values, clauses, domains, budget=0)
    assert bounded.value >= exact.value
    if bounded.exact:
        assert bounded.value == exact.value
