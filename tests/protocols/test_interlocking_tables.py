"""Interlocking tables (USIP 2022) under nothing-agreed-until-everything-agreed (Pickering 2022)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import spaces

from accord.protocols import simulate
from accord.space import Space


@settings(max_examples=40, deadline=None)
@given(space=spaces(max_issues=6), seed=st.integers(0, 20), strategy=st.sampled_from(["conceder", "linear"]))
def test_nothing_is_agreed_at_a_table_before_everything_is(space: Space, seed: int, strategy: str) -> None:
    half = max(1, len(space.issues) // 2)
    tables = [("t1", space.parties, space.issues[:half]), ("t2", space.parties[:2], space.issues[half:])]
    early = space.issues[:1]
    res = simulate(
        space,
        "interlocking-tables",
        {p: strategy for p in space.parties},
        seed=seed,
        tables=tables,
        early=early,
    )
    ids = {t for t, _, issues in tables if issues}
    provisional: dict[str, tuple[int, ...]] = {}
    for e in res.events:
        if e.kind == "provisional":
            provisional[e.table] = e.package or ()
        if e.kind == "implement":
            assert e.table in provisional  # early items only once their table agreed provisionally
            assert set(e.issues) <= set(early)
        if e.kind in ("vote", "agreement"):
            assert set(provisional) == ids  # the whole is voted only when every table agreed
    if res.agreed:
        assert res.package is not None
        for t, _, issues in tables:
            for issue in issues:
                i = space.issues.index(issue)
                assert res.package[i] == provisional[t][i]
