"""What every seat at a simulated negotiation may know: the public agenda and one private profile.

The agenda (issues, options, domains, the scenario's hard constraints) is public;
a :class:`Delegation` holds one party's own utility table, BATNA and red lines and
nothing of any other party. A simulation builds one delegation per party from the
space's row of that party alone, so that no agent object can reach another
party's private numbers (confidentiality by construction, design.md rule 8;
Pickering 2022 on proximity talks).

Utilities are evaluated for many packages at once: ``table[i, k]`` is the points
option ``k`` of issue ``i`` adds (padded with 0 beyond an issue's options) and
``u(X) = table[arange(I), X].sum(axis=1)`` for a ``(N, I)`` array of packages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from accord.model.logic import Clause
from accord.numeric import TOL, BoolArray, FloatArray, IntArray, readonly
from accord.space import Space

Package = tuple[int, ...]
"""One option index per issue."""

Mask = tuple[tuple[int, BoolArray], ...]
"""A compiled clause: ``(issue, allowed options)`` pairs, satisfied when any member holds."""


def compile_clause(clause: Clause, sizes: Sequence[int]) -> Mask:
    """The clause as boolean option masks, for checking many packages at once."""
    out = []
    for m in clause.members:
        mask = np.zeros(sizes[m.issue], dtype=np.bool_)
        mask[list(m.options)] = True
        out.append((m.issue, readonly(mask)))
    return tuple(out)


def satisfied(masks: Sequence[Mask], packages: IntArray) -> BoolArray:
    """Per package (rows of ``packages``), whether every compiled clause holds."""
    ok = np.ones(packages.shape[0], dtype=np.bool_)
    for clause in masks:
        any_member = np.zeros(packages.shape[0], dtype=np.bool_)
        for issue, allowed in clause:
            any_member |= allowed[packages[:, issue]]
        ok &= any_member
    return ok


@dataclass(frozen=True, slots=True, eq=False)
class Agenda:
    """The public side of the talks: issues, options, allowed options and the hard constraints.

    ``domain[i]`` masks the options issue ``i`` may take (fixed issues, issues held
    at their status quo, options pre-conceded to meet a precondition);
    ``start`` is the status-quo package (the first option where an issue has none).
    """

    issues: tuple[str, ...]
    sizes: tuple[int, ...]
    domain: tuple[BoolArray, ...]
    constraints: tuple[Mask, ...]
    start: Package

    @classmethod
    def of(cls, space: Space) -> Agenda:
        """The public agenda of ``space``."""
        sizes = space.sizes
        domain = []
        for d, n in zip(space.domains, sizes, strict=True):
            mask = np.zeros(n, dtype=np.bool_)
            mask[sorted(d)] = True
            domain.append(readonly(mask))
        start = tuple(
            sq if sq is not None and sq in d else min(d)
            for sq, d in zip(space.status_quo, space.domains, strict=True)
        )
        masks = tuple(compile_clause(c, sizes) for c in space.constraints)
        return cls(issues=space.issues, sizes=sizes, domain=tuple(domain), constraints=masks, start=start)

    def feasible(self, packages: IntArray) -> BoolArray:
        """Per package: in the domains and meeting every public constraint."""
        ok = np.ones(packages.shape[0], dtype=np.bool_)
        for i, allowed in enumerate(self.domain):
            ok &= allowed[packages[:, i]]
        return ok & satisfied(self.constraints, packages)


@dataclass(frozen=True, slots=True, eq=False)
class Delegation:
    """One party's seat: its own utility table, BATNA and red lines, and the public agenda.

    Built by :meth:`of` from the party's row of a space alone. ``best`` is the
    feasible package the party likes most among ``pool`` (candidates it drafts
    offers from, best first, with their utilities ``pool_u``).
    """

    party: str
    agenda: Agenda
    table: FloatArray
    batna: float
    red_lines: tuple[Mask, ...]
    pool: IntArray
    pool_u: FloatArray

    @classmethod
    def of(cls, space: Space, party: str, agenda: Agenda, rng: np.random.Generator) -> Delegation:
        """The delegation of ``party``: only its own row of ``space`` is read."""
        p = space.party_index(party)
        width = max(agenda.sizes)
        table = np.zeros((len(agenda.sizes), width))
        for i, c in enumerate(space.contrib):
            table[i, : c.shape[1]] = c[p]
        red = tuple(compile_clause(c, agenda.sizes) for c in space.red_lines[p])
        seat = cls(party=party, agenda=agenda, table=readonly(table), batna=float(space.batna[p]),
                   red_lines=red, pool=np.zeros((0, len(agenda.sizes)), dtype=np.int64),
                   pool_u=np.zeros(0))  # fmt: skip
        pool = seat.draft_pool(rng)
        u = seat.utility(pool)
        order = np.argsort(-u, kind="stable")
        object.__setattr__(seat, "pool", readonly(pool[order]))
        object.__setattr__(seat, "pool_u", readonly(u[order]))
        return seat

    def utility(self, packages: IntArray) -> FloatArray:
        """This party's utility of every row of ``packages`` (shape ``(N, I)``)."""
        return self.table[np.arange(self.table.shape[0]), packages].sum(axis=1)

    def admissible(self, packages: IntArray) -> BoolArray:
        """Per package: feasible and crossing none of this party's red lines."""
        return self.agenda.feasible(packages) & satisfied(self.red_lines, packages)

    def acceptable(self, packages: IntArray) -> BoolArray:
        """Per package: admissible and worth more than the BATNA (by more than TOL)."""
        return self.admissible(packages) & (self.utility(packages) > self.batna + TOL)

    @property
    def best(self) -> Package:
        """The party's favourite admissible package among its candidates (the start if none)."""
        return tuple(int(k) for k in self.pool[0]) if len(self.pool) else self.agenda.start

    @property
    def best_utility(self) -> float:
        """The utility of :attr:`best`."""
        return float(self.utility(np.array([self.best]))[0])

    def draft_pool(self, rng: np.random.Generator, samples: int = 256) -> IntArray:
        """Admissible candidate packages: the favourite, a concession chain from it, random draws.

        The chain changes one issue at a time, always the change that costs least,
        so it descends from the favourite package through every utility level.
        """
        masked = np.where(np.array(_pad(self.agenda.domain, self.table.shape[1])), self.table, -np.inf)
        top = masked.argmax(axis=1)
        chain = [top.copy()]
        current = top.copy()
        for _ in range(int(sum(self.agenda.sizes))):
            loss = masked[np.arange(len(current)), current][:, None] - masked
            loss[~np.isfinite(loss) | (loss < 0) | (np.arange(masked.shape[1])[None, :] == current[:, None])] = np.inf
            i, k = np.unravel_index(int(np.argmin(loss)), loss.shape)
            if not np.isfinite(loss[i, k]):
                break
            current[i] = k
            chain.append(current.copy())
        draws = np.column_stack([rng.choice(np.flatnonzero(d), size=samples) for d in self.agenda.domain])
        cand = np.unique(np.vstack([np.array(chain, dtype=np.int64), draws.astype(np.int64), [self.agenda.start]]), axis=0)
        return cand[self.admissible(cand)]


def _pad(domain: Sequence[BoolArray], width: int) -> list[list[bool]]:
    """The domain masks padded to ``width`` options with False."""
    return [list(d) + [False] * (width - len(d)) for d in domain]
