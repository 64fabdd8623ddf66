"""The scenario: one conflict, written down."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from accord.model.checks import check_scenario
from accord.model.constraints import Constraint
from accord.model.drafting import Drafting, check_drafting
from accord.model.elements import (
    Issue,
    Party,
    Phase,
    Role,
    Rule,
    Source,
    Table,
    Track,
    check_id,
    freeze_tuples,
)
from accord.model.offers import Offer
from accord.model.plans import Plan, PlanVariant
from accord.model.preferences import Perspective, Profile, no_deal_utility
from accord.model.problems import ModelError, Problem, ScenarioInvalid
from accord.model.timelines import Timeline

FORMAT_VERSION = 1
"""The version of the scenario file format (``accord: 1``)."""

_COLLECTIONS = (
    "issues", "parties", "perspectives", "sources", "tables", "tracks",
    "phases", "rules", "constraints", "profiles", "plans", "offers", "timelines",
)  # fmt: skip


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_HasId)


@dataclass(frozen=True, slots=True, kw_only=True)
class Scenario:
    """Everything accord knows about a conflict.

    Construction runs every check of :func:`accord.model.checks.check_scenario`
    and raises :class:`ScenarioInvalid` listing all errors at once.
    """

    id: str
    title: str
    issues: tuple[Issue, ...]
    parties: tuple[Party, ...]
    perspectives: tuple[Perspective, ...]
    default_perspective: str
    accord: int = FORMAT_VERSION
    description: str = ""
    sources: tuple[Source, ...] = ()
    tables: tuple[Table, ...] = ()
    tracks: tuple[Track, ...] = ()
    phases: tuple[Phase, ...] = ()
    rules: tuple[Rule, ...] = ()
    constraints: tuple[Constraint, ...] = ()
    profiles: tuple[Profile, ...] = ()
    plans: tuple[Plan, ...] = ()
    offers: tuple[Offer, ...] = ()
    drafting: Drafting = field(default_factory=Drafting)
    timelines: tuple[Timeline, ...] = ()
    _problems: tuple[Problem, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        freeze_tuples(self, *_COLLECTIONS)
        check_id(self.id)
        problems = (*check_scenario(self), *check_drafting(self))
        object.__setattr__(self, "_problems", problems)
        if any(p.severity == "error" for p in problems):
            raise ScenarioInvalid(problems)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Non-fatal findings of the construction-time checks (e.g. a missing rationale)."""
        return tuple(p for p in self._problems if p.severity == "warning")

    # -- lookups ---------------------------------------------------------
    def issue(self, issue_id: str) -> Issue:
        """The issue called ``issue_id`` (``KeyError`` naming the known ones otherwise)."""
        return _find(self.issues, issue_id, "issue")

    def party(self, party_id: str) -> Party:
        """The party called ``party_id`` (``KeyError`` naming the known ones otherwise)."""
        return _find(self.parties, party_id, "party")

    def plan(self, plan_id: str) -> Plan:
        """The plan called ``plan_id`` (``KeyError`` naming the known ones otherwise)."""
        return _find(self.plans, plan_id, "plan")

    def source(self, source_id: str) -> Source:
        """The source called ``source_id`` (``KeyError`` naming the known ones otherwise)."""
        return _find(self.sources, source_id, "source")

    def perspective(self, perspective_id: str) -> Perspective:
        """The perspective called ``perspective_id`` (``KeyError`` naming the known ones otherwise)."""
        return _find(self.perspectives, perspective_id, "perspective")

    def timeline(self, timeline_id: str) -> Timeline:
        """The timeline called ``timeline_id`` (``KeyError`` naming the known ones otherwise)."""
        return _find(self.timelines, timeline_id, "timeline")

    def table(self, table_id: str) -> Table:
        """The table called ``table_id`` (``KeyError`` naming the known ones otherwise)."""
        return _find(self.tables, table_id, "table")

    def plan_variants(self) -> tuple[PlanVariant, ...]:
        """Every plan as written and under each of its readings, in plan order."""
        return tuple(v for p in self.plans for v in p.variants())

    def plan_variant(self, variant_id: str) -> PlanVariant:
        """The variant ``PLAN`` or ``PLAN@READING`` (``KeyError`` naming the known ones otherwise)."""
        for v in self.plan_variants():
            if v.id == variant_id:
                return v
        known = ", ".join(v.id for v in self.plan_variants())
        raise KeyError(f"no plan {variant_id!r} in scenario {self.id!r}; plans: {known}")

    def profile(
        self, holder: str, perspective: str | None = None, *, fallback: bool = True
    ) -> Profile | None:
        """The profile of ``holder`` (``US`` or ``US.NSC``) under ``perspective``.

        With ``fallback`` a holder without a profile in that perspective gets its
        profile in the default perspective; the caller can tell from
        ``profile.perspective`` whose estimate it received.
        """
        wanted = perspective or self.default_perspective
        for p in self.profiles:
            if p.holder == holder and p.perspective == wanted:
                return p
        if fallback and wanted != self.default_perspective:
            return self.profile(holder, self.default_perspective, fallback=False)
        return None

    def fallbacks(
        self, perspective: str | None = None, holders: Iterable[str] | None = None
    ) -> tuple[str, ...]:
        """The parties that have no profile under ``perspective`` and use the default perspective's.

        ``holders`` (parties or factions, ``US.NSC``) defaults to every party with a
        profile in some perspective (:meth:`profiled_parties`). Under the default
        perspective nobody falls back. Holders without a profile anywhere are not
        listed: they have no estimate at all.
        """
        wanted = perspective or self.default_perspective
        if wanted == self.default_perspective:
            return ()
        chosen = self.profiled_parties() if holders is None else tuple(holders)
        own = {p.holder for p in self.profiles if p.perspective == wanted}
        fallback = {p.holder for p in self.profiles if p.perspective == self.default_perspective}
        return tuple(h for h in chosen if h not in own and h in fallback)

    def no_deal(self, profile: Profile) -> float | None:
        """The utility of no deal (every issue at its status quo) for ``profile``.

        ``None`` when some issue the profile weighs has no status quo (see
        :func:`accord.model.no_deal_utility`).
        """
        try:
            return no_deal_utility({i.id: i for i in self.issues}, profile.weights, profile.values)
        except ModelError:
            return None

    def profiled_parties(self) -> tuple[str, ...]:
        """Parties (not factions) that have a profile in any perspective, in party order."""
        have = {p.party for p in self.profiles if p.faction is None}
        return tuple(p.id for p in self.parties if p.id in have)

    def negotiating_parties(self) -> tuple[str, ...]:
        """Profiled parties whose acceptance an agreement needs: all but mediators and observers.

        When every profiled party is a mediator or observer, all of them.

        The package searches (solve, zopa, frontier, amend) take these by default: a
        mediator's or observer's estimated preferences inform a plan's evaluation, but
        they hold no veto over the agreement (Pickering 2022 places mediators outside
        the negotiating parties).
        """
        outside = {Role.MEDIATOR, Role.OBSERVER}
        by_id = {p.id: p for p in self.parties}
        inside = tuple(p for p in self.profiled_parties() if by_id[p].role not in outside)
        return inside or self.profiled_parties()


def _find(items: tuple[T, ...], key: str, what: str) -> T:
    for item in items:
        if item.id == key:
            return item
    known = ", ".join(i.id for i in items) or "none"
    raise KeyError(f"no {what} {key!r}; known: {known}")
