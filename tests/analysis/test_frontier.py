"""The efficient frontier (accord.analysis.frontier): brute force, oracle, restrictions, limits."""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.analysis.oracles import (
    IR_PARETO,
    bill_and_jack,
)
from tests.analysis.reference import (
    SETTINGS,
    enumerate_feasible,
    pareto,
    same_vectors,
)
from tests.strategies import random_space, spaces

from accord.analysis.bargaining import solve_bargaining
from accord.analysis.frontier import solve_frontier
from accord.model.logic import Clause, Member
from accord.space import TOL, Space


@SETTINGS
@given(spaces())
def test_frontier_equals_brute_force(space: Space) -> None:
    packages, utils = enumerate_feasible(space)
    res = solve_frontier(space)
    if packages.shape[0] == 0:
        assert res.status == "infeasible" and res.conflict and len(res) == 0
        return
    assert res.exact and res.status == "ok"
    assert same_vectors(pareto(utils), res.utilities)
    assert res.n_feasible == packages.shape[0]
    for pkg, u in zip(res.packages, res.utilities, strict=True):
        assert space.feasible(pkg)
        np.testing.assert_allclose(space.utility(pkg), u, atol=1e-12)
    # Mutually undominated, one per distinct vector.
    u = res.utilities
    weak = (u[None, :, :] >= u[:, None, :] - TOL).all(axis=2)
    np.fill_diagonal(weak, False)
    assert not weak.any()


@SETTINGS
@given(spaces())
def test_individually_rational_frontier_equals_brute_force(space: Space) -> None:
    _, utils = enumerate_feasible(space)
    res = solve_frontier(space, individually_rational=True)
    if utils.shape[0] == 0:
        assert res.status == "infeasible"
        return
    ir = utils[(utils - space.batna > TOL).all(axis=1)]
    assert same_vectors(pareto(ir), res.utilities)
    assert res.status == ("ok" if ir.shape[0] else "no_zopa")


@SETTINGS
@given(spaces(), st.booleans())
def test_ignoring_red_lines_enlarges_the_feasible_set(space: Space, ignore: bool) -> None:
    _, utils = enumerate_feasible(space, red_lines=not ignore)
    res = solve_frontier(space, ignore_red_lines=ignore)
    if utils.shape[0] == 0:
        assert res.status == "infeasible"
        return
    assert same_vectors(pareto(utils), res.utilities)


def test_bill_and_jack_individually_rational_pareto_set() -> None:
    """Nash (1950), Bill and Jack: the individually rational Pareto set of pure packages
    (oracles.md 1.1, derived) is (2,8), (6,7), (8,6), (12,5), (14,4), (16,2), (18,0)."""
    space = bill_and_jack()
    front = solve_frontier(space)
    assert front.exact
    weakly_ir = {tuple(round(x) for x in u) for u in front.utilities if (u >= -1e-9).all()}
    assert weakly_ir == set(IR_PARETO)
    # Strict acceptance (surplus above TOL) leaves out Jack's zero-gain point.
    strict = solve_frontier(space, individually_rational=True)
    assert {tuple(round(x) for x in u) for u in strict.utilities} == set(IR_PARETO) - {(18, 0)}
    # The whole frontier also has the points where Bill gains nothing or loses.
    assert len(front) > len(IR_PARETO)


def test_fix_holds_every_package_at_the_fixed_option(mini: Space) -> None:
    fixed = mini.fix({"troops": "none"})
    res = solve_frontier(fixed)
    assert res.status == "ok" and len(res) > 0
    assert {int(p[1]) for p in res.packages} == {2}
    # mini.yaml by hand: old border gives (100, 0), line gives (55, 30), new is A's red line.
    assert {tuple(u) for u in res.utilities} == {(100.0, 0.0), (55.0, 30.0)}


def test_red_lines_are_honoured_unless_ignored(mini: Space) -> None:
    new = mini.option_index("border", "new")
    honoured = solve_frontier(mini)
    assert all(p[0] != new for p in honoured.packages)
    ignored = solve_frontier(mini, ignore_red_lines=True)
    assert any(p[0] == new for p in ignored.packages)


def test_contradictory_constraints_are_named() -> None:
    a = Clause((Member(0, frozenset({0})),), "constraint a")
    b = Clause((Member(0, frozenset({1})), Member(1, frozenset({0}))), "constraint b")
    c = Clause((Member(1, frozenset({1})),), "constraint c")
    harmless = Clause((Member(2, frozenset({0, 1})),), "constraint harmless")
    space = Space.from_arrays(
        [[[1, 2], [2, 1]], [[1, 2], [2, 1]], [[1, 2], [2, 1]]], [0, 0], constraints=[a, b, c, harmless]
    )
    res = solve_frontier(space)
    assert res.status == "infeasible"
    # a forces x0 = 0, so b forces x1 = 0, which c forbids.
    assert set(res.conflict) == {"constraint a", "constraint b", "constraint c"}


def test_frontier_beyond_max_points_is_labelled_and_efficient() -> None:
    space = random_space(3, 10, 4, seed=3)
    exact = solve_frontier(space)
    assert exact.exact and len(exact) > 50
    cut = solve_frontier(space, max_points=20)
    assert not cut.exact and "not all of the frontier" in cut.note and len(cut) > 0
    # Every listed package is on the exact frontier.
    for u in cut.utilities:
        assert np.any(np.all(np.abs(exact.utilities - u) <= 1e-9, axis=1))


@pytest.mark.slow
def test_the_bench_instances_are_solved_exactly() -> None:
    """The speed targets' instances (bench/bench_search.py times them; no wall-clock asserts here)."""
    space = random_space(2, 40, 5, seed=0)
    assert solve_frontier(space).exact and solve_bargaining(space, "nash").exact
    space = random_space(3, 20, 4, seed=0)
    assert solve_bargaining(space, "nash").exact
    assert solve_bargaining(space, "egalitarian").exact


@pytest.mark.slow
def test_two_parties_twelve_issues_equal_brute_force() -> None:
    """The bench's 2 x 12 x 4 case against plain enumeration of all 16.7 M packages."""
    space = random_space(2, 12, 4, seed=0)
    front = solve_frontier(space)
    kept: list[np.ndarray] = []
    grid = np.array(list(itertools.product(range(4), repeat=6)))
    half = space.utilities(np.hstack([grid, np.zeros_like(grid)]))
    other = space.utilities(np.hstack([np.zeros_like(grid), grid])) - space.utilities(np.zeros((1, 12), int))
    for row in half:
        pts = row + other
        kept.append(pts[np.lexsort((-pts[:, 1], -pts[:, 0]))])
    allpts = np.vstack(kept)
    order = np.lexsort((-allpts[:, 1], -allpts[:, 0]))
    srt = allpts[order]
    run = np.maximum.accumulate(srt[:, 1])
    keep = srt[:, 1] > np.concatenate(([-np.inf], run[:-1])) + TOL
    brute = srt[keep]
    assert brute.shape == front.utilities.shape
    np.testing.assert_allclose(np.sort(brute, axis=0), np.sort(front.utilities, axis=0), atol=1e-9)


@st.composite
def spaces_with_a_constant_party(draw: st.DrawFn) -> Space:
    """Random spaces, one party of which may get the same utility from every package."""
    space = draw(spaces(max_parties=3, max_issues=5))
    if draw(st.booleans()):
        p = draw(st.integers(0, len(space.parties) - 1))
        contrib = [np.array(c) for c in space.contrib]
        level = draw(st.sampled_from([0.0, 3.0, 1000.0]))
        for c in contrib:
            c[p, :] = level
        space = replace(space, contrib=tuple(contrib))
    return space


def _dominated(u: np.ndarray, utils: np.ndarray) -> bool:
    """Whether some row of ``utils`` is at least as good as ``u`` for all and better for one (by TOL)."""
    return bool(((utils >= u - TOL).all(axis=1) & (utils > u + TOL).any(axis=1)).any())


@SETTINGS
@given(spaces_with_a_constant_party(), st.integers(1, 3))
def test_every_listed_package_is_undominated_beyond_max_points(space: Space, max_points: int) -> None:
    """Issue 8: max_points binding and a constant party: options tied, dominated packages were listed."""
    _, utils = enumerate_feasible(space)
    res = solve_frontier(space, max_points=max_points)
    for pkg, u in zip(res.packages, res.utilities, strict=True):
        assert space.feasible(tuple(int(k) for k in pkg))
        assert not _dominated(u, utils)


def test_a_constant_party_does_not_break_the_supported_points() -> None:
    """Issue 8's reproducer: party 1 is indifferent; the weights degenerated and options tied.

    Every block offers (10, 0), (4, 4) or (0, 10) to parties 2 and 3; four
    (4, 4) make (16, 16), dominated by two (10, 0) and two (0, 10): (20, 20).
    """
    block = np.array([[1000.0] * 3, [10.0, 4.0, 0.0], [0.0, 4.0, 10.0]])
    space = Space.from_arrays([block] * 4, [0.0, 0.0, 0.0])
    _, utils = enumerate_feasible(space)
    res = solve_frontier(space, max_points=1)
    assert not res.exact and len(res) > 0
    for u in res.utilities:
        assert not _dominated(u, utils)


@SETTINGS
@given(st.integers(3, 5), st.integers(1, 5), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_many_party_frontier_equals_brute_force(k: int, n: int, m: int, seed: int) -> None:
    """3-5 parties with continuous random utilities: nearly every package may be efficient."""
    space = random_space(k, n, m, seed)
    _, utils = enumerate_feasible(space)
    res = solve_frontier(space)
    assert res.exact and res.note == ""
    assert same_vectors(pareto(utils), res.utilities)


@SETTINGS
@given(spaces(max_parties=5), st.integers(0, 2**32 - 1))
def test_joined_super_issues_build_feasible_packages_with_their_values(space: Space, seed: int) -> None:
    """pair_blocks: every issue in one block; each joint option is feasible and worth its contributions."""
    from accord.analysis.kernel.superissues import decompose, pair_blocks

    decomp = decompose(space, reduce=True)
    joined = pair_blocks(decomp, limit=16)
    assert len(joined.blocks) <= len(decomp.blocks)
    issues = sorted(i for b in joined.blocks for i in b.issues)
    assert issues == sorted(i for b in decomp.blocks for i in b.issues)
    if not decomp.feasible or not joined.blocks:
        return
    rng = np.random.default_rng(seed)
    choices = np.array([[rng.integers(b.size) for b in joined.blocks] for _ in range(8)], dtype=np.int64)
    for ch, pkg in zip(choices, joined.packages(choices), strict=True):
        assert space.feasible(tuple(int(x) for x in pkg))
        total = joined.offset + sum(b.values[c] for b, c in zip(joined.blocks, ch, strict=True))
        np.testing.assert_allclose(space.utility(pkg), total, atol=1e-9)
