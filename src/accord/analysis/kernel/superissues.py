"""Split a space into independent *super-issues* so that package search is separable.

Issues that share a clause (a constraint, or a red line honoured in the search)
form connected components of the clause graph (:mod:`.graph`). Within a component, options
interact; across components they do not. Each component with two or more
issues is enumerated once (breadth-first over its issues, checking every clause
as soon as its issues are assigned) and becomes one :class:`SuperIssue` whose options
are the component's feasible joint assignments, with their summed
contributions. An unlinked issue is a block of its own. Every feasible package
is then one option per block, and utility is the sum over blocks: the setting
of multi-objective dynamic programming over stages (Klamroth & Wiecek 2000,
"Dynamic programming approaches to the multiple criteria knapsack problem",
Naval Research Logistics 47(1)).

Before splitting, clauses are simplified against the domains: a clause some
member of which holds for the whole domain of its issue is always satisfied;
a clause with a single live member narrows that issue's domain (unit
propagation). Issues left with one option are *forced* and contribute a
constant.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from accord.analysis.kernel.graph import ClauseGraph, clause_graph, extend, schedule
from accord.analysis.kernel.limits import ComponentTooLarge, Pace
from accord.analysis.kernel.maxima import maxima
from accord.model.logic import Clause, Member, Origin, minimal_conflict
from accord.numeric import FloatArray, IntArray
from accord.space import Space

MAX_BLOCK_OPTIONS = 2_000_000
"""Largest number of joint assignments a linked component may have (memory bound)."""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class SuperIssue:
    """A super-issue: ``issues`` with their feasible joint ``assignments``.

    ``assignments[j]`` gives one option index per issue in ``issues``;
    ``values[j]`` the summed contributions of that assignment per party.
    """

    issues: tuple[int, ...]
    assignments: IntArray
    values: FloatArray

    @property
    def size(self) -> int:
        """The number of feasible joint assignments (the super-issue's options)."""
        return int(self.assignments.shape[0])


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Decomposition:
    """The feasible packages of a space as a product of blocks.

    ``forced[i]`` is the option every feasible package takes on issue ``i``, or -1
    when issue ``i`` belongs to a block; ``offset`` is the forced options' utility.
    ``conflict`` names the clauses (and domain restrictions) of a minimal conflict
    when no package is feasible; ``blocks`` is then empty.
    """

    n_issues: int
    n_parties: int
    blocks: tuple[SuperIssue, ...]
    forced: tuple[int, ...]
    offset: FloatArray
    conflict: tuple[str, ...] = ()
    reduced: bool = False

    @property
    def feasible(self) -> bool:
        """True unless the constraints, red lines and restrictions are in conflict."""
        return not self.conflict

    @property
    def n_feasible(self) -> int:
        """The exact number of feasible packages (0 when in conflict); needs ``reduced=False``."""
        if self.reduced:
            raise ValueError("a reduced decomposition does not hold every feasible package")
        if self.conflict:
            return 0
        total = 1
        for b in self.blocks:
            total *= b.size
        return total

    def packages(self, choices: NDArray[np.integer]) -> IntArray:
        """Packages (rows of option indices) from block choices, shape (N, n_blocks)."""
        ch = np.asarray(choices, dtype=np.int64)
        ch = ch.reshape(ch.shape[0] if ch.ndim == 2 else 1, len(self.blocks))
        out = np.empty((ch.shape[0], self.n_issues), dtype=np.int64)
        out[:] = self.forced
        for j, b in enumerate(self.blocks):
            out[:, list(b.issues)] = b.assignments[ch[:, j]]
        return out

    def package(self, choice: Sequence[int] | NDArray[np.integer]) -> tuple[int, ...]:
        """The package (option index per issue) of one super-issue ``choice``."""
        return tuple(int(x) for x in self.packages(np.asarray([choice]))[0])


def decompose(
    space: Space,
    *,
    red_lines: bool = True,
    red_line_parties: Iterable[int] | None = None,
    reduce: bool = False,
    parties: Sequence[int] | None = None,
    extra: Sequence[FloatArray] | None = None,
    max_block_options: int = MAX_BLOCK_OPTIONS,
    graph: ClauseGraph | None = None,
    deadline: float | None = None,
) -> Decomposition:
    """Blocks of ``space``'s feasible packages (domains, constraints, honoured red lines).

    Block values have one column per party of ``parties`` (default all), then the
    columns of ``extra`` (``extra[i]`` has one row per option of issue ``i``).
    With ``reduce`` every block keeps only its non-dominated options over those
    columns, one per distinct vector: exact for every question whose answer
    can only improve when all columns do (frontier, bargaining solutions, the best
    minimum surplus), not for counting. A linked component is then built issue
    by issue, keeping at each step only the partial assignments not dominated by
    one that agrees on the issues still linked to the rest, so it is never
    enumerated in full. ``graph``, the :func:`~.graph.clause_graph` of ``space`` with the same
    ``red_lines`` and ``red_line_parties``, spares building it again. Raises
    :class:`~.limits.ComponentTooLarge` (a :class:`SpaceError`, field
    ``constraints``) before a step of a component would hold more than
    ``max_block_options`` partial assignments, and :class:`~.limits.SolverTimeLimit`
    when a step would end past ``deadline`` (``time.perf_counter``).
    """
    if graph is None:
        graph = clause_graph(space, red_lines=red_lines, red_line_parties=red_line_parties)
    cols = list(range(len(space.parties))) if parties is None else list(parties)
    gain = _gains(space, cols, extra)
    k = gain[0].shape[1] if graph.n_issues else len(cols)
    if not graph.satisfiable:
        return _in_conflict(space, graph.clauses, k)
    forced = [-1] * graph.n_issues
    blocks: list[SuperIssue] = []
    free = _free_options(graph, gain, reduce)
    for root in graph.roots:
        issues, clauses = list(graph.groups[root]), list(graph.clauses_of.get(root, ()))
        assignments, values = free.get(root) or _component(
            issues, clauses, graph.domains, gain, reduce, (max_block_options, deadline), space
        )
        if assignments.shape[0] == 0:
            return _in_conflict(space, graph.clauses, k)
        if assignments.shape[0] == 1:
            for col, i in enumerate(issues):
                forced[i] = int(assignments[0, col])
            continue
        blocks.append(SuperIssue(issues=tuple(issues), assignments=assignments, values=values))
    return Decomposition(
        n_issues=graph.n_issues,
        n_parties=k,
        blocks=tuple(blocks),
        forced=tuple(forced),
        offset=sum((gain[i][f] for i, f in enumerate(forced) if f >= 0), np.zeros(k)),
        reduced=reduce,
    )


def _free_options(
    graph: ClauseGraph, gain: list[FloatArray], reduce: bool
) -> dict[int, tuple[IntArray, FloatArray]]:
    """Per free issue (no clause links it to another), its block's assignments and values.

    Its options are its joint assignments; with ``reduce``, the non-dominated ones,
    found for all free issues by one grouped :func:`maxima` call (a call per issue,
    and the schedule of a linked component, are most of a small space's cost).
    """
    issues = [r for r in graph.roots if len(graph.groups[r]) == 1 and not graph.clauses_of.get(r)]
    opts = [np.asarray(sorted(graph.domains[i]), dtype=np.int64) for i in issues]
    if not reduce or not issues:
        return {i: (o[:, None], gain[i][o]) for i, o in zip(issues, opts, strict=True)}
    sizes = np.array([o.size for o in opts])
    group = np.repeat(np.arange(len(issues)), sizes)
    keep = np.sort(maxima(np.vstack([gain[i][o] for i, o in zip(issues, opts, strict=True)]), groups=group))
    flat = np.concatenate(opts)
    bounds = np.searchsorted(group[keep], np.arange(len(issues) + 1))
    kept = [flat[keep[bounds[j] : bounds[j + 1]]] for j in range(len(issues))]
    return {i: (o[:, None], gain[i][o]) for i, o in zip(issues, kept, strict=True)}


def _gains(space: Space, cols: list[int], extra: Sequence[FloatArray] | None) -> list[FloatArray]:
    """Per issue, one row per option: the contributions to ``cols``, then ``extra``'s columns."""
    return [
        space.contrib[i][cols, :].T if extra is None else np.hstack((space.contrib[i][cols, :].T, extra[i]))
        for i in range(len(space.issues))
    ]


def project(decomp: Decomposition, cols: Sequence[int]) -> Decomposition:
    """``decomp`` keeping only the value columns ``cols``, each block reduced again.

    For a reduced ``decomp`` this equals reducing over ``cols`` from the start, up
    to which of several options with equal values represents them: an option not
    dominated in ``cols`` is either kept in ``decomp`` or dominated there by one
    with the same values in ``cols``.
    """
    cols = list(cols)
    offset = decomp.offset[cols].copy()
    forced = list(decomp.forced)
    blocks: list[SuperIssue] = []
    for b in decomp.blocks:
        vals = b.values[:, cols]
        keep = np.sort(maxima(vals))
        if keep.size == 1:
            for col, i in enumerate(b.issues):
                forced[i] = int(b.assignments[keep[0], col])
            offset = offset + vals[keep[0]]
            continue
        blocks.append(SuperIssue(issues=b.issues, assignments=b.assignments[keep], values=vals[keep]))
    return Decomposition(
        n_issues=decomp.n_issues,
        n_parties=len(cols),
        blocks=tuple(blocks),
        forced=tuple(forced),
        offset=offset,
        conflict=decomp.conflict,
        reduced=True,
    )


def _component(
    issues: list[int],
    clauses: list[Clause],
    doms: Sequence[AbstractSet[int]],
    gain: list[FloatArray],
    reduce: bool,
    limits: tuple[int, float | None],
    space: Space,
) -> tuple[IntArray, FloatArray]:
    """Joint assignments of ``issues`` (columns in that order) meeting ``clauses``, with values.

    Issues are added one at a time in an order that keeps few of them linked to
    the issues still to come; each clause is checked right after its last issue.
    With ``reduce``, a partial assignment dominated by another with the same
    options on the still-linked issues is dropped: both have the same completions.
    ``limits``: the most partial assignments (checked on the candidates before
    they are built, so memory never grows past it) and the deadline.
    """
    limit, deadline = limits
    sched = schedule(issues, clauses, doms)
    order, pos, reach = sched.order, sched.pos, sched.reach
    rows = np.zeros((1, 0), dtype=np.int64)
    vals = np.zeros((1, gain[order[0]].shape[1]))
    pace = Pace(deadline, "building the super-issues")
    for step, i in enumerate(order):
        if rows.shape[0] * len(doms[i]) > limit:
            raise _too_large(space, issues, limit)
        pace.check(rows.shape[0] * len(doms[i]))
        parent, opt = extend(rows, step, sched, doms, space)
        rows = np.hstack([rows[parent], opt[:, None]])
        vals = vals[parent] + gain[i][opt]
        if reduce and rows.shape[0] > 1:
            linked = [pos[j] for j in order[: step + 1] if reach[j] > step]
            if linked:
                key = _group_key(rows, linked, [len(space.options[order[c]]) for c in linked])
                keep = maxima(vals, groups=key)
            else:
                keep = maxima(vals)
            keep.sort()
            rows, vals = rows[keep], vals[keep]
        pace.done()
        if rows.shape[0] > limit:
            raise _too_large(space, issues, limit)
    back = [pos[i] for i in issues]
    return rows[:, back], vals


def _group_key(rows: IntArray, cols: list[int], radix: list[int]) -> IntArray:
    """One integer per row naming its options in ``cols`` (equal options, equal key).

    A mixed-radix number when it fits in 62 bits (a sort of one integer column,
    far faster than :func:`numpy.unique` over rows); else the rows' unique index.
    """
    if math.prod(radix) < 2**62:
        mult = np.cumprod([1, *radix[:-1]]).astype(np.int64)
        return np.asarray(rows[:, cols] @ mult, dtype=np.int64)
    _, key = np.unique(rows[:, cols], axis=0, return_inverse=True)
    return np.asarray(key.ravel(), dtype=np.int64)


def _too_large(space: Space, issues: Sequence[int], limit: int) -> ComponentTooLarge:
    names = ", ".join(space.issues[j] for j in issues)
    return ComponentTooLarge(
        f"issues {names} are linked by constraints and red lines into more than {limit:,} joint "
        "options; use the MIP backend, hold some of these issues at one option, or "
        "limit the tables/tracks"
    )


def domain_clauses(space: Space) -> list[Clause]:
    """The restricted domains of ``space`` as unit clauses, named for conflict reports."""
    out = []
    for i, d in enumerate(space.domains):
        if len(d) == len(space.options[i]):
            continue
        names = "|".join(space.options[i][k] for k in sorted(d))
        how = "fixed at" if len(d) == 1 else "limited to"
        origin = Origin(kind="domain", id=space.issues[i], text=f"{how} {names}")
        out.append(Clause((Member(i, frozenset(d)),), origin))
    return out


def conflict_origins(space: Space, clauses: Sequence[Clause]) -> tuple[str, ...]:
    """Origins of a minimal set of ``clauses`` and domain restrictions that no package meets."""
    all_clauses = list(clauses) + domain_clauses(space)
    core = minimal_conflict(space.sizes, all_clauses)
    return tuple(dict.fromkeys(str(all_clauses[j].origin) or "an unnamed clause" for j in core))


def _in_conflict(space: Space, clauses: Sequence[Clause], k: int) -> Decomposition:
    origins = conflict_origins(space, clauses) or ("the domains and clauses together",)
    return Decomposition(
        n_issues=len(space.issues),
        n_parties=k,
        blocks=(),
        forced=tuple(-1 for _ in space.issues),
        offset=np.zeros(k),
        conflict=origins,
    )


def pair_blocks(decomp: Decomposition, limit: int = 64) -> Decomposition:
    """A reduced ``decomp`` with small super-issues joined in pairs (each pair's product within ``limit``).

    A pair's joint options are the sums of both blocks' options, reduced to the
    non-dominated ones, for every pair by one grouped :func:`maxima` call. The
    feasible packages and every monotone answer are unchanged; the stages that
    follow are half as many, and on a small space their fixed cost per stage is
    most of the run.
    """
    if not decomp.feasible:
        return decomp
    if not decomp.reduced:
        raise ValueError("only a reduced decomposition can have its blocks joined")
    small = sorted((b.size, j) for j, b in enumerate(decomp.blocks) if b.size * b.size <= limit)
    pairs: list[tuple[int, int]] = []
    while len(small) >= 2:
        (sa, a), (sb, b) = small.pop(0), small.pop(0)
        if sa * sb > limit:
            break
        pairs.append((a, b))
    if not pairs:
        return decomp
    joined = [_joint(decomp.blocks[a], decomp.blocks[b]) for a, b in pairs]
    group = np.repeat(np.arange(len(joined)), [v.shape[0] for _, v in joined])
    keep = np.sort(maxima(np.vstack([v for _, v in joined]), groups=group))
    bounds = np.searchsorted(group[keep], np.arange(len(joined) + 1))
    starts = np.cumsum([0, *(v.shape[0] for _, v in joined)])
    paired = {j for p in pairs for j in p}
    blocks = [b for j, b in enumerate(decomp.blocks) if j not in paired]
    for g, ((a, b), (rows, vals)) in enumerate(zip(pairs, joined, strict=True)):
        kept = keep[bounds[g] : bounds[g + 1]] - starts[g]
        issues = decomp.blocks[a].issues + decomp.blocks[b].issues
        blocks.append(SuperIssue(issues=issues, assignments=rows[kept], values=vals[kept]))
    return replace(decomp, blocks=tuple(blocks))


def _joint(a: SuperIssue, b: SuperIssue) -> tuple[IntArray, FloatArray]:
    """Every joint assignment of two super-issues (``a``'s issues first) with its values."""
    ia, ib = np.divmod(np.arange(a.size * b.size), b.size)
    return np.hstack((a.assignments[ia], b.assignments[ib])), a.values[ia] + b.values[ib]
