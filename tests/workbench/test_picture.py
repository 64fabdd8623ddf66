"""What frontier plots show: the frontier, plans, the result, from outcomes only."""

from __future__ import annotations

import numpy as np
import pytest

from accord.model import Scenario
from accord.workbench import search
from accord.workbench.picture import Mark, picture, plan_marks
from accord.workbench.records import AmendRequest, FrontierRequest, SolveRequest


def test_frontier_picture_uses_the_result(mini: Scenario) -> None:
    out = search.frontier(FrontierRequest(scenario=mini))
    pic = picture(out)
    assert np.array_equal(pic.frontier, out.result.utilities)
    assert pic.parties == ("A", "B") and list(pic.batna) == [45.0, 40.0]
    assert pic.title == f"Efficient frontier — {mini.title}"
    assert pic.subtitle == "estimates under perspective base"
    assert {m.label for m in pic.marks} == {"p1", "p2"}  # p2@open-army leaves troops open: no point
    assert not pic.frontier.flags.writeable


def test_solution_picture_marks_the_result(mini: Scenario) -> None:
    pic = picture(search.solve(SolveRequest(scenario=mini, solution="ks")))
    results = [m for m in pic.marks if m.kind == "result"]
    assert [m.label for m in results] == ["ks"]
    assert list(results[0].utilities) == [75.0, 50.0]
    assert len(pic.frontier) == 3


def test_amendment_picture_leaves_out_a_tie_break_only_proposer(mini: Scenario) -> None:
    out = search.amend(AmendRequest(scenario=mini, plan="p1", parties=("B",)))
    pic = picture(out)
    assert pic.parties == ("B",)
    (result,) = [m for m in pic.marks if m.kind == "result"]
    assert result.label == "amended p1" and result.utilities.shape == (1,)


def test_marks_are_read_only(mini: Scenario) -> None:
    out = search.frontier(FrontierRequest(scenario=mini))
    (first, *_) = plan_marks(mini, out.space)
    assert isinstance(first, Mark) and first.kind == "plan"
    with pytest.raises(ValueError):
        first.utilities[0] = 0.0
