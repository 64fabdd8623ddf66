"""Plans and their readings: variants, and terms held as read-only copies."""

from __future__ import annotations

import pytest

from accord.model import ModelError, OneOf, Plan, Reading, term_options, term_text


def test_variants_apply_each_reading() -> None:
    plan = Plan(
        id="p",
        title="P",
        terms={"x": "a", "y": "c"},
        readings=(Reading(id="r", title="R", terms={"y": None, "z": "e"}),),
    )
    base, read = plan.variants()
    assert (base.id, dict(base.terms)) == ("p", {"x": "a", "y": "c"})
    assert (read.id, read.title, dict(read.terms)) == ("p@r", "P (R)", {"x": "a", "z": "e"})


def test_terms_do_not_alias_the_callers_dict() -> None:
    terms = {"x": "a"}
    plan = Plan(id="p", title="P", terms=terms)
    terms["x"] = "b"
    assert plan.terms["x"] == "a"
    with pytest.raises(TypeError):
        plan.terms["x"] = "c"  # type: ignore[index]


def test_one_of_needs_distinct_valid_options() -> None:
    with pytest.raises(ModelError, match="at least one"):
        OneOf(options=())
    with pytest.raises(ModelError, match="twice"):
        OneOf(options=("a", "a"))
    with pytest.raises(ModelError, match="not a valid id"):
        OneOf(options=("a", "b c"))


def test_a_one_of_a_single_option_is_that_option_and_readings_override_forms() -> None:
    plan = Plan(
        id="p",
        title="P",
        terms={"x": OneOf(options=("a",)), "y": OneOf(options=("c", "d"), why="disputed")},
        readings=(Reading(id="r", terms={"y": "c", "x": OneOf(options=("a", "b"))}),),
    )
    base, read = plan.variants()
    assert base.terms["x"] == "a" and term_options(base.terms["y"]) == ("c", "d")
    assert term_text(base.terms["y"]) == "c | d"
    assert dict(read.terms) == {"x": OneOf(options=("a", "b")), "y": "c"}
