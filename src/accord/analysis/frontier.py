"""The efficient (Pareto) frontier of a space's feasible packages, exactly.

Packages are built super-issue by super-issue (:mod:`accord.analysis.kernel.stages`):
after each stage only the non-dominated partial utility vectors survive
(Kung, Luccio & Preparata 1975 for the maxima; Klamroth & Wiecek 2000 for the
stage-wise dominance argument). Nothing enumerates packages: a two-party space
of 40 issues with 5 options each (about 10^28 packages) is solved in well
under a second.

When a limit (``time_limit``, ``max_states``) stops the stages first, the
result is marked ``exact=False`` and lists *supported* efficient packages:
maximisers of positive weighted sums of utilities, each proven efficient, but
not the whole frontier.
"""

from __future__ import annotations

import math
import time

import numpy as np

from accord.analysis.kernel.graph import ClauseGraph, clause_graph
from accord.analysis.kernel.limits import SolverTimeLimit
from accord.analysis.kernel.maxima import maxima
from accord.analysis.kernel.sampling import count_feasible
from accord.analysis.kernel.stages import StageRun, default_order, run_stages, suffix_box
from accord.analysis.kernel.staircase import applies, staircase
from accord.analysis.kernel.superissues import Decomposition, decompose, pair_blocks
from accord.analysis.registry import SOLVERS
from accord.analysis.results import FrontierResult
from accord.numeric import TOL, BoolArray, FloatArray, IntArray
from accord.provenance import Status
from accord.space import Space, SpaceError

ALGORITHM = "stage-wise Minkowski sum with dominance pruning over super-issues"
"""What the frontier reports as its algorithm (a suffix says when a limit stopped it)."""

DEFAULT_MAX_POINTS = 100_000
DEFAULT_MAX_POINTS_4 = 800_000


def solve_frontier(
    space: Space,
    *,
    ignore_red_lines: bool = False,
    individually_rational: bool = False,
    time_limit: float | None = None,
    max_points: int | None = None,
) -> FrontierResult:
    """Every efficient package of ``space`` (one per distinct utility vector).

    A package is efficient when no feasible package is at least as good for
    every party and better for one (by more than :data:`TOL`). With
    ``individually_rational`` only packages acceptable to every party count.
    Packages come sorted by the first party's utility, descending.

    Frontiers of three or more parties can be very large. When the partial frontier
    outgrows ``max_points`` (or ``time_limit`` runs out) the search stops and the
    result, ``exact=False``, lists supported efficient packages instead. By default
    ``max_points`` is 100,000 for up to three parties and 800,000 for more (enough
    for the exact frontier of ``ukraine``, about half a million points).
    """
    t0 = time.perf_counter()
    max_points = _max_points(max_points, len(space.parties))
    params: dict[str, object] = {
        "ignore_red_lines": ignore_red_lines,
        "individually_rational": individually_rational,
        "time_limit": time_limit,
        "max_points": max_points,
    }
    graph = clause_graph(space, red_lines=not ignore_red_lines)
    deadline = None if time_limit is None else t0 + time_limit
    try:
        listed = _listing(space, graph, individually_rational, deadline, max_points, time_limit)
    except SolverTimeLimit as stop:
        return _stopped(space, params, t0, individually_rational, str(stop))
    status, packages, utils, note, exact, conflict = listed
    return FrontierResult(
        status=status,
        parties=space.parties,
        packages=packages,
        utilities=utils,
        batna=space.batna.copy(),
        individually_rational=individually_rational,
        n_feasible=0 if status == "infeasible" else count_feasible(space, graph=graph),
        conflict=conflict,
        note=note,
        provenance=SOLVERS.get("frontier").provenance(
            ALGORITHM if exact else ALGORITHM + " (stopped); supported points by weighted sums",
            parameters=params,
            started=t0,
            exact=exact,
        ),
    )


_Listing = tuple[Status, IntArray, FloatArray, str, bool, tuple[str, ...]]
"""Status, packages, utilities, note, whether exact, and the conflict when infeasible."""


def _listing(
    space: Space,
    graph: ClauseGraph,
    individually_rational: bool,
    deadline: float | None,
    max_points: int,
    time_limit: float | None,
) -> _Listing:
    """The frontier by the two-party staircase when it applies and fits, else by the super-issues.

    Raises :class:`SolverTimeLimit` when the time limit runs out while building the super-issues.
    """
    if applies(space, graph):
        fast = staircase(space, graph, max_states=max_points, deadline=deadline)
        if fast is not None:
            return (*_listed(space, fast.packages, fast.utilities, individually_rational), True, ())
    decomp = decompose(space, reduce=True, graph=graph, deadline=deadline)
    if not decomp.feasible:
        note = "no package satisfies the constraints, red lines and restrictions together"
        return (
            "infeasible",
            _no_packages(space),
            np.zeros((0, len(space.parties))),
            note,
            True,
            decomp.conflict,
        )
    decomp, run = _stages(decomp, space.batna, individually_rational, deadline, max_points)
    found = _efficient(space, decomp, run, individually_rational, max_points, time_limit)
    return (*found, run.complete, ())


def _stopped(
    space: Space, params: dict[str, object], t0: float, individually_rational: bool, why: str
) -> FrontierResult:
    """The time limit ran out while building the super-issues: nothing listed, status ``limit``."""
    return FrontierResult(
        status="limit",
        parties=space.parties,
        packages=_no_packages(space),
        utilities=np.zeros((0, len(space.parties))),
        batna=space.batna.copy(),
        individually_rational=individually_rational,
        note=f"{why}; nothing listed: raise the time limit, or use `solve`/`zopa` (the MIP backend)",
        provenance=SOLVERS.get("frontier").provenance(
            ALGORITHM + " (stopped by the time limit)", parameters=params, started=t0, exact=False
        ),
    )


def _max_points(max_points: int | None, k: int) -> int:
    """``max_points``, or its default for ``k`` parties; at least 1."""
    if max_points is None:
        return DEFAULT_MAX_POINTS if k <= 3 else DEFAULT_MAX_POINTS_4
    if max_points < 1:
        raise SpaceError("max_points", "must be at least 1")
    return max_points


PAIR_BLOCKS = 32
"""Join small super-issues in pairs when a space has at most this many (a small space's fixed cost)."""


def _stages(
    decomp: Decomposition,
    batna: FloatArray,
    individually_rational: bool,
    deadline: float | None,
    max_points: int,
) -> tuple[Decomposition, StageRun]:
    """The stage run, over small super-issues joined in pairs first when there are few.

    Joined blocks have more options, so a stage has more candidates: when that
    trips the candidate cap (not the time limit), the blocks run as they are.
    """
    if len(decomp.blocks) <= PAIR_BLOCKS:
        joined = pair_blocks(decomp)
        run = _run(joined, batna, individually_rational, deadline, max_points)
        if run.complete or run.stop_reason == "time limit" or joined is decomp:
            return joined, run
    return decomp, _run(decomp, batna, individually_rational, deadline, max_points)


def _run(
    decomp: Decomposition,
    batna: FloatArray,
    individually_rational: bool,
    deadline: float | None,
    max_points: int,
) -> StageRun:
    """The stages, dropping partial packages no completion can make acceptable to all when asked."""
    if not individually_rational:
        return run_stages(decomp, deadline=deadline, max_states=max_points, max_candidates=3 * max_points)
    order = default_order(decomp)
    box = suffix_box(decomp, order)

    def prune(a: FloatArray, t: int) -> BoolArray:
        # No completion can lift a party above its BATNA.
        return np.asarray((a + box[t] - batna > TOL).all(axis=1))

    return run_stages(
        decomp,
        order=order,
        prune=prune,
        deadline=deadline,
        max_states=max_points,
        max_candidates=3 * max_points,
    )


def _efficient(
    space: Space,
    decomp: Decomposition,
    run: StageRun,
    individually_rational: bool,
    max_points: int,
    time_limit: float | None = None,
) -> tuple[Status, IntArray, FloatArray, str]:
    """The status, the efficient packages and their utilities (by the first party's utility), a note.

    From the run's survivors when it completed; else supported points by weighted sums.
    """
    if run.complete:
        # The last stage's filter, at a finer tolerance, has usually settled it already.
        rows = maxima(run.values, ordered=False, filtered_at=run.filtered_at)
        # Packages are built once when they fit the budget; a larger set twice, a chunk at a time.
        cells = rows.size * len(space.issues)
        packages = np.empty((rows.size, len(space.issues)), dtype=np.int64) if cells <= _ONE_PASS else None
        utils = _rebuild(space, decomp, run, rows, packages)
        if individually_rational:
            ok = (utils - space.batna > TOL).all(axis=1)
            rows, utils = rows[ok], utils[ok]
            packages = None if packages is None else packages[ok]
            if rows.size == 0:
                return (
                    "no_zopa",
                    _no_packages(space),
                    utils,
                    "no feasible package gives every party more than its BATNA",
                )
        order_rows = _by_utilities(utils)
        if packages is not None:  # within the budget: built once, reordered
            return "ok", packages[order_rows], utils[order_rows], ""
        out = np.empty((rows.size, len(space.issues)), dtype=np.int64)
        _rebuild(space, decomp, run, rows[order_rows], out)
        return "ok", out, utils[order_rows], ""
    choices = _supported(decomp)
    note = (
        f"not the whole frontier: listing it stopped at a limit ({run.stop_reason}; max_points={max_points:,}"
        f"{'' if time_limit is None else f', time_limit={time_limit:g} s'}); these packages are efficient "
        "(weighted-sum maximisers) but not all of the frontier; raise max_points (--max-points) "
        "or the time limit for more"
    )
    packages = decomp.packages(choices) if choices.shape[0] else _no_packages(space)
    utils = space.utilities(packages) if packages.shape[0] else np.zeros((0, len(space.parties)))
    if individually_rational and utils.shape[0]:
        ok = (utils - space.batna > TOL).all(axis=1)
        packages, utils = packages[ok], utils[ok]
    if utils.shape[0]:
        keep = maxima(utils)
        packages, utils = packages[keep], utils[keep]
    order_rows = _by_utilities(utils)
    return "ok", packages[order_rows], utils[order_rows], note


def _listed(
    space: Space, packages: IntArray, utils: FloatArray, individually_rational: bool
) -> tuple[Status, IntArray, FloatArray, str]:
    """Status, packages, utilities and note of an exact sorted frontier (the rational part if asked)."""
    if individually_rational:
        ok = (utils - space.batna > TOL).all(axis=1)
        packages, utils = packages[ok], utils[ok]
        if utils.shape[0] == 0:
            return (
                "no_zopa",
                _no_packages(space),
                utils,
                "no feasible package gives every party more than its BATNA",
            )
    return "ok", packages, utils, ""


_ONE_PASS = 1 << 25
"""Frontiers of up to this many cells (points x issues, 256 MB of int64) have their packages built once.

Building once and reordering holds two copies; a larger frontier is built twice
(once for the utilities that decide the order, once in that order), a chunk at a time.
"""


def _no_packages(space: Space) -> IntArray:
    return np.zeros((0, len(space.issues)), dtype=np.int64)


def _by_utilities(utils: FloatArray) -> IntArray:
    """Row order by the first party's utility descending, then the second's, and so on."""
    k = utils.shape[1]
    return np.asarray(np.lexsort(tuple(-utils[:, j] for j in range(k - 1, -1, -1))), dtype=np.int64)


def _rebuild(
    space: Space,
    decomp: Decomposition,
    run: StageRun,
    rows: IntArray,
    out: IntArray | None,
    chunk: int = 4096,
) -> FloatArray:
    """The utilities of the run's survivors ``rows``; their packages go into ``out`` when given.

    A chunk at a time: all the block choices and packages at once would hold
    several copies of an array that grows as points x issues (at 640 issues, the
    most memory of the whole run). Utilities are summed in issue order
    (:meth:`Space.utilities`), as everywhere else.
    """
    utils = np.empty((rows.size, len(space.parties)))
    for lo in range(0, rows.size, chunk):
        pk = decomp.packages(run.block_choices(rows[lo : lo + chunk], len(decomp.blocks)))
        utils[lo : lo + chunk] = space.utilities(pk)
        if out is not None:
            out[lo : lo + chunk] = pk
    return utils


def weight_directions(k: int, resolution: int) -> FloatArray:
    """Strictly positive weight vectors on a simplex lattice (rows sum to 1)."""
    if k == 1:
        return np.ones((1, 1))
    rows: list[list[int]] = []

    def rec(prefix: list[int], left: int, slots: int) -> None:
        if slots == 1:
            rows.append([*prefix, left])
            return
        for a in range(1, left - slots + 2):
            rec([*prefix, a], left - a, slots - 1)

    rec([], max(resolution, k), k)
    out = np.asarray(rows, dtype=np.float64)
    return np.asarray(out / out.sum(axis=1, keepdims=True))


def _supported(decomp: Decomposition, budget: int = 4000) -> IntArray:
    """Block choices of weighted-sum maximisers over a lattice of positive weights.

    Parties are put on comparable scales by their utility span; a party whose
    utility is the same on every package has no span and keeps weight 1 (its
    weight changes nothing; floored at 1e-12 it swamped the others, every option
    tied and dominated packages were chosen). Within a block, options within
    :data:`TOL` of the best weighted sum are tied, and ties go to the largest
    plain sum of utilities (a second strictly positive weighting), then the
    lowest index: so a tie never yields a dominated package (Ehrgott 2005,
    "Multicriteria Optimization", 2nd ed., thm. 3.4 and prop. 4.7 on
    lexicographic optimality).
    """
    k = decomp.n_parties
    res = k
    # The lattice with sum r has comb(r - 1, k - 1) points: the finest within the budget.
    while math.comb(res, k - 1) <= budget and res < 400:
        res += 1
    lam = weight_directions(k, res)
    # Put the parties on comparable scales so the directions spread over the frontier.
    span = sum((np.ptp(b.values, axis=0) for b in decomp.blocks), np.zeros(k))
    lam = lam / np.where(span > TOL, span, 1.0)
    lam = lam / lam.sum(axis=1, keepdims=True)
    cols = [_tie_broken_argmax(b.values, lam) for b in decomp.blocks]
    choices = np.stack(cols, axis=1) if cols else np.zeros((lam.shape[0], 0), dtype=np.int64)
    return np.unique(choices.astype(np.int64), axis=0)


def _tie_broken_argmax(values: FloatArray, lam: FloatArray) -> IntArray:
    """Per weight vector (rows of ``lam``) the option (row of ``values``) with the largest weighted sum.

    Options within :data:`TOL` of the best are tied; among them the largest plain
    sum of utilities wins, then the lowest index.
    """
    scores = values @ lam.T  # options x directions
    tied = scores >= scores.max(axis=0, keepdims=True) - TOL
    second = values.sum(axis=1)
    keyed = np.where(tied, second[:, None], -np.inf)
    return np.asarray(np.argmax(keyed, axis=0), dtype=np.int64)
