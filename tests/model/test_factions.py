"""Factions with weights: the aggregate profile against a brute-force weighted mean."""

from __future__ import annotations

import itertools
from types import MappingProxyType as M

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.model import (
    Faction,
    Issue,
    ModelError,
    Option,
    Party,
    Profile,
    RedLine,
    Role,
    aggregate_factions,
    complete_values,
    weighted_factions,
)

ISSUES = (
    Issue(id="x", title="X", options=(Option(id="a"), Option(id="b"), Option(id="c"))),
    Issue(id="y", title="Y", options=(Option(id="d"), Option(id="e"))),
    Issue(id="z", title="Z", options=(Option(id="f"), Option(id="g"))),
)
BY_ID = {i.id: i for i in ISSUES}


def utility(prof: Profile, package: dict[str, str]) -> float:
    total = sum(prof.weights.values())
    return (
        sum(
            w * complete_values(BY_ID[i], prof.values[i])[BY_ID[i].index(package[i])]
            for i, w in prof.weights.items()
        )
        / total
    )


@st.composite
def faction_profile(draw: st.DrawFn, faction: str) -> Profile:
    weighted = draw(st.lists(st.sampled_from(ISSUES), min_size=1, unique_by=lambda i: i.id))
    return Profile(
        party="P",
        faction=faction,
        perspective="base",
        weights=M({i.id: float(draw(st.integers(1, 9))) for i in weighted}),
        values=M({i.id: M({o: float(draw(st.integers(0, 100))) for o in i.option_ids}) for i in weighted}),
        batna=float(draw(st.integers(0, 100))),
        red_lines=tuple(
            RedLine(terms={"x": (o,)}) for o in draw(st.lists(st.sampled_from(["a", "b", "c"]), unique=True))
        ),
    )


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_the_aggregate_is_the_weighted_mean_of_the_factions(data: st.DataObject) -> None:
    n = data.draw(st.integers(1, 3))
    weights = [float(data.draw(st.integers(1, 5))) for _ in range(n)]
    party = Party(
        id="P",
        name="P",
        role=Role.BELLIGERENT,
        factions=tuple(Faction(id=f"F{k}", weight=w) for k, w in enumerate(weights)),
    )
    profs = [data.draw(faction_profile(f"F{k}")) for k in range(n)]
    shares = [w / sum(weights) for w in weights]
    assert [s for _, s in weighted_factions(party)] == pytest.approx(shares)
    agg = aggregate_factions(party, list(zip(profs, shares, strict=True)), BY_ID, "base")
    assert agg.derived_from == tuple(p.holder for p in profs) and agg.faction is None
    assert agg.batna == pytest.approx(sum(s * p.batna for p, s in zip(profs, shares, strict=True)))
    for combo in itertools.product(*(i.option_ids for i in ISSUES)):
        pkg = dict(zip(BY_ID, combo, strict=True))
        expected = sum(s * utility(p, pkg) for p, s in zip(profs, shares, strict=True))
        assert utility(agg, pkg) == pytest.approx(expected, abs=1e-9)
        held = sum(
            s for p, s in zip(profs, shares, strict=True) if any(rl.crossed_by(pkg) for rl in p.red_lines)
        )
        # every red line here bars one option of x; the aggregate keeps those a weight majority holds
        for o in ("a", "b", "c"):
            support = sum(
                s
                for p, s in zip(profs, shares, strict=True)
                if any(rl.text() == f"x={o}" for rl in p.red_lines)
            )
            kept = any(rl.text() == f"x={o}" and rl.origin == "factions" for rl in agg.red_lines)
            assert kept == (support > 0.5 + 1e-9)
        assert held >= 0


def test_a_faction_weight_must_be_positive() -> None:
    for bad in (0, -1.0, float("nan"), float("inf")):
        with pytest.raises(ModelError, match="weight"):
            Faction(id="F", weight=bad)
    assert weighted_factions(Party(id="P", name="P", role=Role.MEDIATOR, factions=(Faction(id="F"),))) == ()
