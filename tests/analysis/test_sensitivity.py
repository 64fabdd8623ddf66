"""Flip distances (accord.analysis.sensitivity) against brute force: perturb one estimate, re-evaluate.

The reference recomputes the utility from raw weights and values (not from the
space's ``contrib``) and shares no code with the closed forms.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from reference import SETTINGS

from accord.analysis.sensitivity import FlipDistances, flip_distances, party_flip_distances
from accord.numeric import TOL
from accord.space import Space


@dataclass(frozen=True)
class Instance:
    """Raw estimates of one party and one package: weights, the package's values, BATNA."""

    weights: np.ndarray  # raw, positive
    values: np.ndarray  # v_i(x_i) on 0-100
    batna: float

    def accepts(self, weights: np.ndarray | None = None, values: np.ndarray | None = None,
                batna: float | None = None) -> bool:  # fmt: skip
        w = self.weights if weights is None else weights
        v = self.values if values is None else values
        b = self.batna if batna is None else batna
        return float(np.dot(w, v) / w.sum()) - b > TOL

    def space(self) -> Space:
        """A one-party space whose only package (every issue at option 0) is this instance."""
        n = len(self.weights)
        w = self.weights / self.weights.sum()
        contrib = [np.array([[w[i] * self.values[i], 0.0]]) for i in range(n)]
        return Space(
            issues=tuple(f"i{i}" for i in range(n)),
            options=tuple(("a", "b") for _ in range(n)),
            parties=("P",),
            contrib=contrib,
            batna=np.array([self.batna]),
            weights=w.reshape(1, n),
            value_spread=np.array([5.0]),
            batna_spread=np.array([10.0]),
            weight_spread=np.array([0.25]),
        )


@st.composite
def instances(draw: st.DrawFn) -> Instance:
    n = draw(st.integers(1, 5))
    weights = np.array([draw(st.integers(1, 10)) for _ in range(n)], dtype=float)
    values = np.array([draw(st.integers(0, 100)) for _ in range(n)], dtype=float)
    batna = float(draw(st.integers(0, 100)))
    return Instance(weights, values, batna)


def _flips(inst: Instance) -> FlipDistances:
    space = inst.space()
    return party_flip_distances(space, 0, (0,) * len(space.issues))


EPS = 1e-6


@given(instances())
@SETTINGS
def test_batna_and_value_distances_flip_exactly_there(inst: Instance) -> None:
    f = _flips(inst)
    ok = inst.accepts()
    up = 1.0 if ok else -1.0  # an acceptance flips when the BATNA rises, a rejection when it falls
    if f.batna > 10 * EPS:
        assert inst.accepts(batna=inst.batna + up * f.batna * (1 - EPS)) == ok
    assert inst.accepts(batna=inst.batna + up * (f.batna + 10 * EPS)) != ok
    # Values: one uniform shift of every value of the package, the other way.
    if f.values > 10 * EPS:
        assert inst.accepts(values=inst.values - up * f.values * (1 - EPS)) == ok
    assert inst.accepts(values=inst.values - up * (f.values + 10 * EPS)) != ok


def _weight_flips(inst: Instance, j: int, factor: float) -> bool:
    w = inst.weights.copy()
    w[j] *= factor
    return inst.accepts(weights=w) != inst.accepts()


@given(instances())
@example(Instance(np.array([1.0]), np.array([64.0]), 64.0))  # one issue at its BATNA: no weight moves u
@example(Instance(np.array([1.0, 3.0]), np.array([40.0, 60.0]), 55.0))  # an exact tie
@example(Instance(np.array([8.0, 1.0, 2.0, 7.0]), np.array([100.0, 44.0, 19.0, 72.0]), 77.0))  # tie
@example(Instance(np.array([1.0, 1.0]), np.array([0.0, 90.0]), 45.0))  # tie
@SETTINGS
def test_weight_distance_is_the_smallest_single_weight_change(inst: Instance) -> None:
    f = _flips(inst)
    if f.weight is None:
        return
    j = int(f.weight.issue[1:])
    step = f.weight.factor - 1.0
    # Just beyond the factor the verdict flips.
    # As below: at an exact tie the step is about 1e-10, so the margin has a 1e-12 floor.
    beyond = 1.0 + step + np.sign(step) * max(abs(step) * 1e-6, 1e-12)
    if beyond > 0:
        assert _weight_flips(inst, j, beyond)
    # No issue's weight flips it by a smaller change: u is monotone in one weight's
    # factor, so checking both ends of the smaller interval covers the interval.
    # The margin is at least 1e-12 absolute: at an exact tie the change is about 1e-10,
    # and a relative margin of 1e-6 would be below the resolution of floats near 1.
    limit = f.weight.change - max(f.weight.change * 1e-6, 1e-12)
    for i in range(len(inst.weights)):
        for factor in (1 + limit, 1 - limit):
            if factor > 0:
                assert not _weight_flips(inst, i, factor), (i, factor)


@given(instances())
@example(Instance(np.array([1.0]), np.array([64.0]), 64.0))
@SETTINGS
def test_no_weight_flip_means_no_factor_flips(inst: Instance) -> None:
    f = _flips(inst)
    if f.weight is not None:
        return
    for j in range(len(inst.weights)):
        for factor in (1e-6, 0.01, 0.5, 2.0, 100.0, 1e6):
            assert not _weight_flips(inst, j, factor)


def test_red_line_is_named_and_decisive() -> None:
    from accord.model.logic import Clause, Member

    rl = Clause((Member(0, frozenset({1})),), "red line of P: no a")  # forbids option 0 of issue 0
    space = Space.from_arrays([[[80.0, 20.0]]], [10.0], red_lines=[[rl]])
    (f,) = flip_distances(space, (0,))
    assert f.red_lines == ("red line of P: no a",)
    assert f.decisive == "red line"
    assert not f.accepted
    assert not f.weights_known


def test_decisive_is_the_smallest_distance_relative_to_its_spread() -> None:
    inst = Instance(np.array([1.0, 1.0]), np.array([60.0, 40.0]), 45.0)
    f = _flips(inst)
    # margin 5: BATNA 5/10, values 5/5, weight change |5/7.5| = 0.667 of 0.25.
    assert f.margin == pytest.approx(5.0)
    assert f.ratios()["batna"] == pytest.approx(0.5)
    assert f.decisive == "batna"
    assert f.weight is not None and f.weight.issue == "i0"
    assert f.weight.factor == pytest.approx(1 - 5.0 / 7.5)
