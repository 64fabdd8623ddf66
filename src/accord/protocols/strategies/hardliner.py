"""The hard-liner: asks for its best package throughout and accepts nothing less.

The "maximalist" position Parley Policy Initiative (2022), "Toward a Negotiating
Strategy for Ukraine", warns against; in the automated-negotiation literature the
"hardheaded" baseline (Baarslag et al. 2013). It still never accepts a package
below its BATNA or across a red line.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.protocols.agenda import Delegation
from accord.protocols.events import Report
from accord.protocols.strategies.base import Context, Strategy, truthful_report


@dataclass(frozen=True, slots=True)
class HardLiner(Strategy):
    """Always the best package; claims to a mediator that nothing less will do."""

    name: str = "hard-liner"

    def aspiration(self, me: Delegation, ctx: Context) -> float:  # noqa: ARG002 (the interface's signature)
        """Its best package's utility, at every time."""
        return me.best_utility

    def accepts(self, me: Delegation, offer: tuple[int, ...], ctx: Context) -> bool:
        """Only a rational offer worth its best package, even in a final vote."""
        return Strategy.accepts(
            self,
            me,
            offer,
            Context(
                round=ctx.round, deadline=ctx.deadline, received=ctx.received, sent=ctx.sent, rng=ctx.rng
            ),
        )

    def reveal(self, me: Delegation, ctx: Context) -> Report:  # noqa: ARG002 (the interface's signature)
        """Its true values, with its best package's utility stated as its BATNA."""
        return truthful_report(me, batna=max(me.batna, me.best_utility - 1e-6))
