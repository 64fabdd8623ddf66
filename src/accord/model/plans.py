"""Plans: concrete proposals that settle some or all issues.

A plan may leave issues open. Where its sources disagree on what it says, a
plan carries alternative :class:`Reading` s; each reading overrides some terms
and is evaluated as a variant ``PLAN@READING``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from accord.model.elements import check_id, first_duplicate, freeze_tuples, read_only
from accord.model.problems import ModelError

READING_SEP = "@"


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    """One source's reading of a disputed plan; ``None`` re-opens an issue."""

    id: str
    title: str = ""
    terms: Mapping[str, str | None]
    note: str = ""
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", read_only(self.terms))
        freeze_tuples(self, "sources")
        check_id(self.id)
        for issue, opt in self.terms.items():
            check_id(issue, "terms")
            if opt is not None:
                check_id(opt, f"terms.{issue}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    """A real or hypothetical proposal: the option it picks for each issue it settles.

    Issues left out of ``terms`` are open (they take their status quo when
    evaluated); ``readings`` are the sources' alternative readings of the plan.
    ``proposers`` put the plan forward (several for a joint proposal, none for an
    analyst's plan); ``drafted_by`` wrote it, e.g. the delegations of a joint
    working draft, which may differ from who tabled it.
    """

    id: str
    title: str
    terms: Mapping[str, str]
    proposers: tuple[str, ...] = ()
    drafted_by: tuple[str, ...] = ()
    date: str = ""
    status: str = ""
    notes: str = ""
    readings: tuple[Reading, ...] = ()
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", read_only(self.terms))
        freeze_tuples(self, "readings", "sources", "proposers", "drafted_by")
        check_id(self.id)
        for name in ("proposers", "drafted_by"):
            ids = getattr(self, name)
            for pid in ids:
                check_id(pid, name)
            dup = first_duplicate(list(ids))
            if dup is not None:
                raise ModelError(name, f"party {dup!r} is listed twice")
        for issue, opt in self.terms.items():
            check_id(issue, "terms")
            check_id(opt, f"terms.{issue}")
        ids = [r.id for r in self.readings]
        if len(set(ids)) != len(ids):
            raise ModelError("readings", "reading ids must be unique within a plan")

    def variants(self) -> tuple[PlanVariant, ...]:
        """The plan as written, then one variant per reading."""
        base = PlanVariant(plan=self, reading=None, terms=self.terms)
        out = [base]
        for r in self.readings:
            terms = dict(self.terms)
            for issue, opt in r.terms.items():
                if opt is None:
                    terms.pop(issue, None)
                else:
                    terms[issue] = opt
            out.append(PlanVariant(plan=self, reading=r, terms=MappingProxyType(terms)))
        return tuple(out)


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanVariant:
    """A plan under one reading (or as written when ``reading`` is None)."""

    plan: Plan
    reading: Reading | None
    terms: Mapping[str, str]

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", read_only(self.terms))

    @property
    def id(self) -> str:
        """``PLAN`` as written, ``PLAN@READING`` under a reading."""
        if self.reading is None:
            return self.plan.id
        return f"{self.plan.id}{READING_SEP}{self.reading.id}"

    @property
    def title(self) -> str:
        """The plan's title, with the reading's title (or id) in parentheses."""
        if self.reading is None:
            return self.plan.title
        return f"{self.plan.title} ({self.reading.title or self.reading.id})"
