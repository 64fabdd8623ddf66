"""Linkage across negotiating tables: the bargaining space of each table alone and together.

USIP (2022), "Two essentials for a peace process in Ukraine", proposes three
equal and interlocking tables; Kanninen & Patomäki (2023) argue that linking
issues lets each side bargain for something it wants. For each *arena* (a set of
tables negotiated together: the issues on those tables vary, every other issue is
held at its status quo, and the parties seated at those tables judge) this engine
answers: does a ZOPA exist, how many packages are acceptable to all and what share
of the feasible space (:func:`accord.analysis.zopa.solve_zopa`: exact counting
while within its limits, else a labelled Monte Carlo estimate), and each party's
surplus at the Nash (1950) bargaining solution (:func:`accord.analysis.nash.solve_nash`).

**Trades that create value** (logrolling; Raiffa 1982, "The Art and Science of
Negotiation", ch. 10; Pruitt 1981, "Negotiation Behavior"). For two parties ``p``
and ``q`` at the arena and an issue ``i``, let ``a_i`` be ``p``'s favourite option
and ``b_i`` ``q``'s (over the options the arena allows; ties to the lower index).
``p``'s *stake* on ``i`` is ``s_p(i) = c_p(a_i) - c_p(b_i)`` (``c``: the points the
option adds to the party's utility, weight times value), the utility ``p`` loses
by giving ``q`` its favourite. A trade "``p`` concedes ``i``, ``q`` concedes
``j``" (issues in conflict, ``a != b`` on both) changes, against the reverse
exchange, ``p``'s utility by ``s_p(j) - s_p(i)`` and ``q``'s by ``s_q(i) - s_q(j)``;
it creates value when both gains exceed :data:`~accord.numeric.TOL`, i.e. when the
ratio of stakes differs (each gets the issue it weighs relatively more). In an
arena of several tables only cross-table trades are listed.

**Altercasting** (an offer): a unilateral offer fixes some issues at the offered
options in every package. Executed ``on_agreement`` it holds only if an agreement
is reached (the BATNA is unchanged); executed ``now`` it also holds without one,
so each party's BATNA moves by what the offer changes against the status quo.
An offer is analysed in the arenas that negotiate at least one issue it offers.

**Monotonicity** (tested against brute force): the arena of tables ``T`` and of
``T ∪ U`` hold the issues outside them at the same status quo, so every package
feasible in the domains and constraints of ``T`` is feasible in ``T ∪ U`` — adding
a table never removes a feasible package (red lines aside: the parties of ``U``
bring theirs).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from accord.analysis.kernel.holding import hold
from accord.analysis.kernel.limits import share_of
from accord.analysis.nash import solve_nash
from accord.analysis.registry import SOLVERS
from accord.analysis.results import Provenanced, ZopaResult, freeze_fields
from accord.analysis.zopa import solve_zopa
from accord.numeric import TOL
from accord.provenance import Provenance, Status
from accord.space import Space

__all__ = ["Arena", "ArenaResult", "LinkageResult", "Offer", "Trade", "solve_linkage", "trades"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Arena:
    """Tables negotiated together: ``issues`` (indices) vary, ``parties`` (rows' names) judge.

    ``issue_tables[k]`` is the table of ``issues[k]`` ("" when none): trades are
    listed across tables when the arena has more than one.
    """

    name: str
    tables: tuple[str, ...]
    issues: tuple[int, ...]
    parties: tuple[str, ...]
    issue_tables: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("tables", "issues", "parties", "issue_tables"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        if not self.issue_tables:
            object.__setattr__(self, "issue_tables", tuple("" for _ in self.issues))
        if len(self.issue_tables) != len(self.issues):
            raise ValueError("issue_tables must name one table per issue")


@dataclass(frozen=True, slots=True, kw_only=True)
class Offer:
    """A unilateral offer by ``by``: ``terms`` as ``(issue index, option index)``; ``now`` or on agreement."""

    id: str
    by: str
    terms: tuple[tuple[int, int], ...]
    now: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", tuple((int(i), int(k)) for i, k in self.terms))


@dataclass(frozen=True, slots=True, kw_only=True)
class Trade:
    """``giver`` concedes issue ``give`` to ``taker``, who concedes ``take``; ``gains`` for (giver, taker)."""

    giver: str
    taker: str
    give: int
    take: int
    gains: tuple[float, float]

    @property
    def joint(self) -> float:
        """The value the trade creates: the sum of both gains."""
        return self.gains[0] + self.gains[1]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class ArenaResult:
    """One arena (under one offer, or none): its ZOPA, Nash package and trades.

    ``zopa`` is the full ZOPA result over the arena's space (its ``parties`` are
    the arena's); ``nash`` the Nash package (None without a ZOPA) with its
    ``utilities`` and ``surplus`` per arena party; ``batna`` the disagreement values
    (moved by an offer executed now). ``trades`` are the best value-creating trades
    (at most ``max_trades``), ``n_trades`` how many there are.
    """

    arena: Arena
    offer: str | None
    status: Status
    zopa: ZopaResult
    batna: tuple[float, ...]
    nash: tuple[int, ...] | None
    utilities: tuple[float, ...] | None
    surplus: tuple[float, ...] | None
    nash_exact: bool
    trades: tuple[Trade, ...]
    n_trades: int

    def __post_init__(self) -> None:
        freeze_fields(self)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class LinkageResult(Provenanced):
    """Every arena alone (``arenas``); per offer, the arenas negotiating an offered issue (``offered``)."""

    status: Status
    parties: tuple[str, ...]
    arenas: tuple[ArenaResult, ...]
    offered: tuple[ArenaResult, ...]
    provenance: Provenance

    def __post_init__(self) -> None:
        freeze_fields(self)


def _stakes(space: Space, p: int, q: int, issues: Sequence[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per issue: ``p``'s stake, ``q``'s stake, and whether their favourites differ."""
    sp, sq, conflict = [], [], []
    for i in issues:
        dom = sorted(space.domains[i])
        c = space.contrib[i]
        a = dom[int(np.argmax(c[p, dom]))]
        b = dom[int(np.argmax(c[q, dom]))]
        sp.append(c[p, a] - c[p, b])
        sq.append(c[q, b] - c[q, a])
        conflict.append(a != b)
    return np.array(sp), np.array(sq), np.array(conflict, dtype=bool)


def trades(space: Space, arena: Arena) -> list[Trade]:
    """Every value-creating trade between two parties of ``arena`` (cross-table when it has several)."""
    rows = [space.party_index(p) for p in arena.parties]
    idx = list(arena.issues)
    tables = np.array(arena.issue_tables, dtype=object)
    cross = len(set(arena.issue_tables)) > 1
    out: list[Trade] = []
    for a, p in enumerate(rows):
        for q in rows[a + 1 :]:
            sp, sq, conflict = _stakes(space, p, q, idx)
            gain_p = sp[None, :] - sp[:, None]  # p concedes i (row), gets j (column)
            gain_q = sq[:, None] - sq[None, :]
            ok = (gain_p > TOL) & (gain_q > TOL) & conflict[:, None] & conflict[None, :]
            if cross:
                ok &= tables[:, None] != tables[None, :]
            for i, j in zip(*np.nonzero(ok), strict=True):
                out.append(
                    Trade(
                        giver=space.parties[p],
                        taker=space.parties[q],
                        give=idx[i],
                        take=idx[j],
                        gains=(float(gain_p[i, j]), float(gain_q[i, j])),
                    )
                )
    out.sort(key=lambda t: (-min(t.gains), -t.joint, t.giver, t.taker, t.give, t.take))
    return out


def _offer_space(space: Space, arena: Arena, offer: Offer | None) -> Space:
    """The arena's space: its issues vary, the rest at status quo, an offer's terms fixed."""
    fixed = dict(offer.terms) if offer is not None else {}
    batna = space.batna.copy()
    if offer is not None and offer.now:
        for i, k in offer.terms:
            sq = space.status_quo[i]
            if sq is None:
                raise ValueError(
                    f"offer {offer.id!r} executed now changes issue {space.issues[i]!r}, "
                    "which has no status quo to change from"
                )
            batna = batna + space.contrib[i][:, k] - space.contrib[i][:, sq]
    held = hold(space, arena.issues, fixed, batna=batna)
    return held.select_parties(arena.parties)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Limits:
    deadline: float | None
    samples: int
    seed: int
    max_trades: int


def _arena(space: Space, arena: Arena, offer: Offer | None, limits: _Limits, later: int) -> ArenaResult:
    """ZOPA, Nash and trades of one arena under one offer (or none).

    ZOPA and Nash each get an equal share of the time left with the ``later``
    arenas still to come (:func:`~.kernel.limits.share_of`).
    """
    sub = _offer_space(space, arena, offer)
    zopa_s = share_of(limits.deadline, 2 * later + 2)
    zopa = solve_zopa(sub, time_limit=zopa_s, samples=limits.samples, seed=limits.seed)
    nash = solve_nash(sub, time_limit=share_of(limits.deadline, 2 * later + 1))
    ok = nash.package is not None and nash.utilities is not None and zopa.exists
    util = tuple(float(x) for x in nash.utilities) if ok and nash.utilities is not None else None
    found = trades(sub, arena)
    return ArenaResult(
        arena=arena,
        offer=None if offer is None else offer.id,
        status=zopa.status,
        zopa=zopa,
        batna=tuple(float(x) for x in sub.batna),
        nash=nash.package if ok else None,
        utilities=util,
        surplus=None if util is None else tuple(u - float(d) for u, d in zip(util, sub.batna, strict=True)),
        nash_exact=nash.exact,
        trades=tuple(found[: limits.max_trades]),
        n_trades=len(found),
    )


def solve_linkage(
    space: Space,
    *,
    arenas: Sequence[Arena] | None = None,
    offers: Sequence[Offer] = (),
    time_limit: float | None = None,
    samples: int = 200_000,
    seed: int = 0,
    max_trades: int = 10,
) -> LinkageResult:
    """The ZOPA, Nash surpluses and value-creating trades of each arena, alone and under each offer.

    Default ``arenas``: one arena of every issue, judged by every party.
    ``time_limit`` bounds the whole call: each arena's ZOPA and Nash search
    get an equal share of the time left. ``samples`` and ``seed`` go to the
    ZOPA's counting (exact while within its limits, else Monte Carlo from ``seed``).
    """
    t0 = time.perf_counter()
    chosen = (
        list(arenas)
        if arenas is not None
        else [Arena(name="all", tables=(), issues=tuple(range(len(space.issues))), parties=space.parties)]
    )
    deadline = None if time_limit is None else t0 + time_limit
    limits = _Limits(deadline=deadline, samples=samples, seed=seed, max_trades=max_trades)
    jobs = [(a, o) for o in offers for a in chosen if set(a.issues) & {i for i, _ in o.terms}]
    n = len(chosen) + len(jobs)
    plain = tuple(_arena(space, a, None, limits, n - k - 1) for k, a in enumerate(chosen))
    offered = tuple(_arena(space, a, o, limits, len(jobs) - k - 1) for k, (a, o) in enumerate(jobs))
    statuses = {r.status for r in plain}
    status: Status = "ok" if "ok" in statuses else ("limit" if "limit" in statuses else plain[0].status)
    params = {
        "arenas": tuple(a.name for a in chosen),
        "offers": tuple(o.id for o in offers),
        "time_limit": time_limit,
        "samples": samples,
        "max_trades": max_trades,
    }
    return LinkageResult(
        status=status,
        parties=space.parties,
        arenas=plain,
        offered=offered,
        provenance=SOLVERS.get("linkage").provenance(
            "per arena: ZOPA (branch and bound, exact or Monte Carlo counting), Nash bargaining "
            "solution, pairwise stakes for logrolling trades",
            parameters=params,
            started=t0,
            seed=seed,
            exact=all(r.zopa.best_exact and r.nash_exact for r in (*plain, *offered)),
        ),
    )
