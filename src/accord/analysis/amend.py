"""The smallest amendment of a plan that every chosen party accepts.

Given a plan (open issues at their status quo), find a package that changes as
few issues of it as possible such that every party in ``must_accept`` prefers it
to its BATNA (surplus above :data:`accord.space.TOL`), no honoured red line of
theirs is crossed and every constraint holds. Among the amendments with that
few changes, take the one that costs the plan's proposer least (highest
proposer utility); without a proposer, the one with the largest minimum surplus.

Exact by iterative deepening on the number of changes ``c`` (Korf 1985,
"Depth-first iterative-deepening", Artificial Intelligence 27(1)); each budget
is searched over super-issues (:mod:`accord.analysis.stages`) with the number of
changes carried as one more coordinate: a partial package is dropped when it
has used more than ``c`` changes, when even the best use of the remaining
changes cannot make some party accept (each super-issue changed adds at most
its best gain and costs at least one change), or when another partial package
is at least as good for everybody with no more changes. The first budget with
an acceptable package is the least number of changes.

When no package at all is acceptable to every party (an empty ZOPA) no
amendment exists, and the result says so.
"""

from __future__ import annotations

import functools
import itertools
import time
from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

from accord.analysis.bargaining import lagrange_weights, max_min_surplus, prepare
from accord.analysis.components import Decomposition, decompose, project
from accord.analysis.results import AmendResult, Change
from accord.analysis.stages import default_order, run_stages
from accord.space import TOL, Space, SpaceError

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


def complete_plan(space: Space, plan: Mapping[str, str] | Sequence[int]) -> tuple[int, ...]:
    """Option indices of ``plan``; an issue it leaves open takes its status quo, or the one
    option its domain allows (a fixed issue).

    Raises :class:`SpaceError` (field ``plan``) for an unknown issue or option, or an
    open issue with neither.
    """
    if not isinstance(plan, Mapping):
        pkg = tuple(int(x) for x in plan)
        if len(pkg) != len(space.issues) or any(
            not 0 <= x < n for x, n in zip(pkg, space.sizes, strict=False)
        ):
            raise SpaceError("plan", "a plan package needs one valid option index per issue")
        return pkg
    unknown = sorted(set(plan) - set(space.issues))
    if unknown:
        raise SpaceError(
            "plan", f"unknown issue(s) in the plan: {', '.join(unknown)}; known: {', '.join(space.issues)}"
        )
    out = []
    for i, issue in enumerate(space.issues):
        sq = space.status_quo[i]
        if issue in plan:
            try:
                out.append(space.options[i].index(plan[issue]))
            except ValueError:
                known = ", ".join(space.options[i])
                raise SpaceError(
                    "plan", f"unknown option {plan[issue]!r} of {issue}; known: {known}"
                ) from None
        elif sq is not None:
            out.append(sq)
        elif len(space.domains[i]) == 1:
            out.append(next(iter(space.domains[i])))
        else:
            raise SpaceError(
                "plan",
                f"the plan leaves issue {issue!r} open and it has no status quo; "
                f"fix it with --fix {issue}=OPTION",
            )
    return tuple(out)


def solve_amendment(
    space: Space,
    plan: Mapping[str, str] | Sequence[int],
    *,
    proposer: int | str | None = None,
    must_accept: Sequence[int | str] | None = None,
    ignore_red_lines: bool = False,
    time_limit: float | None = None,
    max_states: int = 2_000_000,
) -> AmendResult:
    """The fewest issue changes to ``plan`` that make it acceptable to ``must_accept``.

    ``must_accept`` defaults to every party of ``space``; ``proposer`` (a party of
    ``space``, possibly not in ``must_accept``) breaks ties by losing least.
    """
    t0 = time.perf_counter()
    deadline = None if time_limit is None else t0 + time_limit
    x0 = complete_plan(space, plan)
    must = (
        tuple(range(len(space.parties)))
        if must_accept is None
        else tuple(_party(space, p) for p in must_accept)
    )
    if not must or len(set(must)) != len(must):
        raise SpaceError("parties", "choose at least one party, each once")
    prop = None if proposer is None else _party(space, proposer)
    params: dict[str, object] = {
        "proposer": None if prop is None else space.parties[prop],
        "must_accept": tuple(space.parties[p] for p in must),
        "ignore_red_lines": ignore_red_lines,
        "time_limit": time_limit,
        "max_states": max_states,
    }
    d = space.batna.copy()
    algorithm = "iterative deepening on the number of changes, stage-wise search over super-issues"
    base = {
        "parties": space.parties,
        "must_accept": must,
        "batna": d,
        "plan": x0,
        "plan_utilities": space.utility(x0),
        "proposer": prop,
        "parameters": params,
    }

    def fail(status: str, note: str, *, conflict: tuple[str, ...] = (), exact: bool = True) -> AmendResult:
        return AmendResult(
            status=status,  # type: ignore[arg-type]
            feasible=False,
            package=None,
            utilities=None,
            changes=(),
            exact=exact,
            lower_bound=0,
            algorithm=algorithm,
            conflict=conflict,
            note=note,
            seconds=time.perf_counter() - t0,
            **base,  # type: ignore[arg-type]
        )

    honour = not ignore_red_lines
    dims = list(must) + ([prop] if prop is not None and prop not in must else [])
    # One more coordinate per option: minus one where it departs from the plan.
    cost = [
        -(np.arange(len(opts)) != x0[i]).astype(np.float64)[:, None] for i, opts in enumerate(space.options)
    ]
    ext = decompose(space, red_lines=honour, red_line_parties=must, reduce=True, parties=dims, extra=cost)
    if not ext.feasible:
        return fail(
            "infeasible",
            "no package satisfies the constraints, red lines and restrictions together",
            conflict=ext.conflict,
        )
    if _acceptable(space, x0, must, honour):
        return AmendResult(
            status="ok",
            feasible=True,
            package=x0,
            utilities=space.utility(x0),
            changes=(),
            exact=True,
            lower_bound=0,
            algorithm=algorithm,
            note="the plan is already acceptable to every party",
            seconds=time.perf_counter() - t0,
            **base,  # type: ignore[arg-type]
        )

    # An amendment exists exactly when some feasible package is acceptable to all.
    sub = project(ext, range(len(must)))
    prob = prepare(sub, d[list(must)], deadline=deadline, max_states=max_states)
    lam = lagrange_weights(prob) if len(must) >= 3 else None
    best = max_min_surplus(prob, require_ir=False, lam=lam)
    if best.choice is None or best.value <= TOL:
        if not best.exact:
            return fail(
                "limit", "stopped before deciding whether any package is acceptable to all", exact=False
            )
        short = (
            "" if best.choice is None else f" (the best package leaves a minimum surplus of {best.value:.3g})"
        )
        return fail(
            "no_zopa", "no amendment exists: no feasible package is acceptable to every party" + short
        )
    fallback = prob.decomp.package(best.choice)
    keep_cost = [_no_change(b.values[:, -1]) for b in ext.blocks]
    upper = _distance(fallback, x0)
    dm = d[list(must)]
    lower = 1
    found: tuple[int, ...] | None = None
    exact = True
    stop = ""
    # Budgets 1, 2, 3, ... up to the fallback's distance: the first success is the least.
    prop_col = _col(dims, prop)
    # One stage order for every search and look-ahead: the look-ahead's stage t must be the search's.
    order = _stage_order(ext)
    search = functools.partial(
        _search, ext, order, keep_cost, dm, len(must),
        prop_col=prop_col, deadline=deadline, max_states=max_states, lam=lam,
    )  # fmt: skip
    pairs: list[_PairLookahead] = []
    built_for = 0
    peak = 0
    for budget in range(1, upper + 1):
        if len(must) >= 3 and len(ext.blocks) > 2 and (budget > built_for if pairs else peak >= _PAIRS_WHEN):
            # Once the search holds many partial packages, the pairwise look-ahead pays
            # for itself: exact, cheap to query, built for a few budgets ahead (its size
            # grows with the budget). It only drops packages no pair could accept, so the
            # result is the same with or without it.
            built_for = min(upper, budget + _PAIRS_AHEAD)
            pairs = [
                _PairLookahead(ext, order, a, b, dm, built_for)
                for a, b in itertools.combinations(range(len(must)), 2)
            ]
        # A beam search first: if it finds an amendment within this budget (all smaller
        # ones being refuted), its score is a floor that prunes the exact search.
        floor = None
        quick, _ = search(budget, beam_width=64, pairs=pairs)
        if quick is not None and quick.shape[0]:
            u = ext.offset + sum(
                (b.values[c] for b, c in zip(ext.blocks, quick, strict=True)), np.zeros(len(dims) + 1)
            )
            floor = float(_score(u[None, :], dm, len(must), prop_col)[0])
        outcome, peak = search(budget, floor=floor, pairs=pairs)
        if outcome is None:
            exact, stop = (
                False,
                "time limit"
                if deadline is not None and time.perf_counter() > deadline
                else (f"more than {max_states:,} partial packages"),
            )
            if quick is not None and quick.shape[0]:
                # Fewest changes proven (smaller budgets were refuted); the tie-break is not.
                found = ext.package(quick)
            break
        if outcome.shape[0]:
            found = ext.package(outcome)
            break
        lower = budget + 1
    if found is None:
        # Exact: every smaller budget was refuted, so the fallback's distance is the least.
        greedy = None if exact else _greedy(space, x0, must, honour)
        found = fallback if greedy is None or _distance(greedy, x0) >= upper else greedy
    changes = tuple(
        Change(
            issue=i,
            issue_id=space.issues[i],
            before=x0[i],
            after=found[i],
            before_id=space.options[i][x0[i]],
            after_id=space.options[i][found[i]],
        )
        for i in range(len(x0))
        if found[i] != x0[i]
    )
    if not exact:
        lower = min(lower, len(changes))
    if exact:
        note = ""
    elif lower == len(changes):
        note = f"stopped ({stop}): {lower} change(s) is proven the least; the tie-break among them is not"
    else:
        note = f"stopped ({stop}); at least {lower} change(s) are needed, this amendment makes {len(changes)}"
    return AmendResult(
        status="ok",
        feasible=True,
        package=found,
        utilities=space.utility(found),
        changes=changes,
        exact=exact,
        lower_bound=lower if not exact else len(changes),
        algorithm=algorithm,
        note=note,
        seconds=time.perf_counter() - t0,
        **base,  # type: ignore[arg-type]
    )


def _party(space: Space, p: int | str) -> int:
    if isinstance(p, str):
        return space.party_index(p)
    if not 0 <= p < len(space.parties):
        raise SpaceError("parties", f"no party number {p}")
    return int(p)


def _col(dims: list[int], prop: int | None) -> int | None:
    return None if prop is None else dims.index(prop)


def _acceptable(space: Space, pkg: Sequence[int], must: Sequence[int], honour: bool) -> bool:
    """Feasible (domains, constraints, red lines of ``must`` if honoured) and accepted by ``must``."""
    if not space.in_domains(pkg):
        return False
    if not all(c.satisfied_by(pkg) for c in space.clauses(red_lines=honour, parties=must)):
        return False
    s = space.utility(pkg) - space.batna
    return bool(all(s[p] > TOL for p in must))


def _no_change(minus_cost: FloatArray) -> int | None:
    zero = np.nonzero(minus_cost == 0)[0]
    return int(zero[0]) if zero.size else None


def _distance(a: Sequence[int], b: Sequence[int]) -> int:
    return sum(1 for x, y in zip(a, b, strict=True) if x != y)


def _reach(
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


class _PairLookahead:
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
        """Whether partial packages after ``t`` stages, with utilities (pa, pb) and ``left``
        changes to spare, can still satisfy both parties (always True for t < 2)."""
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


_PAIRS_WHEN = 1_000
"""The pairwise look-ahead is built once an exact search has held this many partial packages."""

_PAIRS_AHEAD = 3
"""The pairwise look-ahead is built for this many budgets beyond the current one."""


def _level_staircases(points: FloatArray, budget: int) -> FloatArray:
    """The points (u_a, u_b, minus changes) within ``budget`` changes that are not
    beaten in (u_a, u_b) by another with as many changes: a 2-D staircase per count.

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


def _stage_order(ext: Decomposition) -> list[int]:
    """The largest super-issues first, while there are few partial packages to extend."""
    spread = default_order(ext)
    return sorted(spread, key=lambda j: (-ext.blocks[j].size, spread.index(j)))


def _search(
    ext: Decomposition,
    order: Sequence[int],
    keep_cost: list[int | None],
    batna: FloatArray,
    k_must: int,
    budget: int,
    *,
    prop_col: int | None,
    deadline: float | None,
    max_states: int,
    lam: FloatArray | None = None,
    floor: float | None = None,
    beam_width: int | None = None,
    pairs: Sequence[_PairLookahead] = (),
) -> tuple[IntArray | None, int]:
    """Block choices of the best amendment within ``budget`` changes (empty: none; None: a limit
    hit), and the most partial packages held at once.

    "Best": fewest changes, then the highest tie-break score (the proposer's utility,
    or the least surplus). ``lam`` (weights on the simplex) adds the test
    ``lam . surplus > TOL``, which every acceptable package passes. ``floor`` drops
    partial packages whose score cannot reach it. ``beam_width`` turns the search
    into a heuristic keeping only that many partial packages per stage (``order``:
    the stages, see :func:`_stage_order`). ``pairs`` (built for this ``ext`` and
    ``order`` and at least this budget) drop partial packages that
    some pair of must-accept parties could no longer both accept.
    """
    n_dims = ext.n_parties - 1
    weights = np.eye(n_dims)
    if lam is not None:
        weights = np.hstack((weights, np.concatenate((lam, np.zeros(n_dims - k_must)))[:, None]))
    reach = _reach(ext, keep_cost, order, weights, budget)
    # Indexed by changes left, one contiguous row each: the hot lookup below gathers rows.
    reach_by_left = [np.ascontiguousarray(r.T) for r in reach]
    lam_floor = None if lam is None else float(lam @ batna)

    def keep(states: FloatArray, options: FloatArray, t: int) -> BoolArray:
        """Which (state, option) pairs can still become an acceptable amendment within budget."""
        # Every test is on the (n, m) grid, column by column, so no pair's vector is built.
        used = np.rint(-(states[:, -1][:, None] + options[None, :, -1])).astype(np.int64)
        ok = used <= budget
        left = np.clip(budget - used, 0, budget)
        sw, ow, rt = states[:, :n_dims] @ weights, options[:, :n_dims] @ weights, reach_by_left[t]

        def top(r: int) -> FloatArray:  # the most weighted column r can still reach
            return np.asarray(sw[:, r][:, None] + ow[:, r][None, :] + rt[left, r])

        margin = top(0) - batna[0]
        for p in range(1, k_must):
            margin = np.minimum(margin, top(p) - batna[p])
        ok &= margin > TOL
        if lam_floor is not None:
            ok &= top(n_dims) - lam_floor > TOL
        score = top(prop_col) if prop_col is not None else margin
        if floor is not None:
            ok &= score >= floor - TOL
        if pairs and ok.any():
            rows, cols = np.nonzero(ok)
            lefts = left[rows, cols]
            alive = np.ones(rows.size, dtype=bool)
            for pl in pairs:
                sub = np.nonzero(alive)[0]
                pa = states[rows[sub], pl.a] + options[cols[sub], pl.a]
                pb = states[rows[sub], pl.b] + options[cols[sub], pl.b]
                alive[sub] = pl.viable(pa, pb, lefts[sub], t)
            ok[rows[~alive], cols[~alive]] = False
        if beam_width is not None and ok.sum() > beam_width:
            rank = np.where(ok, margin, -np.inf).ravel()
            cut = np.partition(rank, rank.size - beam_width)[rank.size - beam_width]
            ok &= margin >= cut
        return np.asarray(ok)

    cap = max_states if beam_width is None else 4 * beam_width
    widest = max((b.size for b in ext.blocks), default=1)
    run = run_stages(
        ext,
        order=order,
        prune_grid=keep,
        dominance_last=False,  # only the best survivor is wanted
        deadline=deadline,
        max_states=cap,
        max_candidates=None if beam_width is None else cap * widest,
    )
    if not run.complete:
        return None, run.peak_states
    vals = run.values
    ok = (vals[:, :k_must] - batna > TOL).all(axis=1)
    if not ok.any():
        return np.zeros((0, len(ext.blocks)), dtype=np.int64), run.peak_states
    idx = np.nonzero(ok)[0]
    used = -vals[idx, -1]
    idx = idx[used <= used.min() + 0.5]
    score = _score(vals[idx], batna, k_must, prop_col)
    idx = idx[score >= score.max() - TOL]
    pick = idx[int(np.argmax((vals[idx, :k_must] - batna).sum(axis=1)))]
    return np.asarray(run.block_choices(np.array([pick]), len(ext.blocks))[0]), run.peak_states


def _score(vals: FloatArray, batna: FloatArray, k_must: int, prop_col: int | None) -> FloatArray:
    """The tie-break among equally short amendments: proposer's utility, else least surplus."""
    if prop_col is not None:
        return np.asarray(vals[:, prop_col])
    return np.asarray((vals[:, :k_must] - batna).min(axis=1))


def _greedy(space: Space, x0: Sequence[int], must: Sequence[int], honour: bool) -> tuple[int, ...] | None:
    """An acceptable amendment by changing one issue at a time (only when a limit stopped the proof)."""
    x = list(x0)
    cols = list(must)
    clauses = space.clauses(red_lines=honour, parties=must)
    for _ in range(len(x0)):
        if _acceptable(space, x, must, honour):
            return tuple(x)
        best, best_key = None, -np.inf
        for i in range(len(x)):
            for o in space.domains[i]:
                if o == x[i]:
                    continue
                y = list(x)
                y[i] = o
                key = float((space.utility(y)[cols] - space.batna[cols]).min())
                key -= 1e6 * sum(1 for c in clauses if not c.satisfied_by(y))
                if key > best_key:
                    best, best_key = y, key
        if best is None:
            return None
        x = best
    return tuple(x) if _acceptable(space, x, must, honour) else None
