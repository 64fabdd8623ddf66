"""The mediator maximising the Nash product of what it was told (Nash 1950; Raiffa 1982, ch. 14):
with truthful reports its text is a local optimum of the true Nash product, and on small spaces it
comes close to the best package found by listing them all."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.protocols.reference import acceptable_to, best_nash_product, utility
from tests.strategies import random_space

from accord.protocols import Agenda, Context, Delegation, make_strategy, simulate
from accord.protocols.strategies.base import truthful_report
from accord.space import Space


def _draft(space: Space, seed: int) -> tuple[int, ...]:
    agenda = Agenda.of(space)
    rng = np.random.default_rng(seed)
    reports = {p: truthful_report(Delegation.of(space, p, agenda, rng)) for p in space.parties}
    mediator = make_strategy("nash-mediator", role="mediator")
    return mediator.draft(agenda, reports, None, Context(round=1, deadline=1, rng=rng))  # type: ignore[attr-defined, no-any-return]


def _product(space: Space, package: tuple[int, ...]) -> float:
    s = utility(space, package) - space.batna
    return float(np.prod(s)) if (s > 0).all() else 0.0


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), k=st.integers(2, 3), n=st.integers(2, 6), m=st.integers(2, 4))
def test_no_single_issue_change_improves_the_truthful_draft(seed: int, k: int, n: int, m: int) -> None:
    space = random_space(k, n, m, seed, batna=0.1)
    x = _draft(space, seed)
    base = _product(space, x)
    for i, option in itertools.product(range(n), range(m)):
        y = list(x)
        y[i] = option
        assert _product(space, tuple(y)) <= base * (1 + 1e-9) + 1e-12


@pytest.mark.parametrize("seed", range(8))
def test_single_text_with_truthful_parties_nears_the_best_nash_product_on_small_spaces(seed: int) -> None:
    space = random_space(3, 6, 3, seed, batna=0.2)
    res = simulate(space, "single-text", {p: "everything-on-the-table" for p in space.parties}, seed=seed)
    best = best_nash_product(space)
    assert res.agreed and res.package is not None
    assert all(acceptable_to(space, p, res.package) for p in range(3))
    assert _product(space, res.package) >= 0.9 * best
