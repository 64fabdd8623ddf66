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


@settings(max_examples=80, deadline=None)
@given(
    st.integers(2, 5),
    st.integers(1, 600),
    st.integers(0, 2**32 - 1),
    st.sampled_from([0, 1, 3]),
    st.booleans(),
)
def test_every_sweep_gives_the_definition(k: int, n: int, seed: int, digits: int, table: bool) -> None:
    """The level sweeps (Fenwick tree for four coordinates, grid for five) and the
    bitset sweep they fall back to (``table=False``) each keep exactly the lowest
    index of every distinct non-dominated vector, duplicates and ties included."""
    rng = np.random.default_rng(seed)
    pts = np.round(rng.random((n, k)) * 20, digits)
    if seed % 3 == 0:
        pts = pts[rng.integers(0, n, n)]  # many exact duplicates
    if seed % 2:
        pts[:, -1] = np.round(60 - pts[:, :-1].sum(axis=1) / (k - 1) * 2 + rng.random(n), digits)
    import accord.analysis.kernel.maxima as mod

    saved = mod._MAX_CELLS, mod._BATCH
    # Small batches, so that the grid sweep meets several batches even on few points.
    mod._MAX_CELLS, mod._BATCH = (saved[0], 8) if table else (0, saved[1])
    try:
        idx = maxima(pts)
    finally:
        mod._MAX_CELLS, mod._BATCH = saved
    want = pareto(pts)
    assert len(idx) == len(set(idx.tolist())) == len(want) and same_vectors(want, pts[idx])
    for i in idx:
        assert i == np.nonzero((pts == pts[i]).all(axis=1))[0].min()
