"""Describing a scenario: the catalogue, one party's profiles, one plan, a file's findings.

No engine runs here; these are the records the ``show``/``scenarios``/``validate``
views render. Looking up something the scenario lacks is a
:class:`accord.space.SpaceError` naming the request field (``party``, ``plan``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from accord.model import Plan, Profile, Scenario
from accord.model.problems import SpaceError


@dataclass(frozen=True, slots=True, kw_only=True)
class CatalogueEntry:
    """One built-in scenario: its name, title, summary and size."""

    name: str
    title: str
    summary: str
    issues: int
    parties: int
    plans: int
    perspectives: int

    @classmethod
    def of(cls, name: str, summary: str, scenario: Scenario) -> CatalogueEntry:
        """The entry of ``scenario``, registered as ``name`` with ``summary``."""
        return cls(
            name=name,
            title=scenario.title,
            summary=summary,
            issues=len(scenario.issues),
            parties=len(scenario.parties),
            plans=len(scenario.plans),
            perspectives=len(scenario.perspectives),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Catalogue:
    """The built-in scenarios."""

    entries: tuple[CatalogueEntry, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", tuple(self.entries))


@dataclass(frozen=True, slots=True, kw_only=True)
class ScenarioOutcome:
    """A whole scenario to describe."""

    scenario: Scenario


@dataclass(frozen=True, slots=True, kw_only=True)
class ProfilesOutcome:
    """One party's profiles, one per perspective that estimates it."""

    scenario: Scenario
    profiles: tuple[Profile, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "profiles", tuple(self.profiles))


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanOutcome:
    """One plan with its terms, readings, notes and sources."""

    scenario: Scenario
    plan: Plan


def party_profiles(scenario: Scenario, party: str) -> ProfilesOutcome:
    """The profiles of ``party``; a party without any is a :class:`SpaceError` on ``party``."""
    profiles = tuple(p for p in scenario.profiles if p.party == party)
    if not profiles:
        known = ", ".join(scenario.profiled_parties())
        raise SpaceError("party", f"no profiles for party {party!r}; parties with profiles: {known}")
    return ProfilesOutcome(scenario=scenario, profiles=profiles)


def plan_detail(scenario: Scenario, plan: str) -> PlanOutcome:
    """The plan ``plan``; an unknown id is a :class:`SpaceError` on ``plan``."""
    try:
        chosen = scenario.plan(plan)
    except KeyError:
        raise SpaceError(
            "plan", f"no plan {plan!r}; plans: {', '.join(p.id for p in scenario.plans)}"
        ) from None
    return PlanOutcome(scenario=scenario, plan=chosen)


class Finding(Protocol):
    """A problem found in a scenario file (what :class:`accord.io.FileProblem` provides)."""

    @property
    def line(self) -> int | None:
        """Line in the file, if known."""

    @property
    def column(self) -> int | None:
        """Column in the line, if known."""

    @property
    def field(self) -> str:
        """Field at fault."""

    @property
    def message(self) -> str:
        """What is wrong."""

    @property
    def hint(self) -> str:
        """How to fix it."""

    @property
    def severity(self) -> str:
        """``error`` or ``warning``."""

    def render(self) -> str:
        """The problem as one located message."""


class CheckedFile(Protocol):
    """The outcome of checking a file (what :class:`accord.io.Report` provides)."""

    @property
    def scenario(self) -> Scenario | None:
        """The scenario, if the file is valid."""

    @property
    def problems(self) -> Sequence[Finding]:
        """Every problem found."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Validation:
    """The findings of checking scenario file ``file``; ``ok``: a valid scenario without errors."""

    file: str
    scenario: Scenario | None
    problems: tuple[Finding, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "problems", tuple(self.problems))

    @classmethod
    def of(cls, file: str, checked: CheckedFile) -> Validation:
        """The findings of ``checked``, the check of ``file``."""
        return cls(file=file, scenario=checked.scenario, problems=tuple(checked.problems))

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The problems that make the file invalid."""
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The problems that do not."""
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def ok(self) -> bool:
        """Whether the file holds a valid scenario."""
        return self.scenario is not None and not self.errors
