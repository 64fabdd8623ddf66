"""Packages as finite-domain assignments, constraints as clauses.

Every hard condition in accord (a scenario constraint, a red line a party must
not see crossed, a fixed issue) compiles to a *clause*: a disjunction of
memberships ``x_i in S``. A package (one option index per issue) is feasible
when it satisfies every clause. This module decides satisfiability and, when a
set of clauses cannot be met, names a minimal subset in conflict (a minimal
unsatisfiable subset, found by deletion: Bakker et al. 1993, "Diagnosing and
solving over-determined constraint satisfaction problems", IJCAI).

Scenario-sized problems (tens of issues, a few options each) are decided by a
small backtracking search with unit propagation; nothing here enumerates all
packages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

OriginKind = Literal["constraint", "red_line", "domain", "other"]
"""Where a clause comes from: a scenario constraint, a party's red line, a
restriction of an issue's options (fixed, held at its status quo) or anything else."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Origin:
    """Where a :class:`Clause` comes from, as data (rule of the house 5).

    ``kind`` says what made the clause; ``id`` names it (the constraint id, or the
    issue of a domain restriction); ``party`` is the holder of a red line
    (``US`` or ``US.NSC``); ``text`` is the human part (the red line's condition,
    or how a domain is restricted, or the whole text of an ``other`` origin).
    ``str(origin)`` is the text every message shows:

    >>> str(Origin(kind="constraint", id="dmz-if-un"))
    'constraint dmz-if-un'
    >>> str(Origin(kind="red_line", party="UA", text="crimea=russia"))
    'red line of UA: crimea=russia'
    >>> str(Origin(kind="domain", id="crimea", text="fixed at ukraine"))
    'crimea fixed at ukraine'
    """

    kind: OriginKind = "other"
    id: str = ""
    party: str | None = None
    text: str = ""

    def __str__(self) -> str:
        if self.kind == "constraint":
            return f"constraint {self.id}"
        if self.kind == "red_line":
            return f"red line of {self.party}: {self.text}"
        if self.kind == "domain":
            return f"{self.id} {self.text}"
        return self.text

    @property
    def name(self) -> str:
        """The short name of the origin: a constraint's id, a red line's condition, else its text."""
        if self.kind == "constraint":
            return self.id
        if self.kind == "red_line":
            return self.text
        return str(self)


UNNAMED = Origin()
"""The origin of a clause nobody named (its text is empty)."""


def as_origin(origin: Origin | str) -> Origin:
    """``origin`` itself, or a plain text taken as an ``other`` origin with that text."""
    return origin if isinstance(origin, Origin) else Origin(text=origin)


@dataclass(frozen=True, slots=True)
class Member:
    """The literal ``x[issue] in options`` (option indices)."""

    issue: int
    options: frozenset[int]


@dataclass(frozen=True, slots=True)
class Clause:
    """A disjunction of memberships; ``origin`` says where it came from.

    ``origin`` may be given as plain text (for hand-made spaces in tests and
    benchmarks); it is stored as an ``other`` :class:`Origin` with that text.
    """

    members: tuple[Member, ...]
    origin: Origin = field(default=UNNAMED)

    def __post_init__(self) -> None:
        if not isinstance(self.members, tuple):
            object.__setattr__(self, "members", tuple(self.members))
        if not isinstance(self.origin, Origin):
            object.__setattr__(self, "origin", as_origin(self.origin))

    def satisfied_by(self, package: Sequence[int]) -> bool:
        """Whether ``package`` (one option index per issue) satisfies the clause."""
        return any(package[m.issue] in m.options for m in self.members)

    @property
    def issues(self) -> frozenset[int]:
        """The issues the clause mentions."""
        return frozenset(m.issue for m in self.members)


def conjunction_forbidden(
    terms: Sequence[tuple[int, frozenset[int]]], sizes: Sequence[int], origin: Origin | str
) -> Clause:
    """The clause "not (x_i1 in S1 and x_i2 in S2 and ...)".

    Used for red lines (a party refuses that combination) and ``excludes``
    constraints: the negation of a conjunction is a disjunction of complements.
    """
    members = tuple(Member(i, frozenset(range(sizes[i])) - s) for i, s in terms)
    return Clause(members, as_origin(origin))


def implication(
    premise: Sequence[tuple[int, frozenset[int]]],
    conclusion: tuple[int, frozenset[int]],
    sizes: Sequence[int],
    origin: Origin | str,
) -> Clause:
    """The clause "(x_i1 in S1 and ...) implies x_j in T"."""
    members = [Member(i, frozenset(range(sizes[i])) - s) for i, s in premise]
    members.append(Member(conclusion[0], conclusion[1]))
    return Clause(tuple(members), as_origin(origin))


def find_assignment(
    sizes: Sequence[int],
    clauses: Sequence[Clause],
    domains: Sequence[frozenset[int]] | None = None,
) -> tuple[int, ...] | None:
    """Some package satisfying every clause, or ``None`` when there is none.

    ``domains`` optionally restricts each issue's options (e.g. fixed issues).
    """
    doms = [set(d) for d in domains] if domains is not None else [set(range(n)) for n in sizes]
    if any(not d for d in doms):
        return None
    result = _search(doms, list(clauses))
    if result is None:
        return None
    return tuple(min(d) for d in result)


def _propagate(doms: list[set[int]], clauses: list[Clause]) -> bool:
    """Unit propagation to a fixed point; False on a conflict."""
    changed = True
    while changed:
        changed = False
        for c in clauses:
            live = [m for m in c.members if doms[m.issue] & m.options]
            if not live:
                return False
            if len(live) == 1:
                m = live[0]
                # Satisfied regardless when the whole domain lies inside the literal.
                if not doms[m.issue] <= m.options:
                    doms[m.issue] &= m.options
                    changed = True
    return True


def _search(doms: list[set[int]], clauses: list[Clause]) -> list[set[int]] | None:
    """Backtracking over the smallest open domain, with unit propagation at every node."""
    if not _propagate(doms, clauses):
        return None
    open_clauses = [c for c in clauses if not any(doms[m.issue] <= m.options for m in c.members)]
    if not open_clauses:
        return doms
    # Branch on the smallest undecided domain among issues the open clauses mention.
    candidates = {m.issue for c in open_clauses for m in c.members if len(doms[m.issue]) > 1}
    if not candidates:
        return doms
    var = min(candidates, key=lambda i: (len(doms[i]), i))
    for value in sorted(doms[var]):
        trial = [set(d) for d in doms]
        trial[var] = {value}
        found = _search(trial, open_clauses)
        if found is not None:
            return found
    return None


def minimal_conflict(
    sizes: Sequence[int],
    clauses: Sequence[Clause],
    domains: Sequence[frozenset[int]] | None = None,
) -> tuple[int, ...]:
    """Indices of a minimal subset of ``clauses`` that no package satisfies.

    Returns ``()`` when all clauses can be satisfied together. Deletion-based:
    drop each clause in turn and keep it out if the rest is still in conflict,
    so every clause returned is necessary for the conflict.
    """
    if find_assignment(sizes, clauses, domains) is not None:
        return ()
    keep = list(range(len(clauses)))
    for idx in list(keep):
        trial = [k for k in keep if k != idx]
        if find_assignment(sizes, [clauses[k] for k in trial], domains) is None:
            keep = trial
    return tuple(keep)
