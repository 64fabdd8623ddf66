"""The Nash solution (accord.analysis.nash) on published cases (shared/oracles.md, section 1)."""

from __future__ import annotations

import numpy as np
import pytest
from tests.analysis.oracles import (
    bill_and_jack,
    dollar,
    given_goods,
)

from accord.analysis.bargaining import solve_bargaining


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


def test_divide_the_dollar_nash() -> None:
    """Divide the dollar, one risk-averse side (oracles.md 1.2): Nash gives x = 2/3,
    exactly on the grid, pure and with lotteries (the frontier is concave)."""
    space = dollar()
    pure = solve_bargaining(space, "nash")
    assert pure.package == (800,)
    lot = solve_bargaining(space, "nash", lotteries=True)
    assert lot.utilities is not None
    np.testing.assert_allclose(lot.utilities, [2 / 3, np.sqrt(1 / 3)], atol=1e-12)
