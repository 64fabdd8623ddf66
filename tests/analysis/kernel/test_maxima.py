"""The dominance filter (accord.analysis.kernel.maxima) against the definition."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.analysis.reference import (
    pareto,
    same_vectors,
)

from accord.analysis.kernel.maxima import maxima


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 6).flatmap(
        lambda k: st.lists(st.lists(st.integers(0, 4), min_size=k, max_size=k), min_size=1, max_size=900)
    ),
    st.booleans(),
)
def test_maxima_equal_the_definition(rows: list[list[int]], jitter: bool) -> None:
    """Maxima of integer points, optionally with rounding-sized noise that must not matter."""
    pts = np.array(rows, dtype=float)
    noisy = pts + (np.random.default_rng(len(rows)).random(pts.shape) * 1e-12 if jitter else 0.0)
    got = noisy[maxima(noisy)]
    assert same_vectors(pareto(pts), np.round(got))


@settings(max_examples=120, deadline=None)
@given(st.integers(3, 5), st.integers(100, 700), st.integers(0, 2**32 - 1), st.sampled_from([0, 1, 2]))
def test_maxima_with_many_distinct_values_equal_the_definition(
    k: int, n: int, seed: int, digits: int
) -> None:
    """Many distinct values per coordinate: the 3-D merge sweep and the k-D bitset sweep
    (few values go level by level instead, covered above). One index per distinct vector,
    the lowest among equals; ``digits`` sets how many ties there are."""
    rng = np.random.default_rng(seed)
    pts = np.round(rng.random((n, k)) * 100, digits)
    if seed % 2:
        pts[:, -1] = np.round(300 - pts[:, :-1].sum(axis=1) + rng.random(n) * 20, digits)  # many maxima
    idx = maxima(pts + rng.random(pts.shape) * 1e-12)
    want = pareto(pts)
    assert len(idx) == len(want) and same_vectors(want, pts[idx])
    for i in idx:
        assert i == np.nonzero((pts == pts[i]).all(axis=1))[0].min()
