"""Plans: concrete proposals that settle some or all issues.

A plan may leave issues open (silent: the status quo holds). It may also
*provide* an issue without its form being known or agreed: a :class:`OneOf`
term names the options the provision may take ("silent is not status quo").
Where its sources disagree on what it says, a plan carries alternative
:class:`Reading` s; each reading overrides some terms and is evaluated as a
variant ``PLAN@READING``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from accord.model.elements import Quote, check_id, first_duplicate, freeze_tuples, read_only
from accord.model.problems import ModelError

READING_SEP = "@"


@dataclass(frozen=True, slots=True, kw_only=True)
class OneOf:
    """A term that provides an issue in one of ``options``; which one is disputed or unknown.

    Distinct from leaving the issue out (the status quo holds): the plan does
    settle the issue, but its sources do not say in which form. Evaluation
    reports the range over the listed options. ``why`` says what is disputed.
    """

    options: tuple[str, ...]
    why: str = ""

    def __post_init__(self) -> None:
        freeze_tuples(self, "options")
        if not self.options:
            raise ModelError("one_of", "list at least one option")
        for opt in self.options:
            check_id(opt, "one_of")
        dup = first_duplicate(list(self.options))
        if dup is not None:
            raise ModelError("one_of", f"option {dup!r} is listed twice")

    def text(self) -> str:
        """The options as ``a | b``."""
        return " | ".join(self.options)


Term = str | OneOf
"""What a plan says about an issue: one option, or one of several (:class:`OneOf`)."""


def term_options(term: Term) -> tuple[str, ...]:
    """The options a term allows: the one it names, or those of a :class:`OneOf`."""
    return (term,) if isinstance(term, str) else term.options


def term_text(term: Term) -> str:
    """A term for people: the option id, or ``a | b``."""
    return term if isinstance(term, str) else term.text()


def _normal_terms(terms: Mapping[str, Term | None], field: str) -> dict[str, Term | None]:
    """Check the ids of ``terms``; a one-of a single option is that option."""
    out: dict[str, Term | None] = {}
    for issue, term in terms.items():
        check_id(issue, field)
        if isinstance(term, OneOf):
            out[issue] = term.options[0] if len(term.options) == 1 else term
        elif term is not None:
            check_id(term, f"{field}.{issue}")
            out[issue] = term
        else:
            out[issue] = None
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    """One source's reading of a disputed plan; ``None`` re-opens an issue (to its status quo)."""

    id: str
    title: str = ""
    terms: Mapping[str, Term | None]
    note: str = ""
    sources: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", read_only(_normal_terms(self.terms, "terms")))
        freeze_tuples(self, "sources", "quotes")
        check_id(self.id)


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
    terms: Mapping[str, Term]
    proposers: tuple[str, ...] = ()
    drafted_by: tuple[str, ...] = ()
    date: str = ""
    status: str = ""
    notes: str = ""
    readings: tuple[Reading, ...] = ()
    sources: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()

    def __post_init__(self) -> None:
        terms = _normal_terms(self.terms, "terms")
        if any(t is None for t in terms.values()):
            raise ModelError("terms", "a plan's term names an option; leave an open issue out")
        object.__setattr__(self, "terms", read_only(terms))
        freeze_tuples(self, "readings", "sources", "proposers", "drafted_by", "quotes")
        check_id(self.id)
        for name in ("proposers", "drafted_by"):
            ids = getattr(self, name)
            for pid in ids:
                check_id(pid, name)
            dup = first_duplicate(list(ids))
            if dup is not None:
                raise ModelError(name, f"party {dup!r} is listed twice")
        ids = [r.id for r in self.readings]
        if len(set(ids)) != len(ids):
            raise ModelError("readings", "reading ids must be unique within a plan")

    def variants(self) -> tuple[PlanVariant, ...]:
        """The plan as written, then one variant per reading."""
        base = PlanVariant(plan=self, reading=None, terms=self.terms)
        out = [base]
        for r in self.readings:
            terms: dict[str, Term] = dict(self.terms)
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
    terms: Mapping[str, Term]

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
