"""The drafting use case the command line calls: package -> drafted instruments -> land mines, changes.

A package is a plan (or ``PLAN@READING``), a draft already added to the scenario,
or a bargaining solution (:func:`solution_plan` adds its package as a draft).
With ``against``, the text is compared with the same instruments drafted from an
earlier version (:mod:`accord.workbench.versions`).
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.model import Scenario
from accord.model.choice import PerspectiveSpec
from accord.model.problems import SpaceError
from accord.workbench.drafting import DraftRequest, draft
from accord.workbench.instruments import INSTRUMENT_KINDS as INSTRUMENT_KINDS
from accord.workbench.instruments import DraftResult, InstrumentKind
from accord.workbench.landmines import with_landmines
from accord.workbench.versions import with_changes


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentRequest:
    """Draft ``package`` (or the ``solution``'s package) as ``instruments``; compare with ``against``."""

    scenario: Scenario
    package: str | None = None
    solution: str | None = None
    instruments: tuple[InstrumentKind, ...] = INSTRUMENT_KINDS
    perspective: PerspectiveSpec = None
    against: str | None = None


def draft_document(request: DocumentRequest) -> DraftResult:
    """The drafted instruments with their land mines and, with ``against``, the changes from it.

    Bad requests are :class:`SpaceError` s on ``package``, ``solution`` or ``against``.
    """
    s, package = request.scenario, request.package
    if request.solution is not None:
        s, package = solution_plan(s, request.solution, request.perspective)
    if package is None:
        raise SpaceError("package", "name a plan, a draft or a solution to draft")
    result = draft(DraftRequest(scenario=s, package=package, instruments=request.instruments))
    result = with_landmines(s, result, request.perspective)
    if request.against is None:
        return result
    try:
        old = draft(DraftRequest(scenario=s, package=request.against, instruments=request.instruments))
    except SpaceError as exc:
        raise SpaceError("against", exc.message) from None
    return with_changes(old, result)


def solution_plan(
    scenario: Scenario, solution: str, perspective: PerspectiveSpec = None
) -> tuple[Scenario, str]:
    """The scenario with a bargaining solution's package added as a draft plan, and its id.

    No solution (no feasible package) is a :class:`accord.model.SpaceError` on ``solution``.
    """
    from accord.workbench import search
    from accord.workbench.drafts import Draft, with_draft
    from accord.workbench.records import SolveRequest

    outcome = search.solve(SolveRequest(scenario=scenario, perspective=perspective, solution=solution))
    package = outcome.result.package
    if package is None:
        raise SpaceError("solution", f"the {solution} solution finds no package ({outcome.result.status})")
    drafted = with_draft(scenario, Draft(terms=outcome.space.package_ids(package)))
    return drafted.scenario, drafted.plan_id
