"""Timelines: named scenarios of how the parties' BATNAs move with time (``accord ripeness``).

Zartman's ripeness (Zartman 2000, "Ripeness: the hurting stalemate and
beyond", in Stern & Druckman (eds.), *International Conflict Resolution after
the Cold War*) holds that parties settle when continuing hurts more than
settling: the value of no agreement falls. Rai (2023) reads the Russia–Ukraine
war as such an attrition stalemate; Milley's advice to "negotiate from a
position of strength" (ibid.) is the bet that waiting lowers the other side's
BATNA faster than one's own. A :class:`Timeline` states such a bet as data:
per party, BATNA shifts (in points of the 0–100 scale) at given months,
piecewise linear in between.

The shift at month ``t`` is the linear interpolation of the declared points,
starting from a shift of 0 at month 0 unless a point says otherwise (month 0 is
*now*, the profiles' own BATNA) and holding the last point's shift after it. A
party without points keeps its BATNA. The BATNA at ``t`` is the profile's BATNA
plus the shift, clipped to 0..100 on a weighted space.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from accord.model.elements import check_id, freeze_tuples
from accord.model.problems import ModelError, Problem

__all__ = ["MAX_MONTHS", "BatnaPoint", "Timeline", "check_timelines"]

MAX_MONTHS = 600
"""The longest timeline accepted (fifty years, by month)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class BatnaPoint:
    """A party's BATNA shift (points) at ``month``."""

    month: int
    shift: float

    def __post_init__(self) -> None:
        if self.month < 0:
            raise ModelError("month", f"months count from 0 (now), not {self.month}")
        if not -100.0 <= self.shift <= 100.0:
            raise ModelError("shift", f"a shift is in points of the 0–100 scale, not {self.shift}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Timeline:
    """A named scenario over ``months`` months: per party, BATNA shift points in increasing months."""

    id: str
    name: str
    months: int
    batna: Mapping[str, tuple[BatnaPoint, ...]]
    description: str = ""
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        freeze_tuples(self, "sources")
        check_id(self.id)
        if not 1 <= self.months <= MAX_MONTHS:
            raise ModelError("months", f"a timeline runs 1 to {MAX_MONTHS} months, not {self.months}")
        frozen = {party: tuple(points) for party, points in self.batna.items()}
        for party, points in frozen.items():
            months = [p.month for p in points]
            if any(b <= a for a, b in itertools.pairwise(months)):
                raise ModelError(f"batna.{party}", "list the points in strictly increasing months")
            if months and months[-1] > self.months:
                raise ModelError(
                    f"batna.{party}",
                    f"month {months[-1]} is after the timeline's end (months: {self.months})",
                )
        object.__setattr__(self, "batna", MappingProxyType(frozen))

    def shift(self, party: str, month: float) -> float:
        """The party's BATNA shift at ``month`` (module docstring: piecewise linear from 0 at month 0)."""
        points = self.batna.get(party, ())
        if not points:
            return 0.0
        xs = [float(p.month) for p in points]
        ys = [p.shift for p in points]
        if xs[0] > 0:
            xs, ys = [0.0, *xs], [0.0, *ys]
        if month <= xs[0]:
            return ys[0]
        for (x0, y0), (x1, y1) in zip(
            zip(xs, ys, strict=True), zip(xs[1:], ys[1:], strict=True), strict=False
        ):
            if month <= x1:
                return y0 + (y1 - y0) * (month - x0) / (x1 - x0)
        return ys[-1]


def check_timelines(
    timelines: Iterable[Timeline], parties: Iterable[str], sources: Iterable[str]
) -> list[Problem]:
    """Unknown parties and sources the timelines name, and duplicate timeline ids."""
    known_parties, known_sources = sorted(parties), frozenset(sources)
    out: list[Problem] = []
    seen: set[str] = set()
    for k, t in enumerate(timelines):
        if t.id in seen:
            out.append(Problem(path=("timelines", k, "id"), message=f"timeline id {t.id!r} appears twice"))
        seen.add(t.id)
        for party in t.batna:
            if party not in known_parties:
                out.append(
                    Problem(
                        path=("timelines", k, "batna", party),
                        message=f"unknown party {party!r}",
                        hint="known party ids: " + ", ".join(known_parties),
                        ref=party,
                    )
                )
        for j, src in enumerate(t.sources):
            if src not in known_sources:
                out.append(
                    Problem(path=("timelines", k, "sources", j), message=f"unknown source {src!r}", ref=src)
                )
    return out
