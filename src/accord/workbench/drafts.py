"""Drafts: a package typed on the command line, tested without editing the scenario file.

A :class:`Draft` is either a new package (``terms``: issue -> option) or a
variation of an existing plan (``base``: ``PLAN`` or ``PLAN@READING``, with
``terms`` as the edits). :func:`with_draft` builds a real
:class:`accord.model.Plan` from it and adds it to the scenario, so the draft
passes the very checks a file's plan passes (unknown issue, option outside its
issue) and is evaluated by the same engine; a draft that breaks a constraint is
reported as any plan that does. Problems are :class:`accord.space.SpaceError` on
the request field ``terms`` (a new package), ``set`` (edits of a base) or
``base``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from accord.model import ModelError, Plan, Scenario, ScenarioInvalid
from accord.space import SpaceError

DRAFT_ID = "draft"
"""The id a draft shows under (``draft-2``, ... when the scenario already has one)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Draft:
    """A package to test: ``terms`` alone (a new package), or ``base`` with ``terms`` as edits."""

    terms: Mapping[str, str]
    base: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", MappingProxyType(dict(self.terms)))

    @property
    def field(self) -> str:
        """The request field the terms came from: ``set`` (edits of a base) or ``terms``."""
        return "terms" if self.base is None else "set"


@dataclass(frozen=True, slots=True, kw_only=True)
class Drafted:
    """The scenario with the draft added as plan ``plan_id``."""

    scenario: Scenario
    plan_id: str


def _free_id(scenario: Scenario) -> str:
    taken = {p.id for p in scenario.plans}
    n = 1
    candidate = DRAFT_ID
    while candidate in taken:
        n += 1
        candidate = f"{DRAFT_ID}-{n}"
    return candidate


def _listing(terms: Mapping[str, str]) -> str:
    return ", ".join(f"{issue}={opt}" for issue, opt in terms.items())


def draft_plan(scenario: Scenario, draft: Draft) -> Plan:
    """The plan ``draft`` describes: its id, a title listing the edits, and its terms.

    A variation keeps its base's proposers (whose costs break an amendment's ties)
    and drafters.
    A malformed id is a :class:`SpaceError` on the draft's field.
    """
    try:
        return _draft_plan(scenario, draft)
    except ModelError as exc:
        raise SpaceError(draft.field, f"{exc.message}; {exc.hint}" if exc.hint else exc.message) from None


def _draft_plan(scenario: Scenario, draft: Draft) -> Plan:
    plan_id = _free_id(scenario)
    if draft.base is None:
        if not draft.terms:
            raise SpaceError("terms", "a draft needs at least one ISSUE=OPTION")
        return Plan(id=plan_id, title=f"Draft: {_listing(draft.terms)}", terms=draft.terms)
    try:
        base = scenario.plan_variant(draft.base)
    except KeyError:
        known = ", ".join(v.id for v in scenario.plan_variants()) or "none"
        raise SpaceError("base", f"no plan {draft.base!r}; plans: {known}") from None
    edits = f" with {_listing(draft.terms)}" if draft.terms else " unchanged"
    return Plan(
        id=plan_id,
        title=f"Draft: {base.id}{edits}",
        terms={**base.terms, **draft.terms},
        proposers=base.plan.proposers,
        drafted_by=base.plan.drafted_by,
    )


def with_draft(scenario: Scenario, draft: Draft) -> Drafted:
    """``scenario`` with ``draft`` added as a plan, checked like a file's plan.

    An unknown issue or an option outside its issue is a :class:`SpaceError` on
    the draft's field, worded as the file check words it.
    """
    plan = draft_plan(scenario, draft)
    try:
        drafted = replace(scenario, plans=(*scenario.plans, plan))
    except ScenarioInvalid as exc:
        index = len(scenario.plans)
        mine = [p for p in exc.problems if p.severity == "error" and p.path[:2] == ("plans", index)]
        if not mine:
            raise
        message = "; ".join(f"{p.message}; {p.hint}" if p.hint else p.message for p in mine)
        raise SpaceError(draft.field, message) from None
    return Drafted(scenario=drafted, plan_id=plan.id)
