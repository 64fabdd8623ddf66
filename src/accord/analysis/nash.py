"""The Nash bargaining solution: the largest product of surpluses.

Nash (1950), "The Bargaining Problem", Econometrica 18(2): maximise
``prod_p (u_p - batna_p)`` over individually rational outcomes.

* Over pure packages: exact branch and bound (:mod:`accord.analysis.kernel.search`)
  on the sum of log surpluses, bounded by the box of what every party can still
  get and by tangents of the log. The tangent at the Nash point over lotteries
  (estimated first) bounds the pure problem as tightly as the lottery relaxation
  itself.
* Over lotteries: the product is maximised on the hull of packages
  (:mod:`accord.analysis.kernel.logproduct`): exactly on the upper hull for two
  parties; for three or more by damped Newton steps, certified by the
  Frank–Wolfe gap, which is reported (``exact`` when below ``EXACT_GAP``).
* By MIP (:mod:`accord.analysis.kernel.mipsolve`): outer approximation
  (Duran & Grossmann 1986): ``max sum_p y_p`` with ``y_p`` under tangents of
  ``log(u_p - batna_p)``, tangents added at every package found until the
  MIP's bound meets the best log-product within ``NASH_GAP``; the proven gap
  is reported.
"""

from __future__ import annotations

import numpy as np

from accord.analysis.bargaining import (
    LOTTERY_NO_ZOPA,
    Found,
    Methods,
    lottery_found,
    mip_found,
    no_zopa,
    pure_found,
    rational_lottery,
    rationality_weights,
    solve_with,
)
from accord.analysis.kernel.logproduct import nash_frank_wolfe, nash_lottery_surplus, nash_sqp, nash_two
from accord.analysis.kernel.lp import lottery_of
from accord.analysis.kernel.mip import PackageMip
from accord.analysis.kernel.mipsolve import best_nash
from accord.analysis.kernel.objectives import egalitarian_objective, nash_objective
from accord.analysis.kernel.search import (
    Best,
    SearchProblem,
    branch_and_bound,
    directions,
    heuristic,
    optimise,
    prepare,
)
from accord.analysis.kernel.staircase import Staircase
from accord.analysis.kernel.superissues import pair_blocks
from accord.analysis.results import BargainingResult
from accord.numeric import TOL
from accord.space import Space


def solve_nash(
    space: Space,
    *,
    lotteries: bool = False,
    ignore_red_lines: bool = False,
    time_limit: float | None = None,
    max_states: int = 2_000_000,
    backend: str = "auto",
) -> BargainingResult:
    """Nash (1950) bargaining solution: max product of surpluses, over packages or lotteries.

    ``time_limit`` (seconds) bounds the proof: when it runs out the best package
    found is returned with ``exact=False`` and its proven ``gap`` (in log-product).
    """
    return solve_with(
        space, "nash", lotteries=lotteries,
        methods=Methods(nash_pure, nash_lottery, nash_mip, nash_on_staircase),
        ignore_red_lines=ignore_red_lines, time_limit=time_limit, max_states=max_states, backend=backend,
    )  # fmt: skip


SMALL_FRONTIER = 20_000
"""Two parties: list the frontier when it stays within this many partial packages."""


def nash_pure(prob: SearchProblem, space: Space) -> Found:
    """The individually rational package with the largest product of surpluses (exact)."""
    if prob.k == 2:
        small = prepare(
            pair_blocks(prob.decomp), prob.batna, deadline=prob.deadline, max_states=SMALL_FRONTIER
        )
        best = _on_the_frontier(small)
        if best is not None:
            return pure_found(small, space, best, lambda s: float(np.prod(s)))
    lam = rationality_weights(prob)
    extra = [] if lam is None else [lam]
    probe = egalitarian_objective(prob)
    y = nash_lottery_surplus(prob, heuristic(prob, probe, directions(prob, extra)))
    dirs = directions(prob, extra)
    if y is not None:
        dirs.append(1.0 / y)
    obj = nash_objective(prob, [] if y is None else [y])
    best = optimise(prob, obj, dirs, ir_weights=lam)
    return pure_found(prob, space, best, lambda s: float(np.prod(s)))


def _on_the_frontier(prob: SearchProblem) -> Best | None:
    """Two parties: the best individually rational package of the efficient frontier, if it is small.

    The product of positive surpluses grows with each of them, so its maximum lies
    on the frontier; two parties' frontier is a staircase, usually of a few
    thousand points even over many issues, and listing it stage by stage (branch
    and bound without an incumbent: dominance and rationality prune) costs less
    than the heuristics and bounds the general search starts with. None when the
    run stops (``prob.max_states``, :data:`SMALL_FRONTIER` here, or the time
    limit): the general search then runs. Small super-issues are joined in pairs
    first (:func:`~accord.analysis.kernel.superissues.pair_blocks`).
    """
    best = branch_and_bound(prob, nash_objective(prob, []), None)
    return best if best.exact else None


def nash_on_staircase(front: Staircase, space: Space) -> Found:
    """Two parties, no linking clause: the rational frontier point with the largest product of surpluses.

    The product grows with each positive surplus, so its maximum over packages lies
    on the frontier. Products within ``1e-12`` in log (as the branch and bound's
    margin) are tied; ties go to the largest total surplus, then to the first
    party's larger utility.
    """
    s = front.utilities - space.batna
    ok = np.asarray((s > TOL).all(axis=1), dtype=bool)
    if not ok.any():
        return no_zopa()
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.where(ok, np.log(np.where(ok[:, None], s, 1.0)).sum(axis=1), -np.inf)
    tied = np.flatnonzero(logs >= logs.max() - 1e-12)
    pick = int(tied[int(np.argmax(s[tied].sum(axis=1)))])
    package = tuple(int(x) for x in front.packages[pick])
    u = front.utilities[pick].copy()
    return Found(
        status="ok", algorithm=STAIRCASE_ALGORITHM, package=package, utilities=u,
        objective=float(np.prod(u - space.batna)),
    )  # fmt: skip


STAIRCASE_ALGORITHM = "the two-party efficient frontier issue by issue (a staircase), its best point"
"""What the pure methods report when they answer from the two-party frontier."""


def nash_lottery(prob: SearchProblem, space: Space) -> Found:
    """The lottery with the largest product of surpluses (proven gap for three or more parties)."""
    egal = rational_lottery(prob)
    if egal is None:
        return LOTTERY_NO_ZOPA
    if prob.k == 2:
        lottery, u = nash_two(prob)
        algorithm = "Nash product maximised on the upper hull (Minkowski sum of super-issue hull chains)"
        gap, exact = 0.0, True
    else:
        sqp = nash_sqp(prob, egal.z)
        if sqp is not None:
            lottery, u, gap, exact = sqp
            algorithm = (
                "damped Newton steps on the hull of packages (a quadratic program per step, HiGHS), "
                "optimality certified by the Frank–Wolfe gap"
            )
        else:  # pragma: no cover - only without highspy
            lottery, u, gap, exact = nash_frank_wolfe(prob, lottery_of(egal.z))
            algorithm = "away-step Frank–Wolfe on the hull of packages, with duality gap"
    note = "" if exact else f"stopped with a proven gap of {gap:.3g} in log-product"
    return lottery_found(
        prob, space, lottery, objective=float(np.prod(u - prob.batna)), algorithm=algorithm,
        exact=exact, gap=gap, note=note,
    )  # fmt: skip


def nash_mip(model: PackageMip) -> Found:
    """The individually rational package with the largest product of surpluses, by outer approximation."""
    answer = best_nash(model, range(len(model.space.parties)))
    return mip_found(model.space, answer, lambda s: float(np.prod(s)), algorithm=OA_ALGORITHM)


OA_ALGORITHM = (
    "outer approximation of the log-product by tangent cuts over a mixed-integer program "
    "(Duran & Grossmann 1986; HiGHS branch and cut), with the proven gap"
)
"""What the MIP method reports as its algorithm."""
