"""Land mines: articles that the parties could sign with different meanings.

Pickering 2022 warns that ambiguity in an agreement's wording plants "land
mines" that go off in implementation. Where the scenario carries disputed
readings of a plan (``PLAN@READING``), every article whose text differs between
the plan as written and a reading is listed with its text under each, and
each party's utility and verdict under each reading come from the evaluation
engine (:func:`accord.analysis.evaluate.evaluate_plans`), so that a clause two
sides would sign with different meanings is flagged before signature.
"""

from __future__ import annotations

from dataclasses import replace

from accord.analysis.evaluate import evaluate_plans
from accord.model import Scenario
from accord.model.choice import PerspectiveSpec
from accord.model.plans import PlanVariant, term_text
from accord.workbench.drafting import XRef, instrument_issues, option_text
from accord.workbench.instruments import INSTRUMENT_KINDS, DraftResult, LandMine, ReadingVerdict


def _meaning(scenario: Scenario, variant: PlanVariant, issue_id: str, xref: XRef) -> str:
    """What the article on ``issue_id`` says under ``variant``."""
    issue = scenario.issue(issue_id)
    term = variant.terms.get(issue_id)
    kind = xref[issue_id][0] if issue_id in xref else "settlement"
    if term is None:
        held = f"; the status quo ({issue.status_quo}) holds" if issue.status_quo else ""
        return f"(silent{held})"
    if isinstance(term, str):
        return option_text(scenario, issue, next(o for o in issue.options if o.id == term), xref, kind).text
    return f"(one of: {term_text(term)})"


def landmines(scenario: Scenario, result: DraftResult) -> tuple[LandMine, ...]:
    """The articles of ``result`` whose meaning differs between the readings of its plan."""
    variant = scenario.plan_variant(result.package)
    variants = variant.plan.variants()
    if len(variants) < 2:
        return ()
    xref = {
        a.issue: (ins.kind, a.number)
        for ins in result.instruments
        for a in ins.articles
        if a.issue is not None
    }
    kinds = {i.id: k for k in INSTRUMENT_KINDS for i in instrument_issues(scenario, k)}
    out = []
    for issue in scenario.issues:
        texts = tuple((v.id, _meaning(scenario, v, issue.id, xref)) for v in variants)
        if len({t for _, t in texts}) < 2:
            continue
        where = xref.get(issue.id)
        out.append(
            LandMine(
                instrument=kinds[issue.id],
                article=where[1] if where else None,
                issue=issue.id,
                heading=issue.title,
                meanings=texts,
            )
        )
    return tuple(out)


def reading_verdicts(
    scenario: Scenario, plan: str, perspective: PerspectiveSpec = None
) -> tuple[str, tuple[ReadingVerdict, ...]]:
    """Each profiled party's utility and verdict on every variant of ``plan``, and the perspective."""
    ev = evaluate_plans(scenario, perspective=perspective, plans=[plan])
    rows = tuple(
        ReadingVerdict(
            variant=pe.plan,
            party=v.party,
            utility=round(v.utility, 1),
            utility_range=(round(v.utility_range[0], 1), round(v.utility_range[1], 1)),
            acceptability=v.acceptability,
        )
        for pe in ev.plans
        for v in pe.parties
    )
    return ev.perspective, rows


def with_landmines(
    scenario: Scenario, result: DraftResult, perspective: PerspectiveSpec = None
) -> DraftResult:
    """``result`` with its land mines and, when there are any, the verdicts under each reading."""
    mines = landmines(scenario, result)
    if not mines:
        return result
    plan = scenario.plan_variant(result.package).plan.id
    persp, verdicts = reading_verdicts(scenario, plan, perspective)
    return replace(result, landmines=mines, verdicts=verdicts, perspective=persp)
