"""The Nash solution (accord.analysis.nash) on published cases (shared/oracles.md, section 1)."""

from __future__ import annotations

import json
import subprocess
import sys

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


_INDIFFERENT = """
import json
from accord.analysis.bargaining import solve_bargaining
from accord.space import Space
space = Space.from_arrays(
    [[[54.0, 7.0], [89.0, 89.0], [36.0, 54.0]]], [3.7045596534125207, 88.9999999, 22.016870293385573]
)
res = solve_bargaining(space, "nash", lotteries=True, time_limit={limit})
print(json.dumps([res.status, res.provenance.exact, [float(x) for x in res.utilities]]))
"""


def _run_isolated(code: str) -> tuple[str, str]:
    """Run ``code`` in a fresh interpreter; a hang fails the test (timeout) instead of freezing the suite."""
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return proc.stdout, proc.stderr


@pytest.mark.parametrize("limit", ["None", "30"])
def test_nash_lotteries_with_an_indifferent_party_returns(limit: str) -> None:
    """Issue 8: three parties, two packages, one party indifferent (surplus 1e-7): HiGHS's QP never returned.

    The indifferent party's log term is constant; without it the product
    ``(3.295 + 47 p)(31.983 - 18 p)`` peaks at ``p = 0.8534`` on package 0.
    """
    out, _ = _run_isolated(_INDIFFERENT.format(limit=limit))
    status, exact, u = json.loads(out)
    assert status == "ok" and exact
    # d/dp [(7 - 3.7046 + 47 p)(54 - 22.0169 - 18 p)] = 0
    c1, c2 = 7.0 - 3.7045596534125207, 54.0 - 22.016870293385573
    p = (47 * c2 - 18 * c1) / (2 * 47 * 18)
    assert u == pytest.approx([7 + 47 * p, 89.0, 54 - 18 * p], abs=1e-6)


def test_solver_calls_print_nothing() -> None:
    """HiGHS's banner ("Running HiGHS ...") went to stdout before any result."""
    out, err = _run_isolated(_INDIFFERENT.format(limit="None"))
    assert "HiGHS" not in out + err
    json.loads(out)


def test_an_indifferent_party_with_nothing_at_stake_warns_nothing() -> None:
    """Its values are all zero: telling it indifferent must not divide by zero (a RuntimeWarning)."""
    code = _INDIFFERENT.replace("[89.0, 89.0]", "[0.0, 0.0]").replace("88.9999999", "-1.0")
    out, err = _run_isolated("import warnings; warnings.simplefilter('error')\n" + code.format(limit="None"))
    status, exact, u = json.loads(out)
    assert status == "ok" and exact and u[1] == 0.0
    assert err == ""
