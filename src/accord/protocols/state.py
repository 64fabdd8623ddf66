"""The state of a simulated negotiation, its fixed setting, and the helpers every protocol steps with.

A protocol is two plain functions (design.md rule 8): ``start(setup) -> State``
and ``step(setup, state) -> State``; turn order is the code of ``step``. A
:class:`State` is frozen: each step returns a new one with its events appended
(:func:`emit`). Each delegation hears only the events addressed to it or to the
whole table (:func:`context`); what delegations report goes to the mediator's
inbox (``State.reports``) and nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Literal

import numpy as np

from accord.protocols.agenda import Agenda, Delegation, Package
from accord.protocols.events import Event, Report
from accord.protocols.strategies.base import Context, MediatorStrategy, Strategy

Phase = Literal["running", "agreement", "breakdown"]
"""Where a run stands: still talking, or ended in agreement or breakdown."""

HEARD = ("offer", "draft", "idea", "overlap", "provisional", "vote")
"""Event kinds whose package a delegation that hears the event learns."""


def _empty() -> Mapping[str, object]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Table:
    """One negotiating table of an interlocking run: its parties (seated ones) and issue indices."""

    id: str
    parties: tuple[str, ...]
    issues: tuple[int, ...]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Setup:
    """What does not change during a run: the seats, their strategies, the clock, the tables.

    ``seats`` are the delegations, in turn order; ``early`` the issues that may be
    implemented before everything is agreed (the NAUEA rule's exceptions).
    """

    agenda: Agenda
    seats: Mapping[str, Delegation]
    strategies: Mapping[str, Strategy]
    mediator: MediatorStrategy
    deadline: int
    rng: np.random.Generator
    tables: tuple[Table, ...] = ()
    early: frozenset[int] = frozenset()
    table_seats: Mapping[tuple[str, str], Delegation] = field(default_factory=_empty)  # type: ignore[arg-type]

    @property
    def parties(self) -> tuple[str, ...]:
        """The seated parties, in turn order."""
        return tuple(self.seats)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class State:
    """A run's state: the round, the transcript so far, the text on the table and what each heard.

    ``text`` is the offer or draft under discussion (per table in ``tables``);
    ``accepted`` who has accepted it; ``heard``/``sent`` per party the packages it
    heard and offered; ``reports`` the mediator's inbox; ``implemented`` the issues
    implemented early and their options; ``outcome`` the agreed package when
    ``phase`` is ``agreement``.
    """

    round: int = 1
    events: tuple[Event, ...] = ()
    text: Package | None = None
    version: int = 0
    turn: int = 0
    accepted: frozenset[str] = frozenset()
    heard: Mapping[str, tuple[Package, ...]] = field(default_factory=_empty)  # type: ignore[arg-type]
    sent: Mapping[str, tuple[Package, ...]] = field(default_factory=_empty)  # type: ignore[arg-type]
    reports: Mapping[str, Report] = field(default_factory=_empty)  # type: ignore[arg-type]
    tables: Mapping[str, Package] = field(default_factory=_empty)  # type: ignore[arg-type]
    provisional: frozenset[str] = frozenset()
    implemented: Mapping[int, int] = field(default_factory=_empty)  # type: ignore[arg-type]
    phase: Phase = "running"
    outcome: Package | None = None
    reason: str = ""


def emit(setup: Setup, state: State, *events: Event, **changes: object) -> State:
    """``state`` with ``events`` appended (and what each delegation heard or sent), plus ``changes``."""
    heard = dict(state.heard)
    sent = dict(state.sent)
    for e in events:
        if e.package is None or e.kind not in HEARD:
            continue
        if e.actor in setup.seats and e.kind == "offer":
            sent[e.actor] = (*sent.get(e.actor, ()), e.package)
        for party in e.to or setup.parties:
            if party != e.actor and party in setup.seats:
                heard[party] = (*heard.get(party, ()), e.package)
    return replace(
        state,
        events=state.events + events,
        heard=MappingProxyType(heard),
        sent=MappingProxyType(sent),
        **changes,  # type: ignore[arg-type]
    )


def context(setup: Setup, state: State, party: str, *, final: bool = False) -> Context:
    """What ``party`` knows when it acts: the clock and the packages it heard and sent."""
    return Context(
        round=state.round,
        deadline=setup.deadline,
        received=state.heard.get(party, ()),
        sent=state.sent.get(party, ()),
        final=final,
        rng=setup.rng,
    )


def merge(old: Report | None, new: Report) -> Report:
    """The mediator's picture of a party: the newest report, keeping issues only an older one disclosed."""
    if old is None:
        return new
    values = tuple(n if n is not None else o for o, n in zip(old.values, new.values, strict=True))
    return Report(party=new.party, values=values, batna=new.batna, red_lines=new.red_lines or old.red_lines)


def vote(setup: Setup, state: State, package: Package, parties: tuple[str, ...], note: str) -> State:
    """Every party in ``parties`` votes on the whole ``package``; agreement if all accept."""
    events = []
    against = []
    for party in parties:
        yes = setup.strategies[party].accepts(
            setup.seats[party], package, context(setup, state, party, final=True)
        )
        events.append(Event(round=state.round, actor=party, kind="vote", package=package, accepted=yes))
        if not yes:
            against.append(party)
    if against:
        end = Event(round=state.round, actor="", kind="breakdown", note="rejected by " + ", ".join(against))
        return emit(setup, state, *events, end, phase="breakdown", reason=end.note)
    end = Event(round=state.round, actor="", kind="agreement", package=package, note=note)
    return emit(setup, state, *events, end, phase="agreement", outcome=package, reason=note)


def deadline_reached(setup: Setup, state: State) -> State:
    """The run ends in breakdown: the deadline passed without agreement."""
    note = f"no agreement by the deadline ({setup.deadline} rounds)"
    return emit(
        setup,
        state,
        Event(round=state.round, actor="", kind="breakdown", note=note),
        phase="breakdown",
        reason=note,
    )
