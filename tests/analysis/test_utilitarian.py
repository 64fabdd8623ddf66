"""The utilitarian solution (accord.analysis.utilitarian) on published cases.

From shared/oracles.md, section 1."""

from __future__ import annotations

import pytest
from tests.analysis.oracles import (
    dollar,
    share_of,
)

from accord.analysis.bargaining import solve_bargaining


def test_divide_the_dollar_utilitarian() -> None:
    """Divide the dollar (oracles.md 1.2): utilitarian x = 3/4."""
    space = dollar()
    assert solve_bargaining(space, "utilitarian").package == (900,)
    lot = solve_bargaining(space, "utilitarian", lotteries=True)
    assert share_of(space, lot.lottery) == pytest.approx(0.75, abs=1e-12)
