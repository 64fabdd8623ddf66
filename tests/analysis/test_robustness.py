"""Robustness engine: zero spread gives the deterministic verdict; Sobol indices against closed forms.

References share no code with the engine: verdicts are recomputed from the space's
arrays and clauses, probabilities and Sobol indices of a product of independent
Bernoulli indicators come from their closed forms, and the Wilson interval from
its published values.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.analysis.robustness import (
    ChunkCounts,
    ChunkTask,
    OpenForms,
    build_model,
    run_chunk,
    solve_robustness,
    wilson_interval,
)
from accord.numeric import TOL
from accord.space import Space
from strategies import spaces

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def spaces_with_plans(draw: st.DrawFn) -> tuple[Space, dict[str, tuple[int, ...]]]:
    space = draw(spaces(max_parties=3, max_issues=4))
    n_plans = draw(st.integers(1, 4))
    plans = {f"x{m}": tuple(draw(st.integers(0, len(o) - 1)) for o in space.options) for m in range(n_plans)}
    return space, plans


def reference_verdict(space: Space, package: Sequence[int], p: int) -> bool:
    utility = 0.0
    for i, k in enumerate(package):
        utility = utility + float(space.contrib[i][p, k])
    crossed = any(not clause.satisfied_by(package) for clause in space.red_lines[p])
    return utility - float(space.batna[p]) > TOL and not crossed


def with_spreads(space: Space, values: Sequence[float], batna: Sequence[float]) -> Space:
    return dataclasses.replace(
        space, value_spread=np.array(values, dtype=float), batna_spread=np.array(batna, dtype=float)
    )


@SETTINGS
@given(case=spaces_with_plans(), seed=st.integers(0, 2**32), samples=st.integers(1, 300))
def test_zero_spread_gives_the_deterministic_verdict(
    case: tuple[Space, dict[str, tuple[int, ...]]], seed: int, samples: int
) -> None:
    space, plans = case
    res = solve_robustness(space, plans=plans, samples=samples, seed=seed, chunk_size=64)
    for row, package in zip(res.plans, plans.values(), strict=True):
        expected = [reference_verdict(space, package, p) for p in range(len(space.parties))]
        assert list(row.accept) == [1.0 if e else 0.0 for e in expected]
        assert row.all == (1.0 if all(expected) else 0.0)
        assert list(row.verdict) == expected
        # No variance: no index to report.
        assert all(t is None for t in row.total)


@SETTINGS
@given(
    case=spaces_with_plans(),
    seed=st.integers(0, 2**32),
    spreads=st.lists(st.floats(0, 5), min_size=6, max_size=6),
)
def test_probabilities_are_bounded_and_all_is_at_most_each(
    case: tuple[Space, dict[str, tuple[int, ...]]], seed: int, spreads: list[float]
) -> None:
    space, plans = case
    k = len(space.parties)
    space = with_spreads(space, spreads[:k], spreads[3 : 3 + k])
    res = solve_robustness(space, plans=plans, samples=200, seed=seed, chunk_size=70)
    for row in res.plans:
        assert all(0.0 <= a <= 1.0 for a in row.accept)
        assert 0.0 <= row.all <= min(row.accept)
        lo, hi = row.all_interval
        assert 0.0 <= lo <= row.all <= hi <= 1.0
        for p, (a, (lo, hi)) in enumerate(zip(row.accept, row.accept_interval, strict=True)):
            assert lo <= a <= hi
            if row.red_lines[p]:  # structural: never sampled away
                assert a == 0.0


def reversed_executor(function, tasks) -> Iterable[ChunkCounts]:  # type: ignore[no-untyped-def]
    done = {id(t): function(t) for t in reversed(tasks)}
    return [done[id(t)] for t in tasks]


@SETTINGS
@given(case=spaces_with_plans(), seed=st.integers(0, 2**32))
def test_same_seed_same_result_whatever_runs_the_chunks(
    case: tuple[Space, dict[str, tuple[int, ...]]], seed: int
) -> None:
    space, plans = case
    space = with_spreads(space, [3.0] * len(space.parties), [2.0] * len(space.parties))
    a = solve_robustness(space, plans=plans, samples=250, seed=seed, chunk_size=40)
    b = solve_robustness(
        space, plans=plans, samples=250, seed=seed, chunk_size=40, executor=reversed_executor
    )
    assert a.plans == b.plans
    assert a.provenance.parameters == b.provenance.parameters
    assert a.provenance.seed == seed and a.chunks == 7


def test_child_seeds_are_spawned_and_recorded() -> None:
    space = Space.from_arrays([[[50.0], [50.0]]], [50.0, 44.0])
    res = solve_robustness(space, samples=25, seed=9, chunk_size=10)
    assert res.chunks == 3
    assert res.provenance.parameters["child_seeds"] == {"entropy": 9, "spawn_keys": [[0], [1], [2]]}


def test_a_chunk_draws_from_its_child_seed_only() -> None:
    space = with_spreads(Space.from_arrays([[[50.0], [50.0]]], [50.0, 44.0]), [4.0, 4.0], [10.0, 10.0])
    res = solve_robustness(space, samples=10, seed=5, chunk_size=10)
    model_task = ChunkTask(
        model=build_model(space, [(0,)]),
        n=10,
        seed=np.random.SeedSequence(5).spawn(1)[0],
        sensitivity=True,
    )
    counts = run_chunk(model_task)
    assert res.plans[0].all == counts.all[0] / 10


def test_probability_and_sobol_indices_match_closed_forms() -> None:
    # Two parties, one plan worth 50 to each; only the BATNAs are unsure:
    # BATNA_1 ~ U(40, 60) (accepts with q1 = 1/2), BATNA_2 ~ U(34, 54) (q2 = 0.8).
    # f = A1 * A2, independent Bernoulli: V = q1 q2 (1 - q1 q2);
    # S_1 = q2^2 q1 (1 - q1) / V, S_T1 = q2 q1 (1 - q1) / V (and symmetrically).
    space = with_spreads(Space.from_arrays([[[50.0], [50.0]]], [50.0, 44.0]), [0.0, 0.0], [10.0, 10.0])
    res = solve_robustness(space, samples=200_000, seed=1)
    q1, q2 = 0.5, 0.8
    v = q1 * q2 * (1 - q1 * q2)
    row = res.plans[0]
    assert row.accept == pytest.approx((q1, q2), abs=0.005)
    assert row.all == pytest.approx(q1 * q2, abs=0.005)
    groups = {g: k for k, g in enumerate(res.groups)}
    b1, b2 = groups[("P1", "batna")], groups[("P2", "batna")]
    assert row.first_order[b1] == pytest.approx(q2**2 * q1 * (1 - q1) / v, abs=0.02)
    assert row.total[b1] == pytest.approx(q2 * q1 * (1 - q1) / v, abs=0.02)
    assert row.first_order[b2] == pytest.approx(q1**2 * q2 * (1 - q2) / v, abs=0.02)
    assert row.total[b2] == pytest.approx(q1 * q2 * (1 - q2) / v, abs=0.02)
    for kind in ("values", "weights"):  # no spread: no share of the variance
        for party in ("P1", "P2"):
            assert row.first_order[groups[(party, kind)]] == 0.0
            assert row.total[groups[(party, kind)]] == 0.0


def test_value_spread_on_a_weighted_space_keeps_values_in_range() -> None:
    # A one-issue space with weights: the value 99 with spread 10 is clipped to 100 at most,
    # so against a BATNA of 100 no draw is acceptable.
    space = dataclasses.replace(
        Space.from_arrays([[[99.0]]], [100.0]),
        weights=np.array([[1.0]]),
        value_spread=np.array([10.0]),
        weight_spread=np.array([0.5]),
    )
    res = solve_robustness(space, samples=2_000, seed=3)
    assert res.plans[0].accept == (0.0,)


def test_wilson_interval_matches_published_values() -> None:
    # Newcombe (1998), Statistics in Medicine 17, Table I: 5/10 -> 0.2366-0.7634; 0/10 -> 0-0.2775.
    assert wilson_interval(5, 10) == pytest.approx((0.2366, 0.7634), abs=1e-4)
    assert wilson_interval(0, 10) == pytest.approx((0.0, 0.2775), abs=1e-4)
    assert wilson_interval(10, 10) == pytest.approx((0.7225, 1.0), abs=1e-4)


def test_bad_sample_counts_are_refused() -> None:
    space = Space.from_arrays([[[1.0]]], [0.0])
    with pytest.raises(ValueError, match="samples"):
        solve_robustness(space, samples=0)
    with pytest.raises(ValueError, match="chunk_size"):
        solve_robustness(space, samples=5, chunk_size=0)


@SETTINGS
@given(case=spaces_with_plans(), seed=st.integers(0, 2**32))
def test_a_plan_gets_the_same_numbers_alone_or_among_others(
    case: tuple[Space, dict[str, tuple[int, ...]]], seed: int
) -> None:
    # Every chunk draws every option of every party, whatever the plans: the draws a
    # plan sees do not depend on which other plans are sampled with it.
    space, plans = case
    space = with_spreads(space, [4.0] * len(space.parties), [3.0] * len(space.parties))
    together = solve_robustness(space, plans=plans, samples=120, seed=seed, chunk_size=50)
    name = next(iter(plans))
    alone = solve_robustness(space, plans={name: plans[name]}, samples=120, seed=seed, chunk_size=50)
    assert alone.plans[0] == together.plans[0]


# -- plans in several forms (open forms) -------------------------------------------------


@st.composite
def spaces_with_forms(draw: st.DrawFn) -> tuple[Space, dict[str, OpenForms]]:
    """Plans each given by 1-3 forms (random packages; a form is just a complete package)."""
    space = draw(spaces(max_parties=3, max_issues=4))
    plans: dict[str, OpenForms] = {}
    for m in range(draw(st.integers(1, 3))):
        forms = draw(
            st.lists(
                st.tuples(*(st.integers(0, len(o) - 1) for o in space.options)),
                min_size=1,
                max_size=3,
                unique=True,
            )
        )
        plans[f"x{m}"] = OpenForms(packages=tuple(forms), issues=tuple(range(len(space.issues))))
    return space, plans


@SETTINGS
@given(case=spaces_with_forms(), seed=st.integers(0, 2**32), samples=st.integers(1, 300))
def test_zero_spread_with_open_forms_gives_the_share_of_forms_drawn(
    case: tuple[Space, dict[str, OpenForms]], seed: int, samples: int
) -> None:
    """No spread: one form gives exactly 0 or 1 (the verdict); several, a share between their verdicts."""
    space, plans = case
    res = solve_robustness(space, plans=plans, samples=samples, seed=seed, chunk_size=64)
    for row, spec in zip(res.plans, plans.values(), strict=True):
        verdicts = [
            [reference_verdict(space, f, p) for p in range(len(space.parties))] for f in spec.packages
        ]
        every = [all(v[p] for v in verdicts) for p in range(len(space.parties))]
        assert list(row.verdict) == every
        for form, v in zip(row.forms, verdicts, strict=True):
            assert list(form.verdict) == v
            assert list(form.accept) == [1.0 if x else 0.0 for x in v]  # given the form: exact
            assert form.all == (1.0 if all(v) else 0.0)
        if len(spec.packages) == 1:
            assert list(row.accept) == [1.0 if x else 0.0 for x in verdicts[0]]
            assert row.all == (1.0 if all(verdicts[0]) else 0.0)
        else:  # a mix of the forms' verdicts, bounded by the best and worst form
            for p in range(len(space.parties)):
                lo, hi = min(v[p] for v in verdicts), max(v[p] for v in verdicts)
                assert float(lo) <= row.accept[p] <= float(hi)


def test_open_forms_are_drawn_uniformly() -> None:
    """Zero spread, one party; forms acceptable and not: the share accepted estimates 1/2 and 2/3."""
    space = Space.from_arrays([[[10.0, 90.0, 80.0]]], [50.0])
    plans = {
        "half": OpenForms(packages=((0,), (1,)), issues=(0,)),
        "two-thirds": OpenForms(packages=((0,), (1,), (2,)), issues=(0,)),
    }
    res = solve_robustness(space, plans=plans, samples=40_000, seed=5, sensitivity=False)
    half, thirds = res.plans
    assert half.all_interval[0] < 0.5 < half.all_interval[1]
    assert thirds.all_interval[0] < 2 / 3 < thirds.all_interval[1]
    assert res.groups[-1] == ("", "form")


def test_the_form_is_the_only_driver_when_only_the_form_varies() -> None:
    """No spread, two forms, one acceptable: all of the variance is the form's (total index 1)."""
    space = Space.from_arrays([[[10.0, 90.0], [90.0, 80.0]]], [50.0, 50.0])
    res = solve_robustness(
        space,
        plans={"p": OpenForms(packages=((0,), (1,)), issues=(0,))},
        samples=4_000,
        seed=3,
        chunk_size=1_000,
    )
    row = res.plans[0]
    form = res.groups.index(("", "form"))
    assert row.total[form] == pytest.approx(1.0, abs=0.05)
    assert row.first_order[form] == pytest.approx(1.0, abs=0.1)
    assert all(t == pytest.approx(0.0, abs=1e-12) for g, t in enumerate(row.total) if g != form)


def test_plans_without_open_forms_draw_nothing_more() -> None:
    """A single package and a one-form OpenForms give identical counts: no form is drawn."""
    space = with_spreads(Space.from_arrays([[[10.0, 90.0], [90.0, 80.0]]], [50.0, 50.0]), [20, 20], [10, 10])
    one = solve_robustness(space, plans={"p": (1,)}, samples=2_000, seed=9)
    wrapped = solve_robustness(
        space, plans={"p": OpenForms(packages=((1,),), issues=(0,))}, samples=2_000, seed=9
    )
    assert one.plans[0].all == wrapped.plans[0].all and one.plans[0].total == wrapped.plans[0].total


@SETTINGS
@given(case=spaces_with_forms(), seed=st.integers(0, 2**32))
def test_open_forms_same_seed_same_result_whatever_runs_the_chunks(
    case: tuple[Space, dict[str, OpenForms]], seed: int
) -> None:
    space, plans = case
    space = with_spreads(space, [3.0] * len(space.parties), [4.0] * len(space.parties))
    here = solve_robustness(space, plans=plans, samples=500, seed=seed, chunk_size=97)
    there = solve_robustness(
        space, plans=plans, samples=500, seed=seed, chunk_size=97, executor=reversed_executor
    )
    assert here.plans == there.plans
