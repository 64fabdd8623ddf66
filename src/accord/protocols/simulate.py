"""Run one negotiation: seat the delegations, step the protocol to its end, record the transcript.

:func:`simulate` is the simulator's entry point. It checks the preconditions
to enter (:mod:`accord.protocols.preconditions`), builds one
:class:`~accord.protocols.agenda.Delegation` per party from that party's own row
of the space alone, loads each seat's strategy by ``"name(k=v)"``
(:mod:`accord.protocols.registry`), then calls the protocol's ``step`` until the
run ends. Every protocol ends by its deadline; the loop also stops at a hard
bound of steps as a guard. Randomness comes from one generator seeded by
``seed`` (same seed, same transcript).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

import numpy as np

from accord.protocols.agenda import Agenda, Drafter
from accord.protocols.events import Event
from accord.protocols.preconditions import Entry, Precondition, entry
from accord.protocols.recorder import trajectory
from accord.protocols.registry import ProtocolSpec, get_protocol, make_strategy
from accord.protocols.results import Ending, Reference, SimulationResult, distances
from accord.protocols.state import Setup, State, Table
from accord.protocols.strategies.base import MediatorStrategy, Strategy
from accord.provenance import Provenance
from accord.space import Space, SpaceError

DEFAULT_STRATEGY = "linear"
"""The strategy of a delegation the caller names none for."""

DEFAULT_MEDIATOR = "nash-mediator"
"""The strategy of the mediator's seat when the caller names none."""

TableSpec = tuple[str, Sequence[str], Sequence[str]]
"""A table as ``(id, party ids, issue ids)``."""


def simulate(
    space: Space,
    protocol: str = "single-text",
    strategies: Mapping[str, str] | None = None,
    *,
    seed: int = 0,
    deadline: int | None = None,
    tables: Sequence[TableSpec] = (),
    early: Sequence[str] = (),
    preconditions: Sequence[Precondition] = (),
    dropped: Sequence[str] = (),
    reference: Reference | None = None,
    prepared: Prepared | None = None,
) -> SimulationResult:
    """Simulate ``protocol`` on ``space`` with ``strategies`` (party or ``mediator`` -> ``"name(k=v)"``).

    ``deadline`` is in rounds (the protocol's default when None); ``tables`` and
    ``early`` (issue ids implemented early) serve ``interlocking-tables``;
    ``preconditions`` are honoured by every protocol unless ``dropped``;
    ``reference`` adds the distances to the Nash solution and the frontier;
    ``prepared`` (:func:`prepare` of the same space, tables, preconditions and
    dropped ones) reuses the per-seat work across runs without changing a transcript.
    Bad names and parameters are :class:`~accord.space.SpaceError` s naming the field.
    """
    t0 = time.perf_counter()
    spec = get_protocol(protocol)
    if deadline is not None and deadline < 1:
        raise SpaceError("deadline", f"must be at least 1 round, not {deadline}")
    rounds = spec.deadline if deadline is None else deadline
    texts = _strategy_texts(space, spec, strategies or {})
    interlocking = spec.name == "interlocking-tables"
    prep = prepared or prepare(
        space, tables=tables, preconditions=preconditions, dropped=dropped, interlocking=interlocking
    )
    if prep.space is not space:
        raise SpaceError("prepared", "was prepared for another space")
    ent = prep.entry
    rng = np.random.default_rng(seed)
    seats = {p: (d.delegation(rng) if ent.open else d.seat) for p, d in prep.drafters.items()}
    setup = Setup(
        agenda=prep.agenda,
        seats=MappingProxyType(seats),
        strategies=MappingProxyType({p: _delegate(texts[p]) for p in space.parties}),
        mediator=_mediator(texts.get("mediator", DEFAULT_MEDIATOR)),
        deadline=rounds,
        rng=rng,
        tables=prep.tables,
        early=frozenset(space.issue_index(i) for i in early),
    )
    if interlocking and ent.open:
        table_seats = {k: d.delegation(rng) for k, d in prep.table_seats().items()}
        setup = replace(setup, table_seats=MappingProxyType(table_seats))
    state = _blocked(ent) if not ent.open else _run(spec, setup)
    return _result(space, spec, setup, state, texts, seed, tuple(dropped), ent, reference, t0)


def _strategy_texts(space: Space, spec: ProtocolSpec, given: Mapping[str, str]) -> dict[str, str]:
    """Every seat's strategy text: the given ones, the defaults for the rest; unknown seats are errors."""
    seats = set(space.parties) | ({"mediator"} if spec.mediated else set())
    unknown = sorted(set(given) - seats)
    if unknown:
        raise SpaceError(
            "strategies", f"no seat {', '.join(unknown)} at {spec.name}; seats: {', '.join(sorted(seats))}"
        )
    texts = {p: given.get(p, DEFAULT_STRATEGY) for p in space.parties}
    if spec.mediated:
        texts["mediator"] = given.get("mediator", DEFAULT_MEDIATOR)
    return texts


def _delegate(text: str) -> Strategy:
    made = make_strategy(text, role="delegation")
    if not isinstance(made, Strategy):
        raise SpaceError("strategies", f"{text}: its factory made no delegation Strategy")
    return made


def _mediator(text: str) -> MediatorStrategy:
    made = make_strategy(text, role="mediator")
    if not isinstance(made, MediatorStrategy):
        raise SpaceError("strategies", f"{text}: its factory made no MediatorStrategy")
    return made


def _restricted(agenda: Agenda, ent: Entry) -> Agenda:
    """The agenda with the options conceded to meet preconditions as the only ones left."""
    if not ent.restricted:
        return agenda
    domain = list(agenda.domain)
    start = list(agenda.start)
    for i, allowed in ent.restricted.items():
        mask = domain[i].copy()
        mask[[k for k in range(len(mask)) if k not in allowed]] = False
        mask.flags.writeable = False
        domain[i] = mask
        if not mask[start[i]] and mask.any():
            start[i] = int(np.flatnonzero(mask)[0])
    return replace(agenda, domain=tuple(domain), start=tuple(start))


def _tables(space: Space, given: Sequence[TableSpec]) -> tuple[Table, ...]:
    """The tables (seated parties and issue indices); the issues of no table go to a plenary of all."""
    out, used = [], set()
    for tid, parties, issues in given:
        seated = tuple(p for p in parties if p in space.parties)
        idx = tuple(space.issue_index(i) for i in issues)
        if seated and idx:
            out.append(Table(id=tid, parties=seated, issues=idx))
            used |= set(idx)
    rest = tuple(i for i in range(len(space.issues)) if i not in used)
    if rest:
        out.append(Table(id="plenary", parties=space.parties, issues=rest))
    return tuple(out)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Prepared:
    """The part of a run's setup that no seed changes: entry, agenda, tables and each seat's drafter.

    Made by :func:`prepare`; a tournament prepares once per arena and chunk and
    passes it to every :func:`simulate` call on that space.
    """

    space: Space
    entry: Entry
    agenda: Agenda
    tables: tuple[Table, ...]
    drafters: Mapping[str, Drafter]
    table_drafters: Mapping[tuple[str, str], Drafter] | None = None

    def table_seats(self) -> Mapping[tuple[str, str], Drafter]:
        """Per table and party, the drafter of an interlocking table's delegation (made now if not kept)."""
        if self.table_drafters is not None:
            return self.table_drafters
        return _table_drafters(self.space, self.agenda, self.tables)


def prepare(
    space: Space,
    *,
    tables: Sequence[TableSpec] = (),
    preconditions: Sequence[Precondition] = (),
    dropped: Sequence[str] = (),
    interlocking: bool = True,
) -> Prepared:
    """Everything :func:`simulate` sets up before its first random draw, for runs on ``space``.

    ``interlocking`` also prepares the table delegations of ``interlocking-tables``.
    """
    ent = entry(space, preconditions, dropped)
    agenda = _restricted(Agenda.of(space), ent)
    tabs = _tables(space, tables)
    per_table = _table_drafters(space, agenda, tabs) if interlocking else None
    return Prepared(
        space=space,
        entry=ent,
        agenda=agenda,
        tables=tabs,
        drafters=MappingProxyType({p: Drafter.of(space, p, agenda) for p in space.parties}),
        table_drafters=None if per_table is None else MappingProxyType(per_table),
    )


def _table_drafters(
    space: Space, agenda: Agenda, tables: tuple[Table, ...]
) -> dict[tuple[str, str], Drafter]:
    """Per table and party, the drafter of the delegation drafting and judging the table's issues alone.

    Its utilities count the table's issues only (the rest held at the start) and its
    reservation is its BATNA's share for them: the BATNA times the share of the
    party's attainable points that the table's issues carry. The whole package is
    judged against the full BATNA at the final vote.
    """
    out = {}
    top = np.array([c.max(axis=1) for c in space.contrib])  # issues x parties
    for table in tables:
        domain = tuple(
            d if i in table.issues else np.eye(len(d), dtype=np.bool_)[agenda.start[i]]
            for i, d in enumerate(agenda.domain)
        )
        part_agenda = replace(agenda, domain=domain)
        inside = np.isin(np.arange(len(space.issues)), table.issues)
        share = top[inside].sum(axis=0) / np.maximum(top.sum(axis=0), 1e-12)
        contrib = tuple(c if inside[i] else np.zeros_like(c) for i, c in enumerate(space.contrib))
        part = replace(space, contrib=contrib, batna=space.batna * share)
        for party in table.parties:
            out[(table.id, party)] = Drafter.of(part, party, part_agenda)
    return out


def _blocked(ent: Entry) -> State:
    """No talks: one ``blocked`` event per precondition that keeps parties out."""
    events = tuple(
        Event(
            round=0,
            actor=b.holder[0] if b.holder else "",
            kind="blocked",
            to=b.parties,
            note=f"{b.precondition}: {b.reason}",
        )
        for b in ent.blocks
    )
    return State(
        round=0,
        events=events,
        phase="breakdown",
        reason="preconditions block entry: " + ", ".join(b.precondition for b in ent.blocks),
    )


def _run(spec: ProtocolSpec, setup: Setup) -> State:
    """Step the protocol until it ends (a guard bounds the steps far above any deadline)."""
    state = spec.start(setup)
    guard = 4 * (setup.deadline + 2) * max(1, len(setup.parties))
    for _ in range(guard):
        if state.phase != "running":
            return state
        state = spec.step(setup, state)
    return replace(state, phase="breakdown", reason="stopped by the step guard")


def _result(
    space: Space,
    spec: ProtocolSpec,
    setup: Setup,
    state: State,
    texts: Mapping[str, str],
    seed: int,
    dropped: tuple[str, ...],
    ent: Entry,
    reference: Reference | None,
    t0: float,
) -> SimulationResult:
    """The frozen result of a finished run, measured by the recorder."""
    offers, traj = trajectory(space, state.events)
    agreed = state.phase == "agreement" and state.outcome is not None
    utilities = space.utility(state.outcome) if agreed and state.outcome else space.batna.copy()
    ending: Ending = "agreement" if agreed else ("blocked" if ent.blocks else "breakdown")
    params = {
        "protocol": spec.name,
        "deadline": setup.deadline,
        "strategies": dict(texts),
        "dropped": list(dropped),
    }
    return SimulationResult(
        protocol=spec.name,
        parties=space.parties,
        issues=space.issues,
        strategies=texts,
        ending=ending,
        reason=state.reason,
        package=state.outcome if agreed else None,
        terms=space.package_ids(state.outcome) if agreed and state.outcome else None,
        utilities=utilities,
        batna=space.batna.copy(),
        events=state.events,
        offer_events=offers,
        trajectory=traj,
        rounds=state.round,
        deadline=setup.deadline,
        seed=seed,
        blocks=ent.blocks,
        dropped=dropped,
        distances=None if reference is None else distances(utilities, space.batna, reference),
        provenance=Provenance(
            algorithm=f"{spec.title} (simulated)",
            citation=spec.citation,
            parameters=params,
            seed=seed,
            exact=True,
            seconds=time.perf_counter() - t0,
        ),
    )
