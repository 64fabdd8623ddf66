"""Holding issues: the space in which only some issues vary (shared by linkage and sequencing).

A process design negotiates part of the agenda at a time: one table, one track,
one stage. The issues outside it are *held*: at an option agreed earlier, or at
their status quo. :func:`hold` builds that space from a compiled one without
copying its utilities (the domains change; the BATNA may be replaced).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

import numpy as np
from numpy.typing import ArrayLike

from accord.space import Space

__all__ = ["hold", "status_quo_package"]


def hold(
    space: Space,
    free: Iterable[int],
    fixed: Mapping[int, int] | None = None,
    *,
    batna: ArrayLike | None = None,
) -> Space:
    """``space`` with only ``free`` issues varying; ``fixed`` ones at their option, the rest at status quo.

    ``fixed`` overrides ``free`` (an offer or an earlier agreement holds whatever
    is negotiated). ``batna`` replaces the disagreement values when given.
    Raises ``ValueError`` naming an issue that must be held but has no status quo.
    """
    free_set = set(free)
    fixed = dict(fixed or {})
    doms = list(space.domains)
    for i in range(len(space.issues)):
        if i in fixed:
            doms[i] = frozenset({fixed[i]})
        elif i not in free_set:
            sq = space.status_quo[i]
            if sq is None:
                raise ValueError(f"issue {space.issues[i]!r} must be held but has no status quo")
            doms[i] = frozenset({sq})
    new_batna = space.batna if batna is None else np.asarray(batna, dtype=np.float64)
    return replace(space, domains=tuple(doms), batna=new_batna)


def status_quo_package(space: Space, fixed: Mapping[int, int] | None = None) -> tuple[int, ...]:
    """Every issue at its ``fixed`` option, else its status quo, else the first option its domain allows."""
    fixed = fixed or {}
    return tuple(
        fixed[i] if i in fixed else (sq if sq is not None else min(dom))
        for i, (sq, dom) in enumerate(zip(space.status_quo, space.domains, strict=True))
    )
