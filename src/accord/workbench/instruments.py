"""The instrument structure a drafted agreement has: articles, alternatives, final clauses.

Data only: :mod:`accord.workbench.drafting` builds these, the renderers of
:mod:`accord.report.documents` only render them. Every article that settles an
issue names its ``issue`` and ``option`` (or its bracketed ``alternatives``),
so the text traces back to the package it was drawn from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from accord.model.elements import freeze_tuples
from accord.provenance import Provenance

InstrumentKind = Literal["ceasefire", "settlement"]
INSTRUMENT_KINDS: tuple[InstrumentKind, ...] = ("ceasefire", "settlement")
"""The two instruments, in the order they are concluded (Parley 2022)."""

ArticleKind = Literal["provision", "bracketed", "implementation", "final"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Alternative:
    """One bracketed alternative of an unagreed article, and who proposed it.

    ``proposers`` are the parties that put forward a plan choosing this option;
    ``plans`` those plans (an analyst's plan has plans but no proposers).
    """

    option: str
    label: str
    text: str
    generic: bool
    proposers: tuple[str, ...] = ()
    plans: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        freeze_tuples(self, "proposers", "plans")

    def proposed_by(self) -> str:
        """Who proposed it, for people: parties, then plans; or that no plan does."""
        if not self.plans:
            return "no plan in the scenario"
        plans = ", ".join(self.plans)
        if not self.proposers:
            return f"plans {plans}, which name no proposing party"
        return f"{', '.join(self.proposers)} (plans: {plans})"


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """A numbered article: a provision (issue, option), a bracketed one, or a standard clause.

    ``generic``: no template worded this option; the text is built from its label.
    ``early``: implemented on signature, an exception to nothing-agreed-until-
    everything-agreed (the scenario's rule names the issue).
    """

    number: int
    heading: str
    kind: ArticleKind
    text: str = ""
    issue: str | None = None
    option: str | None = None
    generic: bool = False
    early: bool = False
    alternatives: tuple[Alternative, ...] = ()
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        freeze_tuples(self, "alternatives", "sources")


@dataclass(frozen=True, slots=True, kw_only=True)
class Instrument:
    """One agreement: title, parties, preamble, numbered articles, and what it leaves out.

    ``silent`` lists the issues of this instrument the package leaves open at
    their status quo: no article, the status quo holds.
    """

    kind: InstrumentKind
    title: str
    parties: tuple[str, ...]
    witnesses: tuple[str, ...]
    preamble: tuple[str, ...]
    articles: tuple[Article, ...]
    languages: tuple[str, ...]
    silent: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        freeze_tuples(self, "parties", "witnesses", "preamble", "articles", "languages", "silent")

    def article_for(self, issue: str) -> Article | None:
        """The article that settles ``issue`` here, or None."""
        return next((a for a in self.articles if a.issue == issue), None)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadingVerdict:
    """One party's utility and verdict on one variant of a plan (as written or a reading)."""

    variant: str
    party: str
    utility: float
    utility_range: tuple[float, float]
    acceptability: str


@dataclass(frozen=True, slots=True, kw_only=True)
class LandMine:
    """An article whose meaning differs between readings of the plan (Pickering's land mine).

    ``meanings`` pairs each variant id with the text the article has under it.
    """

    instrument: InstrumentKind
    article: int | None
    issue: str
    heading: str
    meanings: tuple[tuple[str, str], ...]

    def __post_init__(self) -> None:
        freeze_tuples(self, "meanings")


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """One issue article that differs between two versions of a text.

    ``kind``: ``added`` (no article before), ``removed`` (none now; ``article`` is
    None), ``changed`` (reworded, or its alternatives changed).
    """

    issue: str
    heading: str
    instrument: InstrumentKind
    kind: Literal["added", "removed", "changed"]
    article: int | None
    before: str = ""
    after: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class DraftResult:
    """The drafted instruments of one package, its land mines, and how it was drafted."""

    scenario: str
    package: str
    package_title: str
    terms: tuple[tuple[str, str], ...]
    instruments: tuple[Instrument, ...]
    landmines: tuple[LandMine, ...] = ()
    verdicts: tuple[ReadingVerdict, ...] = ()
    perspective: str = ""
    sources: tuple[tuple[str, str], ...] = ()
    previous: str | None = None
    changes: tuple[Change, ...] = ()
    provenance: Provenance = field(default_factory=lambda: Provenance(algorithm="drafting"))

    def __post_init__(self) -> None:
        freeze_tuples(self, "terms", "instruments", "landmines", "verdicts", "sources", "changes")
