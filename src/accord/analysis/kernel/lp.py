"""Linear programs over lotteries of packages (HiGHS through highspy; scipy as fallback).

Packages are a product of super-issues, so the convex hull of the feasible
packages' utility vectors is the image of the product of one probability simplex
per super-issue: ``u = offset + V z`` with ``z`` a probability vector per
super-issue. Linear objectives over lotteries are therefore linear programs in
``z``, solved by HiGHS (Huangfu & Hall 2018, "Parallelizing the dual revised
simplex method", Mathematical Programming Computation 10(1)). A solution ``z`` is
turned into an explicit lottery over at most ``1 + sum_j (options_j - 1)``
packages by coupling the super-issues' draws through one uniform number (the
comonotone coupling); any coupling gives the same expected utilities.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from accord.analysis.kernel.limits import SolverTimeLimit as SolverTimeLimit
from accord.analysis.kernel.search import SearchProblem
from accord.numeric import FloatArray, IntArray

Row = tuple[FloatArray, float, float]
"""``(a, b, r)``: the constraint ``a . u + b * t >= r``."""


@dataclass(frozen=True, slots=True)
class LpSolution:
    """Option probabilities per super-issue, the objective, the utilities and the row duals."""

    z: tuple[FloatArray, ...]
    value: float
    utilities: FloatArray
    duals: FloatArray


def values_matrix(prob: SearchProblem) -> FloatArray:
    """Every super-issue option's values as columns: ``u = offset + V z``."""
    blocks = prob.decomp.blocks
    if not blocks:
        return np.zeros((prob.k, 0))
    return np.vstack([b.values for b in blocks]).T.copy()


def per_block(x: FloatArray, sizes: Sequence[int]) -> tuple[FloatArray, ...]:
    """``x`` split into one probability vector per block (solver noise below zero clipped)."""
    out = []
    pos = 0
    for m in sizes:
        zj = np.clip(x[pos : pos + m], 0.0, None)
        out.append(zj / zj.sum())
        pos += m
    return tuple(out)


def lottery_lp(
    prob: SearchProblem,
    *,
    c_u: FloatArray,
    c_t: float,
    rows: Sequence[Row],
) -> LpSolution | None:
    """Maximise ``c_u . u + c_t * t`` over lotteries, subject to ``a . u + b * t >= r`` per row.

    ``u = offset + V z`` with ``z`` a probability vector per super-issue. Returns
    z per super-issue, ``t`` as ``value``, ``u`` and the row duals (>= 0), or None
    when infeasible.
    """
    vmat = values_matrix(prob)
    nz = vmat.shape[1]
    off = prob.decomp.offset
    sizes = [b.size for b in prob.decomp.blocks]
    c = np.concatenate((-(c_u @ vmat), [-c_t]))
    if rows:
        a_ub = np.array([np.concatenate((-(a @ vmat), [-b])) for a, b, _ in rows])
        b_ub = np.array([float(a @ off) - r for a, _, r in rows])
    else:
        a_ub, b_ub = np.zeros((0, nz + 1)), np.zeros(0)
    a_eq = np.zeros((len(sizes), nz + 1))
    pos = 0
    for j, m in enumerate(sizes):
        a_eq[j, pos : pos + m] = 1.0
        pos += m
    solved = highs_lp(c, a_ub, b_ub, a_eq, np.ones(len(sizes)), nz, deadline=prob.deadline)
    if solved is None:
        return None
    x, row_duals = solved
    z = per_block(x[:nz], sizes)
    u = off + vmat @ x[:nz]
    duals = -row_duals[: len(rows)] if rows else np.zeros(0)
    return LpSolution(z=tuple(z), value=float(x[nz]), utilities=u, duals=np.clip(duals, 0.0, None))


def quiet_highs(highspy: Any) -> Any:
    """A HiGHS instance that prints nothing, not even its banner.

    highspy 1.16's ``Highs()`` installs its callback layer in the constructor,
    and HiGHS prints its banner ("Running HiGHS ...") on stdout as soon as a
    callback is set while ``output_flag`` is still on, i.e. before any option can
    be set. The binding underneath, ``highspy._Highs`` (exported by highspy, and
    all accord needs: no callbacks), prints nothing until it runs, so the output
    is switched off first. Falls back to ``Highs()`` where ``_Highs`` is missing.
    """
    raw = getattr(highspy, "_Highs", None)
    h = raw() if raw is not None else highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("log_to_console", False)
    return h


def limit_time(h: Any, deadline: float | None) -> bool:
    """Give HiGHS the time left until ``deadline`` (``time.perf_counter``); False if none is left."""
    if deadline is None:
        return True
    left = deadline - time.perf_counter()
    if left <= 0.0:
        return False
    h.setOptionValue("time_limit", float(left))
    return True


def highs_lp(
    c: FloatArray,
    a_ub: FloatArray,
    b_ub: FloatArray,
    a_eq: FloatArray,
    b_eq: FloatArray,
    n_prob: int,
    *,
    deadline: float | None = None,
) -> tuple[FloatArray, FloatArray] | None:
    """Minimise ``c . x`` s.t. ``a_ub x <= b_ub``, ``a_eq x = b_eq``, ``x[:n_prob] >= 0``.

    Solved by HiGHS (Huangfu & Hall 2018) through highspy, which loads in a
    tenth of the time of scipy.optimize (the same solver underneath). Returns
    the solution and the row duals (inequality rows first), or None when the
    LP has no optimum. Raises :class:`SolverTimeLimit` when ``deadline``
    (``time.perf_counter``) passes first: HiGHS gets the time left (``time_limit``).
    """
    try:
        import highspy
    except ImportError:  # pragma: no cover - highspy is a dependency; scipy is the fallback
        return scipy_lp(c, a_ub, b_ub, a_eq, b_eq, n_prob)
    a = np.vstack((a_ub, a_eq))
    n = c.shape[0]
    inf = highspy.kHighsInf
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = a.shape[0]
    lp.col_cost_ = c
    lp.col_lower_ = np.concatenate((np.zeros(n_prob), np.full(n - n_prob, -inf)))
    lp.col_upper_ = np.full(n, inf)
    lp.row_lower_ = np.concatenate((np.full(a_ub.shape[0], -inf), b_eq))
    lp.row_upper_ = np.concatenate((b_ub, b_eq))
    starts, index, value = [0], [], []
    for j in range(n):
        nzr = np.nonzero(a[:, j])[0]
        index.extend(nzr.tolist())
        value.extend(a[nzr, j].tolist())
        starts.append(len(index))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(value, dtype=np.float64)
    h = quiet_highs(highspy)
    if not limit_time(h, deadline):
        raise SolverTimeLimit("no time left for a linear program")
    # Tighter than HiGHS's defaults (1e-7): utilities are compared at TOL = 1e-9.
    h.setOptionValue("primal_feasibility_tolerance", 1e-10)
    h.setOptionValue("dual_feasibility_tolerance", 1e-10)
    h.passModel(lp)
    h.run()
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kTimeLimit:
        raise SolverTimeLimit("the time limit ran out inside a linear program")
    if status != highspy.HighsModelStatus.kOptimal:
        return None
    sol = h.getSolution()
    return np.asarray(sol.col_value, dtype=np.float64), np.asarray(sol.row_dual, dtype=np.float64)


def scipy_lp(
    c: FloatArray, a_ub: FloatArray, b_ub: FloatArray, a_eq: FloatArray, b_eq: FloatArray, n_prob: int
) -> tuple[FloatArray, FloatArray] | None:
    """The same program as :func:`highs_lp`, by :func:`scipy.optimize.linprog` (HiGHS inside)."""
    from scipy.optimize import linprog

    bounds = [(0.0, None)] * n_prob + [(None, None)] * (c.shape[0] - n_prob)
    res = linprog(
        c,
        A_ub=a_ub if a_ub.shape[0] else None,
        b_ub=b_ub if a_ub.shape[0] else None,
        A_eq=a_eq if a_eq.shape[0] else None,
        b_eq=b_eq if a_eq.shape[0] else None,
        bounds=bounds,
        method="highs",
        options={"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10},
    )
    if res.status != 0:
        return None
    ub_duals = np.asarray(res.ineqlin.marginals) if a_ub.shape[0] else np.zeros(0)
    eq_duals = np.asarray(res.eqlin.marginals) if a_eq.shape[0] else np.zeros(0)
    return np.asarray(res.x, dtype=np.float64), np.concatenate((ub_duals, eq_duals))


def egalitarian_lp(prob: SearchProblem, *, scale: FloatArray | None = None) -> LpSolution | None:
    """Max t with ``scale_p * (u_p - batna_p) >= t`` for all p over lotteries (no IR cut)."""
    k = prob.k
    sc = np.ones(k) if scale is None else scale
    rows = [(np.eye(k)[p] * sc[p], -1.0, float(sc[p] * prob.batna[p])) for p in range(k)]
    out = lottery_lp(prob, c_u=np.zeros(k), c_t=1.0, rows=rows)
    if out is None:
        return None
    total = out.duals.sum()
    lam = out.duals / total if total > 0 else np.full(k, 1.0 / k)
    return LpSolution(z=out.z, value=out.value, utilities=out.utilities, duals=lam)


def lottery_of(z: tuple[FloatArray, ...]) -> list[tuple[float, IntArray]]:
    """An explicit lottery over block choices with the marginals ``z`` (comonotone coupling)."""
    if not z:
        return [(1.0, np.zeros(0, dtype=np.int64))]
    cums = [np.cumsum(zj) for zj in z]
    cuts = np.unique(np.concatenate([c[:-1] for c in cums] + [np.array([0.0, 1.0])]))
    cuts = cuts[(cuts >= 0.0) & (cuts <= 1.0)]
    out: dict[tuple[int, ...], float] = {}
    for lo, hi in itertools.pairwise(cuts):
        if hi - lo <= 1e-12:
            continue
        mid = 0.5 * (lo + hi)
        choice = tuple(int(min(np.searchsorted(c, mid, side="right"), c.size - 1)) for c in cums)
        out[choice] = out.get(choice, 0.0) + float(hi - lo)
    total = sum(out.values())
    return [(p / total, np.asarray(ch, dtype=np.int64)) for ch, p in out.items()]


def rational_rows(prob: SearchProblem) -> list[Row]:
    """The rows ``u_p >= batna_p``: the individually rational region."""
    k = prob.k
    return [(np.eye(k)[p], 0.0, float(prob.batna[p])) for p in range(k)]


def maximin_lottery(prob: SearchProblem, scale: FloatArray) -> tuple[tuple[FloatArray, ...], float]:
    """Option probabilities of the lottery maximising ``min_p scale_p * surplus_p``, and that level.

    Two stages: the level, then, among lotteries reaching it, the largest total
    surplus. Needs an individually rational lottery to exist.
    """
    k = prob.k
    d = prob.batna
    first = egalitarian_lp(prob, scale=scale)
    assert first is not None  # the caller found an individually rational lottery
    level = first.value - 1e-11 * max(1.0, abs(first.value))
    rows = [(np.eye(k)[p] * scale[p], 0.0, float(scale[p] * d[p]) + level) for p in range(k)]
    out = lottery_lp(prob, c_u=np.ones(k), c_t=0.0, rows=rows)
    return (first.z if out is None else out.z), first.value
