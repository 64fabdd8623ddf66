"""Every registered delegation strategy is rational (issue #12): whatever it is offered and whenever,
it never accepts a package below its BATNA or across one of its red lines, in a vote or before."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.protocols.reference import acceptable_to
from tests.strategies import spaces

from accord.protocols import STRATEGIES, Agenda, Context, Delegation, make_strategy
from accord.space import Space

DELEGATIONS = [s.name for s in STRATEGIES if s.role == "delegation"]


@settings(max_examples=60, deadline=None)
@given(space=spaces(), name=st.sampled_from(DELEGATIONS), data=st.data())
def test_an_accepted_offer_is_above_the_batna_and_crosses_no_red_line(
    space: Space, name: str, data: st.DataObject
) -> None:
    rng = np.random.default_rng(0)
    agenda = Agenda.of(space)
    strategy = make_strategy(name)
    offers = st.tuples(*(st.integers(0, len(o) - 1) for o in space.options))
    for p, party in enumerate(space.parties):
        me = Delegation.of(space, party, agenda, rng)
        heard = tuple(data.draw(st.lists(offers, max_size=4)))
        deadline = data.draw(st.integers(1, 20))
        ctx = Context(
            round=data.draw(st.integers(1, deadline)),
            deadline=deadline,
            received=heard,
            sent=heard[:1],
            final=data.draw(st.booleans()),
            rng=rng,
        )
        for offer in data.draw(st.lists(offers, min_size=1, max_size=6)):
            if strategy.accepts(me, offer, ctx):  # type: ignore[attr-defined]
                assert acceptable_to(space, p, offer), (name, party, offer)


@settings(max_examples=40, deadline=None)
@given(space=spaces(), name=st.sampled_from(DELEGATIONS), t=st.integers(1, 10))
def test_what_a_strategy_proposes_is_a_package_of_the_agenda(space: Space, name: str, t: int) -> None:
    rng = np.random.default_rng(1)
    agenda = Agenda.of(space)
    for party in space.parties:
        me = Delegation.of(space, party, agenda, rng)
        offer = make_strategy(name).propose(me, Context(round=t, deadline=10, rng=rng))  # type: ignore[attr-defined]
        assert len(offer) == len(space.issues)
        assert all(0 <= k < len(o) for k, o in zip(offer, space.options, strict=True))
