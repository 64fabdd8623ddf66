"""The Kalai–Smorodinsky solution (accord.analysis.kalai_smorodinsky) on published cases.

From shared/oracles.md, section 1.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from tests.analysis.oracles import (
    bill_and_jack,
    dollar,
)

from accord.analysis.bargaining import solve_bargaining


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
