"""The package searches as mixed-integer programs over :class:`.mip.PackageMip`.

* Linear objectives (utilitarian, one party's ideal): ``max c . u`` over
  individually rational packages, one MIP.
* Maximin (egalitarian, Kalai–Smorodinsky, the ZOPA's best package): one more
  column ``t`` with ``t <= scale_p * (u_p - batna_p)`` for every party, ``max t``.
* Nash: ``max sum_p log(u_p - batna_p)``, a concave objective, by outer
  approximation (Duran & Grossmann 1986, "An outer-approximation algorithm for a
  class of mixed-integer nonlinear programs", Mathematical Programming 36;
  Fletcher & Leyffer 1994, "Solving mixed integer nonlinear programs by outer
  approximation", Mathematical Programming 66): columns ``y_p`` bounded above
  by tangents of the log, ``y_p <= log a + (s_p - a) / a``; the MIP's bound on
  ``sum y`` is an upper bound on the log-product, every package found a lower
  bound; tangents are added at each package found until the two meet within
  ``NASH_GAP``, which is reported.

Ties are broken as the branch and bound of :mod:`.search` breaks them: among the
packages within the objective's tolerance of the optimum, the largest total
surplus (a second MIP with the objective held at its optimum). Beyond that, and
for Nash, the package is one of the optimal set; its value is the optimum.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from accord.analysis.kernel.limits import SolverTimeLimit
from accord.analysis.kernel.mip import IR_MARGIN, MipRun, PackageMip, surplus
from accord.numeric import TOL, FloatArray

NASH_GAP = 1e-7
"""Outer approximation stops when the proven gap in log-product is at most this.

Not smaller: HiGHS's feasibility tolerance lets each ``y_p`` sit a little above
its tangents, so the bound stalls around 1e-9 above the optimum."""

MAX_ROUNDS = 500
"""Most outer-approximation rounds (each adds one tangent per party)."""

TIE_NOT_PROVEN = "the optimum is proven; the time limit stopped the tie-break among optimal packages"
"""The note of an answer whose value is proven but whose tie-break (largest total surplus) is not."""

MipStatus = Literal["ok", "none", "limit"]
"""``ok``: a package; ``none``: proven that no package qualifies; ``limit``: stopped first."""


@dataclass(frozen=True, slots=True, kw_only=True)
class MipAnswer:
    """What a MIP search found: a package, whether it is proven optimal, and the proven gap."""

    status: MipStatus
    package: tuple[int, ...] | None = None
    exact: bool = True
    gap: float = 0.0
    note: str = ""


NONE = MipAnswer(status="none")
"""Proven: no package qualifies."""


def _answer(run: MipRun, *, stopped: str = "") -> MipAnswer:
    """A single run as an answer (``none`` when proven empty, ``limit`` when stopped empty)."""
    if run.package is None:
        return NONE if run.proven else MipAnswer(status="limit", exact=False, gap=np.inf, note=stopped)
    gap = max(0.0, run.bound - run.value)
    note = "" if run.proven else "stopped by the time limit; the gap is HiGHS's proven bound"
    return MipAnswer(status="ok", package=run.package, exact=run.proven, gap=gap, note=note)


def _tie_break(model: PackageMip, first: MipRun, cost: FloatArray, parties: Sequence[int]) -> MipAnswer:
    """Among packages within TOL of ``first``'s objective ``cost . x``, the largest total surplus."""
    answer = _answer(first)
    if first.package is None or not first.proven:
        return answer
    full = np.zeros(model.n_cols)
    full[: cost.size] = cost
    nz = np.nonzero(full)[0]
    model.add_row(nz, full[nz], first.value - TOL, np.inf)
    total = sum((model.utility_row(p) for p in parties), np.zeros(model.n_x))
    unproven = MipAnswer(status="ok", package=first.package, note=TIE_NOT_PROVEN)
    try:
        second = model.maximise(total)
    except SolverTimeLimit:
        return unproven
    if second.package is None or not second.proven:
        return unproven
    return MipAnswer(status="ok", package=second.package)


def best_linear(
    model: PackageMip, c: FloatArray, parties: Sequence[int], *, rational: bool = True
) -> MipAnswer:
    """``max sum_p c_p u_p`` over packages (individually rational for ``parties`` when ``rational``)."""
    if rational:
        model.rational_rows(parties)
    cost = sum((c[j] * model.utility_row(p) for j, p in enumerate(parties)), np.zeros(model.n_x))
    first = model.maximise(cost)
    if np.allclose(c, c[0]):  # the objective is the total surplus itself
        return _answer(first)
    return _tie_break(model, first, cost, parties)


def best_maximin(
    model: PackageMip, parties: Sequence[int], *, scale: FloatArray | None = None, rational: bool = True
) -> MipAnswer:
    """``max min_p scale_p (u_p - batna_p)`` over packages (individually rational when ``rational``)."""
    sc = np.ones(len(parties)) if scale is None else scale
    if rational:
        model.rational_rows(parties)
    (t,) = model.add_columns(1, lower=-1e9, upper=1e9)
    for j, p in enumerate(parties):
        coef = sc[j] * model.utility_row(p)
        idx = np.concatenate((np.arange(model.n_x), [t]))
        model.add_row(idx, np.concatenate((coef, [-1.0])), sc[j] * float(model.space.batna[p]), np.inf)
    cost = np.zeros(t + 1)
    cost[t] = 1.0
    return _tie_break(model, model.maximise(cost), cost, parties)


def ideal_point(model: PackageMip, parties: Sequence[int]) -> tuple[FloatArray, bool, float] | None:
    """Each party's best utility over individually rational packages, whether proven, the worst gap.

    None when no package is individually rational.
    """
    model.rational_rows(parties)
    ideal = np.zeros(len(parties))
    exact, gap = True, 0.0
    for j, p in enumerate(parties):
        run = model.maximise(model.utility_row(p))
        if run.package is None:
            if run.proven:
                return None
            raise SolverTimeLimit("the time limit ran out while finding the ideal point")
        ideal[j] = max(run.value, float(model.space.utility(run.package)[p]))
        exact &= run.proven
        gap = max(gap, run.bound - run.value)
    return ideal, exact, gap


def best_nash(model: PackageMip, parties: Sequence[int]) -> MipAnswer:
    """The individually rational package with the largest product of surpluses, by outer approximation."""
    space = model.space
    model.rational_rows(parties)
    top = np.array([sum(float(c[p].max()) for c in space.contrib) - float(space.batna[p]) for p in parties])
    if (top <= TOL).any():
        return NONE
    floor = math.log(TOL + IR_MARGIN) - 1.0
    y = np.array([model.add_columns(1, lower=floor, upper=math.log(t))[0] for t in top])
    rows = [model.utility_row(p) for p in parties]

    def tangent(j: int, a: float) -> None:
        # y_j <= log a + (s_j - a) / a, i.e. (u_j - batna_j) / a - y_j >= 1 - log a.
        idx = np.concatenate((np.arange(model.n_x), [y[j]]))
        lower = 1.0 - math.log(a) + float(space.batna[parties[j]]) / a
        model.add_row(idx, np.concatenate((rows[j] / a, [-1.0])), lower, np.inf)

    for j, t in enumerate(top):
        for a in t * 2.0 ** -np.arange(0, 30, 2):
            if a > TOL + IR_MARGIN:
                tangent(j, float(a))
    return _outer_approximation(model, parties, y, tangent)


def _outer_approximation(
    model: PackageMip, parties: Sequence[int], y: FloatArray, tangent: Callable[[int, float], None]
) -> MipAnswer:
    """Solve, add tangents at the package found, repeat until the bound meets the best value."""
    space = model.space
    cost = np.zeros(int(y.max()) + 1)
    cost[y.astype(np.int64)] = 1.0
    best: tuple[int, ...] | None = None
    best_val, best_sum, upper = -np.inf, -np.inf, np.inf
    stop, seen = "the time limit", set()
    for _ in range(MAX_ROUNDS):
        try:
            run = model.maximise(cost)
        except SolverTimeLimit:
            break
        if run.package is None:
            if run.proven and best is None:
                return NONE
            break
        upper = min(upper, run.bound)
        s = surplus(space, run.package, parties)
        if (s > TOL).all():
            val, tot = float(np.log(s).sum()), float(s.sum())
            if val > best_val + 1e-12 or (val >= best_val - 1e-12 and tot > best_sum):
                best, best_val, best_sum = run.package, max(val, best_val), tot
        if upper - best_val <= NASH_GAP or not run.proven or run.package in seen:
            break  # a package found again has its tangents already: no cut can tighten the bound
        seen.add(run.package)
        for j, sj in enumerate(s):
            if sj > TOL:
                tangent(j, float(sj))
    else:
        stop = f"{MAX_ROUNDS} rounds"
    if best is None:
        return MipAnswer(status="limit", exact=False, gap=np.inf, note=f"stopped by {stop} before a package")
    gap = max(0.0, upper - best_val)
    exact = gap <= NASH_GAP
    note = "" if exact else f"stopped by {stop} with a proven gap of {gap:.3g} in log-product"
    return MipAnswer(status="ok", package=best, exact=exact, gap=gap, note=note)


def _best_worst_off(model: PackageMip, proposers: Sequence[int], must: Sequence[int]) -> MipAnswer:
    """``max min_p u_p`` over ``proposers`` (utilities, not surpluses), then the tie-break over ``must``."""
    (t,) = model.add_columns(1, lower=-1e9, upper=1e9)
    idx = np.concatenate((np.arange(model.n_x), [t]))
    for p in proposers:
        model.add_row(idx, np.concatenate((model.utility_row(p), [-1.0])), 0.0, np.inf)
    cost = np.zeros(t + 1)
    cost[t] = 1.0
    return _tie_break(model, model.maximise(cost), cost, must)


def least_amendment(
    model: PackageMip, plan: Sequence[int], must: Sequence[int], proposers: Sequence[int]
) -> tuple[MipAnswer, int]:
    """The fewest changes to ``plan`` that ``must`` all accept, and the proven least number of changes.

    Three MIPs: the most issues kept; then, keeping that many, the utility of
    the worst-off proposer (without proposers, the least surplus of ``must``); then, within TOL of
    that, the largest total surplus of ``must`` (the tie-breaks of
    :mod:`accord.analysis.amend`).
    """
    n = len(plan)
    model.rational_rows(must)
    kept = np.array([model.col[i][o] for i, o in enumerate(plan) if model.col[i][o] >= 0], dtype=np.int64)
    cost = np.zeros(model.n_x)
    cost[kept] = 1.0
    first = model.maximise(cost)
    if first.package is None:
        return _answer(first), 0
    changes = sum(1 for a, b in zip(first.package, plan, strict=True) if a != b)
    if not first.proven:
        lower = max(0, n - math.floor(first.bound + 1e-6))
        note = f"stopped by the time limit; at least {lower} change(s) are needed, this one makes {changes}"
        return MipAnswer(status="ok", package=first.package, exact=False, note=note), lower
    model.add_row(kept, np.ones(kept.size), n - changes - 0.5, np.inf)
    try:
        if proposers:
            answer = _best_worst_off(model, proposers, must)
        else:
            answer = best_maximin(model, must, rational=False)
    except SolverTimeLimit:
        answer = MipAnswer(status="limit", exact=False)
    if answer.package is None or answer.status != "ok":
        note = f"stopped by the time limit: {changes} change(s) is proven the least; the tie-break is not"
        return MipAnswer(status="ok", package=first.package, exact=False, note=note), changes
    return answer, changes
