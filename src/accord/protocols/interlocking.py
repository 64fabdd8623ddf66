"""Interlocking tables: talks at several tables at once; nothing is agreed until everything is.

United States Institute of Peace (2022), "Two essentials for a peace process in
Ukraine": separate tables (Russia–Ukraine, Russia–EU–Ukraine, Russia–NATO–US)
whose outcomes interlock; Pickering (2022): nothing is agreed until everything
is agreed, except measures the parties implement early (the
``nothing_agreed_until_everything_agreed`` rule's ``exceptions``).

Each round every open table runs one round of alternating offers over its own
issues among its seated parties (the other issues held at the status quo while it
drafts; :class:`~accord.protocols.state.Setup` ``table_seats``). When every
party at a table accepts, the table's text is *provisional*; early-implementation
issues on it are implemented at once. Only when every table is provisional do
all seated parties vote on the combined package: acceptance is the agreement,
one rejection voids every provisional text (implemented items stay).
"""

from __future__ import annotations

from types import MappingProxyType

from accord.protocols.agenda import Package
from accord.protocols.events import Event
from accord.protocols.state import Setup, State, Table, context, deadline_reached, emit, vote
from accord.protocols.strategies.base import rational

NAME = "interlocking-tables"
TITLE = "Interlocking tables under nothing-agreed-until-everything-agreed"
CITATION = (
    "United States Institute of Peace 2022, \u201cTwo essentials for a peace process in Ukraine\u201d; "
    "Pickering 2022, \u201cThe three phases of ending a war\u201d"
)
SUMMARY = "Several tables negotiate their own issues; the combined package is voted only when all agree."
MEDIATED = False
DEADLINE = 30


def start(setup: Setup) -> State:  # noqa: ARG001 (the interface's signature)
    """Every table open, no text on any."""
    return State()


def step(setup: Setup, state: State) -> State:
    """One round at every open table; the final vote once every table is provisional."""
    if state.round > setup.deadline:
        return deadline_reached(setup, state)
    for table in setup.tables:
        if table.id not in state.provisional:
            state = _table_round(setup, state, table)
    if len(state.provisional) == len(setup.tables):
        package = combined(setup, state)
        return vote(
            setup, state, package, setup.parties, "every table agreed and every party accepted the whole"
        )
    return emit(setup, state, round=state.round + 1)


def combined(setup: Setup, state: State) -> Package:
    """The whole package: each table's text on its issues, the status quo elsewhere, early items as done."""
    x = list(setup.agenda.start)
    for table in setup.tables:
        text = state.tables.get(table.id)
        if text is not None:
            for i in table.issues:
                x[i] = text[i]
    for i, k in state.implemented.items():
        x[i] = k
    return tuple(x)


def _table_round(setup: Setup, state: State, table: Table) -> State:
    """Each party at ``table`` in turn accepts its text or counters; all accepting makes it provisional."""
    rnd = state.round
    to = table.parties
    for k in range(len(table.parties)):
        party = table.parties[(rnd - 1 + k) % len(table.parties)]
        me, strategy = setup.table_seats[(table.id, party)], setup.strategies[party]
        text = state.tables.get(table.id)
        ctx = context(setup, state, party)
        if text is not None and strategy.accepts(me, text, ctx):
            state = emit(
                setup,
                state,
                Event(
                    round=rnd, actor=party, kind="accept", to=to, package=text, accepted=True, table=table.id
                ),
                accepted=state.accepted | {_seat(table, party)},
            )
            if all(_seat(table, p) in state.accepted for p in table.parties):
                return _provisional(setup, state, table, text)
            continue
        offer = strategy.propose(me, ctx)
        events = (
            []
            if text is None
            else [
                Event(
                    round=rnd, actor=party, kind="reject", to=to, package=text, accepted=False, table=table.id
                )
            ]
        )
        events.append(Event(round=rnd, actor=party, kind="offer", to=to, package=offer, table=table.id))
        tables = MappingProxyType({**state.tables, table.id: offer})
        seats = {_seat(table, p) for p in to}
        mine = {_seat(table, party)} if rational(me, offer) else set()
        state = emit(setup, state, *events, tables=tables, accepted=(state.accepted - seats) | mine)
    return state


def _provisional(setup: Setup, state: State, table: Table, text: Package) -> State:
    """The table's text is provisional; its early-implementation issues are implemented now."""
    events = [
        Event(
            round=state.round,
            actor="",
            kind="provisional",
            to=table.parties,
            package=text,
            table=table.id,
            note="provisional: nothing is agreed until everything is agreed",
        )
    ]
    done = dict(state.implemented)
    for i in sorted(setup.early & set(table.issues)):
        done[i] = text[i]
        events.append(
            Event(
                round=state.round,
                actor="",
                kind="implement",
                package=text,
                table=table.id,
                issues=(setup.agenda.issues[i],),
                note="implemented early (an exception to NAUEA)",
            )
        )
    return emit(
        setup, state, *events, provisional=state.provisional | {table.id}, implemented=MappingProxyType(done)
    )


def _seat(table: Table, party: str) -> str:
    """The key of ``party``'s acceptance at ``table`` (a party may sit at several tables)."""
    return f"{table.id}/{party}"
