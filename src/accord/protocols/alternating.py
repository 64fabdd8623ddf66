"""Alternating offers, bilateral or multilateral, with a deadline.

Rubinstein (1982), "Perfect equilibrium in a bargaining model", Econometrica
50(1), for two parties; the Stacked Alternating Offers Protocol of Aydogan,
Festen, Hindriks & Jonker (2017), "Alternating offers protocols for multilateral
negotiation" (Modern Approaches to Agent-based Complex Automated Negotiation),
for more: the parties take turns in a fixed order; on its turn a party either
accepts the offer on the table or rejects it and makes a counter-offer. An offer
is agreed when every other party has accepted it in turn (and it is rational for
its proposer). A round is one turn of every party; after ``deadline`` rounds the
talks break down.
"""

from __future__ import annotations

from accord.protocols.events import Event
from accord.protocols.state import Setup, State, context, deadline_reached, emit
from accord.protocols.strategies.base import rational

NAME = "alternating-offers"
TITLE = "Alternating offers (bilateral or stacked multilateral), with a deadline"
CITATION = (
    "Rubinstein 1982, \u201cPerfect equilibrium in a bargaining model\u201d (Econometrica 50); "
    "Aydogan et al. 2017, \u201cAlternating offers protocols for multilateral negotiation\u201d (SAOP)"
)
SUMMARY = "Parties take turns: accept the offer on the table, or reject it and counter-offer."
MEDIATED = False
DEADLINE = 60


def start(setup: Setup) -> State:  # noqa: ARG001 (the interface's signature)
    """No offer on the table; the first party in turn order opens."""
    return State()


def step(setup: Setup, state: State) -> State:
    """One turn: the next party accepts the offer on the table or counters it."""
    parties = setup.parties
    n = len(parties)
    rnd = state.turn // n + 1
    if rnd > setup.deadline:
        return deadline_reached(setup, state)
    party = parties[state.turn % n]
    state = emit(setup, state, round=rnd, turn=state.turn + 1)
    me, strategy = setup.seats[party], setup.strategies[party]
    text = state.text
    if text is not None and strategy.accepts(me, text, context(setup, state, party)):
        accepted = state.accepted | {party}
        state = emit(
            setup,
            state,
            Event(round=rnd, actor=party, kind="accept", package=text, accepted=True),
            accepted=accepted,
        )
        if len(accepted) == n:
            end = Event(
                round=rnd, actor="", kind="agreement", package=text, note="every party accepted the offer"
            )
            return emit(setup, state, end, phase="agreement", outcome=text, reason=end.note)
        return state
    events = []
    if text is not None:
        events.append(Event(round=rnd, actor=party, kind="reject", package=text, accepted=False))
    offer = strategy.propose(me, context(setup, state, party))
    events.append(Event(round=rnd, actor=party, kind="offer", package=offer))
    mine = frozenset({party}) if rational(me, offer) else frozenset()
    return emit(setup, state, *events, text=offer, accepted=mine)
