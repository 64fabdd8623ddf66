"""Packed clause words (:func:`accord.protocols.agenda.clause_bits`) against clause-by-clause loops."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.protocols.agenda import clause_bits, holds_bits


def _brute(tensor: np.ndarray, packages: np.ndarray) -> list[bool]:
    """Every clause holds when some issue's chosen option satisfies it (plain loops, no numpy indexing)."""
    out = []
    for x in packages.tolist():
        ok = all(any(bool(tensor[c][i][k]) for i, k in enumerate(x)) for c in range(tensor.shape[0]))
        out.append(ok)
    return out


@settings(max_examples=60, deadline=None)
@given(
    clauses=st.sampled_from([0, 1, 5, 63, 64, 65, 129]),
    issues=st.integers(1, 6),
    options=st.integers(1, 4),
    density=st.floats(0.05, 0.9),
    seed=st.integers(0, 10_000),
)
def test_packed_words_agree_with_the_clauses_one_by_one(
    clauses: int, issues: int, options: int, density: float, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    tensor = rng.random((clauses, issues, options)) < density
    packages = rng.integers(0, options, size=(40, issues))
    bits, full = clause_bits(tensor)
    assert holds_bits(bits, full, packages).tolist() == _brute(tensor, packages)


def test_no_clause_holds_everywhere_and_an_unsatisfiable_one_nowhere() -> None:
    packages = np.array([[0, 1], [1, 0]])
    bits, full = clause_bits(np.zeros((0, 2, 2), dtype=bool))
    assert holds_bits(bits, full, packages).all()
    bits, full = clause_bits(np.zeros((70, 2, 2), dtype=bool))
    assert not holds_bits(bits, full, packages).any()
