"""Counting and uniform sampling of feasible packages (accord.analysis.kernel.sampling).

The references enumerate every package and apply the definitions; they share no
code with the counting layers. Uniformity is checked two ways: the tabulated
joint assignments list every feasible package exactly once (so the weights the
sampler draws by are the true counts), and draws pass a chi-square test against
the uniform distribution over the brute-force feasible set, with a fixed seed
and a significance level (1e-6) at which a correct sampler essentially never fails.
"""

from __future__ import annotations

import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import chisquare
from tests.analysis.reference import (
    SETTINGS,
    enumerate_feasible,
)
from tests.strategies import linked_spaces, random_space, spaces

from accord.analysis.kernel.limits import SolverTimeLimit
from accord.analysis.kernel.sampling import count_feasible, feasible_set, merge_tables, tabulate
from accord.model.logic import Clause, Member
from accord.space import Space


@SETTINGS
@given(spaces(), st.booleans())
def test_count_feasible_equals_brute_force(space: Space, red_lines: bool) -> None:
    packages, _ = enumerate_feasible(space, red_lines=red_lines)
    assert count_feasible(space, red_lines=red_lines) == packages.shape[0]


@SETTINGS
@given(linked_spaces())
def test_a_deadline_that_does_not_run_out_changes_no_count(space: Space) -> None:
    packages, _ = enumerate_feasible(space)
    assert feasible_set(space, deadline=time.perf_counter() + 3600).count == packages.shape[0]


def test_the_build_stops_at_a_deadline_already_passed() -> None:
    space = random_space(3, 12, 4, seed=1)
    # x_i = 0 -> x_{i+1} = 0: one chain linking all 12 issues
    members = [(Member(i, frozenset({1, 2, 3})), Member(i + 1, frozenset({0}))) for i in range(11)]
    links = [Clause(m, f"l{i}") for i, m in enumerate(members)]
    linked = Space.from_arrays(list(space.contrib), space.batna, constraints=links)
    with pytest.raises(SolverTimeLimit, match="counting the feasible packages"):
        feasible_set(linked, deadline=time.perf_counter() - 1.0)


@SETTINGS
@given(spaces())
def test_count_and_components_equal_brute_force(space: Space) -> None:
    packages, _ = enumerate_feasible(space)
    fs = feasible_set(space)
    assert fs.count == packages.shape[0]
    if fs.count:
        assert int(np.prod([c for _, c in fs.components], dtype=object)) == fs.count


@SETTINGS
@given(spaces())
def test_tables_list_every_feasible_package_once(space: Space) -> None:
    """The product of the component tables, plus the forced options, is the multiset of
    utility vectors of all feasible packages."""
    _, utils = enumerate_feasible(space)
    fs = feasible_set(space)
    if fs.count == 0:
        return
    values = [c.T for c in space.contrib]
    forced = sum((values[i][f] for i, f in enumerate(fs.forced) if f >= 0), np.zeros(len(space.parties)))
    tables = [tabulate(part, values) for part in fs.parts]
    full = np.zeros((1, len(space.parties)))
    for table in tables:
        full = (full[:, None, :] + table[None, :, :]).reshape(-1, len(space.parties))
    full = full + forced
    assert full.shape[0] == utils.shape[0]
    got = full[np.lexsort(np.round(full, 9).T)]
    want = utils[np.lexsort(np.round(utils, 9).T)]
    assert np.allclose(got, want, atol=1e-9)
    # Merging tables into products keeps the same multiset of sums.
    merged = merge_tables(tables)
    again = np.zeros((1, len(space.parties)))
    for table in merged:
        again = (again[:, None, :] + table[None, :, :]).reshape(-1, len(space.parties))
    again = again + forced
    assert np.allclose(again[np.lexsort(np.round(again, 9).T)], want, atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(spaces(max_issues=5))
def test_draws_are_feasible_and_uniform(space: Space) -> None:
    packages, _ = enumerate_feasible(space)
    fs = feasible_set(space)
    if fs.count == 0:
        with pytest.raises(ValueError):
            fs.draw(1, np.random.default_rng(0))
        return
    n = 200 * fs.count
    drawn = fs.draw(n, np.random.default_rng(1))
    assert drawn.shape == (n, len(space.issues))
    index = {tuple(int(x) for x in p): j for j, p in enumerate(packages)}
    hits = np.zeros(len(index), dtype=np.int64)
    for row in np.unique(drawn, axis=0, return_counts=True)[0]:
        assert tuple(int(x) for x in row) in index, "a drawn package is not feasible"
    rows, counts = np.unique(drawn, axis=0, return_counts=True)
    for row, c in zip(rows, counts, strict=True):
        hits[index[tuple(int(x) for x in row)]] = c
    if fs.count > 1:
        assert chisquare(hits).pvalue > 1e-6


@settings(max_examples=60, deadline=None)
@given(spaces(max_issues=5))
def test_draw_sums_have_the_exact_mean(space: Space) -> None:
    """The mean utility of uniform draws converges to the mean over all feasible packages."""
    _, utils = enumerate_feasible(space)
    fs = feasible_set(space)
    if fs.count == 0:
        return
    n = 40_000
    sums = fs.draw_sums(n, np.random.default_rng(2), [c.T for c in space.contrib])
    mean, sd = utils.mean(axis=0), utils.std(axis=0)
    # Six standard errors: a correct sampler fails this about once in 10^9 checks.
    assert (np.abs(sums.mean(axis=0) - mean) <= 6 * sd / np.sqrt(n) + 1e-9).all()


def test_draws_are_reproducible_and_huge_components_are_drawn_without_listing() -> None:
    """A chain of 40 linked issues has 2^40-ish joint assignments: counted and drawn exactly."""

    n = 40
    contrib = [np.array([[0.0, 1.0], [1.0, 0.0]]) for _ in range(n)]
    # Neighbours may not both take option 1: Fibonacci many joint assignments.
    chain = [
        Clause((Member(i, frozenset({0})), Member(i + 1, frozenset({0}))), f"c{i}") for i in range(n - 1)
    ]
    space = Space.from_arrays(contrib, [0.0, 0.0], constraints=chain)
    fs = feasible_set(space)
    fib = [1, 2]
    for _ in range(n - 1):
        fib.append(fib[-1] + fib[-2])
    assert fs.count == fib[n]
    assert fs.largest_component == fib[n] and fs.exactly_uniform
    a = fs.draw(5000, np.random.default_rng(3))
    b = fs.draw(5000, np.random.default_rng(3))
    assert np.array_equal(a, b)
    assert not ((a[:, 1:] == 1) & (a[:, :-1] == 1)).any()
    # In a uniform independent set of a path, the share of ones is about 0.2764 (1 / (phi^2 + 1)).
    assert abs(a.mean() - (1 / (((1 + 5**0.5) / 2) ** 2 + 1))) < 0.02
