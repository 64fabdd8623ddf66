"""Ripeness over time: in which months a ZOPA exists as the BATNAs move, and who gains by waiting.

Zartman (2000), "Ripeness: the hurting stalemate and beyond" (in Stern &
Druckman, *International Conflict Resolution after the Cold War*): a conflict is
ripe for settlement when the parties' alternatives to agreement have fallen far
enough that some agreement beats them all. Given a schedule of BATNA vectors
(one per month; the timelines of :mod:`accord.model.timelines` produce them),
this engine re-solves the package problem at each month with the package-search
engines, exactly:

- **ZOPA** (:func:`accord.analysis.zopa.solve_zopa`): whether some feasible
  package gives every party a surplus above TOL (Fisher & Ury 1981), and its
  *size* as the largest minimum surplus over packages (points; negative: how far
  the closest package falls short). The count of packages is not taken (it is
  estimated by Monte Carlo on large spaces and adds nothing to the window).
- **Nash** (:func:`accord.analysis.nash.solve_nash`; Nash 1950, Econometrica
  18(2)): the package maximising the product of surpluses, and each party's
  surplus and utility there.

The *windows* are the maximal runs of months with a ZOPA. *Waiting* compares
each party's Nash utility at month ``t`` with its Nash utility now (month 0):
Milley's "negotiate from strength" (Rai 2023) is the claim that for some party
this difference is negative, so that it should settle early. Months with the
same BATNA vector are solved once.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from accord.analysis.nash import solve_nash
from accord.analysis.registry import SOLVERS
from accord.analysis.results import Provenanced
from accord.analysis.zopa import solve_zopa
from accord.numeric import TOL
from accord.provenance import Provenance, Status
from accord.space import Space

__all__ = ["MonthVerdict", "RipenessResult", "Waiting", "solve_ripeness", "windows"]


@dataclass(frozen=True, slots=True, kw_only=True)
class MonthVerdict:
    """One month: the BATNAs, whether a ZOPA exists and its size, the Nash package and surpluses.

    ``package``, ``utilities`` and ``surplus`` are None when there is no ZOPA
    (no individually rational package to bargain over). ``exact``: both
    engines proved their answers.
    """

    month: int
    batna: tuple[float, ...]
    exists: bool
    size: float | None
    package: tuple[int, ...] | None
    utilities: tuple[float, ...] | None
    surplus: tuple[float, ...] | None
    exact: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Waiting:
    """What waiting does to one party: its Nash utility now, at its best month, and at the last month.

    ``best_month`` is the month with a ZOPA where its Nash utility is highest
    (earliest on ties; None without any ZOPA); ``gain`` is that utility minus
    the utility now (None when there is no ZOPA now or ever).
    """

    party: str
    now: float | None
    best_month: int | None
    best: float | None
    last: float | None

    @property
    def gain(self) -> float | None:
        """Best Nash utility over the months minus the Nash utility now (None when either is missing)."""
        if self.now is None or self.best is None:
            return None
        return self.best - self.now

    @property
    def verdict(self) -> str:
        """``gains``, ``loses`` or ``indifferent`` by waiting, or ``no deal now``/``no deal``."""
        if self.best is None:
            return "no deal"
        if self.now is None:
            return "no deal now"
        if self.best_month and (self.gain or 0.0) > TOL:
            return "gains"
        later = self.last if self.last is not None else -np.inf
        return "loses" if later < self.now - TOL else "indifferent"


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class RipenessResult(Provenanced):
    """Month by month verdicts, the windows with a ZOPA, and what waiting does to each party."""

    status: Status
    parties: tuple[str, ...]
    months: tuple[MonthVerdict, ...]
    windows: tuple[tuple[int, int], ...]
    waiting: tuple[Waiting, ...]
    provenance: Provenance

    def __post_init__(self) -> None:
        for name in ("parties", "months", "windows", "waiting"):
            object.__setattr__(self, name, tuple(getattr(self, name)))


def windows(months: Sequence[int], exists: Sequence[bool]) -> tuple[tuple[int, int], ...]:
    """The maximal runs of consecutive evaluated months with a ZOPA, as ``(first, last)``."""
    out: list[tuple[int, int]] = []
    for m, ok in zip(months, exists, strict=True):
        if not ok:
            continue
        if out and out[-1][1] == _previous(months, m):
            out[-1] = (out[-1][0], m)
        else:
            out.append((m, m))
    return tuple(out)


def _previous(months: Sequence[int], m: int) -> int | None:
    k = list(months).index(m)
    return months[k - 1] if k > 0 else None


def _solve_month(space: Space, month: int, batna: np.ndarray, time_limit: float | None) -> MonthVerdict:
    at = replace(space, batna=np.array(batna, dtype=np.float64))
    zopa = solve_zopa(at, count_states=0, samples=1, time_limit=time_limit)
    nash = solve_nash(at, time_limit=time_limit) if zopa.exists else None
    found = nash is not None and nash.package is not None and nash.utilities is not None
    u = (
        tuple(float(x) for x in nash.utilities)
        if found and nash is not None and nash.utilities is not None
        else None
    )
    return MonthVerdict(
        month=month,
        batna=tuple(float(b) for b in batna),
        exists=zopa.exists,
        size=zopa.min_surplus,
        package=nash.package if found and nash is not None else None,
        utilities=u,
        surplus=tuple(x - float(b) for x, b in zip(u, batna, strict=True)) if u is not None else None,
        exact=zopa.best_exact and (nash is None or nash.provenance.exact),
    )


def _waiting(parties: Sequence[str], months: Sequence[MonthVerdict]) -> tuple[Waiting, ...]:
    out = []
    for p, party in enumerate(parties):
        dealt = [(v.month, v.utilities[p]) for v in months if v.utilities is not None]
        now = months[0].utilities[p] if months and months[0].utilities is not None else None
        best = max(dealt, key=lambda x: (x[1], -x[0]), default=None)
        last = months[-1].utilities[p] if months and months[-1].utilities is not None else None
        out.append(
            Waiting(
                party=party,
                now=now,
                best_month=best[0] if best else None,
                best=best[1] if best else None,
                last=last,
            )
        )
    return tuple(out)


def solve_ripeness(
    space: Space,
    schedule: Sequence[tuple[int, Sequence[float]]] | None = None,
    *,
    time_limit: float | None = None,
) -> RipenessResult:
    """Solve ZOPA and Nash at each ``(month, BATNA vector)`` of ``schedule`` (months increasing).

    Default ``schedule``: month 0 at the space's own BATNAs. ``time_limit``
    bounds each engine run; an unproven month is marked ``exact=False``.
    Months with an identical BATNA vector are solved once.
    """
    t0 = time.perf_counter()
    if schedule is None:
        schedule = [(0, tuple(float(b) for b in space.batna))]
    months = [int(m) for m, _ in schedule]
    if any(b <= a for a, b in itertools.pairwise(months)):
        raise ValueError("the months of a schedule must increase")
    solved: dict[tuple[float, ...], MonthVerdict] = {}
    out = []
    for month, batna in schedule:
        key = tuple(float(b) for b in batna)
        if len(key) != len(space.parties):
            raise ValueError(f"month {month}: {len(key)} BATNAs for {len(space.parties)} parties")
        if key not in solved:
            solved[key] = _solve_month(space, int(month), np.array(key), time_limit)
        out.append(replace(solved[key], month=int(month)))
    exact = all(v.exact for v in out)
    return RipenessResult(
        status="ok" if exact else "limit",
        parties=space.parties,
        months=tuple(out),
        windows=windows(months, [v.exists for v in out]),
        waiting=_waiting(space.parties, out),
        provenance=SOLVERS.get("ripeness").provenance(
            "ZOPA (maximin branch and bound) and Nash bargaining solution, re-solved per month",
            parameters={"months": tuple(months), "distinct_batnas": len(solved), "time_limit": time_limit},
            started=t0,
            exact=exact,
        ),
    )
