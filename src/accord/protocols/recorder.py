"""The recorder: measures a finished transcript as an observer who knows every profile.

Design.md rule 8: metrics come from a recorder, not from the protocols. It
reads the transcript after the run and the space's true utilities (which no
delegation saw): the utilities of every package put on the table (the offer
trajectories in utility space), and each party's total concession (how far its
own offers fell in its own utility from its first).
"""

from __future__ import annotations

import numpy as np

from accord.numeric import FloatArray
from accord.protocols.events import Event
from accord.space import Space

TRAJECTORY = ("offer", "draft", "idea")
"""Event kinds whose packages form the trajectory."""


def trajectory(space: Space, events: tuple[Event, ...]) -> tuple[tuple[int, ...], FloatArray]:
    """The indices of the offers, drafts and ideas in ``events`` and their utilities for every party."""
    idx = tuple(n for n, e in enumerate(events) if e.kind in TRAJECTORY and e.package is not None)
    if not idx:
        return idx, np.zeros((0, len(space.parties)))
    packages = np.array([events[n].package for n in idx], dtype=np.int64)
    return idx, space.utilities(packages)


def concessions(space: Space, events: tuple[Event, ...]) -> dict[str, float]:
    """Per party that made offers: its first offer's utility minus its last's, in its own utility."""
    out: dict[str, float] = {}
    for p, party in enumerate(space.parties):
        mine = [e.package for e in events if e.actor == party and e.kind == "offer" and e.package is not None]
        if mine:
            u = space.utilities(np.array([mine[0], mine[-1]], dtype=np.int64))[:, p]
            out[party] = float(u[0] - u[1])
    return out
