"""The built-in protocols and strategies, registered in the order the docs list them.

Importing :mod:`accord.protocols` registers them; a user's plug-in registers its
own spec in :data:`~accord.protocols.registry.STRATEGIES` the same way.
"""

from __future__ import annotations

from accord.protocols import alternating, interlocking, proximity, single_text
from accord.protocols.registry import PROTOCOLS, STRATEGIES, Param, ProtocolSpec, StrategySpec
from accord.protocols.strategies.concession import TimeBased
from accord.protocols.strategies.hardliner import HardLiner
from accord.protocols.strategies.nash_mediator import NashMediator
from accord.protocols.strategies.open_table import OpenTable
from accord.protocols.strategies.tit_for_tat import TitForTat

FARATIN = (
    "Faratin, Sierra & Jennings 1998, \u201cNegotiation decision functions for autonomous agents\u201d "
    "(Robotics and Autonomous Systems 24)"
)
BAARSLAG = (
    "Baarslag, Hindriks & Jonker 2013, \u201cA tit for tat negotiation strategy for real-time bilateral "
    "negotiations\u201d (Complex Automated Negotiations)"
)
PARLEY = "Parley Policy Initiative 2022, \u201cToward a Negotiating Strategy for Ukraine\u201d"
NASH = (
    "Nash 1950, \u201cThe Bargaining Problem\u201d (Econometrica 18); "
    "Raiffa 1982, The Art and Science of Negotiation"
)


def _e(default: float) -> Param:
    return Param(name="e", default=default, help="concession exponent: <1 late, 1 steady, >1 early")


for _strategy in (
    StrategySpec(
        name="boulware",
        title="Boulware: concede late (e < 1)",
        citation=FARATIN,
        role="delegation",
        factory=lambda e=0.2: TimeBased(e=e, name="boulware"),
        params=(_e(0.2),),
    ),
    StrategySpec(
        name="linear",
        title="Linear: concede steadily",
        citation=FARATIN,
        role="delegation",
        factory=lambda: TimeBased(e=1.0, name="linear"),
    ),
    StrategySpec(
        name="conceder",
        title="Conceder: concede early (e > 1)",
        citation=FARATIN,
        role="delegation",
        factory=lambda e=2.0: TimeBased(e=e, name="conceder"),
        params=(_e(2.0),),
    ),
    StrategySpec(
        name="tit-for-tat",
        title="Relative tit-for-tat: return the others' concession",
        citation=BAARSLAG,
        role="delegation",
        factory=TitForTat,
    ),
    StrategySpec(
        name="hard-liner",
        title="Hard-liner: its best package or nothing",
        citation=PARLEY,
        role="delegation",
        factory=HardLiner,
    ),
    StrategySpec(
        name="everything-on-the-table",
        title="Everything on the table: full disclosure, logrolls",
        citation=PARLEY,
        role="delegation",
        factory=lambda e=1.0: OpenTable(e=e),
        params=(_e(1.0),),
    ),
    StrategySpec(
        name="nash-mediator",
        title="Mediator maximising the Nash product of what it was told",
        citation=NASH,
        role="mediator",
        factory=NashMediator,
        params=(
            Param(
                name="restarts",
                default=4,
                minimum=0,
                strict=False,
                integer=True,
                help="random restarts of the coordinate ascent",
            ),
        ),
    ),
):
    STRATEGIES.register(_strategy)

for _module in (proximity, single_text, alternating, interlocking):
    PROTOCOLS.register(
        ProtocolSpec(
            name=_module.NAME,
            title=_module.TITLE,
            citation=_module.CITATION,
            summary=_module.SUMMARY,
            mediated=_module.MEDIATED,
            deadline=_module.DEADLINE,
            start=_module.start,
            step=_module.step,
        )
    )
del _strategy, _module
