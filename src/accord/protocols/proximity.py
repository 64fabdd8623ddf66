"""Proximity talks: delegations in separate rooms, a mediator shuttling between them.

Pickering (2022), "The three phases of ending a war" (Foreign Affairs): the
mediator meets each delegation alone, learns its interests only through what
that delegation chooses to tell (:meth:`~accord.protocols.strategies.base.Strategy.reveal`),
tries ideas on it in confidence, and reports overlap when one idea is
acceptable in every room. Confidentiality holds by construction: a delegation
object holds only its own profile; reports go to the mediator's inbox; every
idea and answer is addressed to one room (``Event.to``), so no delegation hears
another's. When an idea wins every room, or at the deadline, the mediator tables
its latest idea and the parties vote on the whole.
"""

from __future__ import annotations

from types import MappingProxyType

from accord.protocols.events import Event, EventKind
from accord.protocols.state import Setup, State, context, emit, merge, vote

NAME = "proximity"
TITLE = "Proximity talks: a mediator shuttles between delegations in separate rooms"
CITATION = "Pickering 2022, \u201cThe three phases of ending a war\u201d (Foreign Affairs)"
SUMMARY = "The mediator hears each delegation alone, tries ideas in confidence and reports overlap."
MEDIATED = True
DEADLINE = 8


def start(setup: Setup) -> State:  # noqa: ARG001 (the interface's signature)
    """The mediator has heard nothing yet."""
    return State()


def step(setup: Setup, state: State) -> State:
    """One shuttle: in each room a report, an idea and the delegation's answer; overlap ends the talks."""
    if state.round > setup.deadline:
        return _table(setup, state, "the deadline came; the mediator tabled its latest idea")
    idea = state.text
    for party in setup.parties:
        me, strategy = setup.seats[party], setup.strategies[party]
        report = strategy.reveal(me, context(setup, state, party))
        reports = dict(state.reports)
        reports[party] = merge(reports.get(party), report)
        idea = setup.mediator.draft(setup.agenda, reports, idea, context(setup, state, "mediator"))
        room = (party,)
        said = Event(
            round=state.round,
            actor=party,
            kind="report",
            to=("mediator",),
            issues=tuple(me.agenda.issues[i] for i in report.revealed),
        )
        tried = Event(round=state.round, actor="mediator", kind="idea", to=room, package=idea)
        state = emit(setup, state, said, tried, reports=MappingProxyType(reports), text=idea)
        ok = strategy.accepts(me, idea, context(setup, state, party))
        kind: EventKind = "accept" if ok else "reject"
        state = emit(
            setup,
            state,
            Event(round=state.round, actor=party, kind=kind, to=("mediator",), package=idea, accepted=ok),
        )
    if idea is not None and all(_same(state, p, idea) and _yes(state, p, idea) for p in setup.parties):
        return _table(
            setup,
            emit(setup, state, Event(round=state.round, actor="mediator", kind="overlap", package=idea)),
            "overlap found",
        )
    return emit(setup, state, round=state.round + 1)


def _same(state: State, party: str, idea: tuple[int, ...]) -> bool:
    """Whether the last idea tried on ``party`` is ``idea``."""
    for e in reversed(state.events):
        if e.kind == "idea" and e.to == (party,):
            return e.package == idea
    return False


def _yes(state: State, party: str, idea: tuple[int, ...]) -> bool:
    """Whether ``party`` said yes to ``idea`` the last time it answered."""
    for e in reversed(state.events):
        if e.actor == party and e.kind in ("accept", "reject"):
            return bool(e.accepted) and e.package == idea
    return False


def _table(setup: Setup, state: State, why: str) -> State:
    """The mediator tables its latest idea for a vote by every party."""
    if state.text is None:
        return emit(
            setup,
            state,
            Event(round=state.round, actor="", kind="breakdown", note="no idea to table"),
            phase="breakdown",
            reason="no idea to table",
        )
    return vote(setup, state, state.text, setup.parties, f"{why}; every party accepted the mediator's text")
