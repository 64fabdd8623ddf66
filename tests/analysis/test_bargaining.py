"""Bargaining solutions through the dispatcher (accord.analysis.bargaining): brute force and engine cases.

Each solution's published oracles are in its own test module (test_nash.py, ...).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import MappingProxyType as M

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.analysis.oracles import (
    BILL_GOODS,
    GOODS,
    IR_PARETO,
    bill_and_jack,
    given_goods,
)
from tests.analysis.reference import (
    SETTINGS,
    checked_surplus,
    enumerate_feasible,
    lp_over_points,
    objective,
)
from tests.strategies import random_space, spaces

from accord.analysis.amend import solve_amendment
from accord.analysis.bargaining import solve_bargaining
from accord.analysis.frontier import solve_frontier
from accord.analysis.zopa import solve_zopa
from accord.io import load_scenario
from accord.model import (
    Issue,
    Option,
    Party,
    Perspective,
    Profile,
    Role,
    Scenario,
)
from accord.space import TOL, Space, SpaceError, compile_space

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.yaml"


@SETTINGS
@given(spaces(), st.sampled_from(["nash", "ks", "egalitarian", "utilitarian"]))
def test_pure_solutions_equal_brute_force(space: Space, solution: str) -> None:
    _, utils = enumerate_feasible(space)
    res = solve_bargaining(space, solution)
    if utils.shape[0] == 0:
        assert res.status == "infeasible" and res.conflict
        return
    surplus = utils - space.batna
    ir = surplus[(surplus > TOL).all(axis=1)]
    if ir.shape[0] == 0:
        assert res.status == "no_zopa" and res.package is None
        return
    mine = checked_surplus(space, res)
    ideal = ir.max(axis=0) if solution == "ks" else None
    best = objective(solution, ir, ideal).max()
    got = objective(solution, mine[None, :], ideal)[0]
    assert abs(got - best) <= 1e-9 * max(1.0, abs(best))
    if solution == "ks":
        assert res.ideal is not None
        np.testing.assert_allclose(res.ideal - space.batna, ideal, atol=1e-9)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spaces(max_issues=5), st.sampled_from(["ks", "egalitarian", "utilitarian"]))
def test_linear_lottery_solutions_equal_brute_force(space: Space, solution: str) -> None:
    _, utils = enumerate_feasible(space)
    res = solve_bargaining(space, solution, lotteries=True)
    if utils.shape[0] == 0:
        assert res.status == "infeasible"
        return
    egal = lp_over_points(utils, space.batna, "egalitarian")
    if egal is None or egal <= TOL:
        assert res.status == "no_zopa"
        return
    assert res.status == "ok" and res.utilities is not None
    assert all(space.feasible(p) for _, p in res.lottery)
    assert abs(sum(p for p, _ in res.lottery) - 1.0) <= 1e-9
    expected = lp_over_points(utils, space.batna, solution)
    assert expected is not None
    s = res.utilities - space.batna
    got = {"egalitarian": s.min(), "utilitarian": s.sum()}.get(solution, res.objective)
    assert abs(float(got) - expected) <= 1e-6 * max(1.0, abs(expected))  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spaces(max_issues=5))
def test_nash_over_lotteries_is_optimal(space: Space) -> None:
    """First-order optimality on the hull, checked against every feasible package:
    for concave f = sum log(u - batna), x is optimal iff grad f(x) . (v - x) <= 0 for all v."""
    _, utils = enumerate_feasible(space)
    res = solve_bargaining(space, "nash", lotteries=True)
    if utils.shape[0] == 0:
        assert res.status == "infeasible"
        return
    egal = lp_over_points(utils, space.batna, "egalitarian")
    if egal is None or egal <= TOL:
        assert res.status == "no_zopa"
        return
    assert res.status == "ok" and res.exact and res.utilities is not None
    x = res.utilities
    grad = 1.0 / (x - space.batna)
    assert float(((utils - x) @ grad).max()) <= 1e-6
    # And it is at least as good as every pure package acceptable to all.
    s = utils - space.batna
    pure = s[(s > TOL).all(axis=1)]
    if pure.shape[0]:
        assert np.log(x - space.batna).sum() >= np.log(pure).sum(axis=1).max() - 1e-9


def test_bill_and_jack_lottery_members_are_packages() -> None:
    """Nash (1950), Bill and Jack: a lottery's expected utilities equal its packages' mix."""
    space = bill_and_jack()
    res = solve_bargaining(space, "ks", lotteries=True)
    mix = sum(p * space.utility(pkg) for p, pkg in res.lottery)
    assert res.utilities is not None
    np.testing.assert_allclose(mix, res.utilities, atol=1e-12)
    assert all(space.feasible(pkg) for _, pkg in res.lottery)


def test_bill_and_jack_as_a_scenario() -> None:
    """Nash (1950), Bill and Jack, written as a scenario on the 0-100 scale.

    Each man's scenario utility is a positive affine transform of his gain (weights =
    the goods' values, 100 for holding a good he values), with BATNA = the no-trade
    package. Nash's solution and the individually rational Pareto set are invariant
    under such transforms, so oracles.md 1.1 must come out in the same packages.
    """
    issues = tuple(Issue(id=g, title=g, options=(Option(id="keep"), Option(id="give"))) for g in GOODS)

    def profile(party: str, who: int) -> Profile:
        weights, values = {}, {}
        for g, vals in GOODS.items():
            weights[g] = float(vals[who])
            owner = 0 if g in BILL_GOODS else 1
            holds_if_kept = owner == who
            values[g] = M({"keep": 100.0 if holds_if_kept else 0.0, "give": 0.0 if holds_if_kept else 100.0})
        own = sum(vals[who] for g, vals in GOODS.items() if (g in BILL_GOODS) == (who == 0))
        return Profile(
            party=party,
            perspective="textbook",
            weights=M(weights),
            values=M(values),
            batna=100.0 * own / sum(weights.values()),
            rationale="Nash (1950)",
        )

    scenario = Scenario(
        id="bill-and-jack",
        title="Bill and Jack",
        issues=issues,
        parties=(
            Party(id="Bill", name="Bill", role=Role.BELLIGERENT),
            Party(id="Jack", name="Jack", role=Role.BELLIGERENT),
        ),
        perspectives=(Perspective(id="textbook"),),
        default_perspective="textbook",
        profiles=(profile("Bill", 0), profile("Jack", 1)),
    )
    space = compile_space(scenario)
    res = solve_bargaining(space, "nash")
    assert res.package is not None
    assert given_goods(space, res.package) == {"book", "whip", "ball", "bat", "pen", "toy", "knife"}
    # Back to gains: u = 100 * (gain + own) / total weight.
    totals = np.array([34.0, 16.0])
    front = solve_frontier(space)
    gains = {
        tuple(round(x) for x in (u - space.batna) * totals / 100.0)
        for u in front.utilities
        if (u - space.batna >= -1e-9).all()
    }
    assert gains == set(IR_PARETO)


def test_parties_tables_and_tracks_restrict_the_space() -> None:
    scenario = load_scenario(MINI)
    space = compile_space(scenario, parties=["B"], tracks=["ceasefire"])
    res = solve_bargaining(space, "utilitarian")
    assert res.parties == ("B",)
    assert res.package is not None
    # Border is off the selected track: held at its status quo (line).
    assert space.package_ids(res.package)["border"] == "line"


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


def test_results_are_frozen(mini: Space) -> None:
    res = solve_bargaining(mini, "nash")
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.status = "limit"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.provenance = dataclasses.replace(res.provenance, exact=False)  # type: ignore[misc]
    with pytest.raises(TypeError):
        res.parameters["solution"] = "ks"  # type: ignore[index]
    assert res.algorithm and res.parameters["solution"] == "nash"
    assert res.exact is res.provenance.exact
