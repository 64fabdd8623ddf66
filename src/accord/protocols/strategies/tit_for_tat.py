"""Relative tit-for-tat: concede as much as the others conceded, in one's own utility.

Faratin, Sierra & Jennings (1998), section 4.3 (imitative tactics), as used by
Baarslag, Hindriks & Jonker (2013), "A tit for tat negotiation strategy for
real-time bilateral negotiations" (Complex Automated Negotiations, SCI 435): the
concession the others made between their last two offers, measured in this
delegation's own utility, is returned in kind; the first offer is the best package.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.protocols.agenda import Delegation
from accord.protocols.strategies.base import Context, Strategy


@dataclass(frozen=True, slots=True)
class TitForTat(Strategy):
    """Mirror the others' last concession (measured in own utility), from the best package down."""

    name: str = "tit-for-tat"

    def aspiration(self, me: Delegation, ctx: Context) -> float:
        """The utility of the last own offer minus the others' last concession; never below the BATNA."""
        if not ctx.sent or len(ctx.received) < 2:
            return me.best_utility
        last = float(me.utility(np.array(ctx.sent[-1:], dtype=np.int64))[0])
        heard = me.utility(np.array(ctx.received[-2:], dtype=np.int64))
        conceded = max(0.0, float(heard[1] - heard[0]))
        return max(min(me.batna, me.best_utility), last - conceded)
