"""Maximising the Nash product over the convex hull of the feasible packages.

The feasible set over lotteries is the hull of every feasible package's utility
vector, cut to ``u >= batna`` (Nash 1950, "The Bargaining SearchProblem", Econometrica
18(2)); the Nash point maximises ``sum_p log(u_p - batna_p)`` there, a concave
function. For two parties it is found exactly on the upper-right boundary of the
hull, the Minkowski sum of the super-issues' hull chains (merged by slope; de
Berg et al. 2008, "Computational Geometry", ch. 13), edge by edge in closed form.
For three or more, by damped Newton steps (a quadratic program per step, HiGHS),
finished by simplicial decomposition (von Hohenbalken 1977) and certified by the
Frank–Wolfe duality gap; away-step Frank–Wolfe (Frank & Wolfe 1956;
Lacoste-Julien & Jaggi 2015) serves without highspy and for the quick estimate
that seeds the pure Nash search.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from accord.analysis.kernel.lp import (
    egalitarian_lp,
    limit_time,
    lottery_of,
    per_block,
    quiet_highs,
    values_matrix,
)
from accord.analysis.kernel.maxima import maxima
from accord.analysis.kernel.search import SearchProblem
from accord.numeric import TOL, BoolArray, FloatArray, IntArray

Lottery = list[tuple[float, IntArray]]
"""``(probability, super-issue choices)`` pairs."""


FW_GAP = 1e-10
"""The Nash searches stop once the proven gap in log-product falls below this."""


EXACT_GAP = 1e-9
"""A Nash lottery whose proven gap in log-product is at most this is reported as exact:
the linear and quadratic programs are solved to 1e-10, so rounding alone can leave
a certified gap a few times larger than ``FW_GAP``."""


def nash_lottery_surplus(prob: SearchProblem, start: IntArray | None = None) -> FloatArray | None:
    """Surpluses at (or, for 3+ parties, near) the Nash point over lotteries; None without a ZOPA.

    ``start``, a package acceptable to all, spares the linear program that would
    otherwise find a starting lottery.
    """
    if prob.k == 2:
        _, u = nash_two(prob)
        s = u - prob.batna
        return s if bool((s > TOL).all()) else None
    if start is not None and bool((prob.utilities_of(start[None, :])[0] - prob.batna > TOL).all()):
        initial = [(1.0, start)]
    else:
        egal = egalitarian_lp(prob)
        if egal is None or egal.value <= TOL:
            return None
        initial = lottery_of(egal.z)
    _, x, _, _ = nash_frank_wolfe(prob, initial, max_iter=300)
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


def nash_two(prob: SearchProblem) -> tuple[list[tuple[float, IntArray]], FloatArray]:
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


def nash_sqp(
    prob: SearchProblem, z0: tuple[FloatArray, ...], max_rounds: int = 60
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
    sizes = [b.size for b in prob.decomp.blocks]
    qp = _NewtonQp(highspy, values_matrix(prob), prob.decomp.offset - prob.batna, sizes, prob.deadline)
    z, gap = _newton_rounds(prob, qp, np.concatenate(z0) if z0 else np.zeros(0), max_rounds)
    lottery = lottery_of(per_block(z, sizes))
    if gap > FW_GAP:
        # The programs are solved to about 1e-10; finish on the lottery's own packages.
        lottery, gap = _polish(prob, lottery)
    u = sum((p * prob.utilities_of(ch[None, :])[0] for p, ch in lottery), np.zeros(prob.k))
    return lottery, u, gap, gap <= EXACT_GAP


class _NewtonQp:
    """The quadratic program of one damped Newton step, kept loaded in HiGHS between steps.

    Columns: ``z`` (>= 0) then the surpluses ``s`` (free), with ``s - V z = base``
    and one probability vector per super-issue; each step changes only the
    objective (the second-order model of ``sum_p log s_p`` at the current ``s``).

    A party whose surplus is the same on every lottery (indifferent between all
    options it could get) adds a constant to the objective: its term is left out
    of the model, which otherwise carries a curvature ``1 / s_p^2`` on a column
    that cannot move (with a tiny ``s_p`` HiGHS's QP solver did not return).
    Every solve gets the time left until ``deadline``.
    """

    def __init__(
        self, highspy: Any, vmat: FloatArray, base: FloatArray, sizes: list[int], deadline: float | None
    ) -> None:
        self.highspy, self.vmat, self.base, self.sizes = highspy, vmat, base, sizes
        self.deadline = deadline
        nz, k = vmat.shape[1], base.shape[0]
        self.varies = _varies(vmat, sizes)
        inf = highspy.kHighsInf
        h = quiet_highs(highspy)
        h.setOptionValue("primal_feasibility_tolerance", 1e-10)
        h.setOptionValue("dual_feasibility_tolerance", 1e-10)
        # HiGHS regularises QPs (default 1e-7 on the diagonal), which would bias the
        # probabilities and leave a gap of ~1e-6; the model is convex without it.
        h.setOptionValue("qp_regularization_value", 0.0)
        h.addVars(nz, np.zeros(nz), np.full(nz, inf))
        h.addVars(k, np.full(k, -inf), np.full(k, inf))
        pos = 0
        for m in sizes:
            h.addRow(1.0, 1.0, m, np.arange(pos, pos + m, dtype=np.int32), np.ones(m))
            pos += m
        for p in range(k):
            idx = np.concatenate((np.arange(nz), [nz + p])).astype(np.int32)
            h.addRow(float(base[p]), float(base[p]), idx.size, idx, np.concatenate((-vmat[p], [1.0])))
        self.h, self.nz, self.k = h, nz, k
        self.s_cols = np.arange(nz, nz + k, dtype=np.int32)

    def surplus(self, z: FloatArray) -> FloatArray:
        """The surpluses of the lottery with option probabilities ``z``."""
        return np.asarray(self.base + self.vmat @ z)

    def target(self, s: FloatArray) -> FloatArray | None:
        """The option probabilities maximising the second-order model at ``s`` (None: not solved)."""
        nz, k, h = self.nz, self.k, self.h
        # HiGHS minimises 1/2 x'Qx + c'x: the negated model sum (x^2 / (2 s^2) - 2 x / s).
        diag = np.where(self.varies, 1.0 / s**2, 0.0)
        start = np.concatenate((np.zeros(nz + 1), np.arange(1, k + 1))).astype(np.int32)
        h.passHessian(nz + k, k, 1, start, self.s_cols, diag)  # 1: lower-triangular format
        h.changeColsCost(k, self.s_cols, np.where(self.varies, -2.0 / s, 0.0))
        if not limit_time(h, self.deadline):
            return None
        h.run()
        if h.getModelStatus() != self.highspy.HighsModelStatus.kOptimal:
            return None
        return np.concatenate(per_block(np.asarray(h.getSolution().col_value)[:nz], self.sizes))


def _varies(vmat: FloatArray, sizes: list[int]) -> BoolArray:
    """Per party (row of ``vmat``), whether its surplus differs between some options of a super-issue."""
    bounds = np.cumsum(sizes)[:-1]
    return np.array(
        [any(float(np.ptp(b)) > TOL for b in np.split(row, bounds) if b.size) for row in vmat], dtype=bool
    )


def _log_sum(s: FloatArray) -> float:
    return float(np.log(s).sum()) if bool((s > 0).all()) else -np.inf


def _newton_rounds(
    prob: SearchProblem, qp: _NewtonQp, z: FloatArray, max_rounds: int
) -> tuple[FloatArray, float]:
    """Damped Newton steps from ``z`` until the Frank–Wolfe gap is below ``FW_GAP``: (z, gap)."""
    s = qp.surplus(z)
    gap = np.inf
    for _ in range(max_rounds):
        if prob.deadline is not None and time.perf_counter() > prob.deadline:
            break
        g = 1.0 / s
        best = prob.argmax_weighted(g)
        gap = max(0.0, float(g @ (prob.utilities_of(best[None, :])[0] - prob.batna - s)))
        if gap <= FW_GAP:
            break
        z_new = qp.target(s)
        if z_new is None:
            break
        step = qp.surplus(z_new) - s
        slope = float(g @ step)
        if slope <= 0.0:
            break
        alpha, f0 = 1.0, _log_sum(s)
        while alpha > 1e-12 and _log_sum(s + alpha * step) < f0 + 1e-4 * alpha * slope:
            alpha *= 0.5
        if alpha <= 1e-12:
            break
        z = z + alpha * (z_new - z)
        s = qp.surplus(z)
    return z, gap


def _polish(
    prob: SearchProblem, lottery: list[tuple[float, IntArray]], rounds: int = 30
) -> tuple[list[tuple[float, IntArray]], float]:
    """Simplicial decomposition (von Hohenbalken 1977) from ``lottery``.

    The exact Nash lottery over a few packages by active-set Newton steps, then
    the package of the Frank–Wolfe test joins them, until that test certifies the
    optimum (``FW_GAP``).
    """
    d = prob.batna
    choices = [ch for _, ch in lottery]
    w = np.array([p for p, _ in lottery], dtype=np.float64)
    a = np.vstack([prob.utilities_of(ch[None, :])[0] - d for ch in choices])
    gap = np.inf
    for _ in range(rounds):
        if prob.deadline is not None and time.perf_counter() > prob.deadline and np.isfinite(gap):
            break
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
        step = _newton_step(a[free], s, grad[free])
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


def _newton_step(af: FloatArray, s: FloatArray, grad: FloatArray) -> FloatArray:
    """The Newton step on the weights of rows ``af``, constrained to sum to zero (a KKT system)."""
    hess = -(af / s**2) @ af.T
    m = af.shape[0]
    kkt = np.zeros((m + 1, m + 1))
    kkt[:m, :m] = hess
    kkt[:m, m] = 1.0
    kkt[m, :m] = 1.0
    rhs = np.concatenate((-grad, [0.0]))
    step = np.linalg.lstsq(kkt, rhs, rcond=None)[0][:m]
    step -= step.mean()  # exactly on the plane sum(w) = 1
    return np.asarray(step)


@dataclass(slots=True)
class _Vertex:
    choice: IntArray
    u: FloatArray
    w: float


def nash_frank_wolfe(
    prob: SearchProblem, start: list[tuple[float, IntArray]], max_iter: int = 20_000
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
        if not _fw_step(active, _Vertex(fw, u_fw, 0.0), x, s, gap):
            break
        active = {kk: v for kk, v in active.items() if v.w > 1e-14}
        total = sum(v.w for v in active.values())
        for v in active.values():
            v.w /= total
        x = point()
    lottery = [(v.w, v.choice) for v in active.values()]
    return lottery, x, max(gap, 0.0), gap <= EXACT_GAP


def _fw_step(
    active: dict[tuple[int, ...], _Vertex], fw: _Vertex, x: FloatArray, s: FloatArray, gap: float
) -> bool:
    """One Frank–Wolfe or away step on the weights of ``active`` (in place); False: no progress.

    ``fw`` is the Frank–Wolfe vertex (its weight unused), ``s`` the surpluses at
    ``x`` and ``gap`` the Frank–Wolfe gap there.
    """
    g = 1.0 / s
    away = active[min(active, key=lambda kk: float(g @ active[kk].u))]
    if gap >= float(g @ (x - away.u)) or len(active) == 1:
        gamma = _line_search(s, fw.u - x, 1.0)
        if gamma <= 0.0:
            return False
        for v in active.values():
            v.w *= 1.0 - gamma
        key = tuple(int(c) for c in fw.choice)
        if key in active:
            active[key].w += gamma
        else:
            active[key] = _Vertex(fw.choice, fw.u, gamma)
        return True
    gamma = _line_search(s, x - away.u, away.w / (1.0 - away.w))
    if gamma <= 0.0:
        return False
    for v in active.values():
        v.w *= 1.0 + gamma
    away.w -= gamma
    return True


def _line_search(s: FloatArray, direction: FloatArray, gmax: float) -> float:
    """Argmax over [0, gmax] of sum log(s + g * direction), a concave function of g."""

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
