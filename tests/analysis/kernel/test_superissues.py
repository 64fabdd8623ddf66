"""Super-issues (accord.analysis.kernel.superissues) against brute force, and their limits."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from tests.analysis.reference import SETTINGS, enumerate_feasible
from tests.strategies import spaces

from accord.analysis.kernel.graph import clause_graph
from accord.analysis.kernel.superissues import SuperIssue, decompose
from accord.model.logic import Clause, Member
from accord.space import Space, SpaceError


@SETTINGS
@given(spaces())
def test_the_product_of_super_issues_is_the_feasible_set(space: Space) -> None:
    packages, _ = enumerate_feasible(space)
    decomp = decompose(space)
    if not decomp.feasible:
        assert packages.shape[0] == 0 and decomp.conflict
        return
    assert all(isinstance(b, SuperIssue) for b in decomp.blocks)
    rows = list(itertools.product(*(range(b.size) for b in decomp.blocks)))
    choices = np.array(rows, dtype=np.int64).reshape(len(rows), len(decomp.blocks))
    built = decomp.packages(choices)
    assert sorted(map(tuple, built)) == sorted(map(tuple, packages))


@SETTINGS
@given(spaces())
def test_a_shared_clause_graph_gives_the_same_decomposition(space: Space) -> None:
    graph = clause_graph(space, red_lines=False)
    for reduce in (False, True):
        own = decompose(space, red_lines=False, reduce=reduce)
        shared = decompose(space, reduce=reduce, graph=graph)
        assert own.conflict == shared.conflict and own.forced == shared.forced
        assert [b.issues for b in own.blocks] == [b.issues for b in shared.blocks]
        for a, b in zip(own.blocks, shared.blocks, strict=True):
            np.testing.assert_array_equal(a.assignments, b.assignments)


def test_too_many_joint_options_is_an_error_in_the_engine_s_own_terms() -> None:
    # Six issues of four options, chained by clauses that rule out nothing useful.
    n = 6
    chain = [
        Clause((Member(i, frozenset({0, 1, 2})), Member(i + 1, frozenset({0, 1, 2}))), "c")
        for i in range(n - 1)
    ]
    space = Space.from_arrays([np.arange(8.0).reshape(2, 4)] * n, [0.0, 0.0], constraints=chain)
    with pytest.raises(SpaceError) as err:
        decompose(space, max_block_options=10)
    assert err.value.field == "constraints"
    assert "hold some of these issues at one option" in err.value.message and "--" not in err.value.message
