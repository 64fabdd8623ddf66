"""The egalitarian solution (accord.analysis.egalitarian) on published cases.

From shared/oracles.md, section 1."""

from __future__ import annotations

import numpy as np
import pytest
from tests.analysis.oracles import (
    bill_and_jack,
)

from accord.analysis.bargaining import solve_bargaining


def test_bill_and_jack_egalitarian_over_lotteries() -> None:
    """Nash (1950), Bill and Jack: egalitarian solution with lotteries is (6.75, 6.75)
    (oracles.md 1.1, derived): 7/8 of (6,7) and 1/8 of (12,5)."""
    res = solve_bargaining(bill_and_jack(), "egalitarian", lotteries=True)
    assert res.status == "ok" and res.exact
    assert res.utilities is not None
    np.testing.assert_allclose(res.utilities, [6.75, 6.75], atol=1e-8)
    assert sum(p for p, _ in res.lottery) == pytest.approx(1.0)
