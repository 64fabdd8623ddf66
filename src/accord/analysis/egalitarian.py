"""The egalitarian bargaining solution: the largest minimum surplus.

Kalai (1977), "Proportional solutions to bargaining situations: interpersonal
utility comparisons", Econometrica 45(7): maximise ``min_p (u_p - batna_p)``.

* Over pure packages: exact branch and bound over the individually rational
  packages (:mod:`accord.analysis.kernel.search`), bounded by the box of what
  every party can still get and by a Lagrangian relaxation ``min_p s_p <= lam . s``.
* Over lotteries: two linear programs over super-issue option probabilities
  (:mod:`accord.analysis.kernel.lp`): the largest level ``t`` every surplus
  reaches, then the largest total surplus at that level.
* By MIP (:mod:`accord.analysis.kernel.mipsolve`): ``max t`` with
  ``t <= u_p - batna_p`` for every party, over individually rational packages.
"""

from __future__ import annotations

import numpy as np

from accord.analysis.bargaining import (
    LOTTERY_NO_ZOPA,
    Found,
    Methods,
    linear_lottery_found,
    mip_found,
    pure_found,
    rational_lottery,
    rationality_weights,
    solve_with,
)
from accord.analysis.kernel.lp import maximin_lottery
from accord.analysis.kernel.maximin import max_min
from accord.analysis.kernel.mip import PackageMip
from accord.analysis.kernel.mipsolve import best_maximin
from accord.analysis.kernel.objectives import egalitarian_objective
from accord.analysis.kernel.search import SearchProblem, directions, start_package
from accord.analysis.results import BargainingResult
from accord.space import Space


def solve_egalitarian(
    space: Space,
    *,
    lotteries: bool = False,
    ignore_red_lines: bool = False,
    time_limit: float | None = None,
    max_states: int = 2_000_000,
    backend: str = "auto",
) -> BargainingResult:
    """Egalitarian solution, max of the minimum surplus (Kalai 1977), over packages or lotteries.

    ``time_limit`` (seconds) bounds the proof: when it runs out the best package
    found is returned with ``exact=False`` and its proven ``gap``.
    """
    return solve_with(
        space, "egalitarian", lotteries=lotteries,
        methods=Methods(egalitarian_pure, egalitarian_lottery, egalitarian_mip),
        ignore_red_lines=ignore_red_lines, time_limit=time_limit, max_states=max_states, backend=backend,
    )  # fmt: skip


def egalitarian_pure(prob: SearchProblem, space: Space) -> Found:
    """The individually rational package with the largest minimum surplus (exact)."""
    lam = rationality_weights(prob)
    obj = egalitarian_objective(prob, lam=lam)
    start = start_package(prob, obj, directions(prob, [] if lam is None else [lam]), lam)
    return pure_found(prob, space, max_min(prob, obj, np.ones(prob.k), start), lambda s: float(s.min()))


def egalitarian_lottery(prob: SearchProblem, space: Space) -> Found:
    """The lottery with the largest minimum surplus, then the largest total surplus."""
    if rational_lottery(prob) is None:
        return LOTTERY_NO_ZOPA
    z, level = maximin_lottery(prob, np.ones(prob.k))
    return linear_lottery_found(prob, space, z, objective=level)


def egalitarian_mip(model: PackageMip) -> Found:
    """The individually rational package with the largest minimum surplus, by MIP (``max t``)."""
    answer = best_maximin(model, range(len(model.space.parties)))
    return mip_found(model.space, answer, lambda s: float(s.min()))
