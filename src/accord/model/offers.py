"""Unilateral offers (altercasting): what a party offers to do, and when.

Kanninen & Patomäki (2023), "Towards a Negotiated Peace Agreement in Ukraine",
after Arias & Grogoff (2022): NATO could plan the withdrawal of all US nuclear
warheads from Europe and Türkiye before negotiations, carried out once peace
terms are agreed, "to persuade the other (alter) by casting/positioning them in
a new way". An :class:`Offer` fixes some issues at the offered options;
``executed`` says whether it takes effect only with an agreement
(``on_agreement``) or at once (``now``, so that it also changes what no
agreement is worth). ``accord linkage`` shows how each offer moves each party's
acceptance and the ZOPA.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from accord.model.elements import Issue, Party, Quote, check_id, freeze_tuples
from accord.model.problems import Problem

__all__ = ["EXECUTED", "Executed", "Offer", "check_offers"]

Executed = Literal["on_agreement", "now"]
EXECUTED: tuple[Executed, ...] = ("on_agreement", "now")
"""When an offer takes effect: once terms are agreed, or at once."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Offer:
    """A unilateral offer by party ``by``: ``terms`` as ``(issue, option)`` pairs, ``executed`` when."""

    id: str
    by: str
    terms: tuple[tuple[str, str], ...]
    executed: Executed = "on_agreement"
    description: str = ""
    sources: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()

    def __post_init__(self) -> None:
        freeze_tuples(self, "sources", "quotes")
        object.__setattr__(self, "terms", tuple((str(i), str(o)) for i, o in self.terms))
        check_id(self.id)
        if self.executed not in EXECUTED:
            raise ValueError(f"executed must be one of {', '.join(EXECUTED)}, not {self.executed!r}")


def _term_problem(
    offer: Offer, base: tuple[str, int], issue: Issue | None, issue_id: str, option: str
) -> Problem | None:
    """What is wrong with one term of ``offer`` (None: nothing)."""
    where = (*base, "terms", issue_id)
    if issue is None:
        return Problem(path=where, message=f"unknown issue {issue_id!r}", ref=issue_id,
                       hint="declare the issue under 'issues:' first")  # fmt: skip
    if option not in issue.option_ids:
        return Problem(path=where, message=f"issue {issue_id!r} has no option {option!r}",
                       hint="options: " + ", ".join(issue.option_ids))  # fmt: skip
    if offer.executed == "now" and issue.status_quo is None:
        return Problem(path=(*base, "executed"), hint="give the issue a status_quo",
                       message=f"an offer executed now changes {issue_id!r} from its status quo, "
                       "but the issue has none")  # fmt: skip
    return None


def check_offers(
    offers: tuple[Offer, ...],
    parties: Mapping[str, Party],
    issues: Mapping[str, Issue],
    sources: frozenset[str],
) -> list[Problem]:
    """Each offer's party, issues, options and sources must exist; an offer executed now needs status quos."""
    out: list[Problem] = []
    for k, offer in enumerate(offers):
        base = ("offers", k)
        if offer.by not in parties:
            out.append(Problem(path=(*base, "by"), message=f"unknown party {offer.by!r}", ref=offer.by,
                               hint="known party ids: " + ", ".join(sorted(parties))))  # fmt: skip
        if not offer.terms:
            out.append(Problem(path=(*base, "terms"), message="an offer must offer something",
                               hint="terms: {issue: option, ...}"))  # fmt: skip
        for issue_id, option in offer.terms:
            found = _term_problem(offer, base, issues.get(issue_id), issue_id, option)
            out.extend([found] if found is not None else [])
        out.extend(
            Problem(
                path=(*base, "sources"),
                message=f"unknown source {s!r}",
                hint="declare it under 'sources:'",
                ref=s,
            )
            for s in offer.sources
            if s not in sources
        )
    return out
