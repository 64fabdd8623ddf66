"""Stage-wise search with a budget of changes from a reference package.

The super-issues carry one more value column: minus the number of issues an
option changes from the reference package (:mod:`accord.analysis.amend` builds
them). :func:`budget_search` runs the stages of :mod:`.stages` and drops a
partial package when it has used more than the budget, when even the best use of
the remaining changes cannot make some party accept (each super-issue changed
adds at most its best gain and costs at least one change; :func:`reach`), or when
another partial package is at least as good for everybody with no more changes.
For three or more parties, :class:`PairLookahead` adds an exact test per pair of
parties: whether the two can still both accept within the changes left.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from accord.analysis.kernel.stages import StageRun, default_order, run_stages
from accord.analysis.kernel.superissues import Decomposition
from accord.numeric import TOL, BoolArray, FloatArray, IntArray


def reach_table(
    ext: Decomposition, keep_cost: list[int | None], order: Sequence[int], weights: FloatArray, budget: int
) -> FloatArray:
    """``out[t, r, b]``: the most ``weights[:, r] . u`` stages t.. can add using at most b more changes.

    Each changed super-issue costs at least one change; one whose plan choice is
    infeasible must change. Column r of ``weights`` weighs the must-accept parties.
    """
    n = len(order)
    k_must, n_rows = weights.shape
    top = np.zeros((n, n_rows))
    kept = np.zeros((n, n_rows))
    forced = np.zeros(n, dtype=bool)
    for t, j in enumerate(order):
        v = ext.blocks[j].values[:, :k_must] @ weights
        top[t] = v.max(axis=0)
        kc = keep_cost[j]
        forced[t] = kc is None
        kept[t] = top[t] if kc is None else v[kc]
    gains = np.where(forced[:, None], 0.0, top - kept)
    out = np.full((n + 1, n_rows, budget + 1), -np.inf)
    for t in range(n + 1):
        base = kept[t:].sum(axis=0)
        must_change = int(forced[t:].sum())
        g = -np.sort(-gains[t:][~forced[t:]], axis=0)
        cum = np.vstack([np.zeros((1, n_rows)), np.cumsum(g, axis=0)])
        for b in range(must_change, budget + 1):
            out[t, :, b] = base + cum[min(b - must_change, cum.shape[0] - 1)]
    return out


class PairLookahead:
    """Exact look-ahead for one pair of must-accept parties (a, b).

    For every stage t >= 2 it holds what stages t.. can add within ``budget``
    changes, as (u_a, u_b, changes) points reduced to one 2-D staircase per
    number of changes (a superset of the Pareto set, which answers the same
    queries), computed backwards once. A partial package can still be completed into one that both
    parties accept within its remaining changes only if some point of that set
    lifts both above their BATNAs; if none does, no completion is acceptable to
    all, and it is dropped. This is far tighter than bounding each party
    separately when the two want different changes, which is when amendments
    need many of them. (Stages 0 and 1 are left out: their suffixes hold the
    largest super-issues, the costliest to combine, for the least gain.)
    """

    def __init__(
        self, ext: Decomposition, order: Sequence[int], a: int, b: int, batna: FloatArray, budget: int
    ) -> None:
        cols = [a, b, ext.n_parties - 1]
        self.a, self.b = a, b
        # Rounding in sums taken in other orders must never drop a viable package.
        self.need = np.array([batna[a], batna[b]]) + TOL - 1e-9
        suffix = np.zeros((1, 3))
        per_stage = [suffix]
        for j in reversed(order[2:]):
            vb = ext.blocks[j].values[:, cols]
            cand = (suffix[:, None, :] + vb[None, :, :]).reshape(-1, 3)
            suffix = _level_staircases(cand, budget)
            per_stage.append(suffix)
        per_stage.reverse()  # per_stage[t - 2]: what stages t.. add
        # Per stage and number of changes left: the points within it, by u_a descending,
        # with the running maximum of u_b (a staircase answering "best u_b given u_a > x").
        self.stairs: list[list[tuple[FloatArray, FloatArray]]] = []
        for pts in per_stage:
            o = np.argsort(-pts[:, 0], kind="stable")
            pts = pts[o]
            used = np.rint(-pts[:, 2]).astype(np.int64)
            levels = []
            for left in range(budget + 1):
                sel = pts[used <= left]
                levels.append((-sel[:, 0], np.maximum.accumulate(sel[:, 1]) if sel.size else sel[:, 1]))
            self.stairs.append(levels)

    def viable(self, pa: FloatArray, pb: FloatArray, left: IntArray, t: int) -> BoolArray:
        """Whether partial packages can still satisfy both parties (always True for t < 2).

        The partial packages are after ``t`` stages, with utilities (pa, pb) and
        ``left`` changes to spare.
        """
        if t < 2:
            return np.ones(pa.shape, dtype=bool)
        out = np.zeros(pa.shape, dtype=bool)
        need_a, need_b = self.need[0] - pa, self.need[1] - pb
        for lv in np.unique(left):
            neg_ua, best_b = self.stairs[t - 2][int(lv)]
            if neg_ua.size == 0:
                continue
            idx = np.nonzero(left == lv)
            # Points with u_a > need_a form a prefix of the staircase.
            cnt = np.searchsorted(neg_ua, -need_a[idx], side="left")
            top_b = np.where(cnt > 0, best_b[np.maximum(cnt - 1, 0)], -np.inf)
            out[idx] = top_b > need_b[idx]
        return out


def _level_staircases(points: FloatArray, budget: int) -> FloatArray:
    """A 2-D staircase per number of changes, as (u_a, u_b, minus changes) points.

    The points within ``budget`` changes that are not beaten in (u_a, u_b) by
    another with as many changes.

    Points beaten by one with fewer changes may stay; they never change what the
    look-ahead answers, and dropping them would cost more than keeping them.
    """
    used = np.rint(-points[:, 2]).astype(np.int64)
    points, used = points[used <= budget], used[used <= budget]
    if points.shape[0] <= 1:
        return points
    o = np.lexsort((-points[:, 1], -points[:, 0], used))  # by count, then u_a and u_b descending
    points, used = points[o], used[o]
    # Running maximum of u_b within each count (offset so it cannot cross into the next).
    span = float(np.ptp(points[:, 1])) + 1.0
    lifted = points[:, 1] + used * span * 2.0
    run = np.maximum.accumulate(lifted)
    first = np.concatenate(([True], used[1:] != used[:-1]))
    prev = np.concatenate(([-np.inf], run[:-1]))
    return points[first | (lifted > prev)]


def stage_order(ext: Decomposition) -> list[int]:
    """The largest super-issues first, while there are few partial packages to extend."""
    spread = default_order(ext)
    return sorted(spread, key=lambda j: (-ext.blocks[j].size, spread.index(j)))


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class BudgetSearch:
    """One search problem over super-issues with a change column, run one budget at a time.

    ``ext``'s value columns: the must-accept parties (``k_must`` of them, with
    ``batna``), then the proposers not among them, then minus the changes.
    ``order``: the stages (see :func:`stage_order`), the same for every budget and
    look-ahead. ``keep_cost[j]``: super-issue j's option that changes nothing
    (None when the reference package's choice is infeasible there).
    ``prop_cols``: the proposers' columns; the least of their utilities breaks
    ties (without proposers, the least surplus). ``lam`` (weights on the simplex) adds the test
    ``lam . surplus > TOL``, which every acceptable package passes.
    """

    ext: Decomposition
    order: tuple[int, ...]
    keep_cost: tuple[int | None, ...]
    batna: FloatArray
    k_must: int
    prop_cols: tuple[int, ...]
    deadline: float | None
    max_states: int
    lam: FloatArray | None = None

    def run(
        self,
        budget: int,
        *,
        floor: float | None = None,
        beam_width: int | None = None,
        pairs: Sequence[PairLookahead] = (),
    ) -> tuple[IntArray | None, int]:
        """Block choices of the best amendment within ``budget`` changes, and the peak states.

        The choices are empty when there is none, None when a limit hit; the
        second value is the most partial packages held at once.

        "Best": fewest changes, then the highest tie-break score. ``floor`` drops
        partial packages whose score cannot reach it. ``beam_width`` turns the
        search into a heuristic keeping only that many partial packages per stage.
        ``pairs`` (built for this ``ext`` and ``order`` and at least this budget)
        drop partial packages that some pair of must-accept parties could no
        longer both accept.
        """
        keep = _GridFilter(self, budget, floor=floor, beam_width=beam_width, pairs=pairs)
        cap = self.max_states if beam_width is None else 4 * beam_width
        widest = max((b.size for b in self.ext.blocks), default=1)
        run = run_stages(
            self.ext,
            order=self.order,
            prune_grid=keep,
            dominance_last=False,  # only the best survivor is wanted
            deadline=self.deadline,
            max_states=cap,
            max_candidates=None if beam_width is None else cap * widest,
        )
        if not run.complete:
            return None, run.peak_states
        return self._best(run), run.peak_states

    def _best(self, run: StageRun) -> IntArray:
        """The best complete survivor's block choices (no rows when none is acceptable)."""
        vals, batna, k_must = run.values, self.batna, self.k_must
        ok = (vals[:, :k_must] - batna > TOL).all(axis=1)
        if not ok.any():
            return np.zeros((0, len(self.ext.blocks)), dtype=np.int64)
        idx = np.nonzero(ok)[0]
        used = -vals[idx, -1]
        idx = idx[used <= used.min() + 0.5]
        score = tie_score(vals[idx], batna, k_must, self.prop_cols)
        idx = idx[score >= score.max() - TOL]
        pick = idx[int(np.argmax((vals[idx, :k_must] - batna).sum(axis=1)))]
        return np.asarray(run.block_choices(np.array([pick]), len(self.ext.blocks))[0])


class _GridFilter:
    """Which (state, option) pairs can still become an acceptable amendment within budget."""

    def __init__(
        self,
        search: BudgetSearch,
        budget: int,
        *,
        floor: float | None,
        beam_width: int | None,
        pairs: Sequence[PairLookahead],
    ) -> None:
        ext, lam, k_must = search.ext, search.lam, search.k_must
        self.n_dims = ext.n_parties - 1
        weights = np.eye(self.n_dims)
        if lam is not None:
            weights = np.hstack((weights, np.concatenate((lam, np.zeros(self.n_dims - k_must)))[:, None]))
        self.weights = weights
        reach = reach_table(ext, list(search.keep_cost), search.order, weights, budget)
        # Indexed by changes left, one contiguous row each: the hot lookup below gathers rows.
        self.reach_by_left = [np.ascontiguousarray(r.T) for r in reach]
        self.lam_floor = None if lam is None else float(lam @ search.batna)
        self.search, self.budget, self.floor, self.beam_width, self.pairs = (
            search,
            budget,
            floor,
            beam_width,
            pairs,
        )

    def __call__(self, states: FloatArray, options: FloatArray, t: int) -> BoolArray:
        # Every test is on the (n, m) grid, column by column, so no pair's vector is built.
        budget, batna, n_dims = self.budget, self.search.batna, self.n_dims
        used = np.rint(-(states[:, -1][:, None] + options[None, :, -1])).astype(np.int64)
        ok = used <= budget
        left = np.clip(budget - used, 0, budget)
        sw, ow, rt = (
            states[:, :n_dims] @ self.weights,
            options[:, :n_dims] @ self.weights,
            self.reach_by_left[t],
        )

        def top(r: int) -> FloatArray:  # the most weighted column r can still reach
            return np.asarray(sw[:, r][:, None] + ow[:, r][None, :] + rt[left, r])

        margin = top(0) - batna[0]
        for p in range(1, self.search.k_must):
            margin = np.minimum(margin, top(p) - batna[p])
        ok &= margin > TOL
        if self.lam_floor is not None:
            ok &= top(n_dims) - self.lam_floor > TOL
        # The least of upper bounds bounds the least proposer utility from above.
        score = margin
        for k, col in enumerate(self.search.prop_cols):
            score = top(col) if k == 0 else np.minimum(score, top(col))
        if self.floor is not None:
            ok &= score >= self.floor - TOL
        if self.pairs and ok.any():
            self._drop_unviable(ok, states, options, left, t)
        if self.beam_width is not None and ok.sum() > self.beam_width:
            rank = np.where(ok, margin, -np.inf).ravel()
            cut = np.partition(rank, rank.size - self.beam_width)[rank.size - self.beam_width]
            ok &= margin >= cut
        return np.asarray(ok)

    def _drop_unviable(
        self, ok: BoolArray, states: FloatArray, options: FloatArray, left: IntArray, t: int
    ) -> None:
        """Clear ``ok`` (in place) where some pair of parties can no longer both accept."""
        rows, cols = np.nonzero(ok)
        lefts = left[rows, cols]
        alive = np.ones(rows.size, dtype=bool)
        for pl in self.pairs:
            sub = np.nonzero(alive)[0]
            pa = states[rows[sub], pl.a] + options[cols[sub], pl.a]
            pb = states[rows[sub], pl.b] + options[cols[sub], pl.b]
            alive[sub] = pl.viable(pa, pb, lefts[sub], t)
        ok[rows[~alive], cols[~alive]] = False


def tie_score(vals: FloatArray, batna: FloatArray, k_must: int, prop_cols: Sequence[int]) -> FloatArray:
    """The tie-break among equally short amendments: the least proposer utility, else least surplus."""
    if prop_cols:
        return np.asarray(vals[:, list(prop_cols)].min(axis=1))
    return np.asarray((vals[:, :k_must] - batna).min(axis=1))
