"""Time-dependent concession: Boulware, linear and conceder tactics.

Faratin, Sierra & Jennings (1998), "Negotiation decision functions for autonomous
agents", Robotics and Autonomous Systems 24(3-4), section 4.2.1: the aspiration
at time ``t`` (0 to 1) is ``u_max - (u_max - u_min) * t^(1/e)``; ``e < 1`` concedes
late (Boulware), ``e = 1`` steadily (linear), ``e > 1`` early (conceder). Here
``u_max`` is the delegation's best package and ``u_min`` its BATNA.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.protocols.agenda import Delegation
from accord.protocols.strategies.base import Context, Strategy


@dataclass(frozen=True, slots=True)
class TimeBased(Strategy):
    """Concede from the best package to the BATNA as ``t^(1/e)`` (Faratin et al. 1998)."""

    e: float = 1.0
    name: str = "linear"

    def aspiration(self, me: Delegation, ctx: Context) -> float:
        """``u_max - (u_max - batna) * t^(1/e)``, never below the BATNA."""
        top = me.best_utility
        floor = min(top, me.batna)
        return float(top - (top - floor) * ctx.t ** (1.0 / self.e))
