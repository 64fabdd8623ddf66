"""The briefing use case: a scenario's plans, verdicts, frontier and amendments as one :class:`Brief`.

A brief gathers what a diplomat reads before a round (issue 14, item 6), running
only existing engines: the verdicts of every plan under every perspective with
their flip distances (:mod:`accord.workbench.evaluation`,
:mod:`accord.analysis.sensitivity`; a verdict within the stated spread is
*fragile*), the efficient frontier of the first two negotiating parties (cheap and
exact; a four-party frontier of ``ukraine`` takes minutes) with every plan marked
(:mod:`accord.workbench.picture`), and the smallest amendment of each plan that
not every party accepts, under a time limit per plan (:mod:`accord.workbench.search`).
Every number is an estimate of a named perspective (owner, as of a date), never a
forecast (design.md, "The scenario file"). Renderers in
:mod:`accord.report.documents.brief` draw the brief and run no engine.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.analysis.results import PlanEvaluation
from accord.analysis.sensitivity import FlipDistances
from accord.model import OneOf, Scenario, Source
from accord.model.choice import PerspectiveChoice, PerspectiveSpec
from accord.space import SpaceError
from accord.workbench import evaluation, search
from accord.workbench.drafts import Draft, with_draft
from accord.workbench.picture import Picture, picture
from accord.workbench.records import AmendRequest, FrontierRequest

AMEND_TIME_LIMIT = 2.0
"""Seconds the amendment search may spend on each plan by default."""

SECTIONS = ("plans", "verdicts", "frontier", "amendments", "sources")
"""The sections of a brief, in order."""


@dataclass(frozen=True, slots=True, kw_only=True)
class EstimateLabel:
    """Whose estimates a perspective's numbers are: name, owner, as of when, and what kind of claim."""

    perspective: str
    name: str
    owner: str
    as_of: str
    kind: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Cell:
    """One party's verdict on one plan under one perspective, with how far it is from flipping.

    ``flip`` is the smallest move of the BATNA (or of the values) that flips it, in
    points; None for a plan with no single package. ``crossed`` names red lines crossed
    (then no move of these estimates flips the verdict).
    """

    party: str
    verdict: str
    surplus: float
    fragile: bool
    flip: float | None
    crossed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanVerdicts:
    """A plan's verdicts, one cell per party, under one perspective."""

    plan: str
    cells: tuple[Cell, ...]

    @property
    def acceptable_to_all(self) -> bool:
        """Whether every party says yes."""
        return all(c.verdict == "yes" for c in self.cells)


@dataclass(frozen=True, slots=True, kw_only=True)
class PerspectiveVerdicts:
    """Every plan's verdicts under one perspective (``label`` says whose estimates they are)."""

    label: EstimateLabel
    plans: tuple[PlanVerdicts, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanInfo:
    """A plan as written: id, title, proposers, date and sources."""

    id: str
    title: str
    proposers: tuple[str, ...]
    date: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Amendment:
    """The smallest amendment of a plan that every negotiating party accepts, or why there is none.

    ``changes`` lists ``(issue, from, to)``; ``held`` lists ``(issue, option)`` for issues
    the plan provides in several forms, held at their first listed form for the search.
    """

    plan: str
    status: str
    feasible: bool
    exact: bool
    changes: tuple[tuple[str, str, str], ...] = ()
    held: tuple[tuple[str, str], ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Brief:
    """A briefing on a scenario: plans, verdicts per perspective, a frontier, amendments, sources."""

    scenario: str
    title: str
    perspective: str
    parties: tuple[str, ...]
    plans: tuple[PlanInfo, ...]
    verdicts: tuple[PerspectiveVerdicts, ...]
    picture: Picture | None
    picture_note: str
    amendments: tuple[Amendment, ...]
    sources: tuple[Source, ...]
    time_limit: float


@dataclass(frozen=True, slots=True, kw_only=True)
class BriefRequest:
    """Brief ``scenario``; ``perspective`` is listed first and used for the frontier and amendments."""

    scenario: Scenario
    perspective: PerspectiveSpec = None
    time_limit: float = AMEND_TIME_LIMIT


def _label(s: Scenario, perspective: str) -> EstimateLabel:
    try:
        p = s.perspective(perspective)
    except KeyError:  # a mixed choice: its text form
        return EstimateLabel(perspective=perspective, name=perspective, owner="mixed", as_of="", kind="mixed")
    return EstimateLabel(
        perspective=p.id, name=p.name or p.id, owner=p.owner, as_of=p.as_of, kind=p.kind, sources=p.sources
    )


def _cell(pe: PlanEvaluation, k: int, flips: tuple[FlipDistances, ...] | None) -> Cell:
    v = pe.parties[k]
    f = flips[k] if flips is not None else None
    crossed = v.red_lines
    return Cell(
        party=v.party,
        verdict=v.acceptability,
        surplus=v.surplus,
        fragile=not v.firm,
        flip=None if f is None or crossed else f.batna,
        crossed=crossed,
    )


def _verdicts(s: Scenario, choice: str, plans: tuple[str, ...]) -> PerspectiveVerdicts:
    out = evaluation.evaluate(evaluation.EvaluateRequest(scenario=s, perspective=choice, plans=plans))
    rows = []
    for pe in out.evaluation.plans:
        flips = out.flips.get(pe.plan)
        rows.append(
            PlanVerdicts(plan=pe.plan, cells=tuple(_cell(pe, k, flips) for k in range(len(pe.parties))))
        )
    return PerspectiveVerdicts(label=_label(s, choice), plans=tuple(rows))


def _amend(s: Scenario, plan: str, choice: str, limit: float) -> Amendment:
    """The smallest amendment of ``plan``; issues given in several forms are held at the first form."""
    terms = s.plan_variant(plan).terms
    held = tuple((i, t.options[0]) for i, t in terms.items() if isinstance(t, OneOf))
    target, scen = plan, s
    if held:
        fixed = {i: (t.options[0] if isinstance(t, OneOf) else t) for i, t in terms.items()}
        drafted = with_draft(s, Draft(terms=fixed))
        scen, target = drafted.scenario, drafted.plan_id
    try:
        out = search.amend(AmendRequest(scenario=scen, plan=target, perspective=choice, time_limit=limit))
    except SpaceError as exc:
        return Amendment(plan=plan, status="not searched", feasible=False, exact=True, note=exc.message)
    r = out.result
    changes = tuple((c.issue_id, c.before_id, c.after_id) for c in r.changes) if r.feasible else ()
    note = r.note or ("; ".join(r.conflict) if r.conflict else "")
    return Amendment(
        plan=plan, status=r.status, feasible=r.feasible, exact=r.exact, changes=changes, held=held, note=note
    )


def _picture(s: Scenario, choice: str, parties: tuple[str, ...]) -> tuple[Picture | None, str]:
    if len(parties) < 2:
        return None, "No frontier: the scenario has fewer than two negotiating parties."
    pair = parties[:2]
    outcome = search.frontier(FrontierRequest(scenario=s, perspective=choice, parties=pair))
    note = (
        f"The efficient frontier of {pair[0]} and {pair[1]} only (their utilities over every package, "
        f"the other parties' verdicts ignored), with every plan marked; estimates under {choice}."
    )
    return picture(outcome), note


def brief(request: BriefRequest) -> Brief:
    """The brief; an unknown perspective is a :class:`SpaceError` on ``perspective``."""
    s = request.scenario
    spec = PerspectiveChoice.of(request.perspective)
    spec.check(s)
    choice = spec.text(s)
    others = tuple(p.id for p in s.perspectives if p.id != choice)
    plan_ids = tuple(p.id for p in s.plans)
    verdicts = tuple(_verdicts(s, c, plan_ids) for c in (choice, *others))
    parties = tuple(s.negotiating_parties())
    first = verdicts[0].plans
    amendments = tuple(
        _amend(s, pv.plan, choice, request.time_limit)
        for pv in first
        if pv.plan in plan_ids and not pv.acceptable_to_all
    )
    pic, note = _picture(s, choice, parties)
    infos = tuple(
        PlanInfo(id=p.id, title=p.title, proposers=tuple(p.proposers), date=p.date, sources=tuple(p.sources))
        for p in s.plans
    )
    return Brief(
        scenario=s.id,
        title=s.title,
        perspective=choice,
        parties=parties,
        plans=infos,
        verdicts=verdicts,
        picture=pic,
        picture_note=note,
        amendments=amendments,
        sources=tuple(s.sources),
        time_limit=request.time_limit,
    )
