"""Bargaining solutions over lotteries of packages.

The feasible set is the convex hull of every feasible package's utility vector,
cut to the individually rational region ``u >= batna`` (Nash 1950's setting).
Because packages are a product of super-issues, that hull is the image of the
product of one probability simplex per super-issue, so linear objectives are
linear programs over per-super-issue option probabilities (solved by HiGHS
through highspy, or :func:`scipy.optimize.linprog` when highspy is missing):

* egalitarian (Kalai 1977): maximise ``t`` with every surplus at least ``t``,
  then the total surplus at that ``t``;
* Kalai–Smorodinsky (1975): the ideal point is each party's largest utility in
  the cut hull (one LP each), then the egalitarian problem in shares of the
  ideal gain;
* utilitarian: maximise the sum.

Nash's product is not linear. For two parties it is maximised exactly on the
upper-right boundary of the hull, the Minkowski sum of the super-issues' hull
chains (merged by slope, de Berg et al. 2008, "Computational Geometry", ch. 13),
edge by edge in closed form. For three or more it is maximised by away-step
Frank–Wolfe (Frank & Wolfe 1956; Lacoste-Julien & Jaggi 2015) whose linear
oracle is a per-super-issue maximum; the Frank–Wolfe duality gap bounds the
distance to the optimum of the log-product and is reported.

A solution ``z`` (option probabilities per super-issue) is turned into an
explicit lottery over at most ``1 + sum_j (options_j - 1)`` packages by coupling
the super-issues' draws through one uniform number (the comonotone coupling);
any coupling gives the same expected utilities.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.analysis.bargaining import Problem
from accord.analysis.maxima import maxima
from accord.analysis.results import BargainingResult
from accord.space import TOL, Space

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

FW_GAP = 1e-10
"""The Nash searches stop once the proven gap in log-product falls below this."""

EXACT_GAP = 1e-9
"""A Nash lottery whose proven gap in log-product is at most this is reported as exact:
the linear and quadratic programs are solved to 1e-10, so rounding alone can leave
a certified gap a few times larger than ``FW_GAP``."""


@dataclass(frozen=True, slots=True)
class LpSolution:
    """Option probabilities per super-issue, the objective and the row duals (internal)."""

    z: tuple[FloatArray, ...]
    value: float
    utilities: FloatArray
    duals: FloatArray


def _values_matrix(prob: Problem) -> FloatArray:
    blocks = prob.decomp.blocks
    if not blocks:
        return np.zeros((prob.k, 0))
    return np.vstack([b.values for b in blocks]).T.copy()


def _per_block(x: FloatArray, sizes: Sequence[int]) -> tuple[FloatArray, ...]:
    """``x`` split into one probability vector per block (solver noise below zero clipped)."""
    out = []
    pos = 0
    for m in sizes:
        zj = np.clip(x[pos : pos + m], 0.0, None)
        out.append(zj / zj.sum())
        pos += m
    return tuple(out)


def _solve_lp(
    prob: Problem,
    *,
    c_u: FloatArray,
    c_t: float,
    rows: list[tuple[FloatArray, float, float]],
) -> tuple[tuple[FloatArray, ...], float, FloatArray, FloatArray] | None:
    """Maximise ``c_u . u + c_t * t`` over lotteries, subject to ``a . u + b * t >= r`` per row.

    ``u = offset + V z`` with ``z`` a probability vector per super-issue. Returns
    (z per block, t, u, row duals >= 0) or None when infeasible.
    """
    vmat = _values_matrix(prob)
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
    solved = _highs(c, a_ub, b_ub, a_eq, np.ones(len(sizes)), nz)
    if solved is None:
        return None
    x, row_duals = solved
    z = _per_block(x[:nz], sizes)
    u = off + vmat @ x[:nz]
    duals = -row_duals[: len(rows)] if rows else np.zeros(0)
    return tuple(z), float(x[nz]), u, np.clip(duals, 0.0, None)


def _highs(
    c: FloatArray, a_ub: FloatArray, b_ub: FloatArray, a_eq: FloatArray, b_eq: FloatArray, n_prob: int
) -> tuple[FloatArray, FloatArray] | None:
    """Minimise ``c . x`` s.t. ``a_ub x <= b_ub``, ``a_eq x = b_eq``, ``x[:n_prob] >= 0``.

    Solved by HiGHS (Huangfu & Hall 2018) through highspy, which loads in a
    tenth of the time of scipy.optimize (the same solver underneath). Returns
    the solution and the row duals (inequality rows first), or None when the
    LP has no optimum.
    """
    try:
        import highspy
    except ImportError:  # pragma: no cover - highspy is a dependency; scipy is the fallback
        return _scipy_highs(c, a_ub, b_ub, a_eq, b_eq, n_prob)
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
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.setOptionValue("output_flag", False)
    # Tighter than HiGHS's defaults (1e-7): utilities are compared at TOL = 1e-9.
    h.setOptionValue("primal_feasibility_tolerance", 1e-10)
    h.setOptionValue("dual_feasibility_tolerance", 1e-10)
    h.passModel(lp)
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    sol = h.getSolution()
    return np.asarray(sol.col_value, dtype=np.float64), np.asarray(sol.row_dual, dtype=np.float64)


def _scipy_highs(
    c: FloatArray, a_ub: FloatArray, b_ub: FloatArray, a_eq: FloatArray, b_eq: FloatArray, n_prob: int
) -> tuple[FloatArray, FloatArray] | None:
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


def egalitarian_lp(prob: Problem, *, scale: FloatArray | None = None) -> LpSolution | None:
    """max t with ``scale_p * (u_p - batna_p) >= t`` for all p over lotteries (no IR cut)."""
    k = prob.k
    sc = np.ones(k) if scale is None else scale
    rows = [(np.eye(k)[p] * sc[p], -1.0, float(sc[p] * prob.batna[p])) for p in range(k)]
    out = _solve_lp(prob, c_u=np.zeros(k), c_t=1.0, rows=rows)
    if out is None:
        return None
    z, t, u, duals = out
    total = duals.sum()
    lam = duals / total if total > 0 else np.full(k, 1.0 / k)
    return LpSolution(z=z, value=t, utilities=u, duals=lam)


def rational_lp_duals(prob: Problem, c: FloatArray) -> FloatArray | None:
    """Duals (>= 0) of the rows ``u_p >= batna_p`` in ``max c . u`` over lotteries; None if infeasible."""
    k = prob.k
    rows = [(np.eye(k)[p], 0.0, float(prob.batna[p])) for p in range(k)]
    out = _solve_lp(prob, c_u=c, c_t=0.0, rows=rows)
    return None if out is None else out[3]


def lottery_of(prob: Problem, z: tuple[FloatArray, ...]) -> list[tuple[float, IntArray]]:
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


# ---------------------------------------------------------------------------


def solve_lottery(
    prob: Problem, solution: str, *, space: Space, params: dict[str, object]
) -> BargainingResult:
    """Dispatch for :func:`accord.analysis.bargaining.solve_bargaining` with lotteries."""
    d = prob.batna
    k = prob.k
    egal = egalitarian_lp(prob)
    if egal is None or egal.value <= TOL:
        return BargainingResult(
            solution=solution,
            lotteries=True,
            status="no_zopa",
            parties=space.parties,
            batna=d.copy(),
            package=None,
            utilities=None,
            objective=None,
            exact=True,
            algorithm="linear programming (HiGHS)",
            parameters=params,
            note="no lottery over feasible packages gives every party more than its BATNA (no ZOPA)",
        )
    ideal = None
    gap = 0.0
    note = ""
    if solution == "nash":
        if k == 2:
            lottery, u = _nash_two(prob)
            algorithm = "Nash product maximised on the upper hull (Minkowski sum of super-issue hull chains)"
            exact = True
        else:
            sqp = _nash_sqp(prob, egal.z)
            if sqp is not None:
                lottery, u, gap, exact = sqp
                algorithm = (
                    "damped Newton steps on the hull of packages (a quadratic program per step, HiGHS), "
                    "optimality certified by the Frank–Wolfe gap"
                )
            else:  # pragma: no cover - only without highspy
                lottery, u, gap, exact = _nash_frank_wolfe(prob, lottery_of(prob, egal.z))
                algorithm = "away-step Frank–Wolfe on the hull of packages, with duality gap"
            if not exact:
                note = f"stopped with a proven gap of {gap:.3g} in log-product"
        objective = float(np.prod(u - d))
    else:
        algorithm = "linear programming over super-issue option probabilities (HiGHS)"
        exact = True
        if solution == "utilitarian":
            rows = [(np.eye(k)[p], 0.0, float(d[p])) for p in range(k)]
            out = _solve_lp(prob, c_u=np.ones(k), c_t=0.0, rows=rows)
            assert out is not None  # the egalitarian LP found an individually rational lottery
            z = out[0]
            objective = float((out[2] - d).sum())
        else:
            scale = np.ones(k)
            if solution == "ks":
                ideal = np.zeros(k)
                rows = [(np.eye(k)[p], 0.0, float(d[p])) for p in range(k)]
                for p in range(k):
                    out = _solve_lp(prob, c_u=np.eye(k)[p], c_t=0.0, rows=rows)
                    assert out is not None
                    ideal[p] = out[2][p]
                scale = 1.0 / np.maximum(ideal - d, TOL)
            first = egalitarian_lp(prob, scale=scale)
            assert first is not None
            # Second stage: among lotteries reaching that level, the largest total surplus.
            level = first.value - 1e-11 * max(1.0, abs(first.value))
            rows = [(np.eye(k)[p] * scale[p], 0.0, float(scale[p] * d[p]) + level) for p in range(k)]
            out = _solve_lp(prob, c_u=np.ones(k), c_t=0.0, rows=rows)
            z = first.z if out is None else out[0]
            objective = first.value
        lottery = [(p, ch) for p, ch in lottery_of(prob, z)]
        u = sum((p * prob.utilities_of(ch[None, :])[0] for p, ch in lottery), np.zeros(k))
    packages = [(float(p), prob.decomp.package(ch)) for p, ch in lottery if p > 1e-15]
    packages.sort(key=lambda x: -x[0])
    u_exact = sum((p * space.utility(pk) for p, pk in packages), np.zeros(k))
    return BargainingResult(
        solution=solution,
        lotteries=True,
        status="ok",
        parties=space.parties,
        batna=d.copy(),
        package=packages[0][1],
        utilities=u_exact,
        objective=objective,
        exact=exact,
        algorithm=algorithm,
        parameters=params,
        lottery=tuple(packages),
        ideal=ideal,
        gap=gap,
        note=note,
    )


def nash_lottery_surplus(prob: Problem, start: IntArray | None = None) -> FloatArray | None:
    """Surpluses at (or, for 3+ parties, near) the Nash point over lotteries; None without a ZOPA.

    ``start``, a package acceptable to all, spares the linear program that would
    otherwise find a starting lottery.
    """
    if prob.k == 2:
        _, u = _nash_two(prob)
        s = u - prob.batna
        return s if bool((s > TOL).all()) else None
    if start is not None and bool((prob.utilities_of(start[None, :])[0] - prob.batna > TOL).all()):
        initial = [(1.0, start)]
    else:
        egal = egalitarian_lp(prob)
        if egal is None or egal.value <= TOL:
            return None
        initial = lottery_of(prob, egal.z)
    _, x, _, _ = _nash_frank_wolfe(prob, initial, max_iter=300)
    return np.asarray(x - prob.batna)


def _chain(values: FloatArray) -> IntArray:
    """Indices of the upper-right hull chain of 2-D points, from the top-left to the bottom-right.

    These are the points maximising some non-negative weighting of the two utilities.
    """
    idx = maxima(values)[::-1]  # the staircase, by u1 ascending (so u2 descending)
    hull: list[int] = []
    for i in idx:
        p = values[i]
        while len(hull) >= 2:
            a, b = values[hull[-2]], values[hull[-1]]
            # Keep b only where the chain turns right there (stays concave).
            if (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) >= 0:
                hull.pop()
            else:
                break
        hull.append(int(i))
    return np.asarray(hull, dtype=np.int64)


def _nash_two(prob: Problem) -> tuple[list[tuple[float, IntArray]], FloatArray]:
    """Nash over lotteries for two parties, on the Minkowski sum of the hull chains."""
    d = prob.batna
    blocks = prob.decomp.blocks
    start = prob.decomp.offset.copy()
    first = np.zeros(len(blocks), dtype=np.int64)
    edges: list[tuple[float, int, int, FloatArray]] = []
    for j, b in enumerate(blocks):
        ch = _chain(b.values)
        first[j] = ch[0]
        start += b.values[ch[0]]
        for a, c in itertools.pairwise(ch):
            delta = b.values[c] - b.values[a]
            edges.append((float(delta[1] / delta[0]), j, int(c), delta))
    # Concave chain: flattest edges first.
    edges.sort(key=lambda e: (-e[0], e[1]))
    verts = [start]
    for e in edges:
        verts.append(verts[-1] + e[3])
    vx = np.asarray(verts)
    s = vx - d
    best_val, best = -np.inf, (0, 0.0)
    for i in range(vx.shape[0]):
        if (s[i] >= 0).all() and s[i].prod() > best_val:
            best_val, best = float(s[i].prod()), (i, 0.0)
    if edges:
        # Along each edge the surpluses are (s1 + tau * dx, s2 + tau * dy); the product is
        # a concave quadratic in tau with its top at -(s1 dy + dx s2) / (2 dx dy).
        s1, s2 = s[:-1, 0], s[:-1, 1]
        dx, dy = vx[1:, 0] - vx[:-1, 0], vx[1:, 1] - vx[:-1, 1]
        with np.errstate(divide="ignore", invalid="ignore"):
            tau = -(s1 * dy + dx * s2) / (2.0 * dx * dy)
        tau = np.clip(np.nan_to_num(tau, nan=0.0), 0.0, 1.0)
        x1, x2 = s1 + tau * dx, s2 + tau * dy
        val = np.where((x1 >= 0) & (x2 >= 0), x1 * x2, -np.inf)
        i = int(np.argmax(val))
        if val[i] > best_val + 1e-15:
            best_val, best = float(val[i]), (i, float(tau[i]))
    at, weight = best
    # Block choices at vertex ``at``: the first chain vertex, moved along the first ``at`` edges.
    choice = first.copy()
    for e in edges[:at]:
        choice[e[1]] = e[2]
    lottery: list[tuple[float, IntArray]] = [(1.0 - weight, choice.copy())]
    if weight > 0.0:
        nxt = choice.copy()
        nxt[edges[at][1]] = edges[at][2]
        lottery.append((weight, nxt))
    lottery = [(p, ch) for p, ch in lottery if p > 1e-15]
    u = np.zeros(2)
    for p, ch in lottery:
        u += p * prob.utilities_of(ch[None, :])[0]
    return lottery, u


def _nash_sqp(
    prob: Problem, z0: tuple[FloatArray, ...], max_rounds: int = 60
) -> tuple[list[tuple[float, IntArray]], FloatArray, float, bool] | None:
    """Nash over lotteries for 3+ parties by sequential quadratic programming.

    Each round maximises the second-order Taylor model of ``sum_p log s_p`` at
    the current surpluses ``s`` over the lotteries (option probabilities per
    super-issue; the model is a convex QP with one quadratic term per party,
    solved by HiGHS), then moves towards its solution with a backtracking line
    search (Armijo 1966), i.e. damped Newton steps on the polytope (Nocedal &
    Wright 2006, "Numerical Optimization", ch. 18), which converge
    quadratically near the optimum. Optimality is certified, not assumed: by
    concavity, ``f(y) <= f(x) + g . (y - x)`` with ``g = 1 / s``, and the most
    ``g . (y - x)`` over the hull is attained at a package, found super-issue
    by super-issue; the loop stops when that Frank–Wolfe gap is below
    ``FW_GAP``. ``z0`` must be a strictly individually rational lottery.
    Returns None when highspy is missing.
    """
    try:
        import highspy
    except ImportError:  # pragma: no cover - highspy is a dependency
        return None
    k = prob.k
    vmat = _values_matrix(prob)
    nz = vmat.shape[1]
    base = prob.decomp.offset - prob.batna  # surplus = base + V z
    sizes = [b.size for b in prob.decomp.blocks]
    inf = highspy.kHighsInf
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.setOptionValue("output_flag", False)
    h.setOptionValue("primal_feasibility_tolerance", 1e-10)
    h.setOptionValue("dual_feasibility_tolerance", 1e-10)
    # HiGHS regularises QPs (default 1e-7 on the diagonal), which would bias the
    # probabilities and leave a gap of ~1e-6; the model is convex without it.
    h.setOptionValue("qp_regularization_value", 0.0)
    # Columns: z (>= 0) then s (free), with s - V z = base and one probability vector per block.
    h.addVars(nz, np.zeros(nz), np.full(nz, inf))
    h.addVars(k, np.full(k, -inf), np.full(k, inf))
    pos = 0
    for m in sizes:
        h.addRow(1.0, 1.0, m, np.arange(pos, pos + m, dtype=np.int32), np.ones(m))
        pos += m
    for p in range(k):
        idx = np.concatenate((np.arange(nz), [nz + p])).astype(np.int32)
        h.addRow(float(base[p]), float(base[p]), idx.size, idx, np.concatenate((-vmat[p], [1.0])))
    s_cols = np.arange(nz, nz + k, dtype=np.int32)

    def f(s: FloatArray) -> float:
        return float(np.log(s).sum()) if bool((s > 0).all()) else -np.inf

    z = np.concatenate(z0) if z0 else np.zeros(0)
    s = base + vmat @ z
    gap = np.inf
    for _ in range(max_rounds):
        g = 1.0 / s
        best = prob.argmax_weighted(g)
        gap = max(0.0, float(g @ (prob.utilities_of(best[None, :])[0] - prob.batna - s)))
        if gap <= FW_GAP:
            break
        # HiGHS minimises 1/2 x'Qx + c'x: the negated model sum (x^2 / (2 s^2) - 2 x / s).
        diag = 1.0 / s**2
        start = np.concatenate((np.zeros(nz + 1), np.arange(1, k + 1))).astype(np.int32)
        h.passHessian(nz + k, k, 1, start, s_cols, diag)  # 1: lower-triangular format
        h.changeColsCost(k, s_cols, -2.0 / s)
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            break
        z_new = np.concatenate(_per_block(np.asarray(h.getSolution().col_value)[:nz], sizes))
        step = base + vmat @ z_new - s
        slope = float(g @ step)
        if slope <= 0.0:
            break
        alpha, f0 = 1.0, f(s)
        while alpha > 1e-12 and f(s + alpha * step) < f0 + 1e-4 * alpha * slope:
            alpha *= 0.5
        if alpha <= 1e-12:
            break
        z = z + alpha * (z_new - z)
        s = base + vmat @ z
    lottery = lottery_of(prob, _per_block(z, sizes))
    if gap > FW_GAP:
        # The programs are solved to about 1e-10; finish on the lottery's own packages.
        lottery, gap = _polish(prob, lottery)
    u = sum((p * prob.utilities_of(ch[None, :])[0] for p, ch in lottery), np.zeros(k))
    return lottery, u, gap, gap <= EXACT_GAP


def _polish(
    prob: Problem, lottery: list[tuple[float, IntArray]], rounds: int = 30
) -> tuple[list[tuple[float, IntArray]], float]:
    """Simplicial decomposition (von Hohenbalken 1977) from ``lottery``: the exact Nash
    lottery over a few packages by active-set Newton steps, then the package of the
    Frank–Wolfe test joins them, until that test certifies the optimum (``FW_GAP``)."""
    d = prob.batna
    choices = [ch for _, ch in lottery]
    w = np.array([p for p, _ in lottery], dtype=np.float64)
    a = np.vstack([prob.utilities_of(ch[None, :])[0] - d for ch in choices])
    gap = np.inf
    for _ in range(rounds):
        w = _newton_on_simplex(a, w)
        s = w @ a
        g = 1.0 / s
        best = prob.argmax_weighted(g)
        v = prob.utilities_of(best[None, :])[0] - d
        gap = max(0.0, float(g @ (v - s)))
        if gap <= FW_GAP or any(np.array_equal(best, ch) for ch in choices):
            break
        choices.append(best)
        a = np.vstack((a, v))
        w = np.append(w, 0.0)
    keep = w > 0.0
    total = float(w[keep].sum())
    return [(float(p) / total, ch) for p, ch, ok in zip(w, choices, keep, strict=True) if ok], gap


def _newton_on_simplex(a: FloatArray, w: FloatArray, iterations: int = 100) -> FloatArray:
    """Maximise ``sum_p log((w @ a)_p)`` over the probability vectors ``w`` (rows of ``a``: surpluses).

    Active-set Newton: Newton steps on the weights in use (constrained to sum to
    one), stopped at the boundary when a weight would turn negative (its row then
    leaves); at a stationary point, a row whose gradient beats the rest enters.
    ``w`` must give strictly positive surpluses.
    """
    w = w.copy()

    def f(x: FloatArray) -> float:
        s = x @ a
        return float(np.log(s).sum()) if bool((s > 0).all()) else -np.inf

    for _ in range(iterations):
        s = w @ a
        grad = a @ (1.0 / s)
        free = np.nonzero(w > 0.0)[0]
        # Optimal on the free rows when their gradients are equal (to sum_p s_p / s_p = k).
        level = float(w @ grad)
        if np.abs(grad[free] - level).max() <= 1e-15 * max(1.0, level):
            enter = np.nonzero((w == 0.0) & (grad > level * (1.0 + 1e-13)))[0]
            if enter.size == 0:
                break
            free = np.append(free, enter[np.argmax(grad[enter])])
        af = a[free]
        hess = -(af / s**2) @ af.T
        m = free.size
        kkt = np.zeros((m + 1, m + 1))
        kkt[:m, :m] = hess
        kkt[:m, m] = 1.0
        kkt[m, :m] = 1.0
        rhs = np.concatenate((-grad[free], [0.0]))
        step = np.linalg.lstsq(kkt, rhs, rcond=None)[0][:m]
        step -= step.mean()  # exactly on the plane sum(w) = 1
        # Steps sum to zero, so the slope is taken with the centred gradient: the
        # common part (about k) would only add rounding.
        centred = grad[free] - grad[free].mean()
        if float(centred @ step) <= 0.0:
            # Not an ascent direction (rounding at the optimum): the projected gradient instead.
            step = centred
            if float(centred @ step) <= 0.0:
                break
        shrink = step < 0.0
        alpha = 1.0
        if shrink.any():
            alpha = min(1.0, float((w[free][shrink] / -step[shrink]).min()))
        f0, slope = f(w), float(centred @ step)
        # Armijo's test, less the rounding of f itself: near the optimum the gain of a
        # Newton step is below what f's last bits can show.
        noise = 8.0 * np.finfo(float).eps * max(1.0, abs(f0))
        while alpha > 1e-14:
            trial = w.copy()
            trial[free] = np.maximum(trial[free] + alpha * step, 0.0)
            if f(trial) >= f0 + 1e-4 * alpha * slope - noise:
                break
            alpha *= 0.5
        else:
            break
        w = trial / trial.sum()
    return w


@dataclass(slots=True)
class _Vertex:
    choice: IntArray
    u: FloatArray
    w: float


def _nash_frank_wolfe(
    prob: Problem, start: list[tuple[float, IntArray]], max_iter: int = 20_000
) -> tuple[list[tuple[float, IntArray]], FloatArray, float, bool]:
    """Away-step Frank–Wolfe for max sum log(u - batna) over the hull; returns the proven gap.

    ``start`` must be a strictly individually rational lottery.
    """
    d = prob.batna
    active: dict[tuple[int, ...], _Vertex] = {}
    for p, ch in start:
        active[tuple(int(c) for c in ch)] = _Vertex(ch, prob.utilities_of(ch[None, :])[0], p)

    def point() -> FloatArray:
        return np.asarray(sum((v.w * v.u for v in active.values()), np.zeros(prob.k)))

    x = point()
    gap = np.inf
    for it in range(max_iter):
        s = x - d
        g = 1.0 / s
        fw = prob.argmax_weighted(g)
        u_fw = prob.utilities_of(fw[None, :])[0]
        # Concavity: f(y) <= f(x) + g . (y - x) <= f(x) + gap for every y in the hull.
        gap = float(g @ (u_fw - x))
        if gap <= FW_GAP:
            break
        if prob.deadline is not None and it % 50 == 0 and time.perf_counter() > prob.deadline:
            break
        away_key = min(active, key=lambda kk: float(g @ active[kk].u))
        away = active[away_key]
        if gap >= float(g @ (x - away.u)) or len(active) == 1:
            gamma = _line_search(s, u_fw - x, 1.0)
            if gamma <= 0.0:
                break
            for v in active.values():
                v.w *= 1.0 - gamma
            key = tuple(int(c) for c in fw)
            if key in active:
                active[key].w += gamma
            else:
                active[key] = _Vertex(fw, u_fw, gamma)
        else:
            gamma = _line_search(s, x - away.u, away.w / (1.0 - away.w))
            if gamma <= 0.0:
                break
            for v in active.values():
                v.w *= 1.0 + gamma
            away.w -= gamma
        active = {kk: v for kk, v in active.items() if v.w > 1e-14}
        total = sum(v.w for v in active.values())
        for v in active.values():
            v.w /= total
        x = point()
    lottery = [(v.w, v.choice) for v in active.values()]
    return lottery, x, max(gap, 0.0), gap <= EXACT_GAP


def _line_search(s: FloatArray, direction: FloatArray, gmax: float) -> float:
    """argmax over [0, gmax] of sum log(s + g * direction), a concave function of g."""

    def slope(g: float) -> float:
        return float((direction / (s + g * direction)).sum())

    if slope(0.0) <= 0.0:
        return 0.0
    # The log barrier keeps the maximiser inside the region where s + g * direction > 0.
    neg = direction < 0
    hi = gmax
    if neg.any():
        hi = min(hi, float((-s[neg] / direction[neg]).min()) * (1.0 - 1e-12))
    if slope(hi) >= 0.0:
        return hi
    lo = 0.0
    for _ in range(100):
        mid = 0.5 * (lo + hi)
        if slope(mid) > 0.0:
            lo = mid
        else:
            hi = mid
        if hi - lo <= 1e-16 * max(1.0, hi):
            break
    return 0.5 * (lo + hi)
