"""Ripeness over the timelines a scenario declares (``accord ripeness``).

Turns each :class:`accord.model.timelines.Timeline` into a schedule of BATNA
vectors (the profiles' BATNAs plus the timeline's shift at each month, clipped to
0..100 on a weighted space) and runs :func:`accord.analysis.ripeness.solve_ripeness`
on it. Months are evaluated every ``step`` months, the last month always; by
default ``step`` keeps to about a dozen months per timeline, since each month
re-solves the ZOPA and the Nash solution exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from accord.analysis.ripeness import RipenessResult, solve_ripeness
from accord.model import Scenario
from accord.model.choice import PerspectiveChoice, PerspectiveSpec
from accord.model.timelines import Timeline
from accord.space import Space, SpaceError, compile_space
from accord.workbench.estimates import Estimates

__all__ = ["DEFAULT_POINTS", "RipenessOutcome", "RipenessRequest", "TimelineRun", "ripeness", "schedule"]

DEFAULT_POINTS = 12
"""About how many months per timeline are evaluated when no step is given."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RipenessRequest:
    """Run ``timeline`` (None: every one the scenario declares) every ``step`` months (None: about 12)."""

    scenario: Scenario
    perspective: PerspectiveSpec = None
    timeline: str | None = None
    step: int | None = None
    time_limit: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "perspective", PerspectiveChoice.of(self.perspective))
        if self.step is not None and self.step <= 0:
            raise SpaceError("step", f"the step must be a positive number of months, not {self.step}")
        if self.timeline is not None and self.timeline not in {t.id for t in self.scenario.timelines}:
            known = ", ".join(t.id for t in self.scenario.timelines) or "none (add a 'timelines:' section)"
            raise SpaceError("timeline", f"no timeline {self.timeline!r}; timelines: {known}")


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineRun:
    """One timeline and its result."""

    timeline: Timeline
    result: RipenessResult


@dataclass(frozen=True, slots=True, kw_only=True)
class RipenessOutcome:
    """The runs (one per timeline; empty when the scenario declares none), the space and whose estimates."""

    request: RipenessRequest
    space: Space
    runs: tuple[TimelineRun, ...]
    estimates: Estimates

    def __post_init__(self) -> None:
        object.__setattr__(self, "runs", tuple(self.runs))


def months_of(timeline: Timeline, step: int | None) -> tuple[int, ...]:
    """The months evaluated: 0, step, 2 step, ... and the last month."""
    step = step or max(1, math.ceil(timeline.months / DEFAULT_POINTS))
    return tuple(sorted({*range(0, timeline.months + 1, step), timeline.months}))


def schedule(
    space: Space, timeline: Timeline, months: tuple[int, ...]
) -> list[tuple[int, tuple[float, ...]]]:
    """The BATNA vector at each month: the space's BATNAs plus the timeline's shifts (clipped if weighted)."""
    out = []
    for m in months:
        b = np.array([space.batna[p] + timeline.shift(party, m) for p, party in enumerate(space.parties)])
        if space.weights is not None:
            b = np.clip(b, 0.0, 100.0)
        out.append((m, tuple(float(x) for x in b)))
    return out


def ripeness(request: RipenessRequest) -> RipenessOutcome:
    """Run the requested timelines."""
    space = compile_space(request.scenario, perspective=request.perspective)
    chosen = [t for t in request.scenario.timelines if request.timeline in (None, t.id)]
    runs = tuple(
        TimelineRun(
            timeline=t,
            result=solve_ripeness(
                space, schedule(space, t, months_of(t, request.step)), time_limit=request.time_limit
            ),
        )
        for t in chosen
    )
    return RipenessOutcome(request=request, space=space, runs=runs, estimates=Estimates.of(space))
