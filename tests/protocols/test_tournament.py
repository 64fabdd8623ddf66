"""Tournaments: the whole grid, once each, with recorded child seeds; the summary against a hand count."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import random_space

from accord.protocols import simulate
from accord.protocols.tournament import Arena, Match, MatchOutcome, child_seeds, run_tournament, summarise
from accord.space import SpaceError

PROTOCOLS = ("single-text", "alternating-offers")
STRATEGIES = ("linear", "boulware(e=0.3)")


def arenas() -> list[Arena]:
    return [
        Arena(perspective="p0", space=random_space(2, 4, 3, seed=1, batna=20.0)),
        Arena(perspective="p1", space=random_space(2, 4, 3, seed=2, batna=20.0)),
    ]


def test_the_grid_is_played_once_per_cell_and_seed() -> None:
    res = run_tournament(arenas(), PROTOCOLS, STRATEGIES, seeds=3, seed=7)
    played = sorted(
        (o.match.perspective, o.match.protocol, o.match.strategy, o.match.replicate) for o in res.outcomes
    )
    assert played == sorted(itertools.product(("p0", "p1"), PROTOCOLS, STRATEGIES, range(3)))
    assert [o.match.index for o in res.outcomes] == list(range(len(res.outcomes)))
    assert len(res.rows) == 2 * 2 * 2 and all(r.runs == 3 for r in res.rows)


def test_child_seeds_are_spawned_recorded_and_shared_across_cells() -> None:
    res = run_tournament(arenas(), PROTOCOLS, STRATEGIES, seeds=4, seed=11)
    expected = np.random.SeedSequence(11).spawn(4)
    assert [s.spawn_key for s in res.seeds] == [tuple(c.spawn_key) for c in expected]
    assert [s.seed for s in res.seeds] == [int(c.generate_state(1)[0]) for c in expected]
    assert len({s.seed for s in res.seeds}) == 4
    for o in res.outcomes:
        assert o.match.seed == res.seeds[o.match.replicate].seed


def test_every_outcome_is_the_simulation_with_its_recorded_seed() -> None:
    arena = arenas()[0]
    res = run_tournament([arena], PROTOCOLS, STRATEGIES, seeds=2, seed=3)
    for o in res.outcomes:
        m = o.match
        alone = simulate(arena.space, m.protocol, dict.fromkeys(arena.space.parties, m.strategy), seed=m.seed)
        assert alone.ending == o.ending
        assert np.array_equal(alone.utilities, o.utilities)


def test_chunking_and_executors_do_not_change_the_result() -> None:
    base = run_tournament(arenas(), PROTOCOLS, STRATEGIES, seeds=3, seed=5)
    calls: list[int] = []

    def executor(function: Any, tasks: Any) -> Any:
        calls.append(len(tasks))
        return [function(t) for t in reversed(tasks)][::-1]  # run out of order, hand back in order

    other = run_tournament(arenas(), PROTOCOLS, STRATEGIES, seeds=3, seed=5, executor=executor, chunk=1)
    assert calls == [len(base.outcomes)]
    assert [o.match for o in other.outcomes] == [o.match for o in base.outcomes]
    assert all(
        np.array_equal(a.utilities, b.utilities) for a, b in zip(base.outcomes, other.outcomes, strict=True)
    )
    assert other.rows == base.rows


def test_progress_counts_every_match() -> None:
    seen: list[int] = []
    res = run_tournament(arenas(), PROTOCOLS, STRATEGIES, seeds=2, progress=seen.append, chunk=3)
    assert sum(seen) == len(res.outcomes)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"protocols": ("nope",)}, "protocol"),
        ({"strategies": ("nope",)}, "strategies"),
        ({"strategies": ("boulware(x=1)",)}, "strategies"),
        ({"strategies": ("nash-mediator",)}, "strategies"),
        ({"seeds": 0}, "seeds"),
    ],
)
def test_bad_requests_name_the_field(kwargs: dict[str, Any], field: str) -> None:
    args: dict[str, Any] = {"protocols": PROTOCOLS, "strategies": STRATEGIES, "seeds": 1, **kwargs}
    with pytest.raises(SpaceError) as info:
        run_tournament(arenas(), args.pop("protocols"), args.pop("strategies"), **args)
    assert info.value.field == field


outcome_lists = st.lists(
    st.tuples(
        st.sampled_from(PROTOCOLS),
        st.sampled_from(STRATEGIES),
        st.booleans(),
        st.lists(st.floats(0, 100), min_size=2, max_size=2),
        st.one_of(st.none(), st.floats(0, 1)),
        st.integers(1, 60),
    ),
    min_size=1,
    max_size=30,
)


@given(outcome_lists)
@settings(max_examples=80, deadline=None)
def test_summary_matches_a_hand_count(rows: list[Any]) -> None:
    outcomes = [
        MatchOutcome(
            match=Match(index=k, protocol=p, strategy=s, perspective="x", replicate=k, seed=k),
            ending="agreement" if agreed else "breakdown",
            utilities=np.array(u),
            rounds=r,
            nash_share=share,
            frontier=None,
        )
        for k, (p, s, agreed, u, share, r) in enumerate(rows)
    ]
    summary = {(r.protocol, r.strategy): r for r in summarise(outcomes, ("A", "B"))}
    cells = {(p, s) for p, s, *_ in rows}
    assert set(summary) == cells
    for cell in cells:
        mine = [row for row in rows if (row[0], row[1]) == cell]
        got = summary[cell]
        assert got.runs == len(mine)
        assert got.agreements == sum(1 for row in mine if row[2])
        for j, party in enumerate(("A", "B")):
            assert got.mean_utilities[party] == pytest.approx(sum(row[3][j] for row in mine) / len(mine))
        shares = [row[4] for row in mine if row[4] is not None]
        assert got.nash_share == (pytest.approx(sum(shares) / len(shares)) if shares else None)
        assert got.frontier is None
        assert got.mean_rounds == pytest.approx(sum(row[5] for row in mine) / len(mine))


def test_child_seeds_of_different_roots_differ() -> None:
    assert {s.seed for s in child_seeds(0, 5)}.isdisjoint({s.seed for s in child_seeds(1, 5)})
