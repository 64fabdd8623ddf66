"""Plans and their readings: variants, and terms held as read-only copies."""

from __future__ import annotations

import pytest

from accord.model import Plan, Reading


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
