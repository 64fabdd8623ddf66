"""The status of each issue under *nothing agreed until everything agreed*.

Thomas R. Pickering (2022, "The three phases of ending a war", Foreign Affairs)
states the principle: "nothing is agreed until everything is agreed", except
measures the parties implement early (a humanitarian ceasefire). The scenario
says whether it holds (a rule of kind ``nothing_agreed_until_everything_agreed``)
and which issues are excepted (its ``exceptions``).

Definitions, in order:

* A party's *answer* to a proposal is its latest ``accept``, ``reject`` or
  ``counter`` response (a ``comment`` changes nothing); the proposer accepts its
  own proposal.
* A proposal is *accepted* when every party that must accept one of its terms
  (:meth:`ProcessSpec.required`: the issue's table, else every negotiator) has
  answered ``accept``.
* An issue is *provisionally settled* on the option of the latest accepted
  proposal that covers it.
* The whole package is agreed when every issue is provisionally settled.
* An issue is ``agreed`` when it is provisionally settled and either the rule
  does not hold, or it is one of the rule's exceptions, or the whole package is
  agreed; otherwise ``provisional``. Unsettled issues are ``proposed`` (some
  proposal covers them) or ``open``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from accord.process.model import ProcessSpec, ProcessState, Proposal, Response, ResponseKind

CITATION = "Thomas R. Pickering 2022, \u201cThe three phases of ending a war\u201d (Foreign Affairs)"


class IssueState(StrEnum):
    """Where an issue stands."""

    OPEN = "open"
    PROPOSED = "proposed"
    PROVISIONAL = "provisional"
    AGREED = "agreed"


@dataclass(frozen=True, slots=True, kw_only=True)
class Alternative:
    """One option on the table for an issue and who proposed it (in which proposals)."""

    option: str
    proposers: tuple[str, ...]
    proposals: tuple[int, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class IssueStatus:
    """One issue's state, its settled option (if any) and the alternatives proposed for it."""

    issue: str
    state: IssueState
    option: str | None = None
    proposal: int | None = None
    alternatives: tuple[Alternative, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ProcessStatus:
    """Every issue's status, whether the whole package is agreed, and the rule applied."""

    issues: tuple[IssueStatus, ...]
    everything_agreed: bool
    nauea: bool
    early: tuple[str, ...]
    accepted: tuple[int, ...]
    citation: str = CITATION

    def of(self, issue_id: str) -> IssueStatus:
        """The status of ``issue_id`` (``KeyError`` otherwise)."""
        for s in self.issues:
            if s.issue == issue_id:
                return s
        raise KeyError(issue_id)


def answers(proposal: Proposal, responses: Iterable[Response]) -> dict[str, ResponseKind]:
    """Each party's latest answer (accept, reject or counter) to ``proposal``; the proposer accepts."""
    latest: dict[str, tuple[int, ResponseKind]] = {}
    for r in responses:
        if r.proposal != proposal.id or r.kind is ResponseKind.COMMENT:
            continue
        if r.party not in latest or r.seq > latest[r.party][0]:
            latest[r.party] = (r.seq, r.kind)
    out = {party: kind for party, (_, kind) in latest.items()}
    out.setdefault(proposal.proposer, ResponseKind.ACCEPT)
    return out


def is_accepted(spec: ProcessSpec, proposal: Proposal, responses: Iterable[Response]) -> bool:
    """Whether every party that must accept a term of ``proposal`` has accepted it."""
    given = answers(proposal, responses)
    needed = {p for issue in proposal.terms for p in spec.required(issue)}
    return all(given.get(p) is ResponseKind.ACCEPT for p in needed)


def issue_status(state: ProcessState) -> ProcessStatus:
    """The status of every issue of ``state`` (see the module docstring for the definitions)."""
    spec = state.spec
    ordered = sorted(state.proposals, key=lambda p: p.seq)
    accepted = [p for p in ordered if is_accepted(spec, p, state.responses)]
    settled: dict[str, Proposal] = {}
    for p in accepted:
        for term in p.terms:
            settled[term] = p
    everything = all(i.id in settled for i in spec.issues)
    statuses = []
    for issue in spec.issues:
        alternatives = _alternatives(issue.id, ordered)
        if issue.id in settled:
            binding = not spec.nauea or everything or issue.id in spec.early
            p = settled[issue.id]
            state_ = IssueState.AGREED if binding else IssueState.PROVISIONAL
            statuses.append(
                IssueStatus(
                    issue=issue.id,
                    state=state_,
                    option=p.terms[issue.id],
                    proposal=p.id,
                    alternatives=alternatives,
                )
            )
        else:
            state_ = IssueState.PROPOSED if alternatives else IssueState.OPEN
            statuses.append(IssueStatus(issue=issue.id, state=state_, alternatives=alternatives))
    return ProcessStatus(
        issues=tuple(statuses),
        everything_agreed=everything,
        nauea=spec.nauea,
        early=spec.early,
        accepted=tuple(p.id for p in accepted),
    )


def _alternatives(issue: str, proposals: list[Proposal]) -> tuple[Alternative, ...]:
    """The distinct options proposed for ``issue``, latest proposal first, with their proposers."""
    found: dict[str, tuple[list[str], list[int]]] = {}
    for p in reversed(proposals):
        if issue not in p.terms:
            continue
        who, ids = found.setdefault(p.terms[issue], ([], []))
        if p.proposer not in who:
            who.append(p.proposer)
        ids.append(p.id)
    return tuple(
        Alternative(option=o, proposers=tuple(who), proposals=tuple(ids)) for o, (who, ids) in found.items()
    )
