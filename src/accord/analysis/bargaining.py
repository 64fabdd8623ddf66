"""Bargaining solutions over the feasible packages of a space.

Disagreement point: the BATNA of every party (``space.batna``); the surplus of a
package is its utility minus the BATNA.

* Nash (1950), "The Bargaining Problem", Econometrica 18(2): maximise the
  product of surpluses.
* Kalai & Smorodinsky (1975), "Other solutions to Nash's bargaining problem",
  Econometrica 43(3): maximise ``min_p surplus_p / (ideal_p - batna_p)``, the
  ideal point being each party's best individually rational outcome.
* Kalai (1977), "Proportional solutions to bargaining situations: interpersonal
  utility comparisons", Econometrica 45(7): egalitarian, maximise the minimum
  surplus.
* Harsanyi (1955), "Cardinal welfare, individualistic ethics, and interpersonal
  comparisons of utility", J. Political Economy 63(4): utilitarian, maximise
  the sum of utilities.

Over pure packages every solution is restricted to individually rational
packages (every surplus above :data:`accord.space.TOL`); when there is none the
result says there is no ZOPA. Each is found exactly by branch and bound over
the stages of :mod:`accord.analysis.stages`: a partial package is dropped when
no completion can be individually rational, when another partial package
dominates it, or when an optimistic bound on its completions cannot beat the
best package known (first found by weighted sums and local search). The
bounds are Lagrangian: for weights ``lam >= 0`` the best any completion adds to
``lam . u`` is a sum of per-super-issue maxima (Fisher 1981, "The Lagrangian
relaxation method for solving integer programming problems", Management
Science 27(1)); for Nash the log of the product is bounded by its tangent.

Over lotteries (``lotteries=True``) the feasible set is the convex hull of all
feasible packages' utility vectors, cut to the individually rational region
``u >= batna`` (see :mod:`accord.analysis.lotteries`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.analysis.components import Decomposition, decompose
from accord.analysis.results import SOLUTIONS, BargainingResult
from accord.analysis.stages import default_order, run_stages, suffix_box, suffix_max
from accord.space import TOL, Space, SpaceError

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

_NEG = -np.inf


@dataclass(slots=True)
class Problem:
    """A decomposed space prepared for branch and bound (internal)."""

    decomp: Decomposition
    order: tuple[int, ...]
    batna: FloatArray
    box: FloatArray
    deadline: float | None
    max_states: int

    @property
    def k(self) -> int:
        return int(self.batna.shape[0])

    def utilities_of(self, choices: IntArray) -> FloatArray:
        u = np.tile(self.decomp.offset, (choices.shape[0], 1))
        for j, b in enumerate(self.decomp.blocks):
            u += b.values[choices[:, j]]
        return u

    def argmax_weighted(self, lam: FloatArray) -> IntArray:
        """Block choices maximising ``lam . u`` (ties: lowest option index)."""
        return np.array([int(np.argmax(b.values @ lam)) for b in self.decomp.blocks], dtype=np.int64)

    def suffix(self, lam: FloatArray) -> FloatArray:
        return suffix_max(self.decomp, self.order, lam)


def prepare(
    decomp: Decomposition, batna: FloatArray, *, deadline: float | None = None, max_states: int = 2_000_000
) -> Problem:
    """Set up branch and bound; ``decomp`` may be reduced (every question here is monotone)."""
    order = default_order(decomp)
    return Problem(
        decomp=decomp,
        order=order,
        batna=np.asarray(batna, dtype=np.float64),
        box=suffix_box(decomp, order),
        deadline=deadline,
        max_states=max_states,
    )


@dataclass(slots=True)
class Objective:
    """What branch and bound maximises (internal).

    ``value(U)`` for complete utility vectors (``-inf`` where not allowed);
    ``bound(A, t)`` an upper bound on ``value`` over every completion of the partial
    utilities ``A`` after ``t`` stages; ``margin`` the tolerance for ties.
    """

    name: str
    value: Callable[[FloatArray], FloatArray]
    bound: Callable[[FloatArray, int], FloatArray]
    require_ir: bool
    margin: float


@dataclass(frozen=True, slots=True)
class Best:
    """The outcome of a branch-and-bound run (internal)."""

    choice: IntArray | None
    value: float
    exact: bool
    gap: float
    note: str = ""


def egalitarian_objective(
    prob: Problem, *, scale: FloatArray | None = None, require_ir: bool = True, lam: FloatArray | None = None
) -> Objective:
    """max min_p scale_p * surplus_p; with ``lam`` (weights on the simplex) a Lagrangian bound."""
    d = prob.batna
    sc = np.ones(prob.k) if scale is None else scale
    lams = [] if lam is None else [lam]
    suffixes = [prob.suffix(lm * sc) for lm in lams]

    def value(u: FloatArray) -> FloatArray:
        s = u - d
        v = (s * sc).min(axis=1)
        if require_ir:
            v = np.where((s > TOL).all(axis=1), v, _NEG)
        return np.asarray(v)

    def bound(a: FloatArray, t: int) -> FloatArray:
        out = ((a - d + prob.box[t]) * sc).min(axis=1)
        for lm, h in zip(lams, suffixes, strict=True):
            out = np.minimum(out, (a - d) @ (lm * sc) + h[t])
        return np.asarray(out)

    return Objective("egalitarian", value, bound, require_ir, TOL)


def linear_objective(
    prob: Problem, c: FloatArray, name: str, weights: list[FloatArray] | None = None
) -> Objective:
    """max ``c . surplus`` over individually rational packages.

    Bounded by ``w . (A - batna) + H_t(w)`` for ``w = c`` and for each of
    ``weights``, which must be ``c + mu`` with ``mu >= 0``: in an individually
    rational completion ``mu . surplus >= 0``, so the bound still holds.
    """
    d = prob.batna
    ws = [c, *(weights or [])]
    suffixes = [prob.suffix(w) for w in ws]

    def value(u: FloatArray) -> FloatArray:
        s = u - d
        return np.asarray(np.where((s > TOL).all(axis=1), s @ c, _NEG))

    def bound(a: FloatArray, t: int) -> FloatArray:
        out = np.full(a.shape[0], np.inf)
        for w, h in zip(ws, suffixes, strict=True):
            out = np.minimum(out, (a - d) @ w + h[t])
        return np.asarray(out)

    return Objective(name, value, bound, True, TOL)


def nash_objective(prob: Problem, tangents: list[FloatArray]) -> Objective:
    """Sum of log surpluses; bounded by the box and by tangents of log at ``tangents``."""
    d = prob.batna
    pts = [y for y in tangents if (y > TOL).all()]
    suffixes = [prob.suffix(1.0 / y) for y in pts]
    consts = [float(np.log(y).sum()) - prob.k for y in pts]

    def value(u: FloatArray) -> FloatArray:
        s = u - d
        ok = np.asarray((s > TOL).all(axis=1))
        with np.errstate(divide="ignore", invalid="ignore"):
            v = np.log(np.where(ok[:, None], s, 1.0)).sum(axis=1)
        return np.asarray(np.where(ok, v, _NEG))

    def bound(a: FloatArray, t: int) -> FloatArray:
        top = a - d + prob.box[t]
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.where((top > 0).all(axis=1), np.log(np.maximum(top, 1e-300)).sum(axis=1), _NEG)
        for y, h, c in zip(pts, suffixes, consts, strict=True):
            # log s <= log y + (s - y) / y, summed over parties.
            out = np.minimum(out, c + (a - d) @ (1.0 / y) + h[t])
        return np.asarray(out)

    return Objective("nash", value, bound, True, 1e-12)


def _stacked(prob: Problem) -> tuple[FloatArray, IntArray]:
    """All block options as rows, with the start of each block's rows."""
    blocks = prob.decomp.blocks
    if not blocks:
        return np.zeros((0, prob.k)), np.zeros(0, dtype=np.int64)
    starts = np.cumsum([0] + [b.size for b in blocks[:-1]]).astype(np.int64)
    return np.vstack([b.values for b in blocks]), starts


def _best_response(stacked: FloatArray, starts: IntArray, offset: FloatArray, w: FloatArray) -> FloatArray:
    """Utilities of a package maximising ``w . u`` (block by block)."""
    if stacked.shape[0] == 0:
        return offset.copy()
    score = stacked @ w
    best = np.maximum.reduceat(score, starts)
    sizes = np.diff(np.append(starts, score.size))
    hit = np.nonzero(score >= np.repeat(best, sizes))[0]
    first = hit[np.searchsorted(hit, starts)]
    return np.asarray(offset + stacked[first].sum(axis=0))


def rational_weights(prob: Problem, c: FloatArray, iterations: int = 300) -> list[FloatArray]:
    """``c + mu`` (``mu >= 0``) nearly minimising the Lagrangian bound of ``max c . s``, s >= 0.

    The bound ``(c + mu) . (u - batna)`` maximised over packages is valid for every
    ``mu >= 0``; projected subgradient descent (Shor 1985) finds a small one. Any
    result is a valid bound, so the iteration count only affects speed.
    """
    stacked, starts = _stacked(prob)
    d, off = prob.batna, prob.decomp.offset
    mu = np.zeros(prob.k)
    best_w, best_val = c.copy(), np.inf
    scale = max(float(np.abs(stacked).max(initial=0.0)) * max(1, len(prob.decomp.blocks)), 1e-9)
    for it in range(iterations):
        w = c + mu
        u = _best_response(stacked, starts, off, w)
        val = float(w @ (u - d))
        if val < best_val:
            best_val, best_w = val, w.copy()
        g = u - d
        step = scale / (np.sqrt(it + 1.0) * max(float(g @ g), 1e-12)) * 0.1
        mu = np.maximum(0.0, mu - step * g)
    return [best_w]


def lagrange_weights(prob: Problem, scale: FloatArray | None = None, iterations: int = 300) -> FloatArray:
    """Weights ``lam`` on the simplex nearly minimising the Lagrangian bound of the egalitarian problem.

    For every such ``lam``, ``min_p scale_p s_p <= lam . (scale * s)``, so the maximum of the
    right side over packages bounds the maximin; exponentiated-gradient descent
    (mirror descent on the simplex; Beck & Teboulle 2003) makes it small. Any
    result is valid, so the iteration count only affects speed.
    """
    stacked, starts = _stacked(prob)
    d, off = prob.batna, prob.decomp.offset
    sc = np.ones(prob.k) if scale is None else scale
    lam = np.full(prob.k, 1.0 / prob.k)
    best_lam, best_val = lam.copy(), np.inf
    for it in range(iterations):
        u = _best_response(stacked, starts, off, lam * sc)
        g = sc * (u - d)
        val = float(lam @ g)
        if val < best_val:
            best_val, best_lam = val, lam.copy()
        spread = max(float(np.ptp(g)), 1e-12)
        lam = lam * np.exp(-np.clip(g - g.min(), 0.0, None) / spread * 2.0 / np.sqrt(it + 1.0))
        lam = np.maximum(lam / lam.sum(), 1e-12)
        lam = lam / lam.sum()
    return best_lam


def branch_and_bound(
    prob: Problem, obj: Objective, incumbent: IntArray | None, *, ir_weights: FloatArray | None = None
) -> Best:
    """Exact maximisation of ``obj`` over feasible packages (block choices).

    ``ir_weights`` (on the simplex) add the Lagrangian test of individual rationality:
    ``min_p s_p <= lam . s``, so a state whose bound on ``lam . s`` is at most TOL is dropped.
    """
    d = prob.batna
    inc_val = _NEG
    if incumbent is not None:
        inc_val = float(obj.value(prob.utilities_of(incumbent[None, :]))[0])
    lam_ir = None if ir_weights is None else (ir_weights, prob.suffix(ir_weights))

    def keep(a: FloatArray, t: int) -> BoolArray:
        ok = np.ones(a.shape[0], dtype=bool)
        if obj.require_ir:
            ok &= (a - d + prob.box[t] > TOL).all(axis=1)
            if lam_ir is not None:
                ok &= (a - d) @ lam_ir[0] + lam_ir[1][t] > TOL
        if inc_val > _NEG:
            ok &= obj.bound(a, t) >= inc_val - obj.margin
        return ok

    run = run_stages(
        prob.decomp, order=prob.order, prune=keep, deadline=prob.deadline, max_states=prob.max_states
    )
    n_blocks = len(prob.decomp.blocks)
    if not run.complete:
        # Every package is a completion of a surviving state or was pruned as no better.
        t = run.stages_done
        top = float(obj.bound(run.values, t).max()) if run.values.shape[0] else _NEG
        if inc_val == _NEG:
            return Best(None, _NEG, False, np.inf, f"stopped ({run.stop_reason}) before finding a package")
        gap = max(0.0, top - inc_val)
        return Best(incumbent, inc_val, gap <= obj.margin, gap, f"stopped: {run.stop_reason}")
    vals = obj.value(run.values) if run.values.shape[0] else np.zeros(0)
    if vals.size and vals.max() > _NEG and vals.max() >= inc_val - obj.margin:
        best = vals.max()
        tied = np.nonzero(vals >= best - obj.margin)[0]
        # Deterministic choice among ties: the largest total surplus.
        sums = (run.values[tied] - d).sum(axis=1)
        pick = int(tied[int(np.argmax(sums))])
        choice = run.block_choices(np.array([pick]), n_blocks)[0]
        return Best(choice, float(vals[pick]), True, 0.0)
    if inc_val > _NEG:
        return Best(incumbent, inc_val, True, 0.0)
    return Best(None, _NEG, True, 0.0)


def local_search(prob: Problem, obj: Objective, start: IntArray, max_rounds: int = 200) -> IntArray:
    """Best-improvement search changing one super-issue at a time.

    Outside the individually rational region it climbs the minimum surplus first.
    """
    d = prob.batna
    blocks = [b.values for b in prob.decomp.blocks]
    if not blocks:
        return start
    choice = start.copy()
    owner = np.concatenate([np.full(v.shape[0], j) for j, v in enumerate(blocks)])
    option = np.concatenate([np.arange(v.shape[0]) for v in blocks])
    stacked = np.vstack(blocks)

    def key(u: FloatArray) -> FloatArray:
        # Packages the objective rejects rank below all others, by their least surplus.
        v = obj.value(u)
        fallback = -1e12 + np.clip((u - d).min(axis=1), -1e9, 1e9)
        return np.asarray(np.where(v > _NEG, v, fallback))

    u = prob.utilities_of(choice[None, :])[0]
    held = np.vstack([blocks[j][choice[j]] for j in range(len(blocks))])
    current = float(key(u[None, :])[0])
    for _ in range(max_rounds):
        moves = u[None, :] - held[owner] + stacked
        keys = key(moves)
        best = int(np.argmax(keys))
        if keys[best] <= current + max(obj.margin, 1e-15):
            break
        j = int(owner[best])
        choice[j] = option[best]
        held[j] = blocks[j][choice[j]]
        u = moves[best]
        current = float(keys[best])
    return choice


def heuristic(prob: Problem, obj: Objective, directions: list[FloatArray]) -> IntArray:
    """A good starting package: weighted-sum maximisers, then local search from the best."""
    cands = [prob.argmax_weighted(lm) for lm in directions]
    cands.append(np.zeros(len(prob.decomp.blocks), dtype=np.int64))
    mat = np.vstack(cands)
    u = prob.utilities_of(mat)
    v = obj.value(u)
    fallback = (u - prob.batna).min(axis=1)
    pick = int(np.argmax(v)) if v.max() > _NEG else int(np.argmax(fallback))
    return local_search(prob, obj, mat[pick])


def beam(
    prob: Problem, obj: Objective, width: int, *, ir_weights: FloatArray | None = None
) -> IntArray | None:
    """A good package by beam search: the stages, keeping the ``width`` partial packages
    with the best optimistic bounds (Lowerre 1976). A heuristic; it proves nothing."""
    d = prob.batna
    lam_ir = None if ir_weights is None else (ir_weights, prob.suffix(ir_weights))

    def keep(a: FloatArray, t: int) -> BoolArray:
        score = obj.bound(a, t)
        if obj.require_ir:
            ok = (a - d + prob.box[t] > TOL).all(axis=1)
            if lam_ir is not None:
                ok &= (a - d) @ lam_ir[0] + lam_ir[1][t] > TOL
            score = np.where(ok, score, _NEG)
        mask = score > _NEG
        if mask.sum() > width:
            cut = np.partition(score, score.size - width)[score.size - width]
            mask &= score >= cut
        return np.asarray(mask)

    widest = max((b.size for b in prob.decomp.blocks), default=1)
    run = run_stages(
        prob.decomp, order=prob.order, prune=keep, max_states=4 * width, max_candidates=4 * width * widest
    )
    if not run.complete or run.values.shape[0] == 0:
        return None
    vals = obj.value(run.values)
    if vals.max() == _NEG:
        return None
    pick = int(np.argmax(vals))
    return local_search(prob, obj, run.block_choices(np.array([pick]), len(prob.decomp.blocks))[0])


def optimise(
    prob: Problem, obj: Objective, directions: list[FloatArray], *, ir_weights: FloatArray | None = None
) -> Best:
    """Exact branch and bound, started from the better of a local search and a beam search."""
    cands = [heuristic(prob, obj, directions)]
    if len(prob.decomp.blocks) > 1:
        found = beam(prob, obj, 64, ir_weights=ir_weights)
        if found is not None:
            cands.append(found)
    vals = [float(obj.value(prob.utilities_of(c[None, :]))[0]) for c in cands]
    start = cands[int(np.argmax(vals))]
    return branch_and_bound(prob, obj, start, ir_weights=ir_weights)


def _directions(prob: Problem, extra: list[FloatArray]) -> list[FloatArray]:
    k = prob.k
    out = [np.full(k, 1.0 / k), *extra]
    for p in range(k):
        e = np.full(k, 1e-3)
        e[p] = 1.0
        out.append(e)
    return out


# ---------------------------------------------------------------------------
# public API


def solve_bargaining(
    space: Space,
    solution: str = "nash",
    *,
    lotteries: bool = False,
    ignore_red_lines: bool = False,
    time_limit: float | None = None,
    max_states: int = 2_000_000,
) -> BargainingResult:
    """The ``solution`` (``nash``, ``ks``, ``egalitarian``, ``utilitarian``) of ``space``.

    Over pure packages by default; over lotteries of packages with ``lotteries``.
    ``time_limit`` (seconds) bounds the proof: when it runs out the best package
    found is returned with ``exact=False`` and its proven ``gap``.
    """
    if solution not in SOLUTIONS:
        raise SpaceError("solution", f"unknown solution {solution!r}; choose one of {', '.join(SOLUTIONS)}")
    t0 = time.perf_counter()
    deadline = None if time_limit is None else t0 + time_limit
    params: dict[str, object] = {
        "solution": solution,
        "lotteries": lotteries,
        "ignore_red_lines": ignore_red_lines,
        "time_limit": time_limit,
        "max_states": max_states,
    }
    decomp = decompose(space, red_lines=not ignore_red_lines, reduce=True)
    d = space.batna.copy()
    if not decomp.feasible:
        return BargainingResult(
            solution=solution,
            lotteries=lotteries,
            status="infeasible",
            parties=space.parties,
            batna=d,
            package=None,
            utilities=None,
            objective=None,
            exact=True,
            algorithm="decomposition",
            parameters=params,
            conflict=decomp.conflict,
            note="no package satisfies the constraints, red lines and restrictions together",
            seconds=time.perf_counter() - t0,
        )
    prob = prepare(decomp, d, deadline=deadline, max_states=max_states)
    if lotteries:
        from accord.analysis.lotteries import solve_lottery

        res = solve_lottery(prob, solution, space=space, params=params)
    else:
        res = _solve_pure(prob, solution, space=space, params=params)
    return _with_seconds(res, time.perf_counter() - t0)


def solve_nash(
    space: Space,
    *,
    lotteries: bool = False,
    ignore_red_lines: bool = False,
    time_limit: float | None = None,
    max_states: int = 2_000_000,
) -> BargainingResult:
    """Nash (1950) bargaining solution: max product of surpluses (see :func:`solve_bargaining`)."""
    return solve_bargaining(
        space, "nash", lotteries=lotteries, ignore_red_lines=ignore_red_lines, time_limit=time_limit,
        max_states=max_states,
    )  # fmt: skip


def solve_kalai_smorodinsky(
    space: Space,
    *,
    lotteries: bool = False,
    ignore_red_lines: bool = False,
    time_limit: float | None = None,
    max_states: int = 2_000_000,
) -> BargainingResult:
    """Kalai–Smorodinsky (1975) solution (see :func:`solve_bargaining`)."""
    return solve_bargaining(
        space, "ks", lotteries=lotteries, ignore_red_lines=ignore_red_lines, time_limit=time_limit,
        max_states=max_states,
    )  # fmt: skip


def solve_egalitarian(
    space: Space,
    *,
    lotteries: bool = False,
    ignore_red_lines: bool = False,
    time_limit: float | None = None,
    max_states: int = 2_000_000,
) -> BargainingResult:
    """Egalitarian solution, max of the minimum surplus (Kalai 1977; see :func:`solve_bargaining`)."""
    return solve_bargaining(
        space, "egalitarian", lotteries=lotteries, ignore_red_lines=ignore_red_lines, time_limit=time_limit,
        max_states=max_states,
    )  # fmt: skip


def solve_utilitarian(
    space: Space,
    *,
    lotteries: bool = False,
    ignore_red_lines: bool = False,
    time_limit: float | None = None,
    max_states: int = 2_000_000,
) -> BargainingResult:
    """Utilitarian solution, max sum of utilities (Harsanyi 1955; see :func:`solve_bargaining`)."""
    return solve_bargaining(
        space, "utilitarian", lotteries=lotteries, ignore_red_lines=ignore_red_lines, time_limit=time_limit,
        max_states=max_states,
    )  # fmt: skip


def _with_seconds(res: BargainingResult, seconds: float) -> BargainingResult:
    from dataclasses import replace

    return replace(res, seconds=seconds)


def max_min_surplus(prob: Problem, *, require_ir: bool, lam: FloatArray | None = None) -> Best:
    """The package with the largest minimum surplus (exact branch and bound).

    ``lam``: Lagrangian weights from :func:`lagrange_weights` when the caller has them.
    """
    if lam is None and prob.k >= 3:
        lam = lagrange_weights(prob)
    obj = egalitarian_objective(prob, require_ir=require_ir, lam=lam)
    return optimise(
        prob, obj, _directions(prob, [] if lam is None else [lam]), ir_weights=lam if require_ir else None
    )


def _solve_pure(prob: Problem, solution: str, *, space: Space, params: dict[str, object]) -> BargainingResult:
    d = prob.batna
    k = prob.k
    algorithm = "branch and bound over super-issues (dominance, individual rationality, Lagrangian bounds)"
    ideal = None
    lam = lagrange_weights(prob) if k >= 3 else None
    extra = [] if lam is None else [lam]
    if solution == "egalitarian":
        obj = egalitarian_objective(prob, lam=lam)
        best = optimise(prob, obj, _directions(prob, extra), ir_weights=lam)
    elif solution == "utilitarian":
        ones = np.ones(k)
        obj = linear_objective(prob, ones, "utilitarian", rational_weights(prob, ones) if k >= 3 else None)
        best = optimise(prob, obj, _directions(prob, extra), ir_weights=lam)
    elif solution == "nash":
        from accord.analysis.lotteries import nash_lottery_surplus

        # The tangent of the log-product at the Nash point over lotteries bounds the pure
        # problem exactly as tightly as the lottery relaxation itself.
        probe = egalitarian_objective(prob)
        y = nash_lottery_surplus(prob, heuristic(prob, probe, _directions(prob, extra)))
        dirs = _directions(prob, extra)
        if y is not None:
            dirs.append(1.0 / y)
        obj = nash_objective(prob, [] if y is None else [y])
        best = optimise(prob, obj, dirs, ir_weights=lam)
    else:  # ks
        ideal_vals = np.zeros(k)
        ideal_exact = True
        gaps = 0.0
        for p in range(k):
            e = np.eye(k)[p]
            ob = linear_objective(
                prob, e, f"ideal of party {p}", rational_weights(prob, e) if k >= 3 else None
            )
            bp = optimise(prob, ob, _directions(prob, extra), ir_weights=lam)
            if bp.choice is None or bp.value == _NEG:
                ideal_vals = None  # type: ignore[assignment]
                break
            ideal_vals[p] = bp.value + d[p]
            ideal_exact &= bp.exact
            gaps = max(gaps, bp.gap)
        if ideal_vals is None:
            return _no_zopa(prob, solution, space, params, algorithm)
        ideal = ideal_vals
        scale = 1.0 / np.maximum(ideal - d, TOL)
        lam_s = lagrange_weights(prob, scale) if k >= 3 else None
        obj = egalitarian_objective(prob, scale=scale, lam=lam_s)
        best = optimise(prob, obj, _directions(prob, [] if lam_s is None else [lam_s]), ir_weights=lam)
        if not ideal_exact:
            best = Best(best.choice, best.value, False, max(best.gap, gaps), "the ideal point is not proven")
    if best.choice is None or best.value == _NEG:
        if not best.exact:
            return BargainingResult(
                solution=solution,
                lotteries=False,
                status="limit",
                parties=space.parties,
                batna=d.copy(),
                package=None,
                utilities=None,
                objective=None,
                exact=False,
                algorithm=algorithm,
                parameters=params,
                gap=best.gap,
                note=best.note,
            )
        return _no_zopa(prob, solution, space, params, algorithm)
    package = prob.decomp.package(best.choice)
    u = space.utility(package)
    objective = _objective_value(solution, u - d, None if ideal is None else ideal - d)
    return BargainingResult(
        solution=solution,
        lotteries=False,
        status="ok",
        parties=space.parties,
        batna=d.copy(),
        package=package,
        utilities=u,
        objective=objective,
        exact=best.exact,
        algorithm=algorithm,
        parameters=params,
        ideal=ideal,
        gap=best.gap,
        note=best.note,
    )


def _objective_value(solution: str, s: FloatArray, ideal_gain: FloatArray | None) -> float:
    """The maximised quantity: product (Nash), sum, minimum, or minimum share of the ideal gain (KS)."""
    if solution == "nash":
        return float(np.prod(s))
    if solution == "utilitarian":
        return float(s.sum())
    if solution == "egalitarian" or ideal_gain is None:
        return float(s.min())
    return float(np.min(s / np.maximum(ideal_gain, TOL)))


def _no_zopa(
    prob: Problem, solution: str, space: Space, params: dict[str, object], algorithm: str
) -> BargainingResult:
    return BargainingResult(
        solution=solution,
        lotteries=False,
        status="no_zopa",
        parties=space.parties,
        batna=prob.batna.copy(),
        package=None,
        utilities=None,
        objective=None,
        exact=True,
        algorithm=algorithm,
        parameters=params,
        note="no feasible package gives every party more than its BATNA (no ZOPA)",
    )
