"""The single negotiating text: the mediator drafts, the parties criticise, the mediator revises.

Raiffa (1982), *The Art and Science of Negotiation*, ch. 14 (the Camp David
single negotiating text, after Fisher): the mediator drafts a whole package;
each party criticises it, here by reporting what it values
(:meth:`~accord.protocols.strategies.base.Strategy.reveal`) and naming the issue
it most wants changed; the mediator revises from what it was told; no party
commits to anything until the end, when each accepts or rejects the whole final
text. The text is final at the deadline or once it stops changing.
"""

from __future__ import annotations

from types import MappingProxyType

import numpy as np

from accord.protocols.agenda import Delegation, Package
from accord.protocols.events import Event
from accord.protocols.state import Setup, State, context, emit, merge, vote

NAME = "single-text"
TITLE = "Single negotiating text: drafts, criticism, revisions, one vote on the whole"
CITATION = "Raiffa 1982, The Art and Science of Negotiation, ch. 14 (Camp David, 1978)"
SUMMARY = "The mediator revises one text from the parties' criticisms; all accept or reject it at the end."
MEDIATED = True
DEADLINE = 8


def start(setup: Setup) -> State:  # noqa: ARG001 (the interface's signature)
    """No text yet: the mediator drafts the first in round 1."""
    return State()


def step(setup: Setup, state: State) -> State:
    """One round: a new version of the text, then every party's criticism; the vote when final."""
    text = setup.mediator.draft(setup.agenda, state.reports, state.text, context(setup, state, "mediator"))
    stable = state.text is not None and text == state.text
    version = state.version if stable else state.version + 1
    if not stable:
        state = emit(
            setup,
            state,
            Event(round=state.round, actor="mediator", kind="draft", package=text, version=version),
            text=text,
            version=version,
        )
    if stable or state.round >= setup.deadline:
        note = f"version {version} of the text accepted by every party"
        return vote(setup, state, text, setup.parties, note)
    reports = dict(state.reports)
    events = []
    for party in setup.parties:
        me = setup.seats[party]
        report = setup.strategies[party].reveal(me, context(setup, state, party))
        reports[party] = merge(reports.get(party), report)
        events.append(
            Event(
                round=state.round,
                actor=party,
                kind="criticism",
                to=("mediator",),
                package=text,
                version=version,
                issues=_complaint(me, text),
            )
        )
    return emit(setup, state, *events, reports=MappingProxyType(reports), round=state.round + 1)


def _complaint(me: Delegation, text: Package) -> tuple[str, ...]:
    """The issue whose change the party wants most (none when the text gives it its best everywhere)."""
    gains = [
        float(me.table[i, : len(d)][d].max() - me.table[i, k])
        for i, (d, k) in enumerate(zip(me.agenda.domain, text, strict=True))
    ]
    best = int(np.argmax(gains))
    return (me.agenda.issues[best],) if gains[best] > 0 else ()
