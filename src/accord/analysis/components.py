"""Split a space into independent *super-issues* so that package search is separable.

Issues that share a clause (a constraint, or a red line honoured in the search)
form connected components of the clause graph. Within a component, options
interact; across components they do not. Each component with two or more
issues is enumerated once (breadth-first over its issues, checking every clause
as soon as its issues are assigned) and becomes one :class:`Block` whose options
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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.analysis.maxima import maxima
from accord.logic import Clause, Member, Origin, minimal_conflict
from accord.space import Space, SpaceError

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

MAX_BLOCK_OPTIONS = 2_000_000
"""Largest number of joint assignments a linked component may have (memory bound)."""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Block:
    """A super-issue: ``issues`` with their feasible joint ``assignments``.

    ``assignments[j]`` gives one option index per issue in ``issues``;
    ``values[j]`` the summed contributions of that assignment per party.
    """

    issues: tuple[int, ...]
    assignments: IntArray
    values: FloatArray

    @property
    def size(self) -> int:
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
    blocks: tuple[Block, ...]
    forced: tuple[int, ...]
    offset: FloatArray
    conflict: tuple[str, ...] = ()
    n_clauses: int = 0
    reduced: bool = False

    @property
    def feasible(self) -> bool:
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
        out = np.tile(np.asarray(self.forced, dtype=np.int64), (ch.shape[0], 1))
        for j, b in enumerate(self.blocks):
            out[:, list(b.issues)] = b.assignments[ch[:, j]]
        return out

    def package(self, choice: Sequence[int] | NDArray[np.integer]) -> tuple[int, ...]:
        return tuple(int(x) for x in self.packages(np.asarray([choice]))[0])

    def choice_of(self, package: Sequence[int]) -> tuple[int, ...] | None:
        """The block choices giving ``package``, or None when it is not feasible."""
        out = []
        for b in self.blocks:
            target = np.asarray([package[i] for i in b.issues], dtype=np.int64)
            hit = np.nonzero((b.assignments == target).all(axis=1))[0]
            if hit.size == 0:
                return None
            out.append(int(hit[0]))
        if any(f >= 0 and package[i] != f for i, f in enumerate(self.forced)):
            return None
        return tuple(out)


def decompose(
    space: Space,
    *,
    red_lines: bool = True,
    red_line_parties: Iterable[int] | None = None,
    reduce: bool = False,
    parties: Sequence[int] | None = None,
    extra: Sequence[FloatArray] | None = None,
    max_block_options: int = MAX_BLOCK_OPTIONS,
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
    enumerated in full.

    Raises :class:`SpaceError` (field ``constraints``) when a linked component has
    more than ``max_block_options`` partial assignments at some step.
    """
    n = len(space.issues)
    cols = list(range(len(space.parties))) if parties is None else list(parties)
    gain = [
        space.contrib[i][cols, :].T if extra is None else np.hstack((space.contrib[i][cols, :].T, extra[i]))
        for i in range(n)
    ]
    k = gain[0].shape[1] if n else len(cols)
    clauses = space.clauses(red_lines=red_lines, parties=red_line_parties)
    doms = [set(d) for d in space.domains]
    live = _simplify(clauses, doms)
    if live is None or any(not d for d in doms):
        return _in_conflict(space, clauses, k)

    groups, clauses_of = _linked_components(n, live)

    forced = [-1] * n
    blocks: list[Block] = []
    for root in sorted(groups):
        issues = groups[root]
        assignments, values = _component(
            issues, clauses_of.get(root, []), doms, gain, reduce, max_block_options, space
        )
        if assignments.shape[0] == 0:
            return _in_conflict(space, clauses, k)
        if assignments.shape[0] == 1:
            for col, i in enumerate(issues):
                forced[i] = int(assignments[0, col])
            continue
        blocks.append(Block(issues=tuple(issues), assignments=assignments, values=values))

    offset = np.zeros(k)
    for i, f in enumerate(forced):
        if f >= 0:
            offset = offset + gain[i][f]
    return Decomposition(
        n_issues=n,
        n_parties=k,
        blocks=tuple(blocks),
        forced=tuple(forced),
        offset=offset,
        n_clauses=len(clauses),
        reduced=reduce,
    )


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
    blocks: list[Block] = []
    for b in decomp.blocks:
        vals = b.values[:, cols]
        keep = np.sort(maxima(vals))
        if keep.size == 1:
            for col, i in enumerate(b.issues):
                forced[i] = int(b.assignments[keep[0], col])
            offset = offset + vals[keep[0]]
            continue
        blocks.append(Block(issues=b.issues, assignments=b.assignments[keep], values=vals[keep]))
    return Decomposition(
        n_issues=decomp.n_issues,
        n_parties=len(cols),
        blocks=tuple(blocks),
        forced=tuple(forced),
        offset=offset,
        conflict=decomp.conflict,
        n_clauses=decomp.n_clauses,
        reduced=True,
    )


def _linked_components(
    n: int, live: Sequence[Clause]
) -> tuple[dict[int, list[int]], dict[int, list[Clause]]]:
    """Issues linked by clauses, by union-find: root -> issues, root -> its clauses."""
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for c in live:
        first = c.members[0].issue
        for m in c.members[1:]:
            ra, rb = find(first), find(m.issue)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    clauses_of: dict[int, list[Clause]] = {}
    for c in live:
        clauses_of.setdefault(find(c.members[0].issue), []).append(c)
    return groups, clauses_of


def _simplify(clauses: Sequence[Clause], doms: list[set[int]]) -> list[Clause] | None:
    """Unit-propagate ``clauses`` into ``doms`` (in place); the clauses still linking issues.

    Returns None when a clause can no longer be satisfied.
    """
    pending = list(clauses)
    while True:
        changed = False
        remaining: list[Clause] = []
        for c in pending:
            members: dict[int, set[int]] = {}
            satisfied = False
            for m in c.members:
                hit = doms[m.issue] & m.options
                if hit and hit == doms[m.issue]:
                    satisfied = True
                    break
                if hit:
                    members.setdefault(m.issue, set()).update(hit)
            if satisfied:
                continue
            if not members:
                return None
            if len(members) == 1:
                ((i, opts),) = members.items()
                if opts == doms[i]:
                    continue
                doms[i] &= opts
                changed = True
                continue
            remaining.append(
                Clause(tuple(Member(i, frozenset(o)) for i, o in sorted(members.items())), c.origin)
            )
        pending = remaining
        if not changed:
            return pending


def _component(
    issues: list[int],
    clauses: list[Clause],
    doms: list[set[int]],
    gain: list[FloatArray],
    reduce: bool,
    limit: int,
    space: Space,
) -> tuple[IntArray, FloatArray]:
    """Joint assignments of ``issues`` (columns in that order) meeting ``clauses``, with values.

    Issues are added one at a time in an order that keeps few of them linked to
    the issues still to come; each clause is checked right after its last issue.
    With ``reduce``, a partial assignment dominated by another with the same
    options on the still-linked issues is dropped: both have the same completions.
    """
    sched = _schedule(issues, clauses, doms)
    order, pos, reach = sched.order, sched.pos, sched.reach
    rows = np.zeros((1, 0), dtype=np.int64)
    vals = np.zeros((1, gain[order[0]].shape[1]))
    for step, i in enumerate(order):
        parent, opt = _extend(rows, step, sched, doms, space)
        rows = np.hstack([rows[parent], opt[:, None]])
        vals = vals[parent] + gain[i][opt]
        if reduce and rows.shape[0] > 1:
            linked = [pos[j] for j in order[: step + 1] if reach[j] > step]
            if linked:
                _, key = np.unique(rows[:, linked], axis=0, return_inverse=True)
                keep = maxima(vals, groups=key.ravel())
            else:
                keep = maxima(vals)
            keep.sort()
            rows, vals = rows[keep], vals[keep]
        if rows.shape[0] > limit:
            names = ", ".join(space.issues[j] for j in issues)
            raise SpaceError(
                "constraints",
                f"issues {names} are linked by constraints and red lines into more than {limit:,} joint "
                "options; fix some of them (--fix) or limit the tables/tracks to search exactly",
            )
    back = [pos[i] for i in issues]
    return rows[:, back], vals


@dataclass(frozen=True, slots=True)
class _Schedule:
    """How a linked component is built issue by issue (internal).

    ``order``: the issues in elimination order; ``pos[i]``: issue i's step (and
    column); ``by_step[t]``: the clauses whose last issue comes at step t;
    ``reach[i]``: the last step at which issue i is still linked to a later one.
    """

    order: list[int]
    pos: dict[int, int]
    by_step: dict[int, list[Clause]]
    reach: dict[int, int]


def _schedule(issues: list[int], clauses: list[Clause], doms: list[set[int]]) -> _Schedule:
    order = _elimination_order(issues, clauses, doms) if clauses else list(issues)
    pos = {i: c for c, i in enumerate(order)}
    by_step: dict[int, list[Clause]] = {}
    reach = {i: 0 for i in order}
    for c in clauses:
        last = max(pos[m.issue] for m in c.members)
        by_step.setdefault(last, []).append(c)
        for m in c.members:
            reach[m.issue] = max(reach[m.issue], last)
    return _Schedule(order=order, pos=pos, by_step=by_step, reach=reach)


def _extend(
    rows: IntArray, step: int, sched: _Schedule, doms: list[set[int]], space: Space
) -> tuple[IntArray, IntArray]:
    """(row, option) pairs extending ``rows`` by the issue of ``step``, meeting the clauses it completes.

    ``rows`` holds one column per earlier issue, at its step's position.
    """
    i = sched.order[step]
    opts = np.asarray(sorted(doms[i]), dtype=np.int64)
    n = rows.shape[0]
    parent = np.repeat(np.arange(n), opts.size)
    opt = np.tile(opts, n)
    # Check the clauses completed by this issue before building the new rows.
    ok = np.ones(parent.size, dtype=bool)
    for c in sched.by_step.get(step, []):
        sat = np.zeros(parent.size, dtype=bool)
        for m in c.members:
            table = np.zeros(len(space.options[m.issue]), dtype=bool)
            table[list(m.options)] = True
            sat |= table[opt] if m.issue == i else table[rows[parent, sched.pos[m.issue]]]
        ok &= sat
    return parent[ok], opt[ok]


def _elimination_order(issues: list[int], clauses: list[Clause], doms: list[set[int]]) -> list[int]:
    """A greedy order that keeps the set of issues linked to later ones small."""
    if len(issues) == 1:
        return list(issues)
    nbrs: dict[int, set[int]] = {i: set() for i in issues}
    for c in clauses:
        its = {m.issue for m in c.members}
        for i in its:
            nbrs[i] |= its - {i}
    done: list[int] = []
    left = set(issues)
    while left:

        def cost(i: int) -> tuple[int, int, int, int]:
            after = set(done) | {i}
            linked = sum(1 for j in after if nbrs[j] & (left - {i}))
            return (linked, -len(nbrs[i] & set(done)), len(doms[i]), i)

        nxt = min(left, key=cost)
        done.append(nxt)
        left.discard(nxt)
    return done


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
        n_clauses=len(clauses),
    )
