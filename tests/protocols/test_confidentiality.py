"""Confidentiality by construction (Pickering 2022): a delegation holds only its own profile, and
nothing another delegation reported ever reaches it in the message flow."""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import spaces

from accord.protocols import Agenda, Delegation, Report, simulate
from accord.space import Space


def _poisoned(space: Space, keep: int) -> Space:
    """``space`` with every other party's utilities and BATNA replaced by NaN."""
    contrib = []
    for c in space.contrib:
        c = c.copy()
        c[np.arange(len(space.parties)) != keep] = np.nan
        contrib.append(c)
    batna = np.where(np.arange(len(space.parties)) == keep, space.batna, np.nan)
    return dataclasses.replace(space, contrib=tuple(contrib), batna=batna)


@settings(max_examples=30, deadline=None)
@given(space=spaces(), seed=st.integers(0, 50))
def test_a_delegation_is_built_from_its_own_row_alone(space: Space, seed: int) -> None:
    for p, party in enumerate(space.parties):
        seat = Delegation.of(space, party, Agenda.of(space), np.random.default_rng(seed))
        blind = Delegation.of(_poisoned(space, p), party, Agenda.of(space), np.random.default_rng(seed))
        assert np.isfinite(blind.table).all() and np.isfinite(blind.batna)
        np.testing.assert_array_equal(seat.table, blind.table)
        np.testing.assert_array_equal(seat.pool, blind.pool)


PRIMITIVE = (int, str, bool, type(None))


def _plain(value: object) -> bool:
    """Only ids, option indices and yes/no: no number a profile holds, no report."""
    if isinstance(value, tuple):
        return all(_plain(v) for v in value)
    return isinstance(value, PRIMITIVE) and not isinstance(value, Report)


@settings(max_examples=30, deadline=None)
@given(space=spaces(), protocol=st.sampled_from(["proximity", "single-text"]), seed=st.integers(0, 20))
def test_what_a_delegation_hears_holds_no_private_number(space: Space, protocol: str, seed: int) -> None:
    res = simulate(space, protocol, {p: "everything-on-the-table" for p in space.parties}, seed=seed)
    for e in res.events:
        for f in dataclasses.fields(e):
            assert _plain(getattr(e, f.name)), (e, f.name)
        if e.kind in ("report", "criticism"):
            assert e.to == ("mediator",)  # what a delegation tells goes to the mediator only
        if e.kind in ("idea", "accept", "reject") and protocol == "proximity":
            assert len(e.to) == 1  # one room at a time


@settings(max_examples=20, deadline=None)
@given(space=spaces(max_parties=3), seed=st.integers(0, 20))
def test_in_proximity_talks_no_delegation_hears_another_rooms_ideas(space: Space, seed: int) -> None:
    res = simulate(space, "proximity", seed=seed)
    for e in res.events:
        if e.kind == "idea":
            assert e.actor == "mediator" and len(e.to) == 1 and e.to[0] in space.parties
        if e.kind in ("accept", "reject"):
            assert e.to == ("mediator",)
