"""Every registered protocol with every delegation strategy: runs end by their deadline, the same seed
gives the same transcript, and nothing is agreed that a rational party may not accept (conformance)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.protocols.reference import acceptable_to
from tests.strategies import spaces

from accord.protocols import PROTOCOLS, STRATEGIES, simulate
from accord.space import Space

DELEGATIONS = [s.name for s in STRATEGIES if s.role == "delegation"]


def _tables(space: Space) -> list[tuple[str, list[str], list[str]]]:
    """Two tables: the first party with everyone on the first half of the issues, all on the rest."""
    half = max(1, len(space.issues) // 2)
    return [
        ("a", list(space.parties), list(space.issues[:half])),
        ("b", list(space.parties[:2]), list(space.issues[half:])),
    ]


@settings(max_examples=40, deadline=None)
@given(
    space=spaces(),
    protocol=st.sampled_from(PROTOCOLS.names),
    strategy=st.sampled_from(DELEGATIONS),
    seed=st.integers(0, 3),
    deadline=st.integers(1, 12),
)
def test_a_run_ends_by_its_deadline_and_agrees_only_on_what_all_may_accept(
    space: Space, protocol: str, strategy: str, seed: int, deadline: int
) -> None:
    res = simulate(
        space,
        protocol,
        {p: strategy for p in space.parties},
        seed=seed,
        deadline=deadline,
        tables=_tables(space),
    )
    assert res.ending in ("agreement", "breakdown")
    assert res.rounds <= deadline + 1
    assert all(e.round <= deadline + 1 for e in res.events)
    assert res.events[-1].kind in ("agreement", "breakdown")
    if res.agreed:
        assert res.package is not None
        for p in range(len(space.parties)):
            assert acceptable_to(space, p, res.package)
        np.testing.assert_allclose(
            res.utilities,
            [
                sum(space.contrib[i][p, k] for i, k in enumerate(res.package))
                for p in range(len(space.parties))
            ],
        )
    else:
        np.testing.assert_array_equal(res.utilities, space.batna)


@settings(max_examples=15, deadline=None)
@given(space=spaces(max_issues=4), protocol=st.sampled_from(PROTOCOLS.names), seed=st.integers(0, 1000))
def test_the_same_seed_gives_the_same_transcript(space: Space, protocol: str, seed: int) -> None:
    a = simulate(space, protocol, {space.parties[0]: "boulware"}, seed=seed, tables=_tables(space))
    b = simulate(space, protocol, {space.parties[0]: "boulware"}, seed=seed, tables=_tables(space))
    assert a.events == b.events
    assert a.ending == b.ending and a.package == b.package


@settings(max_examples=25, deadline=None)
@given(space=spaces(), protocol=st.sampled_from(PROTOCOLS.names), strategy=st.sampled_from(DELEGATIONS))
def test_no_party_accepts_or_votes_for_a_package_below_its_batna_or_across_a_red_line(
    space: Space, protocol: str, strategy: str
) -> None:
    res = simulate(
        space, protocol, {p: strategy for p in space.parties}, seed=1, deadline=10, tables=_tables(space)
    )
    for e in res.events:
        # At an interlocking table an accept is provisional (nothing is agreed until everything
        # is): it weighs that table's issues against the table's share of the BATNA, and binds no
        # one; the binding acceptance there is the final vote on the whole package, checked here.
        provisional = protocol == "interlocking-tables" and e.kind == "accept" and bool(e.table)
        if e.kind in ("accept", "vote") and e.accepted and not provisional:
            assert e.package is not None
            assert acceptable_to(space, space.parties.index(e.actor), e.package), e


@pytest.mark.parametrize("protocol", PROTOCOLS.names)
def test_every_protocol_declares_what_the_docs_list(protocol: str) -> None:
    spec = PROTOCOLS.get(protocol)
    assert spec.title and spec.citation and spec.summary and spec.deadline >= 1


def test_a_hard_liner_facing_a_hard_liner_breaks_down_when_their_best_packages_differ() -> None:
    # Textbook case (Raiffa 1982, ch. 4): two parties each insisting on their own favourite.
    space = Space.from_arrays([[[10.0, 0.0], [0.0, 10.0]]], [1.0, 1.0])
    res = simulate(space, "alternating-offers", {"P1": "hard-liner", "P2": "hard-liner"}, deadline=5)
    assert res.ending == "breakdown" and "deadline" in res.reason


def test_two_conceders_agree_where_a_zone_of_agreement_exists() -> None:
    space = Space.from_arrays([[[10.0, 6.0, 0.0], [0.0, 6.0, 10.0]]], [2.0, 2.0])
    res = simulate(space, "alternating-offers", {"P1": "conceder", "P2": "conceder"}, deadline=20)
    assert res.agreed and res.package == (1,)
