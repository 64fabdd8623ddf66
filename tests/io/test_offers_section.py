"""The ``offers`` section: loaded as :class:`accord.model.offers.Offer`; bad references named by field."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.io import check_text

MINI = (Path(__file__).parents[1] / "data" / "mini.yaml").read_text(encoding="utf-8")


def with_offer(offer: str) -> str:
    return MINI.rstrip("\n") + "\noffers:\n" + offer


def test_an_offer_loads_with_its_terms_and_timing() -> None:
    report = check_text(
        with_offer("  - {id: give, by: A, terms: {border: line}, executed: now}\n"), name="f.yaml"
    )
    assert report.scenario is not None, [p.render() for p in report.errors]
    (offer,) = report.scenario.offers
    assert offer.by == "A" and offer.terms == (("border", "line"),) and offer.executed == "now"


@pytest.mark.parametrize(
    ("offer", "needle"),
    [
        ("  - {id: o, by: Z, terms: {border: line}}\n", "unknown party 'Z'"),
        ("  - {id: o, by: A, terms: {nowhere: line}}\n", "unknown issue 'nowhere'"),
        ("  - {id: o, by: A, terms: {border: nowhere}}\n", "has no option 'nowhere'"),
        ("  - {id: o, by: A, terms: {troops: none}, executed: now}\n", "has none"),
        ("  - {id: o, by: A, terms: {border: line}, executed: later}\n", "executed"),
    ],
)
def test_a_bad_offer_is_an_error_naming_the_field(offer: str, needle: str) -> None:
    report = check_text(with_offer(offer), name="f.yaml")
    assert report.scenario is None
    rendered = [p.render() for p in report.errors]
    assert any("offers[0]" in r and needle in r for r in rendered), rendered
