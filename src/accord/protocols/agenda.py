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

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from accord.model.logic import Clause
from accord.numeric import TOL, BoolArray, FloatArray, IntArray, readonly
from accord.protocols.candidates import climb, random_options, walk
from accord.space import Space

Package = tuple[int, ...]
"""One option index per issue."""

UIntArray = npt.NDArray[np.uint64]
"""Packed clause words (:func:`clause_bits`)."""

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


def clause_tensor(masks: Sequence[Mask], sizes: Sequence[int]) -> BoolArray:
    """``A[c, i, k]``: clause ``c`` has a member on issue ``i`` that allows option ``k``."""
    a = np.zeros((len(masks), len(sizes), max(sizes, default=1)), dtype=np.bool_)
    for c, clause in enumerate(masks):
        for i, allowed in clause:
            a[c, i, : len(allowed)] |= allowed
    return readonly(a)


def holds(tensor: BoolArray, packages: IntArray) -> BoolArray:
    """Per package (rows of ``packages``), whether every clause of ``tensor`` holds."""
    if tensor.shape[0] == 0:
        return np.ones(packages.shape[0], dtype=np.bool_)
    held = tensor[:, np.arange(packages.shape[1])[None, :], packages]
    out: BoolArray = np.asarray(held.any(axis=2).all(axis=0))
    return out


def clause_bits(tensor: BoolArray) -> tuple[UIntArray, UIntArray]:
    """``tensor`` packed 64 clauses to a word: ``bits[i, k, w]`` and the word ``full[w]`` of all clauses.

    Bit ``b`` of word ``w`` of ``bits[i, k]`` says whether option ``k`` of issue ``i``
    satisfies clause ``64 w + b``; a package meets every clause when the OR of its
    issues' words is ``full`` (what :func:`holds_bits` checks, 64 clauses at a time).
    """
    c, n, width = tensor.shape
    words = max(1, -(-c // 64))
    padded = np.zeros((words * 64, n, width), dtype=np.uint64)
    padded[:c] = tensor
    weight = np.left_shift(np.uint64(1), np.arange(64, dtype=np.uint64))
    bits = (padded.reshape(words, 64, n, width) * weight[None, :, None, None]).sum(axis=1, dtype=np.uint64)
    full = (np.arange(words * 64) < c).reshape(words, 64).astype(np.uint64) * weight[None, :]
    packed = np.ascontiguousarray(bits.transpose(1, 2, 0))
    return readonly(packed), readonly(full.sum(axis=1, dtype=np.uint64))


def holds_bits(bits: UIntArray, full: UIntArray, packages: IntArray) -> BoolArray:
    """Per package (rows of ``packages``), whether every clause packed by :func:`clause_bits` holds."""
    words = bits[np.arange(packages.shape[1])[None, :], packages]
    out: BoolArray = (np.bitwise_or.reduce(words, axis=1) == full).all(axis=1)
    return out


def satisfied(masks: Sequence[Mask], packages: IntArray) -> BoolArray:
    """Per package (rows of ``packages``), whether every compiled clause holds."""
    sizes = [int(packages.max(initial=0)) + 1] * packages.shape[1]
    for clause in masks:
        for i, allowed in clause:
            sizes[i] = max(sizes[i], len(allowed))
    return holds(clause_tensor(masks, sizes), packages)


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
    allowed: BoolArray = field(init=False, repr=False)
    rules: BoolArray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        width = max(self.sizes, default=1)
        allowed = np.zeros((len(self.sizes), width), dtype=np.bool_)
        for i, d in enumerate(self.domain):
            allowed[i, : len(d)] = d
        object.__setattr__(self, "allowed", readonly(allowed))
        object.__setattr__(self, "rules", clause_tensor(self.constraints, self.sizes))

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
        ok = self.allowed[np.arange(packages.shape[1])[None, :], packages].all(axis=1)
        return ok & holds(self.rules, packages)


@dataclass(frozen=True, slots=True, eq=False)
class Delegation:
    """One party's seat: its own utility table, BATNA and red lines, and the public agenda.

    Built by :meth:`of` from the party's row of a space alone. ``best`` is the
    admissible package the party likes most among ``pool`` (candidates it drafts
    offers from, best first, with their utilities ``pool_u``), ``best_utility``
    its utility; with no admissible candidate, the agenda's start.
    """

    party: str
    agenda: Agenda
    table: FloatArray
    batna: float
    red_lines: tuple[Mask, ...]
    pool: IntArray
    pool_u: FloatArray
    own_rules: BoolArray = field(init=False, repr=False)
    own_bits: tuple[UIntArray, UIntArray] = field(init=False, repr=False)
    best: Package = field(init=False)
    best_utility: float = field(init=False)

    def __post_init__(self) -> None:
        rules = clause_tensor(self.agenda.constraints + self.red_lines, self.agenda.sizes)
        object.__setattr__(self, "own_rules", rules)
        object.__setattr__(self, "own_bits", clause_bits(rules))
        self._set_best()

    def _set_best(self) -> None:
        """The favourite admissible candidate (the agenda's start when there is none) and its utility."""
        best = tuple(int(k) for k in self.pool[0]) if len(self.pool) else self.agenda.start
        object.__setattr__(self, "best", best)
        object.__setattr__(self, "best_utility", float(self.utility(np.array([best], dtype=np.int64))[0]))

    @classmethod
    def of(cls, space: Space, party: str, agenda: Agenda, rng: np.random.Generator) -> Delegation:
        """The delegation of ``party``: only its own row of ``space`` is read."""
        return Drafter.of(space, party, agenda).delegation(rng)

    @classmethod
    def blank(cls, space: Space, party: str, agenda: Agenda) -> Delegation:
        """The delegation of ``party`` with an empty candidate pool (its own row of ``space`` only)."""
        p = space.party_index(party)
        width = max(agenda.sizes)
        table = np.zeros((len(agenda.sizes), width))
        for i, c in enumerate(space.contrib):
            table[i, : c.shape[1]] = c[p]
        red = tuple(compile_clause(c, agenda.sizes) for c in space.red_lines[p])
        return cls(
            party=party,
            agenda=agenda,
            table=readonly(table),
            batna=float(space.batna[p]),
            red_lines=red,
            pool=np.zeros((0, len(agenda.sizes)), dtype=np.int64),
            pool_u=np.zeros(0),
        )

    def with_pool(self, pool: IntArray) -> Delegation:
        """This delegation with candidate pool ``pool``, sorted best first (stable); its rules are shared."""
        u = self.utility(pool)
        order = np.argsort(-u, kind="stable")
        seat = copy.copy(self)
        object.__setattr__(seat, "pool", readonly(pool[order]))
        object.__setattr__(seat, "pool_u", readonly(u[order]))
        seat._set_best()
        return seat

    def utility(self, packages: IntArray) -> FloatArray:
        """This party's utility of every row of ``packages`` (shape ``(N, I)``)."""
        out: FloatArray = self.table[np.arange(self.table.shape[0]), packages].sum(axis=1)
        return out

    def admissible(self, packages: IntArray) -> BoolArray:
        """Per package: feasible and crossing none of this party's red lines."""
        ok = self.agenda.allowed[np.arange(packages.shape[1])[None, :], packages].all(axis=1)
        return ok & holds_bits(*self.own_bits, packages)

    def acceptable(self, packages: IntArray) -> BoolArray:
        """Per package: admissible and worth more than the BATNA (by more than TOL)."""
        return self.admissible(packages) & (self.utility(packages) > self.batna + TOL)

    def draft_pool(self, rng: np.random.Generator, samples: int = 128) -> IntArray:
        """Admissible candidates: a climb's peak, concession chain, draws, a walk (:class:`Drafter`)."""
        return Drafter.of_seat(self).pool(rng, samples)

    def concession_chain(self) -> IntArray:
        """From the favourite package down, giving up one allowed option at a time, the cheapest first.

        The chain starts at the favourite option of every issue and gives up one
        option at a time, the cheapest first (by its loss against the issue's
        favourite), so it descends from the favourite package through the utility levels.
        """
        masked = np.where(self.agenda.allowed, self.table, -np.inf)
        top = masked.argmax(axis=1)
        loss = masked[np.arange(len(top)), top][:, None] - masked
        issue, option = np.nonzero(np.isfinite(loss) & (option_ids(loss) != top[:, None]))
        order = np.argsort(loss[issue, option], kind="stable")
        chain = np.tile(top, (len(order) + 1, 1))
        for step, j in enumerate(order, start=1):
            chain[step:, issue[j]] = option[j]
        return chain.astype(np.int64)


@dataclass(frozen=True, slots=True, eq=False)
class Drafter:
    """A seat's candidate drafting with everything that uses no random draw done once.

    :meth:`pool` gives the candidates of :meth:`Delegation.draft_pool`: the
    admissible rows of the concession chain (:meth:`Delegation.concession_chain`)
    and of random draws seed a climb to the best admissible package and a random
    walk over admissible packages (:mod:`accord.protocols.candidates`; with many
    constraints few draws are admissible). The chain's admissible rows and the
    climb from its best row depend on the seat alone, so they are kept here and
    reused by every run on the same seat (a tournament's); the draws, the walk and
    a climb from a draw better than the chain's best are made per run, from its
    generator, in the same order, so the pool is the same as drawing it afresh.
    """

    seat: Delegation
    chain: IntArray
    peak: IntArray

    @classmethod
    def of(cls, space: Space, party: str, agenda: Agenda) -> Drafter:
        """The drafter of ``party``'s seat (its own row of ``space`` only)."""
        return cls.of_seat(Delegation.blank(space, party, agenda))

    @classmethod
    def of_seat(cls, seat: Delegation) -> Drafter:
        """The drafter of ``seat``: its admissible chain rows and the climb from the best of them."""
        chain = seat.concession_chain()
        chain = chain[seat.admissible(chain)]
        peak = np.zeros(chain.shape[1], dtype=np.int64)
        if len(chain):
            best = chain[int(np.argmax(seat.utility(chain)))]
            peak = climb(best, seat.agenda.allowed, seat.own_rules, seat.table)
        return cls(seat=seat, chain=readonly(chain), peak=readonly(peak))

    def delegation(self, rng: np.random.Generator) -> Delegation:
        """The seat with a candidate pool drafted with ``rng``."""
        return self.seat.with_pool(self.pool(rng))

    def pool(self, rng: np.random.Generator, samples: int = 128) -> IntArray:
        """Admissible candidates: the climb's peak, the admissible chain rows and draws, a walk."""
        seat = self.seat
        shape = (samples, *seat.agenda.allowed.shape)
        draws = random_options(np.broadcast_to(seat.agenda.allowed, shape), rng)
        rest = np.vstack([draws.astype(np.int64), [seat.agenda.start]])
        seeds = np.vstack([self.chain, rest[seat.admissible(rest)]])
        if not len(seeds):
            return seeds
        j = int(np.argmax(seat.utility(seeds)))
        reuse = j < len(self.chain)
        peak = self.peak if reuse else climb(seeds[j], seat.agenda.allowed, seat.own_rules, seat.table)
        grown = walk(np.vstack([peak[None, :], seeds]), seat.agenda.allowed, seat.admissible, rng)
        return np.vstack([peak[None, :], seeds, grown])


def option_ids(table: FloatArray) -> IntArray:
    """``out[i, k] = k``: the option index of every cell of an issues x options table."""
    return np.broadcast_to(np.arange(table.shape[1]), table.shape)
