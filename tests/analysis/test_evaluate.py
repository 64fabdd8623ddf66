"""Plan evaluation: hand-computed cases and a direct recomputation for random scenarios."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType as M

import pytest
from hypothesis import HealthCheck, given, settings
from tests.strategies import scenarios

from accord.analysis import evaluate_across_perspectives, evaluate_plans
from accord.analysis.evaluate import PlanEvaluation
from accord.io import load_scenario
from accord.model import (
    OneOf,
    Plan,
    Scenario,
    Term,
    complete_values,
)
from accord.space import TOL, SpaceError

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.yaml"


class TestHandComputed:
    """tests/data/mini.yaml, worked by hand.

    A weighs border 3, troops 1 (normalised 0.75/0.25); B weighs them 1:1.
    p1 (old, none): A = .75*100 + .25*100 = 100; B = .5*0 + .5*0 = 0.
    p2 (line, 5000): A = .75*40 + .25*0 = 30 (5000 is held at the value of the
    last numeric anchor, 1000 -> 0); B = .5*60 + .5*60 = 60.
    """

    def setup_method(self) -> None:
        self.ev = evaluate_plans(load_scenario(MINI))

    def test_utilities(self) -> None:
        p1, p2 = self.ev.plan("p1"), self.ev.plan("p2")
        assert [v.utility for v in p1.parties] == pytest.approx([100.0, 0.0])
        assert [v.utility for v in p2.parties] == pytest.approx([30.0, 60.0])

    def test_verdicts(self) -> None:
        p1, p2 = self.ev.plan("p1"), self.ev.plan("p2")
        assert not p1.acceptable_to_all and p1.blocked_by == ("B",)
        assert not p2.acceptable_to_all and p2.blocked_by == ("A",)
        assert p2.parties[1].surplus == pytest.approx(20.0)

    def test_surplus_decomposes_by_issue(self) -> None:
        for pe in self.ev.plans[:2]:
            for v in pe.parties:
                assert sum(s.share for s in v.shares) == pytest.approx(v.surplus)

    def test_open_issue_without_status_quo_gives_range(self) -> None:
        pe = self.ev.plan("p2@open-army")
        assert not pe.complete and pe.undetermined == ("troops",)
        a, b = pe.parties
        # troops free over {1000, 5000, none}: A adds .25*{0, 0, 100}; B adds .5*{100, 60, 0}
        assert a.utility_range == pytest.approx((30.0, 55.0))
        assert b.utility_range == pytest.approx((30.0, 80.0))
        assert a.acceptability == "depends" and b.acceptability == "depends"
        assert not pe.acceptable_to_all and pe.blocked_by == ()

    def test_red_line_blocks_whatever_the_utility(self) -> None:
        s = load_scenario(MINI)
        plan = Plan(id="p3", title="New", terms=M({"border": "new", "troops": "none"}))

        s2 = replace(s, plans=(*s.plans, plan))
        pe = evaluate_plans(s2, plans=["p3"]).plans[0]
        # p3 also breaks constraint c1 (a new border needs a 1000 cap)
        assert pe.violations == ("c1",)
        assert "border=new" in pe.parties[0].red_lines
        assert not pe.acceptable_to_all

    def test_unknown_plan_and_perspective(self) -> None:
        s = load_scenario(MINI)
        with pytest.raises(KeyError, match="no plan"):
            evaluate_plans(s, plans=["nope"])
        with pytest.raises(SpaceError, match="perspective"):
            evaluate_plans(s, perspective="nope")

    def test_across_perspectives(self) -> None:
        evs = evaluate_across_perspectives(load_scenario(MINI))
        assert [e.perspective for e in evs] == ["base"]

    def test_to_frame(self) -> None:
        frame = self.ev.to_frame()
        assert list(frame.columns[:4]) == ["plan", "party", "perspective", "utility"]  # type: ignore[attr-defined]
        assert len(frame) == 6  # type: ignore[arg-type]


def direct(s: Scenario, plan: Plan) -> dict[str, tuple[float, float, str]]:
    """Utility range and acceptability per party, straight from the definitions.

    An issue left out takes its status quo, or any option without one; an issue
    provided in one of several forms takes any of them.
    """
    choices: dict[str, tuple[str, ...]] = {}
    for i in s.issues:
        term = plan.terms.get(i.id)
        if isinstance(term, str):
            choices[i.id] = (term,)
        elif isinstance(term, OneOf):
            choices[i.id] = term.options
        elif i.status_quo is not None:
            choices[i.id] = (i.status_quo,)
        else:
            choices[i.id] = i.option_ids
    completions = [dict(zip(choices, combo, strict=True)) for combo in itertools.product(*choices.values())]
    feasible = [c for c in completions if all(con.holds(c) for con in s.constraints)]
    pool = feasible or completions
    out = {}
    for prof in s.profiles:
        utils, oks = [], []
        for pkg in pool:
            total = sum(prof.weights.values())
            u = (
                sum(
                    w * complete_values(s.issue(i), prof.values[i])[s.issue(i).index(pkg[i])]
                    for i, w in prof.weights.items()
                )
                / total
            )
            utils.append(u)
            oks.append(u - prof.batna > TOL and not any(rl.crossed_by(pkg) for rl in prof.red_lines))
        # A broken constraint is the plan's fault: each party is judged on its own terms.
        verdict = "yes" if all(oks) else ("no" if not any(oks) else "depends")
        out[prof.party] = (min(utils), max(utils), verdict)
    return out


@settings(
    max_examples=250, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow]
)
@given(scenarios())
def test_evaluation_equals_direct_recomputation(s: Scenario) -> None:
    ev = evaluate_plans(s)
    for pe in ev.plans:
        expected = direct(s, s.plan(pe.plan))
        for v in pe.parties:
            lo, hi, verdict = expected[v.party]
            assert v.utility_range == pytest.approx((lo, hi), abs=1e-9)
            assert v.acceptability == verdict
        assert pe.acceptable_to_all == (not pe.violations and all(x[2] == "yes" for x in expected.values()))
        assert set(pe.blocked_by) == {p for p, x in expected.items() if x[2] == "no"}


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow]
)
@given(scenarios())
def test_accepted_plans_beat_every_batna(s: Scenario) -> None:
    for pe in evaluate_plans(s).plans:
        if pe.acceptable_to_all:
            for v in pe.parties:
                assert v.utility_range[0] > v.batna and not v.red_lines


class TestProvidedInOneOfSeveralForms:
    """A term listing options: the plan provides the issue, its form is open (mini.yaml)."""

    def evaluate(self, terms: dict[str, Term]) -> PlanEvaluation:
        s = load_scenario(MINI)
        plan = Plan(id="p9", title="Forms", terms=M(terms))
        return evaluate_plans(replace(s, plans=(plan,))).plans[0]

    def test_the_range_covers_the_listed_forms_only(self) -> None:
        pe = self.evaluate({"border": "old", "troops": OneOf(options=("1000", "none"))})
        assert pe.complete and pe.undetermined == () and dict(pe.forms) == {"troops": ("1000", "none")}
        a, b = pe.parties
        # A: .75*100 + .25*{0, 100}; B: .5*0 + .5*{100, 0}; 5000 is not listed
        assert a.utility_range == pytest.approx((75.0, 100.0)) and a.acceptability == "yes"
        assert b.utility_range == pytest.approx((0.0, 50.0)) and b.acceptability == "depends"
        assert pe.package["troops"] is None and pe.completions == 2
        assert "until the form of troops settled" in pe.verdict()

    def test_a_red_line_crossed_by_some_forms_makes_the_verdict_depend_on_the_form(self) -> None:
        pe = self.evaluate({"border": OneOf(options=("old", "new")), "troops": "1000"})
        a = pe.parties[0]
        assert a.acceptability == "depends" and a.red_lines == ()
        assert a.red_lines_possible == ("border=new",)

    def test_a_red_line_crossed_by_every_form_blocks(self) -> None:
        pe = self.evaluate({"border": OneOf(options=("new",)), "troops": "1000"})
        assert pe.forms == {}
        assert pe.parties[0].acceptability == "no" and pe.parties[0].red_lines == ("border=new",)
