"""The clause graph of a space and the elimination schedule of its linked components.

Issues that share a clause (a constraint, or a red line honoured in the search)
are linked; the connected components of that graph are independent, so every
engine works component by component. Before linking, clauses are simplified
against the domains (unit propagation): a clause some member of which holds for
the whole domain of its issue is always satisfied; a clause with a single live
member narrows that issue's domain.

A linked component is processed issue by issue in an *elimination order* that
keeps few issues linked to the ones still to come (the min-degree heuristic of
variable elimination; Dechter 1999, "Bucket elimination: a unifying framework
for reasoning", Artificial Intelligence 113). Each clause is checked right after
its last issue. :func:`schedule` and :func:`extend` are that step, shared by the
super-issue builder (:mod:`.superissues`) and the counter and sampler
(:mod:`.sampling`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from accord.model.logic import Clause, Member
from accord.numeric import IntArray
from accord.space import Space


@dataclass(frozen=True, slots=True, kw_only=True)
class ClauseGraph:
    """A space's clauses simplified against its domains, and the issues they link.

    ``clauses``: every clause as the space states it (for conflict reports);
    ``domains``: the domains after unit propagation; ``live``: the clauses still
    linking two or more issues, or None when some clause cannot be satisfied;
    ``groups[root]``: the issues of a linked component (every issue is in one);
    ``clauses_of[root]``: its clauses. Built once per engine call by
    :func:`clause_graph` and shared by the decomposition and the counter.
    """

    n_issues: int
    clauses: tuple[Clause, ...]
    domains: tuple[frozenset[int], ...]
    live: tuple[Clause, ...] | None
    groups: Mapping[int, tuple[int, ...]]
    clauses_of: Mapping[int, tuple[Clause, ...]]

    def __post_init__(self) -> None:
        object.__setattr__(self, "groups", MappingProxyType(dict(self.groups)))
        object.__setattr__(self, "clauses_of", MappingProxyType(dict(self.clauses_of)))

    @property
    def satisfiable(self) -> bool:
        """False when propagation alone proves that no package is feasible."""
        return self.live is not None and all(self.domains)

    @property
    def roots(self) -> list[int]:
        """The components' roots, in issue order."""
        return sorted(self.groups)


def clause_graph(
    space: Space, *, red_lines: bool = True, red_line_parties: Iterable[int] | None = None
) -> ClauseGraph:
    """The clause graph of ``space``'s constraints and (honoured) red lines over its domains."""
    n = len(space.issues)
    clauses = space.clauses(red_lines=red_lines, parties=red_line_parties)
    doms = [set(d) for d in space.domains]
    live = simplify(clauses, doms)
    groups: dict[int, list[int]] = {}
    clauses_of: dict[int, list[Clause]] = {}
    if live is not None and all(doms):
        groups, clauses_of = linked_components(n, live)
    return ClauseGraph(
        n_issues=n,
        clauses=tuple(clauses),
        domains=tuple(frozenset(d) for d in doms),
        live=None if live is None else tuple(live),
        groups={r: tuple(g) for r, g in groups.items()},
        clauses_of={r: tuple(c) for r, c in clauses_of.items()},
    )


def simplify(clauses: Sequence[Clause], doms: list[set[int]]) -> list[Clause] | None:
    """Unit-propagate ``clauses`` into ``doms`` (in place); the clauses still linking issues.

    Returns None when a clause can no longer be satisfied.
    """
    pending = list(clauses)
    while True:
        changed = False
        remaining: list[Clause] = []
        for c in pending:
            members = _live_members(c, doms)
            if members is None:
                continue  # always satisfied
            if not members:
                return None
            if len(members) == 1:
                ((i, opts),) = members.items()
                if opts != doms[i]:
                    doms[i] &= opts
                    changed = True
                continue
            remaining.append(
                Clause(tuple(Member(i, frozenset(o)) for i, o in sorted(members.items())), c.origin)
            )
        pending = remaining
        if not changed:
            return pending


def _live_members(c: Clause, doms: list[set[int]]) -> dict[int, set[int]] | None:
    """Per issue, the options of ``c`` still in the domain; None when ``c`` always holds."""
    members: dict[int, set[int]] = {}
    for m in c.members:
        hit = doms[m.issue] & m.options
        if hit and hit == doms[m.issue]:
            return None
        if hit:
            members.setdefault(m.issue, set()).update(hit)
    return members


def linked_components(n: int, live: Sequence[Clause]) -> tuple[dict[int, list[int]], dict[int, list[Clause]]]:
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


@dataclass(frozen=True, slots=True)
class Schedule:
    """How a linked component is built issue by issue.

    ``order``: the issues in elimination order; ``pos[i]``: issue i's step (and
    column); ``by_step[t]``: the clauses whose last issue comes at step t;
    ``reach[i]``: the last step at which issue i is still linked to a later one.
    """

    order: list[int]
    pos: dict[int, int]
    by_step: dict[int, list[Clause]]
    reach: dict[int, int]


def schedule(issues: list[int], clauses: list[Clause], doms: Sequence[AbstractSet[int]]) -> Schedule:
    """The elimination schedule of one linked component (``issues`` with their ``clauses``)."""
    order = elimination_order(issues, clauses, doms) if clauses else list(issues)
    pos = {i: c for c, i in enumerate(order)}
    by_step: dict[int, list[Clause]] = {}
    reach = {i: 0 for i in order}
    for c in clauses:
        last = max(pos[m.issue] for m in c.members)
        by_step.setdefault(last, []).append(c)
        for m in c.members:
            reach[m.issue] = max(reach[m.issue], last)
    return Schedule(order=order, pos=pos, by_step=by_step, reach=reach)


def extend(
    rows: IntArray, step: int, sched: Schedule, doms: Sequence[AbstractSet[int]], space: Space
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


def elimination_order(
    issues: list[int], clauses: list[Clause], doms: Sequence[AbstractSet[int]]
) -> list[int]:
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
