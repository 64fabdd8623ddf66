"""Constraints and red lines compile to clauses whose origins are data."""

from __future__ import annotations

from collections.abc import Callable

from accord.model import Constraint, Issue, RedLine, freeze_condition
from accord.model.clauses import IssueIndex
from accord.model.logic import Origin


def test_constraint_clauses_carry_a_constraint_origin(issue: Callable[..., Issue]) -> None:
    index = IssueIndex((issue(), issue("y", ("c", "d"))))
    c = Constraint(
        id="c1", kind="implies", if_=freeze_condition({"x": "a"}), then=freeze_condition({"y": "c"})
    )
    (clause,) = index.constraint(c)
    assert clause.origin == Origin(kind="constraint", id="c1")
    assert str(clause.origin) == "constraint c1"
    assert clause.satisfied_by((1, 1)) and clause.satisfied_by((0, 0)) and not clause.satisfied_by((0, 1))


def test_red_line_clause_carries_its_holder_and_text(issue: Callable[..., Issue]) -> None:
    index = IssueIndex((issue(), issue("y", ("c", "d"))))
    rl = RedLine(terms=freeze_condition({"x": "a", "y": ("c", "d")}))
    clause = index.red_line(rl, "US.NSC")
    assert clause.origin == Origin(kind="red_line", party="US.NSC", text="x=a and y=c|d")
    assert str(clause.origin) == "red line of US.NSC: x=a and y=c|d"
    assert not clause.satisfied_by((0, 1)) and clause.satisfied_by((1, 0))
