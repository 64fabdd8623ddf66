"""Sequencing (accord.analysis.sequence) against a brute-force stage-by-stage reference sharing no code."""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from tests.analysis.reference import SETTINGS
from tests.strategies import spaces

from accord.analysis.sequence import Design, Stage, solve_sequence
from accord.space import TOL, Space


def _nash_value(
    space: Space, choices: list[list[int]], d: np.ndarray
) -> tuple[float | None, list[tuple[int, ...]]]:
    """Brute force: the largest product of surpluses over ``d`` of acceptable packages, and its argmaxes."""
    best: float | None = None
    arg: list[tuple[int, ...]] = []
    for pkg in itertools.product(*choices):
        if not space.feasible(pkg):
            continue
        s = space.utility(pkg) - d
        if not (s > TOL).all():
            continue
        prod = math.prod(float(x) for x in s)
        if best is None or prod > best + 1e-9 * max(1.0, abs(best)):
            best, arg = prod, [pkg]
        elif abs(prod - best) <= 1e-9 * max(1.0, abs(best)):
            arg.append(pkg)
    return best, arg


@st.composite
def staged(draw: st.DrawFn) -> tuple[Space, Design]:
    space = draw(spaces(max_parties=3, max_issues=5))
    sq = tuple(draw(st.sampled_from(sorted(d))) for d in space.domains)
    space = replace(space, status_quo=sq)
    n = len(space.issues)
    order = draw(st.permutations(range(n)))
    cuts = sorted(draw(st.lists(st.integers(1, max(1, n - 1)), max_size=2, unique=True))) if n > 1 else []
    groups = [tuple(order[a:b]) for a, b in zip([0, *cuts], [*cuts, n], strict=True) if order[a:b]]
    shift = tuple(draw(st.integers(-2, 2)) / 2 for _ in space.parties)
    stages = tuple(Stage(name=f"s{k}", issues=g, shift=shift if k else ()) for k, g in enumerate(groups))
    return space, Design(name="staged", title="staged", stages=stages)


@SETTINGS
@given(staged())
def test_one_stage_design_equals_the_comprehensive_nash_package(case: tuple[Space, Design]) -> None:
    space, _ = case
    one = Design(
        name="one", title="one stage", stages=(Stage(name="all", issues=tuple(range(len(space.issues)))),)
    )
    res = solve_sequence(space, designs=[one])
    comp, mine = res.designs
    best, _ = _nash_value(space, [sorted(d) for d in space.domains], space.batna)
    assert comp.stages[0].agreed == (best is not None) == mine.stages[0].agreed
    assert comp.values == mine.values and mine.versus == tuple(0.0 for _ in space.parties)
    if best is not None:
        s = np.array(mine.values) - space.batna
        assert math.isclose(math.prod(s), best, rel_tol=1e-9, abs_tol=1e-9)
    else:
        assert mine.values == tuple(float(x) for x in space.batna)


@SETTINGS
@given(staged())
def test_each_stage_equals_brute_force_given_the_agreements_before_it(case: tuple[Space, Design]) -> None:
    space, design = case
    res = solve_sequence(space, designs=[design])
    run = res.designs[1]
    agreed: dict[int, int] = {}
    for stage, got in zip(design.stages, run.stages, strict=True):
        current = [agreed.get(i, space.status_quo[i]) for i in range(len(space.issues))]
        d = space.batna.copy() if not agreed else space.utility(current)
        if agreed and stage.shift:
            d = d + np.array(stage.shift)
        assert np.allclose(got.disagreement, d)
        choices = [
            [agreed[i]]
            if i in agreed
            else (sorted(space.domains[i]) if i in stage.issues else [space.status_quo[i]])
            for i in range(len(space.issues))
        ]
        best, args = _nash_value(space, choices, d)
        assert got.agreed == (best is not None)
        if best is not None:
            assert got.package in args  # the engine's package is one of the maximisers
            agreed.update({i: got.package[i] for i in stage.issues})
    final = [agreed.get(i, space.status_quo[i]) for i in range(len(space.issues))]
    assert run.package == tuple(final)
    expected = space.utility(final) if agreed else space.batna
    assert np.allclose(run.values, expected)
    assert np.allclose(np.array(run.versus), np.array(run.values) - np.array(res.designs[0].values))


def test_issue_by_issue_is_the_default_only_with_a_status_quo() -> None:
    space = Space.from_arrays([[[0, 2], [2, 0]], [[1, 0], [0, 1]]], [0.5, 0.5])
    assert [d.design.name for d in solve_sequence(space).designs] == ["comprehensive"]
    held = replace(space, status_quo=(0, 0))
    names = [d.design.name for d in solve_sequence(held).designs]
    assert names == ["comprehensive", "issue-by-issue"]
