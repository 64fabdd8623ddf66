"""Views of searches: whose estimates, conflicts, fragile verdicts."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import numpy as np

import accord
from accord.report.views import Line, TableView
from accord.report.views import search as views
from accord.workbench import records as r
from accord.workbench import search
from accord.workbench.estimates import Estimates
from accord.workbench.records import FRAGILE_NOTE

MINI = Path(__file__).resolve().parents[2] / "data" / "mini.yaml"


def _text(block: Line) -> str:
    return "".join(s.text for s in block.spans)


def test_estimate_note_names_borrowed_estimates() -> None:
    est = Estimates(perspective="ua", name="Kyiv", owner="UA", borrowed=(("US", "base"),))
    text = "".join(s.text for s in views.estimate_note(est))
    assert text.startswith("Perspective: ua (Kyiv, held by UA). ")
    assert text.endswith(
        "Fell back to the default perspective (no profile under the one asked for): US (base)."
    )


def test_infeasible_lists_the_conditions_in_conflict() -> None:
    blocks = views.status_lines("infeasible", ("a", "b"), "ignored")
    assert [_text(b) for b in blocks if isinstance(b, Line)] == [
        "No feasible package: these conditions conflict:",
        "  • a",
        "  • b",
    ]
    assert views.status_lines("ok", (), "") == []


def test_fragile_verdicts_are_marked_and_explained(outcomes: dict[str, Any]) -> None:
    zopa = outcomes["zopa"]
    blocks = views.parties(zopa, zopa.result.best_utilities)
    table = blocks[0]
    assert isinstance(table, TableView)
    assert [c.header for c in table.columns] == ["party", "utility", "BATNA", "surplus", "", "estimate by"]
    assert all(not str(row[3]).endswith("~") for row in table.rows)
    assert len(blocks) == 1  # no fragile verdict, no note
    # A surplus inside a huge stated spread is fragile.
    unsure = dataclasses.replace(zopa.space, value_spread=np.array([100.0, 0.0]), batna_spread=np.zeros(2))
    wide = dataclasses.replace(zopa, space=unsure)
    blocks = views.parties(wide, wide.result.best_utilities)
    table = blocks[0]
    assert isinstance(table, TableView) and str(table.rows[0][3]).endswith(" ~")
    assert isinstance(blocks[1], Line) and _text(blocks[1]) == FRAGILE_NOTE


def test_every_search_view_starts_with_its_title_and_whose_estimates(outcomes: dict[str, Any]) -> None:
    for kind, build in [
        ("frontier", views.frontier),
        ("solution", views.solution),
        ("zopa", views.zopa),
        ("amendment", views.amendment),
        ("infeasible", views.solution),
    ]:
        view = build(outcomes[kind])
        first, second = view[0], view[1]
        assert isinstance(first, Line) and isinstance(second, Line), kind
        assert _text(second).startswith("Perspective: base"), kind


def test_frontier_says_what_it_leaves_out_in_the_front_ends_words(outcomes: dict[str, Any]) -> None:
    def last(hints: views.Hints | None) -> str:
        block = views.frontier(outcomes["frontier"], show=1, hints=hints)[-1]
        assert isinstance(block, Line)
        return _text(block)

    assert last(None) == "... 2 more."
    assert last(views.Hints(more_rows="scroll down")) == "... 2 more (scroll down)."


def _all_text(view: tuple[Any, ...]) -> str:
    return "\n".join(_text(b) for b in view if isinstance(b, Line))


def test_frontier_names_the_issues_it_leaves_out_as_constant() -> None:
    s = accord.load(str(MINI))
    out = _all_text(views.frontier(search.frontier(r.FrontierRequest(scenario=s, fixes={"border": "old"}))))
    assert "1 issue takes the same option in every package: border=old." in out


def test_solve_labels_each_objective_precisely() -> None:
    s = accord.load(str(MINI))
    got = {}
    for name in ("nash", "ks", "egalitarian", "utilitarian"):
        out = search.solve(r.SolveRequest(scenario=s, solution=name))
        got[name] = _all_text(views.solution(out))
        assert out.result.utilities is not None and out.result.objective is not None
        surplus = out.result.utilities - out.space.batna
        value = {"nash": surplus.prod(), "egalitarian": surplus.min(), "utilitarian": surplus.sum()}.get(name)
        if value is not None:
            assert abs(out.result.objective - value) < 1e-9, name
    assert "Objective: product of surpluses = 300" in got["nash"]
    assert "Objective: smallest share of the ideal gain = 1 " in got["ks"]
    assert "Objective: smallest surplus = 10 " in got["egalitarian"]
    assert "Objective: sum of surpluses = 40 " in got["utilitarian"]
    assert all("The solution maximises" in t for t in got.values())
