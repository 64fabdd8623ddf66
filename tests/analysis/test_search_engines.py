"""Package-search engines: restrictions, bad input, conflicts, limits, estimates."""

from __future__ import annotations

import dataclasses
import itertools
import time
from pathlib import Path

import numpy as np
import pytest

from accord.analysis.amend import solve_amendment
from accord.analysis.bargaining import solve_bargaining
from accord.analysis.frontier import solve_frontier
from accord.analysis.zopa import solve_zopa
from accord.io import load_scenario
from accord.logic import Clause, Member
from accord.space import TOL, Space, SpaceError, compile_space

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.yaml"


def random_space(k: int, n: int, m: int, seed: int, batna: float = 0.0) -> Space:
    """Uniform random linear-additive instance (the bench generator's model)."""
    rng = np.random.default_rng(seed)
    w = rng.random((k, n))
    w /= w.sum(axis=1, keepdims=True)
    v = rng.random((k, n, m))
    return Space.from_arrays([w[:, [i]] * v[:, i, :] for i in range(n)], [batna] * k)


@pytest.fixture(scope="module")
def mini() -> Space:
    return compile_space(load_scenario(MINI))


# -- restrictions ---------------------------------------------------------------


def test_fix_holds_every_package_at_the_fixed_option(mini: Space) -> None:
    fixed = mini.fix({"troops": "none"})
    res = solve_frontier(fixed)
    assert res.status == "ok" and len(res) > 0
    assert {int(p[1]) for p in res.packages} == {2}
    # mini.yaml by hand: old border gives (100, 0), line gives (55, 30), new is A's red line.
    assert {tuple(u) for u in res.utilities} == {(100.0, 0.0), (55.0, 30.0)}


def test_parties_tables_and_tracks_restrict_the_space() -> None:
    scenario = load_scenario(MINI)
    space = compile_space(scenario, parties=["B"], tracks=["ceasefire"])
    res = solve_bargaining(space, "utilitarian")
    assert res.parties == ("B",)
    assert res.package is not None
    # Border is off the selected track: held at its status quo (line).
    assert space.package_ids(res.package)["border"] == "line"


def test_red_lines_are_honoured_unless_ignored(mini: Space) -> None:
    new = mini.option_index("border", "new")
    honoured = solve_frontier(mini)
    assert all(p[0] != new for p in honoured.packages)
    ignored = solve_frontier(mini, ignore_red_lines=True)
    assert any(p[0] == new for p in ignored.packages)


# -- bad input --------------------------------------------------------------------


def test_unknown_names_raise_space_errors(mini: Space) -> None:
    with pytest.raises(SpaceError) as err:
        mini.select_parties(["ZZ"])
    assert err.value.field == "parties"
    with pytest.raises(SpaceError):
        mini.fix({"nowhere": "x"})
    with pytest.raises(SpaceError):
        mini.fix({"border": "moon"})
    with pytest.raises(SpaceError) as err:
        solve_bargaining(mini, "fairest")
    assert err.value.field == "solution"


def test_bad_plans_raise_space_errors(mini: Space) -> None:
    with pytest.raises(SpaceError) as err:
        solve_amendment(mini, {"border": "moon"})
    assert err.value.field == "plan" and "moon" in err.value.message
    with pytest.raises(SpaceError) as err:
        solve_amendment(mini, {"border": "old", "army": "big"})
    assert "army" in err.value.message
    # troops has no status quo in mini.yaml: a plan must settle it.
    with pytest.raises(SpaceError) as err:
        solve_amendment(mini, {"border": "old"})
    assert "troops" in err.value.message and "status quo" in err.value.message
    with pytest.raises(SpaceError) as err:
        solve_amendment(mini, {"border": "old", "troops": "none"}, proposer="ZZ")
    assert err.value.field == "parties"


def test_contradictory_restrictions_name_the_clauses_in_conflict(mini: Space) -> None:
    """A's red line forbids the new border; fixing it there leaves no package."""
    space = mini.fix({"border": "new"})
    for res in (
        solve_frontier(space),
        solve_bargaining(space, "nash"),
        solve_zopa(space),
        solve_amendment(space, {"border": "new", "troops": "none"}),
    ):
        assert res.status == "infeasible"
        assert set(res.conflict) == {"red line of A: border=new", "border fixed at new"}


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


# -- no ZOPA, no amendment ------------------------------------------------------------


def test_no_zopa_is_a_result_not_an_error(mini: Space) -> None:
    greedy = dataclasses.replace(mini, batna=np.array([99.0, 99.0]))
    assert solve_bargaining(greedy, "nash").status == "no_zopa"
    assert solve_bargaining(greedy, "ks", lotteries=True).status == "no_zopa"
    zopa = solve_zopa(greedy)
    assert not zopa.exists and zopa.count == 0 and zopa.min_surplus is not None and zopa.min_surplus < 0
    amend = solve_amendment(greedy, {"border": "old", "troops": "none"})
    assert not amend.feasible and amend.status == "no_zopa" and "no amendment exists" in amend.note
    front = solve_frontier(greedy, individually_rational=True)
    assert front.status == "no_zopa" and len(front) == 0


def test_amendment_by_hand(mini: Space) -> None:
    """mini.yaml, plan p1 (old border, no troop cap): A 100, B 0 < 40. Changing the cap
    alone to 1000 gives A 75, B 50: one change, and the best of the one-change options
    for the proposer A (a 5000 cap gives B 30, not enough)."""
    res = solve_amendment(mini, {"border": "old", "troops": "none"}, proposer="A")
    assert res.feasible and res.exact
    assert [(c.issue_id, c.before_id, c.after_id) for c in res.changes] == [("troops", "none", "1000")]
    assert res.utilities is not None
    np.testing.assert_allclose(res.utilities, [75.0, 50.0])


def test_an_acceptable_plan_needs_no_change(mini: Space) -> None:
    res = solve_amendment(mini, {"border": "old", "troops": "1000"})
    assert res.feasible and res.changes == () and res.package == res.plan


def test_proposer_outside_the_accepting_parties_breaks_ties() -> None:
    # Two issues; P1 and P2 accept either change of issue 0; P3 (proposer) prefers option 2.
    space = Space.from_arrays(
        [[[0, 5, 5], [0, 5, 5], [0, 1, 9]], [[0, 1], [0, 1], [0, 0]]], [1, 1, 0], parties=["P1", "P2", "P3"]
    )
    res = solve_amendment(space, (0, 0), proposer="P3", must_accept=["P1", "P2"])
    assert res.feasible and res.package == (2, 0)
    res = solve_amendment(space, (0, 0), must_accept=["P1", "P2"])
    assert res.package is not None and len(res.changes) == 1


# -- limits and estimates ---------------------------------------------------------


def test_frontier_beyond_max_points_is_labelled_and_efficient() -> None:
    space = random_space(3, 10, 4, seed=3)
    exact = solve_frontier(space)
    assert exact.exact and len(exact) > 50
    cut = solve_frontier(space, max_points=20)
    assert not cut.exact and "not all of the frontier" in cut.note and len(cut) > 0
    # Every listed package is on the exact frontier.
    for u in cut.utilities:
        assert np.any(np.all(np.abs(exact.utilities - u) <= 1e-9, axis=1))


def test_bargaining_stopped_by_a_limit_reports_its_gap() -> None:
    space = random_space(3, 14, 4, seed=1, batna=0.5)
    full = solve_bargaining(space, "egalitarian")
    assert full.exact and full.objective is not None
    cut = solve_bargaining(space, "egalitarian", max_states=5)
    if cut.status == "limit":
        assert cut.package is None and not cut.exact
    else:
        assert cut.package is not None and space.feasible(cut.package)
        assert cut.objective is not None
        # The proven gap covers the distance to the true optimum.
        assert cut.objective + cut.gap >= full.objective - 1e-9
        assert cut.exact == (cut.gap <= TOL)


def test_zero_time_limit_still_answers() -> None:
    space = random_space(4, 12, 4, seed=2, batna=0.5)
    for res in (
        solve_bargaining(space, "nash", time_limit=0.0),
        solve_frontier(space, time_limit=0.0),
    ):
        assert res.status in ("ok", "limit")


def test_zopa_monte_carlo_is_labelled_reproducible_and_covers_the_count() -> None:
    space = random_space(3, 8, 4, seed=4, batna=0.55)
    exact = solve_zopa(space)
    assert exact.counting == "exact" and exact.share is not None
    est = solve_zopa(space, count_states=1, samples=40_000, seed=7)
    assert est.counting == "monte-carlo" and est.count is None and est.seed == 7 and est.samples == 40_000
    assert est.share_interval is not None
    lo, hi = est.share_interval
    assert lo <= exact.share <= hi
    again = solve_zopa(space, count_states=1, samples=40_000, seed=7)
    assert again.share == est.share
    mine = solve_zopa(space, count_states=1, samples=1000, rng=np.random.default_rng(0))
    assert mine.seed is None and mine.counting == "monte-carlo"


def test_two_party_counting_meets_in_the_middle() -> None:
    space = random_space(2, 10, 4, seed=5, batna=0.55)
    res = solve_zopa(space, count_states=4096)
    assert res.counting == "exact" and "meet-in-the-middle" in res.algorithm
    packages = np.array(list(itertools.product(range(4), repeat=10)))
    assert res.count == int((space.utilities(packages) - space.batna > TOL).all(axis=1).sum())


def test_results_are_frozen(mini: Space) -> None:
    res = solve_bargaining(mini, "nash")
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.exact = False  # type: ignore[misc]
    assert res.algorithm and res.parameters["solution"] == "nash"


# -- the speed targets of issue 3 (generous margins; the bench measures them) -------


@pytest.mark.slow
def test_speed_targets() -> None:
    t0 = time.perf_counter()
    space = random_space(2, 40, 5, seed=0)
    front = solve_frontier(space)
    nash = solve_bargaining(space, "nash")
    assert front.exact and nash.exact
    assert time.perf_counter() - t0 < 2.0
    t0 = time.perf_counter()
    space = random_space(3, 20, 4, seed=0)
    assert solve_bargaining(space, "nash").exact
    assert solve_bargaining(space, "egalitarian").exact
    assert time.perf_counter() - t0 < 10.0


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
