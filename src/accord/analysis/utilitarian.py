"""The utilitarian bargaining solution: the largest sum of utilities.

Harsanyi (1955), "Cardinal welfare, individualistic ethics, and interpersonal
comparisons of utility", Journal of Political Economy 63(4): maximise
``sum_p u_p`` (equivalently the total surplus) over individually rational outcomes.

* Over pure packages: exact branch and bound (:mod:`accord.analysis.kernel.search`)
  bounded by ``(1 + mu) . surplus`` for multipliers ``mu >= 0`` of the
  individual-rationality rows (a Lagrangian bound; :mod:`accord.analysis.kernel.objectives`).
* Over lotteries: one linear program over super-issue option probabilities
  (:mod:`accord.analysis.kernel.lp`) with every surplus non-negative.
* By MIP (:mod:`accord.analysis.kernel.mipsolve`): ``max sum_p u_p`` over
  individually rational packages.
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
from accord.analysis.kernel.lp import lottery_lp, rational_rows
from accord.analysis.kernel.mip import PackageMip
from accord.analysis.kernel.mipsolve import best_linear
from accord.analysis.kernel.objectives import linear_objective, rational_weights
from accord.analysis.kernel.search import SearchProblem, directions, optimise
from accord.analysis.results import BargainingResult
from accord.space import Space


def solve_utilitarian(
    space: Space,
    *,
    lotteries: bool = False,
    ignore_red_lines: bool = False,
    time_limit: float | None = None,
    max_states: int = 2_000_000,
    backend: str = "auto",
) -> BargainingResult:
    """Utilitarian solution, max sum of utilities (Harsanyi 1955), over packages or lotteries.

    ``time_limit`` (seconds) bounds the proof: when it runs out the best package
    found is returned with ``exact=False`` and its proven ``gap``.
    """
    return solve_with(
        space, "utilitarian", lotteries=lotteries,
        methods=Methods(utilitarian_pure, utilitarian_lottery, utilitarian_mip),
        ignore_red_lines=ignore_red_lines, time_limit=time_limit, max_states=max_states, backend=backend,
    )  # fmt: skip


def utilitarian_pure(prob: SearchProblem, space: Space) -> Found:
    """The individually rational package with the largest total surplus (exact)."""
    lam = rationality_weights(prob)
    ones = np.ones(prob.k)
    obj = linear_objective(prob, ones, rational_weights(prob, ones) if prob.k >= 3 else None)
    best = optimise(prob, obj, directions(prob, [] if lam is None else [lam]), ir_weights=lam)
    return pure_found(prob, space, best, lambda s: float(s.sum()))


def utilitarian_lottery(prob: SearchProblem, space: Space) -> Found:
    """The individually rational lottery with the largest total surplus."""
    if rational_lottery(prob) is None:
        return LOTTERY_NO_ZOPA
    out = lottery_lp(prob, c_u=np.ones(prob.k), c_t=0.0, rows=rational_rows(prob))
    assert out is not None  # an individually rational lottery exists
    return linear_lottery_found(prob, space, out.z, objective=float((out.utilities - prob.batna).sum()))


def utilitarian_mip(model: PackageMip) -> Found:
    """The individually rational package with the largest total surplus, by MIP."""
    k = len(model.space.parties)
    answer = best_linear(model, np.ones(k), range(k))
    return mip_found(model.space, answer, lambda s: float(s.sum()))
