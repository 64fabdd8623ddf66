"""Everything on the table: disclose all interests at once and trade across every issue.

Parley Policy Initiative (2022), "Toward a Negotiating Strategy for Ukraine":
put every issue on the table from the start so that concessions on one can buy
gains on another (logrolling; Raiffa 1982, *The Art and Science of
Negotiation*, ch. 10). To a mediator the delegation reports its true values on
every issue and its true BATNA from the first round; in offers it concedes
steadily (``e``) and drafts logrolls along what the others asked for.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.protocols.agenda import Delegation
from accord.protocols.events import Report
from accord.protocols.strategies.base import Context, truthful_report
from accord.protocols.strategies.concession import TimeBased


@dataclass(frozen=True, slots=True)
class OpenTable(TimeBased):
    """Truthful, complete disclosure from the start; steady concession by logrolls."""

    e: float = 1.0
    name: str = "everything-on-the-table"

    def reveal(self, me: Delegation, ctx: Context) -> Report:  # noqa: ARG002 (the interface's signature)
        """Every issue's true values, the true BATNA and every red line."""
        return truthful_report(me)
