"""Constraints: kinds, evaluation, and conditions held as read-only copies."""

from __future__ import annotations

import pytest

from accord.model import Constraint, ModelError, condition_text, freeze_condition


def test_excludes_takes_no_then() -> None:
    with pytest.raises(ModelError):
        Constraint(
            id="c", kind="excludes", if_=freeze_condition({"x": "a"}), then=freeze_condition({"x": "b"})
        )


def test_implies_and_excludes_hold_as_defined() -> None:
    imp = Constraint(
        id="c", kind="implies", if_=freeze_condition({"x": "a"}), then=freeze_condition({"y": "c"})
    )
    assert imp.holds({"x": "a", "y": "c"}) and imp.holds({"x": "b", "y": "d"})
    assert not imp.holds({"x": "a", "y": "d"})
    exc = Constraint(id="e", kind="excludes", if_=freeze_condition({"x": "a", "y": ("c", "d")}))
    assert not exc.holds({"x": "a", "y": "d"}) and exc.holds({"x": "b", "y": "d"})
    assert exc.text() == "not (x=a and y=c|d)"
    assert imp.text() == "if x=a then y=c"


def test_condition_is_a_read_only_copy() -> None:
    given: dict[str, tuple[str, ...]] = {"x": ("a",)}
    c = Constraint(id="c", kind="excludes", if_=given)
    given["y"] = ("b",)
    assert condition_text(c.if_) == "x=a"
    with pytest.raises(TypeError):
        c.if_["z"] = ("q",)  # type: ignore[index]
