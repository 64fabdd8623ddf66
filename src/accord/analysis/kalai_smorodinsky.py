"""The Kalai–Smorodinsky bargaining solution: the largest equal share of the ideal gain.

Kalai & Smorodinsky (1975), "Other solutions to Nash's bargaining problem",
Econometrica 43(3): maximise ``min_p (u_p - batna_p) / (ideal_p - batna_p)``,
the ideal point being each party's best individually rational outcome.

* Over pure packages: the ideal point by one exact branch and bound per party
  (maximising that party's surplus over individually rational packages), then
  the egalitarian search in shares of the ideal gain
  (:mod:`accord.analysis.kernel.search`). When a limit leaves the ideal point
  unproven, the result says so and is not exact.
* Over lotteries: the ideal point by one linear program per party over the cut
  hull, then the egalitarian two-stage program in shares of the ideal gain
  (:mod:`accord.analysis.kernel.lp`).
* By MIP (:mod:`accord.analysis.kernel.mipsolve`): the ideal point by one MIP
  per party, then ``max t`` with ``t <= (u_p - batna_p) / (ideal_p - batna_p)``.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from accord.analysis.bargaining import (
    LOTTERY_NO_ZOPA,
    Found,
    Methods,
    linear_lottery_found,
    mip_found,
    no_zopa,
    pure_found,
    rational_lottery,
    rationality_weights,
    solve_with,
)
from accord.analysis.kernel.lp import lottery_lp, maximin_lottery, rational_rows
from accord.analysis.kernel.maximin import max_min
from accord.analysis.kernel.mip import PackageMip
from accord.analysis.kernel.mipsolve import NONE, best_maximin, ideal_point
from accord.analysis.kernel.objectives import (
    egalitarian_objective,
    lagrange_weights,
    linear_objective,
    rational_weights,
)
from accord.analysis.kernel.search import NEG, Best, SearchProblem, directions, optimise, start_package
from accord.analysis.results import BargainingResult
from accord.numeric import TOL, FloatArray
from accord.space import Space


def solve_kalai_smorodinsky(
    space: Space,
    *,
    lotteries: bool = False,
    ignore_red_lines: bool = False,
    time_limit: float | None = None,
    max_states: int = 2_000_000,
    backend: str = "auto",
) -> BargainingResult:
    """Kalai–Smorodinsky (1975) solution, over packages or lotteries.

    ``time_limit`` (seconds) bounds the proof: when it runs out the best package
    found is returned with ``exact=False`` and its proven ``gap``.
    """
    return solve_with(
        space, "ks", lotteries=lotteries,
        methods=Methods(kalai_smorodinsky_pure, kalai_smorodinsky_lottery, kalai_smorodinsky_mip),
        ignore_red_lines=ignore_red_lines, time_limit=time_limit, max_states=max_states, backend=backend,
    )  # fmt: skip


def _pure_ideal(prob: SearchProblem, lam: FloatArray | None) -> tuple[FloatArray, bool, float] | None:
    """The ideal point over individually rational packages, whether it is proven, and the worst gap.

    None when some party has no individually rational package (no ZOPA).
    """
    k = prob.k
    extra = [] if lam is None else [lam]
    ideal = np.zeros(k)
    exact, gap = True, 0.0
    for p in range(k):
        e = np.eye(k)[p]
        ob = linear_objective(prob, e, rational_weights(prob, e) if k >= 3 else None)
        bp = optimise(prob, ob, directions(prob, extra), ir_weights=lam)
        if bp.choice is None or bp.value == NEG:
            return None
        ideal[p] = bp.value + prob.batna[p]
        exact &= bp.exact
        gap = max(gap, bp.gap)
    return ideal, exact, gap


def kalai_smorodinsky_pure(prob: SearchProblem, space: Space) -> Found:
    """The individually rational package with the largest minimum share of the ideal gain."""
    lam = rationality_weights(prob)
    found_ideal = _pure_ideal(prob, lam)
    if found_ideal is None:
        return no_zopa()
    ideal, ideal_exact, ideal_gap = found_ideal
    gain = ideal - prob.batna
    scale = 1.0 / np.maximum(gain, TOL)
    lam_s = lagrange_weights(prob, scale) if prob.k >= 3 else None
    obj = egalitarian_objective(prob, scale=scale, lam=lam_s)
    start = start_package(prob, obj, directions(prob, [] if lam_s is None else [lam_s]), lam)
    best = max_min(prob, obj, scale, start)
    if not ideal_exact:
        best = Best(best.choice, best.value, False, max(best.gap, ideal_gap), "the ideal point is not proven")
    return pure_found(prob, space, best, lambda s: float(np.min(s / np.maximum(gain, TOL))), ideal=ideal)


def kalai_smorodinsky_lottery(prob: SearchProblem, space: Space) -> Found:
    """The lottery with the largest minimum share of the ideal gain over the cut hull."""
    if rational_lottery(prob) is None:
        return LOTTERY_NO_ZOPA
    rows = rational_rows(prob)
    ideal = np.zeros(prob.k)
    for p in range(prob.k):
        out = lottery_lp(prob, c_u=np.eye(prob.k)[p], c_t=0.0, rows=rows)
        assert out is not None  # an individually rational lottery exists
        ideal[p] = out.utilities[p]
    z, level = maximin_lottery(prob, 1.0 / np.maximum(ideal - prob.batna, TOL))
    return linear_lottery_found(prob, space, z, objective=level, ideal=ideal)


def kalai_smorodinsky_mip(model: PackageMip) -> Found:
    """The individually rational package with the largest minimum share of the ideal gain, by MIP."""
    space = model.space
    parties = range(len(space.parties))
    found_ideal = ideal_point(model, parties)
    if found_ideal is None:
        return mip_found(space, NONE, float)
    ideal, ideal_exact, ideal_gap = found_ideal
    gain = np.maximum(ideal - space.batna, TOL)
    answer = best_maximin(model, parties, scale=1.0 / gain, rational=False)
    if not ideal_exact:
        answer = replace(
            answer, exact=False, gap=max(answer.gap, ideal_gap), note="the ideal point is not proven"
        )
    return mip_found(space, answer, lambda s: float(np.min(s / gain)), ideal=ideal)
