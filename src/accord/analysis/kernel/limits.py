"""The limits every stage of a search honours, as exceptions the engines turn into statuses.

A time limit covers every stage of an engine call: building the super-issues
(:mod:`.superissues`), the branch and bound, the linear programs (:mod:`.lp`)
and the mixed-integer programs (:mod:`.mip`). When it runs out inside a stage
that has nothing to show yet, the stage raises :class:`SolverTimeLimit` and the
engine reports ``status="limit"``; a stage that has an answer returns it with
``exact=False`` instead. A linked component too large to list is a
:class:`ComponentTooLarge`, raised before its partial assignments fill the
memory, so that the caller can switch to the MIP backend or explain.
"""

from __future__ import annotations

import time

from accord.space import SpaceError


class SolverTimeLimit(RuntimeError):
    """The time limit ran out inside a stage, before it had anything to return."""


class ComponentTooLarge(SpaceError):
    """A linked component has too many joint options for the decomposition (field ``constraints``)."""

    def __init__(self, message: str) -> None:
        super().__init__("constraints", message)


def check_deadline(deadline: float | None, stage: str) -> None:
    """Raise :class:`SolverTimeLimit` naming ``stage`` once ``deadline`` (``time.perf_counter``) passed."""
    if deadline is not None and time.perf_counter() > deadline:
        raise SolverTimeLimit(f"the time limit ran out while {stage}")


def time_left(deadline: float | None) -> float | None:
    """Seconds until ``deadline`` (None when there is none; never below zero)."""
    return None if deadline is None else max(0.0, deadline - time.perf_counter())


def share_of(deadline: float | None, parts: int) -> float | None:
    """An equal share of the seconds left until ``deadline`` for each of ``parts`` calls still to run.

    A command that makes several engine calls under one time limit gives each
    call its share of what is left, so that the limit bounds the whole command.
    """
    left = time_left(deadline)
    return None if left is None else left / max(parts, 1)


class Pace:
    """A deadline checked before each step of a loop with the step's expected cost.

    A step's cost grows faster than its size (candidates): a dominance filter
    compares candidates with the survivors. The slowest pace seen so far on a
    large step (seconds per candidate), times the square root of how much larger
    the next step is, predicts it, and a step that would end past the
    deadline is not started: the time limit then holds within a step's
    misprediction rather than a whole step.
    """

    def __init__(self, deadline: float | None, stage: str) -> None:
        self.deadline, self.stage = deadline, stage
        self.rate, self.started, self.size, self.last = 0.0, 0.0, 1, 1

    def ahead(self, size: int) -> bool:
        """Whether a step of ``size`` candidates would end past the deadline (and start timing it)."""
        now = time.perf_counter()
        self.started, self.size = now, max(size, 1)
        growth = max(1.0, size / self.last) ** 0.5
        return self.deadline is not None and now + 1.2 * self.rate * size * growth > self.deadline

    def check(self, size: int) -> None:
        """Raise :class:`SolverTimeLimit` if a step of ``size`` candidates would end past the deadline."""
        if self.ahead(size):
            raise SolverTimeLimit(f"the time limit ran out while {self.stage}")

    def done(self) -> None:
        """Record the pace of the step just finished (large steps only: small ones are overhead)."""
        if self.size >= 10_000:
            self.rate = max(self.rate, (time.perf_counter() - self.started) / self.size)
            self.last = self.size
