"""Plan evaluation beyond the completion limit, and plans no completion of which is feasible.

Regression tests from issue 8's reproducers, and property tests against the
brute-force recomputation of :mod:`tests.analysis.test_evaluate` with the
completion limit forced low, so that the search over the clauses is checked
against enumeration.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from tests.analysis.test_evaluate import direct
from tests.strategies import scenarios

from accord.analysis import evaluate_plans
from accord.io import load_scenario
from accord.model import Scenario, Term, term_options


def _padded(tmp_path: Path, *, padding: int = 7, extra: str = "") -> Scenario:
    """Issue 8's reproducer: ``deal: signed`` forces ``monitor`` to both ``un`` and ``osce``."""
    pads = "".join(
        f"  - {{id: pad{j}, title: Pad {j}, options: [{', '.join(f'{{id: o{k}}}' for k in range(6))}]}}\n"
        for j in range(padding)
    )
    text = f"""accord: 1
id: padded
title: Padded
sources: {{toy: {{title: Made up for tests}}}}
parties:
  - {{id: A, name: Aland, role: belligerent}}
  - {{id: B, name: Bland, role: belligerent}}
issues:
  - {{id: deal, title: Deal, options: [{{id: none}}, {{id: signed}}]}}
  - {{id: monitor, title: Monitor, options: [{{id: un}}, {{id: osce}}, {{id: none}}]}}
{pads}constraints:
  - {{id: needs-un, if: {{deal: signed}}, then: {{monitor: un}}}}
  - {{id: needs-osce, if: {{deal: signed}}, then: {{monitor: osce}}}}
{extra}perspectives: [{{id: base, name: Baseline}}]
profiles:
  - party: A
    perspective: base
    weights: {{deal: 1}}
    values: {{deal: {{signed: 100, none: 0}}}}
    batna: 5
    rationale: toy [toy]
  - party: B
    perspective: base
    weights: {{deal: 1}}
    values: {{deal: {{signed: 100, none: 0}}}}
    batna: 5
    rationale: toy [toy]
plans:
  - {{id: signed, title: Signed, terms: {{deal: signed}}}}
"""
    path = tmp_path / "padded.yaml"
    path.write_text(text, encoding="utf-8")
    return load_scenario(path)


def test_plan_with_no_feasible_completion_is_never_acceptable_beyond_the_limit(tmp_path: Path) -> None:
    """6^7 * 3 completions exceed the limit: the plan was called "acceptable to all"."""
    s = _padded(tmp_path)
    pe = evaluate_plans(s).plans[0]
    assert not pe.exact
    assert pe.completions > 200_000
    assert not pe.acceptable_to_all
    assert pe.infeasible
    assert set(pe.violations) == {"needs-un", "needs-osce"}
    assert "infeasible: breaks constraints" in pe.verdict()


@pytest.mark.parametrize("limit", [0, 10**9])
def test_joint_conflict_names_a_minimal_set(tmp_path: Path, limit: int) -> None:
    """No single constraint is broken by every completion: name the two in conflict, not all three."""
    extra = "  - {id: unrelated, if: {deal: none}, then: {pad0: o1}}\n"
    s = _padded(tmp_path, padding=2, extra=extra)
    pe = evaluate_plans(s, completion_limit=limit).plans[0]
    assert pe.exact == (limit > 0)
    assert set(pe.violations) == {"needs-un", "needs-osce"}


@pytest.mark.parametrize("limit", [0, 10**9])
def test_infeasible_plan_is_not_blamed_on_a_party(tmp_path: Path, limit: int) -> None:
    """A plan that breaks a constraint was shown as "blocked by GOV ()": name the constraint instead."""
    s = _padded(tmp_path, padding=1)
    pe = evaluate_plans(s, completion_limit=limit).plans[0]
    assert pe.blocked_by == ()
    assert all(v.acceptability == "yes" for v in pe.parties)
    assert pe.verdict() == "infeasible: breaks constraints needs-un, needs-osce"
    assert "()" not in pe.verdict()


def _feasible(s: Scenario, terms: dict[str, tuple[str, ...]], names: set[str]) -> bool:
    """Whether some completion of ``terms`` (issue -> options allowed) meets the constraints named."""
    choices = [terms.get(i.id, i.option_ids) for i in s.issues]
    for combo in itertools.product(*choices):
        pkg = {i.id: o for i, o in zip(s.issues, combo, strict=True)}
        if all(c.holds(pkg) for c in s.constraints if c.id in names):
            return True
    return False


def _settled(s: Scenario, plan_terms: dict[str, Term]) -> dict[str, tuple[str, ...]]:
    """The options each issue may take: the plan's (one, or its forms), else the status quo."""
    terms = {k: term_options(v) for k, v in plan_terms.items()}
    for i in s.issues:
        if i.id not in terms and i.status_quo is not None:
            terms[i.id] = (i.status_quo,)
    return terms


SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow]
)


@SETTINGS
@given(scenarios())
def test_search_beyond_the_limit_equals_enumeration(s: Scenario) -> None:
    """With the limit forced to 0 every plan is judged by search: verdicts and ranges are exact."""
    ev = evaluate_plans(s, completion_limit=0)
    for pe in ev.plans:
        expected = direct(s, s.plan(pe.plan))
        for v in pe.parties:
            lo, hi, verdict = expected[v.party]
            assert v.utility_range == pytest.approx((lo, hi), abs=1e-9)
            assert v.acceptability == verdict


@SETTINGS
@given(scenarios())
def test_named_conflict_is_infeasible_and_minimal(s: Scenario) -> None:
    """Both paths name the same set; it is infeasible with the plan's terms, and minimal."""
    exact, searched = evaluate_plans(s), evaluate_plans(s, completion_limit=0)
    for pe, pb in zip(exact.plans, searched.plans, strict=True):
        assert pe.violations == pb.violations
        variant = next(v for v in s.plan_variants() if v.id == pe.plan)
        terms = _settled(s, dict(variant.terms))
        named = set(pe.violations)
        assert bool(named) == (not _feasible(s, terms, {c.id for c in s.constraints}))
        if not named:
            continue
        assert not _feasible(s, terms, named)
        if all(_feasible(s, terms, {n}) for n in named):
            # A joint conflict: every proper subset (drop one) is feasible.
            for n in named:
                assert _feasible(s, terms, named - {n})
        else:
            # Constraints broken on their own are each named, and only those.
            assert not any(_feasible(s, terms, {n}) for n in named)


def test_an_exact_tie_with_the_spread_is_fragile_whatever_the_rounding(tmp_path: Path) -> None:
    """Issue 8: float noise decided exact ties; |surplus| <= spread + TOL counts as within the spread.

    u = (0.2 + 0.4) / 2 = 0.1 + 0.2, which rounds to 0.30000000000000004 > 0.3, the spread.
    """
    text = """accord: 1
id: tie
title: Tie
sources: {toy: {title: Made up for tests}}
parties: [{id: A, name: Aland, role: belligerent}]
issues:
  - {id: x, title: X, options: [{id: a}, {id: b}]}
  - {id: y, title: Y, options: [{id: a}, {id: b}]}
perspectives: [{id: base, name: Baseline}]
profiles:
  - party: A
    perspective: base
    weights: {x: 1, y: 1}
    values: {x: {a: 0.2, b: 0}, y: {a: 0.4, b: 0}}
    batna: 0
    spread: {values: 0.3}
    rationale: toy [toy]
plans:
  - {id: p, title: P, terms: {x: a, y: a}}
"""
    path = tmp_path / "tie.yaml"
    path.write_text(text, encoding="utf-8")
    (v,) = evaluate_plans(load_scenario(path)).plans[0].parties
    assert v.surplus == 0.1 + 0.2 > 0.3
    assert not v.firm
