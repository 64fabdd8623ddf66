"""Published bargaining cases (shared/oracles.md, section 1) reproduced by the engines."""

from __future__ import annotations

from fractions import Fraction
from types import MappingProxyType as M

import numpy as np
import pytest

from accord.analysis.bargaining import solve_bargaining
from accord.analysis.frontier import solve_frontier
from accord.model import Issue, Option, Party, Perspective, Profile, Role, Scenario
from accord.space import Space, compile_space

# (value to Bill, value to Jack) of each good; Bill's goods first.
BILL_GOODS = {"book": (2, 4), "whip": (2, 2), "ball": (2, 1), "bat": (2, 2), "box": (4, 1)}
JACK_GOODS = {"pen": (10, 1), "toy": (4, 1), "knife": (6, 2), "hat": (2, 2)}
GOODS = {**BILL_GOODS, **JACK_GOODS}

IR_PARETO = [(2, 8), (6, 7), (8, 6), (12, 5), (14, 4), (16, 2), (18, 0)]


def bill_and_jack() -> Space:
    """Nash (1950), Bill and Jack: one issue per good, options keep / give; gains over no trade."""
    contrib = []
    for good, (vb, vj) in GOODS.items():
        if good in BILL_GOODS:  # Bill gives: Bill loses vb, Jack gains vj
            contrib.append([[0, -vb], [0, vj]])
        else:  # Jack gives: Bill gains vb, Jack loses vj
            contrib.append([[0, vb], [0, -vj]])
    return Space.from_arrays(
        contrib,
        [0, 0],
        parties=["Bill", "Jack"],
        issues=list(GOODS),
        options=[["keep", "give"]] * len(GOODS),
    )


def given_goods(space: Space, package: tuple[int, ...]) -> set[str]:
    return {space.issues[i] for i, k in enumerate(package) if k == 1}


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


def test_bill_and_jack_nash_solution() -> None:
    """Nash (1950), Bill and Jack: Bill gives book, whip, ball, bat; Jack gives pen, toy,
    knife; gains (12, 5), product 60 (oracles.md 1.1)."""
    space = bill_and_jack()
    res = solve_bargaining(space, "nash")
    assert res.status == "ok" and res.exact
    assert res.package is not None and res.utilities is not None
    assert given_goods(space, res.package) == {"book", "whip", "ball", "bat", "pen", "toy", "knife"}
    np.testing.assert_allclose(res.utilities, [12, 5], atol=1e-12)
    assert res.objective == pytest.approx(60)


def test_bill_and_jack_egalitarian_over_lotteries() -> None:
    """Nash (1950), Bill and Jack: egalitarian solution with lotteries is (6.75, 6.75)
    (oracles.md 1.1, derived): 7/8 of (6,7) and 1/8 of (12,5)."""
    res = solve_bargaining(bill_and_jack(), "egalitarian", lotteries=True)
    assert res.status == "ok" and res.exact
    assert res.utilities is not None
    np.testing.assert_allclose(res.utilities, [6.75, 6.75], atol=1e-8)
    assert sum(p for p, _ in res.lottery) == pytest.approx(1.0)


def test_bill_and_jack_kalai_smorodinsky_over_lotteries() -> None:
    """Nash (1950), Bill and Jack: Kalai–Smorodinsky with lotteries is (324/29, 153/29)
    (oracles.md 1.1, derived). Jack's ideal, 8.5, mixes (-2, 9) and (2, 8), which are
    not individually rational themselves: the hull of all packages counts."""
    res = solve_bargaining(bill_and_jack(), "ks", lotteries=True)
    assert res.status == "ok" and res.exact
    assert res.ideal is not None and res.utilities is not None
    np.testing.assert_allclose(res.ideal, [18, 8.5], atol=1e-8)
    expected = [float(Fraction(324, 29)), float(Fraction(153, 29))]
    np.testing.assert_allclose(res.utilities, expected, atol=1e-8)


def test_bill_and_jack_lottery_members_are_packages() -> None:
    """Nash (1950), Bill and Jack: a lottery's expected utilities equal its packages' mix."""
    space = bill_and_jack()
    res = solve_bargaining(space, "ks", lotteries=True)
    mix = sum(p * space.utility(pkg) for p, pkg in res.lottery)
    assert res.utilities is not None
    np.testing.assert_allclose(mix, res.utilities, atol=1e-12)
    assert all(space.feasible(pkg) for _, pkg in res.lottery)


def dollar(grid: int = 1200) -> Space:
    """Divide the dollar with one risk-averse side: x = j / grid to player 1, u1 = x,
    u2 = sqrt(1 - x), disagreement (0, 0) (oracles.md 1.2)."""
    x = np.arange(grid + 1) / grid
    return Space.from_arrays([[x, np.sqrt(1.0 - x)]], [0.0, 0.0], parties=["one", "two"], issues=["share"])


def share_of(space: Space, lottery: tuple[tuple[float, tuple[int, ...]], ...]) -> float:
    return float(sum(p * pkg[0] for p, pkg in lottery) / (len(space.options[0]) - 1))


def test_divide_the_dollar_nash() -> None:
    """Divide the dollar, one risk-averse side (oracles.md 1.2): Nash gives x = 2/3,
    exactly on the grid, pure and with lotteries (the frontier is concave)."""
    space = dollar()
    pure = solve_bargaining(space, "nash")
    assert pure.package == (800,)
    lot = solve_bargaining(space, "nash", lotteries=True)
    assert lot.utilities is not None
    np.testing.assert_allclose(lot.utilities, [2 / 3, np.sqrt(1 / 3)], atol=1e-12)


def test_divide_the_dollar_utilitarian() -> None:
    """Divide the dollar (oracles.md 1.2): utilitarian x = 3/4."""
    space = dollar()
    assert solve_bargaining(space, "utilitarian").package == (900,)
    lot = solve_bargaining(space, "utilitarian", lotteries=True)
    assert share_of(space, lot.lottery) == pytest.approx(0.75, abs=1e-12)


@pytest.mark.parametrize("solution", ["ks", "egalitarian"])
def test_divide_the_dollar_ks_equals_egalitarian(solution: str) -> None:
    """Divide the dollar (oracles.md 1.2): Kalai–Smorodinsky = egalitarian,
    x = (sqrt(5) - 1) / 2, irrational: within the grid step for pure packages, and
    within the chord error of the grid (about 1e-7) with lotteries."""
    space = dollar()
    golden = (np.sqrt(5) - 1) / 2
    pure = solve_bargaining(space, solution)
    assert pure.package is not None
    assert abs(pure.package[0] / 1200 - golden) <= 1 / 1200
    lot = solve_bargaining(space, solution, lotteries=True)
    assert lot.utilities is not None
    np.testing.assert_allclose(lot.utilities, [golden, golden], atol=1e-6)


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
