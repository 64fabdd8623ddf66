"""The package searches: efficient frontier, bargaining solutions, ZOPA, smallest amendment.

Each use case compiles the scenario under a perspective for the chosen parties
(tables, tracks and fixed issues as restrictions), runs one engine of
:mod:`accord.analysis` and returns its result in an outcome of
:mod:`accord.workbench.records`, with each party's stated spread and whose
estimates the space holds.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from accord.analysis.amend import solve_amendment
from accord.analysis.bargaining import solve_bargaining
from accord.analysis.frontier import solve_frontier
from accord.analysis.results import AmendResult, BargainingResult, FrontierResult, ZopaResult
from accord.analysis.zopa import solve_zopa
from accord.space import Space, SpaceError
from accord.workbench.records import (
    AmendOutcome,
    AmendRequest,
    FrontierOutcome,
    FrontierRequest,
    SolveOutcome,
    SolveRequest,
    ZopaOutcome,
    ZopaRequest,
    estimates,
    proposer_tiebreak,
)

ResultT = TypeVar("ResultT", FrontierResult, BargainingResult, ZopaResult, AmendResult)


def recorded(result: ResultT, space: Space) -> ResultT:
    """``result`` with whose estimates it used in its provenance (design.md, rule 5).

    The engines read a space and record their own options; the perspectives
    asked for (``perspective``, the text form of the choice) and used per party
    (``estimates_by``) come from the space.
    """
    params = {
        **result.provenance.parameters,
        "perspective": space.choice,
        "estimates_by": dict(zip(space.parties, space.perspectives, strict=True)),
    }
    return replace(result, provenance=replace(result.provenance, parameters=params))


def frontier(request: FrontierRequest) -> FrontierOutcome:
    """The efficient frontier (:func:`accord.analysis.frontier.solve_frontier`)."""
    space = request.compile()
    res = solve_frontier(
        space,
        ignore_red_lines=request.ignore_red_lines,
        individually_rational=request.rational,
        time_limit=request.time_limit,
        max_points=request.max_points,
    )
    return FrontierOutcome(
        request=request, result=recorded(res, space), space=space, estimates=estimates(space)
    )


def solve(request: SolveRequest) -> SolveOutcome:
    """A bargaining solution (:func:`accord.analysis.bargaining.solve_bargaining`)."""
    space = request.compile()
    res = solve_bargaining(
        space,
        request.solution,
        lotteries=request.lotteries,
        ignore_red_lines=request.ignore_red_lines,
        time_limit=request.time_limit,
        backend=request.backend,
    )
    return SolveOutcome(request=request, result=recorded(res, space), space=space, estimates=estimates(space))


def zopa(request: ZopaRequest) -> ZopaOutcome:
    """The zone of possible agreement (:func:`accord.analysis.zopa.solve_zopa`)."""
    space = request.compile()
    res = solve_zopa(
        space,
        ignore_red_lines=request.ignore_red_lines,
        time_limit=request.time_limit,
        samples=request.samples,
        seed=request.seed,
        backend=request.backend,
    )
    return ZopaOutcome(request=request, result=recorded(res, space), space=space, estimates=estimates(space))


def amend(request: AmendRequest) -> AmendOutcome:
    """The smallest amendment (:func:`accord.analysis.amend.solve_amendment`).

    An unknown plan is a :class:`SpaceError` on ``plan``.
    """
    s = request.scenario
    try:
        variant = s.plan_variant(request.plan)
    except KeyError:
        known = ", ".join(v.id for v in s.plan_variants())
        raise SpaceError("plan", f"no plan {request.plan!r} in {s.id}; plans: {known}") from None
    chosen = request.parties or s.negotiating_parties()
    extra, proposers, note = proposer_tiebreak(s, variant.plan.proposers, chosen, request.perspective)
    space = request.compile([*chosen, *extra])
    res = solve_amendment(
        space,
        variant.terms,
        proposers=proposers,
        must_accept=list(chosen),
        ignore_red_lines=request.ignore_red_lines,
        time_limit=request.time_limit,
        backend=request.backend,
    )
    return AmendOutcome(
        request=request,
        result=recorded(res, space),
        variant=variant.id,
        title=variant.title,
        must_accept=tuple(chosen),
        note=note,
        space=space,
        estimates=estimates(space),
    )
