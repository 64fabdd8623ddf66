"""Preconditions to enter talks (Rai 2023): text-only ones block their holders until dropped; terms are
conceded before the talks and honoured by every protocol; a concession crossing a red line blocks."""

from __future__ import annotations

import pytest

from accord.model.logic import conjunction_forbidden
from accord.protocols import PROTOCOLS, Precondition, entry, simulate
from accord.space import Space

SPACE = Space.from_arrays(
    [[[10.0, 5.0, 0.0], [0.0, 5.0, 10.0]], [[3.0, 0.0], [0.0, 3.0]]],
    [1.0, 1.0],
    parties=["A", "B"],
    issues=["land", "trade"],
    options=[["a", "mid", "b"], ["x", "y"]],
    red_lines=[[], [conjunction_forbidden([(0, frozenset({0}))], [3, 2], "B: never a")]],
)


def test_a_text_precondition_blocks_its_holder_until_dropped() -> None:
    pre = [Precondition(id="decree", holder=("A",), condition="not with this government")]
    res = simulate(SPACE, "single-text", preconditions=pre)
    assert res.ending == "blocked" and [e.kind for e in res.events] == ["blocked"]
    assert [(b.precondition, b.parties) for b in res.blocks] == [("decree", ("A",))]
    again = simulate(SPACE, "single-text", preconditions=pre, dropped=["decree"])
    assert again.ending != "blocked" and not again.blocks


@pytest.mark.parametrize("protocol", PROTOCOLS.names)
def test_every_protocol_honours_the_terms_conceded_to_enter(protocol: str) -> None:
    pre = [Precondition(id="first", holder=("B",), requires={"trade": ("y",)})]
    res = simulate(SPACE, protocol, {"A": "conceder", "B": "conceder"}, preconditions=pre, deadline=20)
    offered = [e.package for e in res.events if e.package is not None]
    assert offered and all(p[1] == 1 for p in offered)


def test_conceding_terms_across_another_party_s_red_line_blocks_that_party() -> None:
    pre = [Precondition(id="land-first", holder=("A",), requires={"land": ("a",)})]
    ent = entry(SPACE, pre)
    assert [(b.precondition, b.parties) for b in ent.blocks] == [("land-first", ("B",))]
    assert simulate(SPACE, preconditions=pre).ending == "blocked"
