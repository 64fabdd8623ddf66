"""Whose estimates and flip distances in words; compare marks fragile verdicts like evaluate."""

from __future__ import annotations

from pathlib import Path

import pytest

import accord
from accord.analysis.sensitivity import FlipDistances, WeightFlip
from accord.report.json import to_json
from accord.report.views import Line, TableView, table_width
from accord.report.views import estimates as words
from accord.report.views import evaluation as views
from accord.workbench import evaluation
from accord.workbench.estimates import Estimates

MIXED = Path(__file__).resolve().parents[2] / "data" / "mixed.yaml"


def _flips(margin: float, *, weight: WeightFlip | None = None, red: tuple[str, ...] = ()) -> FlipDistances:
    return FlipDistances(
        party="UA", margin=margin, batna=abs(margin), values=abs(margin), weight=weight, red_lines=red,
        batna_spread=10.0, value_spread=5.0, weight_spread=0.25,
    )  # fmt: skip


def test_the_cell_shows_the_distance_nearest_its_spread() -> None:
    # 4.2 of BATNA spread 10 (0.42) beats 4.2 of value spread 5 (0.84).
    assert words.flip_cell(_flips(4.2)) == "BATNA +4.2 (±10)"
    assert words.flip_cell(_flips(-4.2)) == "BATNA −4.2 (±10)"
    # A weight change of 5% of a 25% spread (0.2) is nearer still.
    near = _flips(4.2, weight=WeightFlip(issue="crimea", factor=0.95))
    assert words.flip_cell(near) == "crimea ×0.95 (±25%)"
    assert words.flip_cell(_flips(-4.2, red=("crimea=russia",))) == "red line"
    assert words.flip_cell(None) == "open issues"


def test_the_texts_say_which_estimate_moves_which_way() -> None:
    texts = words.flip_texts(_flips(4.2, weight=WeightFlip(issue="crimea", factor=1.5)))
    assert texts == (
        "flips if UA's BATNA rises by 4.2; stated spread 10",
        "flips if UA's values of the package's options all fall by 4.2; stated spread 5",
        "flips if UA's weight on crimea is multiplied by 1.50 (a 50% change); stated spread 25%",
    )
    assert words.flip_texts(_flips(-1.0))[-1] == "no single weight of UA flips it"
    assert words.flip_texts(_flips(-1.0, red=("x=y",))) == (
        "red line crossed (x=y): no move of UA's numbers flips it",
    )


def test_mixed_note_names_each_partys_perspective_and_the_fallbacks() -> None:
    est = Estimates(perspective="base,A=a", name="Baseline", owner="", default="base",
                    assigned=(("A", "a"),), borrowed=(("A", "base"),))  # fmt: skip
    text = "".join(s.text for s in words.estimate_note(est))
    assert text.startswith("Perspectives: A a; the rest base (Baseline). ")
    assert text.endswith(
        "Fell back to the default perspective (no profile under the one asked for): A (base)."
    )


@pytest.fixture(scope="module")
def compared() -> evaluation.ComparisonOutcome:
    s = accord.load(str(MIXED))
    return evaluation.compare(evaluation.CompareRequest(scenario=s, perspective="A=a-view,B=b-view"))


def test_compare_marks_fragile_verdicts_and_explains_the_mark(compared: evaluation.ComparisonOutcome) -> None:
    view = views.comparison(compared, width=120)
    table = next(b for b in view if isinstance(b, TableView) and b.title == views.VERDICTS_TITLE)
    texts = [" ".join(str(getattr(c, "text", c)) for c in row) for row in table.rows]
    ev = compared.evaluation
    for pe, row in zip(ev.plans, texts, strict=True):
        for v in pe.parties:
            assert (f"{v.surplus:+.1f}~" in row) == (not v.firm)
    legend = [b for b in view if isinstance(b, Line) and b.spans and b.spans[0].text == views.COMPARE_LEGEND]
    assert legend
    data = to_json(compared)
    assert isinstance(data, dict)
    for pe in ev.plans:
        for v in pe.parties:
            entry = data["plans"][[p["id"] for p in data["plans"]].index(pe.plan)]["parties"][v.party]
            assert entry["fragile"] is (not v.firm)
            assert entry["perspective"] == v.perspective


@pytest.mark.parametrize("width", [60, 80, 120])
def test_evaluation_tables_fit_the_width(compared: evaluation.ComparisonOutcome, width: int) -> None:
    s = compared.scenario
    out = evaluation.evaluate(evaluation.EvaluateRequest(scenario=s, perspective="A=a-view,B=b-view"))
    for block in views.evaluation(out, width=width):
        if isinstance(block, TableView):
            assert table_width(block) <= width


@pytest.fixture(scope="module")
def solved() -> object:
    from accord.workbench import records, search

    s = accord.load(str(MIXED))
    return search.solve(records.SolveRequest(scenario=s, perspective="B=b-view"))


def _party_table(view: tuple[object, ...]) -> TableView:
    return next(b for b in view if isinstance(b, TableView) and b.columns[0].header == "party")


def test_search_tables_show_the_decisive_distance_or_list_it_below(solved: object) -> None:
    from accord.report.views import search as sviews

    wide = sviews.solution(solved, width=120)  # type: ignore[arg-type]
    headers = [c.header for c in _party_table(wide).columns]
    assert "flips if" in headers and "estimate by" in headers
    narrow = sviews.solution(solved, width=60)  # type: ignore[arg-type]
    table = _party_table(narrow)
    assert table_width(table) <= 60
    # Whose estimate stays (the rows differ); the distances move below the table.
    assert "estimate by" in [c.header for c in table.columns]
    lines = ["".join(s.text for s in b.spans) for b in narrow if isinstance(b, Line)]
    for f in solved.flips(solved.result.package):  # type: ignore[attr-defined]
        assert f"  {f.party}: {words.flip_text(f)}" in lines


def test_search_json_flips_match_the_surplus(solved: object) -> None:
    data = to_json(solved)
    assert isinstance(data, dict)
    for party, flip in data["flips"].items():
        assert flip["margin"] == pytest.approx(data["surplus"][party])
        assert flip["batna"]["distance"] == pytest.approx(abs(data["surplus"][party]))
        assert flip["decisive"] in ("batna", "values", "weight", "red line")
