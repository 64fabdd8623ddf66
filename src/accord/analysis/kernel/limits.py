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
