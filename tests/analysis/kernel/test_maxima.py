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

    saved = mod._MAX_CELLS, mod._BATCH, mod._LEVELS_FROM
    # Small batches, so that the grid sweep meets several batches even on few points;
    # the level sweeps taken whatever the number of points.
    mod._MAX_CELLS, mod._BATCH = (saved[0], 8) if table else (0, saved[1])
    mod._LEVELS_FROM = 0
    try:
        idx = maxima(pts)
    finally:
        mod._MAX_CELLS, mod._BATCH, mod._LEVELS_FROM = saved
    want = pareto(pts)
    assert len(idx) == len(set(idx.tolist())) == len(want) and same_vectors(want, pts[idx])
    for i in idx:
        assert i == np.nonzero((pts == pts[i]).all(axis=1))[0].min()


def _lowest_of_equals(pts: np.ndarray, idx: np.ndarray) -> bool:
    return all(i == np.nonzero((pts == pts[i]).all(axis=1))[0].min() for i in idx)


@settings(max_examples=80, deadline=None)
@given(
    st.integers(4, 6),
    st.integers(1, 500),
    st.integers(0, 2**32 - 1),
    st.integers(1, 5),
    st.sampled_from([2, 5, 40]),
)
def test_level_sweeps_with_a_coarse_filter_give_the_definition(
    k: int, n: int, seed: int, coarse: int, values: int
) -> None:
    """Four to six coordinates with ties and duplicates, the 4-D sweep's coarse filter
    made coarse enough (``coarse`` cells per axis) that a cell holds several values:
    sorted or not, the lowest index of every distinct non-dominated vector."""
    rng = np.random.default_rng(seed)
    pts = rng.integers(0, values, (n, k)).astype(float)
    if seed % 3 == 0:
        pts = pts[rng.integers(0, n, n)]  # many exact duplicates
    if seed % 2:
        pts[:, -1] = values * (k - 1) - pts[:, :-1].sum(axis=1) + rng.integers(0, 2, n)  # many maxima
    import accord.analysis.kernel.maxima as mod

    saved = mod._COARSE, mod._LEVELS_FROM
    mod._COARSE, mod._LEVELS_FROM = coarse, 0
    try:
        ordered, unordered = maxima(pts), maxima(pts, ordered=False)
    finally:
        mod._COARSE, mod._LEVELS_FROM = saved
    want = pareto(pts)
    assert len(ordered) == len(want) and same_vectors(want, pts[ordered])
    assert _lowest_of_equals(pts, ordered)
    assert unordered.tolist() == sorted(ordered.tolist())


@settings(max_examples=100, deadline=None)
@given(st.integers(2, 6), st.integers(1, 300), st.integers(0, 2**32 - 1), st.booleans())
def test_maxima_of_points_filtered_at_a_finer_tolerance_give_the_definition(
    k: int, n: int, seed: int, shifted: bool
) -> None:
    """Points that are the maxima at a finer tolerance (as after the last stage): at the
    coarser one the answer is the definition's, whether or not some values lie between
    the two tolerances apart (``shifted``: some are 4e-10 off, within TOL, beyond 1e-11)."""
    rng = np.random.default_rng(seed)
    base = rng.integers(0, 4, (n, k)).astype(float)
    pts = base + (rng.integers(0, 2, (n, k)) * 4e-10 if shifted else 0.0)
    fine = 1e-11
    front = pts[np.sort(maxima(pts, fine))]
    got = maxima(front, filtered_at=fine)
    want = pareto(front)
    assert len(got) == len(want) and same_vectors(want, front[got])
    assert len(set(got.tolist())) == len(got)
    if not shifted:  # no values between the tolerances: the front is already the answer
        assert sorted(got.tolist()) == list(range(front.shape[0]))
