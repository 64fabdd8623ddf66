"""Views of evaluations: verdict texts, ranges, shares, the comparison fitted to a width."""

from __future__ import annotations

from typing import Any

from accord.report.views import Line, TableView
from accord.report.views import evaluation as views


def test_utility_ranges_and_short_verdicts(outcomes: dict[str, Any]) -> None:
    ev = outcomes["evaluation"].evaluation
    open_army = ev.plan("p2@open-army")
    assert [views.utility_text(v) for v in open_army.parties] == ["30.0–55.0", "30.0–80.0"]
    assert views.short_verdict(open_army) == "open: A,B"
    assert views.short_verdict(ev.plan("p1")) == "blocked: B"
    assert views.verdict_tone(open_army) == "warn" and views.verdict_tone(ev.plan("p1")) == "bad"


def test_comparison_splits_the_terms_to_fit_the_width(outcomes: dict[str, Any]) -> None:
    def terms_tables(width: int) -> list[TableView]:
        view = views.comparison(outcomes["comparison"], width=width)
        return [b for b in view if isinstance(b, TableView) and b.title.startswith("Issues × plans")]

    assert len(terms_tables(200)) == 1
    narrow = terms_tables(20)
    assert len(narrow) == 2 and narrow[0].title.startswith("Issues × plans (1/2)")


def test_evaluation_view_ends_with_the_legend(outcomes: dict[str, Any]) -> None:
    view = views.evaluation(outcomes["evaluation"])
    last = view[-1]
    assert isinstance(last, Line) and last.spans[0].text == views.LEGEND


def test_comparison_ends_with_a_takeaway_from_the_data(outcomes: dict[str, Any]) -> None:
    view = views.comparison(outcomes["comparison"], width=120)
    last = view[-1]
    assert isinstance(last, Line)
    text = "".join(s.text for s in last.spans)
    ev = outcomes["comparison"].evaluation
    n_all = sum(pe.acceptable_to_all for pe in ev.plans)
    assert (
        text
        == f"In sum: {n_all} of 3 plans and readings are acceptable to all under base; 0 of them fragile (~)."
    )
