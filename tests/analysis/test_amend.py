"""The smallest amendment (accord.analysis.amend): brute force, by hand, bad plans."""

from __future__ import annotations

from unittest import mock

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.analysis.reference import (
    SETTINGS,
    enumerate_feasible,
)
from tests.strategies import spaces

from accord.analysis import amend as amend_module
from accord.analysis.amend import complete_plan, solve_amendment
from accord.model import OneOf
from accord.space import TOL, Space, SpaceError


def check_amendment(space: Space, data: st.DataObject) -> None:
    plan = tuple(data.draw(st.integers(0, len(o) - 1)) for o in space.options)
    n = len(space.parties)
    proposers = data.draw(st.lists(st.integers(0, n - 1), unique=True, max_size=min(n, 3)))
    packages, utils = enumerate_feasible(space)
    res = solve_amendment(space, plan, proposers=proposers)
    if packages.shape[0] == 0:
        assert res.status == "infeasible" and not res.feasible
        return
    acceptable = (utils - space.batna > TOL).all(axis=1)
    if not acceptable.any():
        assert not res.feasible and res.status == "no_zopa"
        return
    assert res.feasible and res.exact and res.package is not None
    assert space.feasible(res.package)
    assert (space.utility(res.package) - space.batna > TOL).all()
    changes = (packages != np.array(plan)).sum(axis=1)
    fewest = changes[acceptable].min()
    assert len(res.changes) == fewest
    assert [c.issue for c in res.changes] == [i for i in range(len(plan)) if res.package[i] != plan[i]]
    shortest = acceptable & (changes == fewest)
    if proposers:
        # Joint proposers: ties go to the highest utility of the worst-off proposer.
        best = utils[shortest][:, proposers].min(axis=1).max()
        assert abs(space.utility(res.package)[proposers].min() - best) <= 1e-9
    else:
        # Without a proposer, ties go to the largest least surplus.
        best = (utils[shortest] - space.batna).min(axis=1).max()
        assert abs(float((space.utility(res.package) - space.batna).min()) - best) <= 1e-9


@SETTINGS
@given(spaces(), st.data())
def test_amendment_equals_brute_force(space: Space, data: st.DataObject) -> None:
    check_amendment(space, data)


@SETTINGS
@given(spaces(), st.data())
def test_amendment_with_pairwise_look_ahead_equals_brute_force(space: Space, data: st.DataObject) -> None:
    """The pairwise look-ahead (built only for big searches) may change speed, never results."""
    with (
        mock.patch.object(amend_module, "PAIRS_WHEN", 0),
        mock.patch.object(amend_module, "PAIRS_AHEAD", 0),
    ):
        check_amendment(space, data)


def test_bad_plans_raise_space_errors(mini: Space) -> None:
    with pytest.raises(SpaceError) as err:
        solve_amendment(mini, {"border": "moon"})
    assert err.value.field == "plan" and "moon" in err.value.message
    with pytest.raises(SpaceError) as err:
        solve_amendment(mini, {"border": "old", "army": "big"})
    assert "army" in err.value.message
    # troops has no status quo in mini.yaml: a plan must settle it.
    with pytest.raises(SpaceError) as err:
        solve_amendment(mini, {"border": "old"})
    assert "troops" in err.value.message and "status quo" in err.value.message
    # The engine says it in its own terms; naming a command-line flag is the CLI's job.
    assert "hold it at one option" in err.value.message and "--" not in err.value.message
    with pytest.raises(SpaceError) as err:
        solve_amendment(mini, {"border": "old", "troops": "none"}, proposers=["ZZ"])
    assert err.value.field == "parties"
    with pytest.raises(SpaceError) as err:
        solve_amendment(mini, {"border": "old", "troops": "none"}, proposers=["A", "A"])
    assert err.value.field == "proposers"


def test_amendment_by_hand(mini: Space) -> None:
    """mini.yaml, plan p1 (old border, no troop cap): A 100, B 0 < 40. Changing the cap
    alone to 1000 gives A 75, B 50: one change, and the best of the one-change options
    for the proposer A (a 5000 cap gives B 30, not enough)."""
    res = solve_amendment(mini, {"border": "old", "troops": "none"}, proposers=["A"])
    assert res.feasible and res.exact
    assert [(c.issue_id, c.before_id, c.after_id) for c in res.changes] == [("troops", "none", "1000")]
    assert res.utilities is not None
    np.testing.assert_allclose(res.utilities, [75.0, 50.0])


def test_an_acceptable_plan_needs_no_change(mini: Space) -> None:
    res = solve_amendment(mini, {"border": "old", "troops": "1000"})
    assert res.feasible and res.changes == () and res.package == res.plan


def test_proposer_outside_the_accepting_parties_breaks_ties() -> None:
    # Two issues; P1 and P2 accept either change of issue 0; P3 (proposer) prefers option 2.
    space = Space.from_arrays(
        [[[0, 5, 5], [0, 5, 5], [0, 1, 9]], [[0, 1], [0, 1], [0, 0]]], [1, 1, 0], parties=["P1", "P2", "P3"]
    )
    res = solve_amendment(space, (0, 0), proposers=["P3"], must_accept=["P1", "P2"])
    assert res.feasible and res.package == (2, 0)
    res = solve_amendment(space, (0, 0), must_accept=["P1", "P2"])
    assert res.package is not None and len(res.changes) == 1


def test_joint_proposers_break_ties_by_their_worst_off_member() -> None:
    """P1 and P2 accept any change of issue 0. Alone, P3 would take option 2 (9) and P4
    option 1 (8); jointly the worst-off of the two gets 4 at option 1 but only 1 at
    option 2, so the joint proposal takes option 1."""
    space = Space.from_arrays(
        [[[0, 5, 5], [0, 5, 5], [0, 4, 9], [0, 8, 1]], [[0, 1], [0, 1], [0, 0], [0, 0]]],
        [1, 1, 0, 0],
        parties=["P1", "P2", "P3", "P4"],
    )
    must = ["P1", "P2"]
    assert solve_amendment(space, (0, 0), proposers=["P3"], must_accept=must).package == (2, 0)
    assert solve_amendment(space, (0, 0), proposers=["P4"], must_accept=must).package == (1, 0)
    joint = solve_amendment(space, (0, 0), proposers=["P3", "P4"], must_accept=must)
    assert joint.package == (1, 0) and joint.proposers == (2, 3)


def test_a_plan_providing_an_issue_in_one_of_several_forms_must_be_held_at_one() -> None:
    space = Space.from_arrays([[[0, 5, 5], [0, 5, 5]], [[0, 1], [0, 1]]], [1, 1], parties=["P1", "P2"])
    terms = {"i1": OneOf(options=("o1", "o2")), "i2": "o1"}
    with pytest.raises(SpaceError) as err:
        complete_plan(space, terms)
    assert err.value.field == "plan" and "one of several forms (o1 | o2)" in err.value.message
    assert complete_plan(space.fix({"i1": "o2"}), terms) == (1, 0)
    assert complete_plan(space, {"i1": OneOf(options=("o3",)), "i2": "o2"}) == (2, 1)
