"""Domain model invariants, value interpolation and clause logic."""

from __future__ import annotations

import itertools
from types import MappingProxyType as M

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.logic import Clause, Member, find_assignment, minimal_conflict
from accord.model import (
    Constraint,
    Issue,
    ModelError,
    Option,
    Party,
    Perspective,
    Profile,
    RedLine,
    Role,
    Scenario,
    ScenarioInvalid,
    complete_values,
    freeze_condition,
    level_id,
)


def _issue(iid: str = "x", opts: tuple[str, ...] = ("a", "b"), **kw: object) -> Issue:
    return Issue(id=iid, title=iid.upper(), options=tuple(Option(id=o) for o in opts), **kw)  # type: ignore[arg-type]


def _scenario(**kw: object) -> Scenario:
    base: dict[str, object] = {
        "id": "s",
        "title": "S",
        "issues": (_issue(),),
        "parties": (Party(id="A", name="A", role=Role.BELLIGERENT),),
        "perspectives": (Perspective(id="p"),),
        "default_perspective": "p",
    }
    base.update(kw)
    return Scenario(**base)  # type: ignore[arg-type]


def _profile(**kw: object) -> Profile:
    base: dict[str, object] = {
        "party": "A",
        "perspective": "p",
        "weights": M({"x": 1.0}),
        "values": M({"x": M({"a": 100.0, "b": 0.0})}),
        "batna": 50.0,
        "rationale": "test",
    }
    base.update(kw)
    return Profile(**base)  # type: ignore[arg-type]


class TestElements:
    def test_bad_id_rejected(self) -> None:
        with pytest.raises(ModelError, match="not a valid id"):
            Party(id="a b", name="x", role=Role.MEDIATOR)

    def test_ids_with_dots_reserved_for_factions(self) -> None:
        with pytest.raises(ModelError):
            Party(id="US.NSC", name="x", role=Role.GUARANTOR)

    def test_duplicate_option_rejected(self) -> None:
        with pytest.raises(ModelError, match="appears twice"):
            _issue(opts=("a", "a"))

    def test_status_quo_must_be_an_option(self) -> None:
        with pytest.raises(ModelError, match="status_quo"):
            _issue(status_quo="zz")

    def test_non_positive_weight_rejected(self) -> None:
        with pytest.raises(ModelError, match="positive"):
            _profile(weights=M({"x": 0.0}))

    def test_value_out_of_range_rejected(self) -> None:
        with pytest.raises(ModelError, match="0-100"):
            _profile(values=M({"x": M({"a": 101.0, "b": 0.0})}))

    def test_batna_out_of_range_rejected(self) -> None:
        with pytest.raises(ModelError, match="BATNA"):
            _profile(batna=-1.0)

    def test_excludes_takes_no_then(self) -> None:
        with pytest.raises(ModelError):
            Constraint(
                id="c", kind="excludes", if_=freeze_condition({"x": "a"}), then=freeze_condition({"x": "b"})
            )

    def test_level_ids(self) -> None:
        assert level_id(85000) == "85000"
        assert level_id(85000.0) == "85000"
        assert level_id(None) == "none"
        assert level_id(2.5) == "2_5"


class TestScenarioChecks:
    def test_valid_minimal_scenario(self) -> None:
        s = _scenario(profiles=(_profile(),))
        assert s.profile("A") is not None

    def test_unknown_issue_in_profile(self) -> None:
        with pytest.raises(ScenarioInvalid) as exc:
            _scenario(profiles=(_profile(weights=M({"x": 1.0, "nope": 2.0})),))
        assert any("unknown issue 'nope'" in p.message for p in exc.value.problems)

    def test_missing_value_for_weighted_issue(self) -> None:
        with pytest.raises(ScenarioInvalid) as exc:
            _scenario(profiles=(_profile(values=M({"x": M({"a": 10.0})})),))
        assert any("no value for b" in p.message for p in exc.value.problems)

    def test_contradictory_constraints_named(self) -> None:
        cons = (
            Constraint(
                id="c1", kind="implies", if_=freeze_condition({"x": "a"}), then=freeze_condition({"y": "c"})
            ),
            Constraint(
                id="c2", kind="implies", if_=freeze_condition({"x": "a"}), then=freeze_condition({"y": "d"})
            ),
            Constraint(id="c3", kind="excludes", if_=freeze_condition({"x": "b"})),
            Constraint(
                id="c4", kind="implies", if_=freeze_condition({"y": "c"}), then=freeze_condition({"x": "a"})
            ),
        )
        with pytest.raises(ScenarioInvalid) as exc:
            _scenario(issues=(_issue(), _issue("y", ("c", "d"))), constraints=cons)
        msgs = [p.message for p in exc.value.problems]
        conflict = next(m for m in msgs if "contradictory" in m)
        # c1, c2 and c3 are the minimal conflict; c4 is innocent.
        assert "c1" in conflict and "c2" in conflict and "c3" in conflict and "c4" not in conflict

    def test_unavoidable_red_line(self) -> None:
        rl = RedLine(terms=freeze_condition({"x": ("a", "b")}))
        with pytest.raises(ScenarioInvalid) as exc:
            _scenario(profiles=(_profile(red_lines=(rl,)),))
        assert any("cannot be avoided" in p.message for p in exc.value.problems)

    def test_red_line_unavoidable_only_through_constraint(self) -> None:
        rl = RedLine(terms=freeze_condition({"x": "a"}))
        cons = (Constraint(id="c", kind="excludes", if_=freeze_condition({"x": "b"})),)
        with pytest.raises(ScenarioInvalid) as exc:
            _scenario(profiles=(_profile(red_lines=(rl,)),), constraints=cons)
        assert any("cannot be avoided" in p.message for p in exc.value.problems)

    def test_profile_fallback_to_default_perspective(self) -> None:
        s = _scenario(perspectives=(Perspective(id="p"), Perspective(id="q")), profiles=(_profile(),))
        prof = s.profile("A", "q")
        assert prof is not None and prof.perspective == "p"
        assert s.profile("A", "q", fallback=False) is None


class TestCompleteValues:
    def test_numeric_interpolation(self) -> None:
        issue = Issue(
            id="cap",
            title="cap",
            kind="numeric",
            options=tuple(Option(id=level_id(v), level=v) for v in (0, 50, 100, 200, None)),
        )
        vals = complete_values(issue, {"0": 0.0, "100": 80.0, "none": 100.0})
        assert vals == (0.0, 40.0, 80.0, 80.0, 100.0)

    def test_no_limit_level_needs_a_value(self) -> None:
        issue = Issue(
            id="cap",
            title="cap",
            kind="numeric",
            options=(Option(id="0", level=0), Option(id="none", level=None)),
        )
        with pytest.raises(ValueError, match="none"):
            complete_values(issue, {"0": 10.0})


# -- clause logic: exact agreement with enumeration --------------------------
@st.composite
def clause_problems(draw: st.DrawFn) -> tuple[list[int], list[Clause]]:
    n = draw(st.integers(1, 4))
    sizes = [draw(st.integers(1, 3)) for _ in range(n)]
    clauses = []
    for c in range(draw(st.integers(0, 6))):
        members = []
        for _ in range(draw(st.integers(1, 2))):
            i = draw(st.integers(0, n - 1))
            opts = draw(st.frozensets(st.integers(0, sizes[i] - 1), max_size=sizes[i]))
            members.append(Member(i, opts))
        clauses.append(Clause(tuple(members), f"c{c}"))
    return sizes, clauses


def _brute(sizes: list[int], clauses: list[Clause]) -> list[tuple[int, ...]]:
    return [
        pkg
        for pkg in itertools.product(*(range(s) for s in sizes))
        if all(c.satisfied_by(pkg) for c in clauses)
    ]


@settings(max_examples=300, deadline=None)
@given(clause_problems())
def test_find_assignment_matches_enumeration(problem: tuple[list[int], list[Clause]]) -> None:
    sizes, clauses = problem
    found = find_assignment(sizes, clauses)
    solutions = _brute(sizes, clauses)
    if solutions:
        assert found is not None and all(c.satisfied_by(found) for c in clauses)
    else:
        assert found is None


@settings(max_examples=200, deadline=None)
@given(clause_problems())
def test_minimal_conflict_is_minimal_and_unsatisfiable(problem: tuple[list[int], list[Clause]]) -> None:
    sizes, clauses = problem
    core = minimal_conflict(sizes, clauses)
    if _brute(sizes, clauses):
        assert core == ()
        return
    subset = [clauses[k] for k in core]
    assert not _brute(sizes, subset)
    for drop in range(len(subset)):
        assert _brute(sizes, subset[:drop] + subset[drop + 1 :]), "a clause in the core is not needed"
