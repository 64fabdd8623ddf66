"""Exact max-min over super-issues: branch and bound with Lagrangian cuts added as it runs.

The egalitarian solution (and Kalai–Smorodinsky, on scaled surpluses) asks for
``max_x min_p sc_p s_p(x)``. For every ``lam`` on the simplex the minimum is
at most ``lam . (sc * s)``, whose maximum over completions is a sum of
per-super-issue maxima (Fisher 1981, "The Lagrangian relaxation method for
solving integer programming problems", Management Science 27(1)). One fixed
``lam`` (the root's) leaves a bound as loose as the linear relaxation, which
with many parties keeps billions of partial packages alive. Here the bound of
a partial package is the smallest over a growing set of weights: whenever a
stage keeps more than :data:`REFINE_AT` partial packages, the linear program
``min_lam lam . (sc * s) + sum_rest max_o lam . (sc * v_o)`` is solved for the
survivor with the loosest bound (HiGHS), and its optimal weights join the set
(Kelley's 1960 cutting planes, "The cutting-plane method for solving convex
programs", J. SIAM 8(4), applied to the Lagrangian dual). Every weight gives a
valid bound, so the set only changes how much is pruned, never the answer.

The same programs give good packages: the weights' best response on the
remaining super-issues completes the survivor, and a local search polishes
it. Ties at the optimum go to the largest total surplus, as in
:func:`accord.analysis.kernel.search.branch_and_bound`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from accord.analysis.kernel.limits import Pace, SolverTimeLimit
from accord.analysis.kernel.lp import highs_lp
from accord.analysis.kernel.maxima import maxima
from accord.analysis.kernel.search import NEG, Best, Objective, SearchProblem, local_search
from accord.numeric import TOL, BoolArray, FloatArray, IntArray

REFINE_AT = 2_000
"""A stage keeping more partial packages than this gets new cuts."""

ROUNDS = 6
"""At most this many new cuts per stage."""

ATTEMPTS = 3
"""At most this many attempts aim above the incumbent before one aims at it."""

MAX_CUTS = 256
"""At most this many cuts are kept: beyond, the one that dropped fewest candidates lately goes."""

DOMINANCE_PARTIES = 6
"""Below this many parties the survivors also pass the dominance filter (cheap in few dimensions)."""


@dataclass(slots=True)
class Cuts:
    """The weights whose Lagrangian bounds prune, and each one's value on the partial packages.

    ``w[:, c]`` is cut ``c``'s weights times the scale; ``h[t, c]`` the most
    ``w[:, c] . v`` the stages t.. can add; ``p[c][i]`` the value
    ``w[:, c] . s`` of partial package ``i``'s surpluses (kept up to date
    stage by stage, so that a candidate's bound is two look-ups and a sum; one
    array per cut, so that adding one copies nothing);
    ``kills[c]`` how many candidates cut ``c`` dropped (the most useful are tried first).
    """

    prob: SearchProblem
    scale: FloatArray
    w: FloatArray = field(init=False)
    h: FloatArray = field(init=False)
    p: list[FloatArray] = field(init=False)
    kills: IntArray = field(init=False)

    def __post_init__(self) -> None:
        self.w = np.zeros((self.prob.k, 0))
        self.h = np.zeros((len(self.prob.order) + 1, 0))
        self.p = []
        self.kills = np.zeros(0, dtype=np.int64)

    def add(self, lam: FloatArray, values: FloatArray) -> None:
        """Add the cut of weights ``lam`` (on the simplex); ``values``: the current partial packages."""
        if len(self.p) >= MAX_CUTS:
            self.drop(int(np.argmin(self.kills)))
        wl = lam * self.scale
        self.w = np.column_stack((self.w, wl))
        self.h = np.column_stack((self.h, self.prob.suffix(wl)))
        self.p.append((values - self.prob.batna) @ wl)
        self.kills = np.append(self.kills, 0)

    def reset(self, values: FloatArray) -> None:
        """Start again from the partial packages ``values`` (every cut kept)."""
        s = values - self.prob.batna
        self.p = [s @ self.w[:, c] for c in range(self.w.shape[1])]

    def drop(self, c: int) -> None:
        """Forget cut ``c``."""
        self.w = np.delete(self.w, c, axis=1)
        self.h = np.delete(self.h, c, axis=1)
        self.kills = np.delete(self.kills, c)
        del self.p[c]

    def box(self, a: FloatArray, t: int) -> FloatArray:
        """The bound of each party's best completion: ``min_p sc_p (s_p + most of p from stages t..)``."""
        return np.asarray(((a - self.prob.batna + self.prob.box[t]) * self.scale).min(axis=1))

    def bound(self, par: IntArray, opt: FloatArray, t: int) -> FloatArray:
        """Every cut's bound for the candidates (parent rows ``par``, options' cut values ``opt``)."""
        out = np.full(par.size, np.inf)
        for c, col in enumerate(self.p):
            out = np.minimum(out, col[par] + opt[:, c] + self.h[t, c])
        return out

    def advance(self, par: IntArray, ch: IntArray, vb: FloatArray) -> None:
        """The cut values of the next stage's partial packages: parents ``par``, options ``ch`` of ``vb``."""
        opt = vb @ self.w
        self.p = [col[par] + opt[ch, c] for c, col in enumerate(self.p)]
        self.kills //= 2  # what a cut did lately counts most


def rest_lp(prob: SearchProblem, scale: FloatArray, s: FloatArray, t: int) -> FloatArray | None:
    """Weights minimising ``lam . (sc * s) + sum_{stages t..} max_o lam . (sc * v_o)`` on the simplex."""
    k, rest = prob.k, prob.order[t:]
    blocks = [prob.decomp.blocks[j].values * scale for j in rest]
    n = k + len(blocks)
    c = np.concatenate((s * scale, np.ones(len(blocks))))
    rows = []
    for r, v in enumerate(blocks):  # lam . v_o - z_r <= 0 for every option o of the block
        block = np.zeros((v.shape[0], n))
        block[:, :k] = v
        block[:, k + r] = -1.0
        rows.append(block)
    a_ub = np.vstack(rows) if rows else np.zeros((0, n))
    a_eq = np.concatenate((np.ones(k), np.zeros(len(blocks))))[None, :]
    out = highs_lp(c, a_ub, np.zeros(a_ub.shape[0]), a_eq, np.ones(1), k, deadline=prob.deadline)
    if out is None:
        return None
    lam = np.maximum(out[0][:k], 0.0)
    return lam / lam.sum() if lam.sum() > 0 else None


@dataclass(slots=True)
class Run:
    """The state of one search: survivors, back-pointers, the best package known and the target.

    ``floor``: a target above the best package known; partial packages that cannot
    reach it are dropped, so a run that ends without reaching it proves only that
    nothing does (:func:`max_min` then lowers it).
    """

    values: FloatArray
    parents: list[IntArray] = field(default_factory=list)
    choices: list[IntArray] = field(default_factory=list)
    best: IntArray | None = None
    best_value: float = NEG
    floor: float = NEG

    @property
    def level(self) -> float:
        """What a partial package's bound must reach to be kept: the incumbent's value or the target."""
        return max(self.best_value, self.floor)

    def choices_of(self, prob: SearchProblem, row: int) -> IntArray:
        """Block choices of survivor ``row`` (-1 for blocks not yet decided)."""
        out = np.full(len(prob.decomp.blocks), -1, dtype=np.int64)
        for t in range(len(self.parents) - 1, -1, -1):
            out[prob.order[t]] = self.choices[t][row]
            row = int(self.parents[t][row])
        return out


def max_min(prob: SearchProblem, obj: Objective, scale: FloatArray, start: IntArray | None) -> Best:
    """Exact ``max min_p scale_p s_p`` (``obj`` gives the value and the individual-rationality rule).

    ``start``: a package to begin from (its value is the first incumbent). The
    search first aims above the incumbent, at targets between it and the root's
    linear-programming bound (:func:`_target`): a target met is the optimum, a
    target missed becomes the new bound, and a run with a high target keeps far
    fewer partial packages, so the attempts cost less than one at the incumbent.
    Cuts and packages found carry over from one attempt to the next.
    """
    first = Run(values=_root_values(prob))
    if start is not None:
        _offer(prob, obj, first, start)
    cuts = Cuts(prob, scale)
    high = _root_bound(prob, obj, cuts, first)  # proven: no package is worth more
    for attempt in range(ATTEMPTS + 1):
        floor = _target(high, first.best_value, obj.margin, attempt)
        run = Run(first.values, best=first.best, best_value=first.best_value, floor=floor)
        cuts.reset(run.values)
        found = _attempt(prob, obj, cuts, run)
        first.best, first.best_value = run.best, run.best_value
        if not found.exact or floor == NEG or found.value >= floor - obj.margin:
            return found
        high = floor  # nothing reaches the target
    raise AssertionError("unreachable: the last attempt aims at the incumbent")  # pragma: no cover


def _root_values(prob: SearchProblem) -> FloatArray:
    """The one partial package before any stage: the constant part of every utility."""
    return prob.decomp.offset.reshape(1, -1).astype(np.float64)


def _root_bound(prob: SearchProblem, obj: Objective, cuts: Cuts, run: Run) -> float:
    """The linear-programming bound at the root (its weights become the first cut and give a package)."""
    try:
        lam = rest_lp(prob, cuts.scale, run.values[0] - prob.batna, 0)
    except SolverTimeLimit:
        lam = None
    if lam is not None:
        cuts.add(lam, run.values)
        choice = np.array([int(np.argmax(b.values @ (lam * cuts.scale))) for b in prob.decomp.blocks])
        _offer(prob, obj, run, local_search(prob, obj, choice.astype(np.int64)))
    return _top(run, cuts, 0)


def _target(high: float, incumbent: float, margin: float, attempt: int) -> float:
    """The target of attempt ``attempt``: between the incumbent and the proven bound ``high``.

    The first aims a quarter of the way down from the bound, the next ones
    halfway (a bisection); ``NEG`` (the incumbent itself) once the interval is
    within the tolerance or after :data:`ATTEMPTS` attempts.
    """
    gap = high - incumbent
    if attempt >= ATTEMPTS or incumbent == NEG or not np.isfinite(gap) or gap <= 8.0 * margin:
        return NEG
    return high - gap * (0.25 if attempt == 0 else 0.5)


def _attempt(prob: SearchProblem, obj: Objective, cuts: Cuts, run: Run) -> Best:
    """One run of the stages at ``run.floor``: the best survivor (exact), or a stop with its gap."""
    step = obj.margin / (4.0 * (len(prob.order) + 1))
    pace = Pace(prob.deadline, "the max-min search")
    for t, j in enumerate(prob.order):
        vb = prob.decomp.blocks[j].values
        n, m = run.values.shape[0], vb.shape[0]
        if n * m > 4 * prob.max_states:
            return _stopped(run, cuts, t, f"more than {4 * prob.max_states:,} partial packages")
        # A stage that would end past the deadline is not begun.
        if pace.ahead(n * m) or (prob.deadline is not None and time.perf_counter() > prob.deadline):
            return _stopped(run, cuts, t, "time limit")
        par, ch = np.divmod(_keep(prob, obj, cuts, run, vb, t + 1), m)
        values = run.values[par] + vb[ch]
        if prob.k < DOMINANCE_PARTIES and values.shape[0] > 1:
            kept = np.sort(maxima(values, step))
            par, ch, values = par[kept], ch[kept], values[kept]
        cuts.advance(par, ch, vb)
        run.values = values
        run.parents.append(par.astype(np.int32 if n < 2**31 else np.int64))
        run.choices.append(ch.astype(np.int16 if m < 2**15 else np.int64))
        pace.done()
        if run.values.shape[0] > prob.max_states:
            return _stopped(run, cuts, t + 1, f"more than {prob.max_states:,} partial packages")
        if run.values.shape[0] == 0:
            break
    return _finish(prob, obj, run)


def _keep(prob: SearchProblem, obj: Objective, cuts: Cuts, run: Run, vb: FloatArray, t: int) -> IntArray:
    """Candidates (``parent * m + option``) after ``t`` stages that can still beat the best known."""
    n, m = run.values.shape[0], vb.shape[0]
    par, ch = np.divmod(np.arange(n * m, dtype=np.int64), m)
    a = run.values[par] + vb[ch]
    ok: BoolArray = np.ones(n * m, dtype=bool)
    if obj.require_ir:
        ok &= (a - prob.batna + prob.box[t] > TOL).all(axis=1)
    box = cuts.box(a, t)
    cols = _by_use(cuts, np.arange(cuts.w.shape[1]))
    if run.level > NEG:
        ok &= box >= run.level - obj.margin
        ok, box, cols = _apply_dense(cuts, ok, box, vb, t, run.level - obj.margin, cols)
    idx = np.flatnonzero(ok)
    bnd = box[idx]  # each kept candidate's smallest bound so far
    for rounds in range(ROUNDS + 1):
        if run.level > NEG:
            idx, bnd = _apply(cuts, idx, bnd, par, ch, vb, t, run.level - obj.margin, cols)
        if idx.size <= REFINE_AT or t == len(prob.order) or rounds == ROUNDS:
            return idx
        row = int(idx[int(np.argmax(bnd))])
        try:
            lam = rest_lp(prob, cuts.scale, a[row] - prob.batna, t)
        except SolverTimeLimit:  # the next stage's deadline check stops the run
            return idx
        if lam is None:
            return idx
        cuts.add(lam, run.values)
        cols = np.array([cuts.w.shape[1] - 1])
        _complete(prob, obj, run, int(par[row]), int(ch[row]), t, lam * cuts.scale)
    return idx


def _by_use(cuts: Cuts, cols: IntArray) -> IntArray:
    """``cols`` with the cuts that dropped most candidates lately first."""
    return cols[np.argsort(-cuts.kills[cols], kind="stable")]


def _apply_dense(
    cuts: Cuts, ok: BoolArray, bnd: FloatArray, vb: FloatArray, t: int, floor: float, cols: IntArray
) -> tuple[BoolArray, FloatArray, IntArray]:
    """Apply cuts to every (parent, option) pair at once while most pairs are still kept.

    Each cut's bound over the whole grid is one outer sum (no gathers); once
    fewer than a quarter of the pairs remain, the rest of ``cols`` is returned
    for :func:`_apply`, which then works on the kept pairs alone.
    """
    opt = vb @ cuts.w
    total = ok.size
    for i, c in enumerate(cols):
        if 4 * int(np.count_nonzero(ok)) < total:
            return ok, bnd, cols[i:]
        val = (cuts.p[c][:, None] + (opt[:, c] + cuts.h[t, c])[None, :]).ravel()
        live = val >= floor
        cuts.kills[c] += int(np.count_nonzero(ok & ~live))
        ok &= live
        np.minimum(bnd, val, out=bnd)
    return ok, bnd, cols[:0]


def _apply(
    cuts: Cuts,
    idx: IntArray,
    bnd: FloatArray,
    par: IntArray,
    ch: IntArray,
    vb: FloatArray,
    t: int,
    floor: float,
    cols: IntArray,
) -> tuple[IntArray, FloatArray]:
    """``idx`` (with bounds ``bnd``) less the candidates one of the cuts ``cols`` bounds below ``floor``."""
    opt = vb @ cuts.w
    for c in cols:
        val = cuts.p[c][par[idx]] + opt[ch[idx], c] + cuts.h[t, c]
        live = val >= floor
        cuts.kills[c] += int(idx.size - np.count_nonzero(live))
        idx, bnd = idx[live], np.minimum(bnd[live], val[live])
    return idx, bnd


def _complete(
    prob: SearchProblem, obj: Objective, run: Run, parent: int, option: int, t: int, w: FloatArray
) -> None:
    """Complete candidate (``parent``, ``option``) by the best response to ``w`` on stages t.., offer it."""
    choice = run.choices_of(prob, parent)
    choice[prob.order[t - 1]] = option
    for j in prob.order[t:]:
        choice[j] = int(np.argmax(prob.decomp.blocks[j].values @ w))
    _offer(prob, obj, run, local_search(prob, obj, choice))


def _offer(prob: SearchProblem, obj: Objective, run: Run, choice: IntArray) -> None:
    """Keep ``choice`` as the best package known when its value beats the current one."""
    value = float(obj.value(prob.utilities_of(choice[None, :]))[0])
    if value > run.best_value:
        run.best, run.best_value = choice.copy(), value


def _finish(prob: SearchProblem, obj: Objective, run: Run) -> Best:
    """The best survivor (ties: the largest total surplus), or the incumbent when none is better."""
    vals = obj.value(run.values) if run.values.shape[0] else np.zeros(0)
    if vals.size and vals.max() > NEG and vals.max() >= run.best_value - obj.margin:
        top = vals.max()
        tied = np.flatnonzero(vals >= top - obj.margin)
        pick = int(tied[int(np.argmax((run.values[tied] - prob.batna).sum(axis=1)))])
        return Best(run.choices_of(prob, pick), float(vals[pick]), True, 0.0)
    if run.best is not None and run.best_value > NEG:
        return Best(run.best, run.best_value, True, 0.0)
    return Best(None, NEG, True, 0.0)


def _stopped(run: Run, cuts: Cuts, t: int, reason: str) -> Best:
    """A run stopped after ``t`` stages: the best package known and the proven gap.

    Every package is a completion of a survivor or was dropped for a bound below
    the run's level, so the larger of the survivors' bound and the target bounds the optimum.
    """
    if run.best is None or run.best_value == NEG:
        return Best(None, NEG, False, np.inf, f"stopped ({reason}) before finding a package")
    gap = max(0.0, max(_top(run, cuts, t), run.floor) - run.best_value)
    return Best(run.best, run.best_value, False, gap, f"stopped: {reason}")


def _top(run: Run, cuts: Cuts, t: int) -> float:
    """The largest bound over the partial packages after ``t`` stages (``NEG`` when there are none)."""
    if run.values.shape[0] == 0:
        return NEG
    rows = np.arange(run.values.shape[0])
    zero = np.zeros((rows.size, cuts.w.shape[1]))
    return float(np.minimum(cuts.box(run.values, t), cuts.bound(rows, zero, t)).max())
