"""The live process as data: what it was created from, its sessions, proposals and responses.

A :class:`ProcessSpec` is the part of a scenario a running process needs (issues
with their options, parties, tables, tracks, phases and the
*nothing agreed until everything agreed* rule), copied so that a stored process
stays readable when the scenario file changes. Sessions, proposals and responses
are the events of the process; :mod:`accord.process.status` derives each issue's
status from them, :mod:`accord.process.text` the rolling text.

The invitation roles (negotiation, verification, monitoring, observation,
peacekeeping) are Pickering's: "each side could invite a limited number of states
and international organisations to assist" (Thomas R. Pickering 2022, "The three
phases of ending a war", Foreign Affairs).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from accord.model import Role as PartyRole
from accord.model import Scenario
from accord.process.errors import ProcessError

NAUEA = "nothing_agreed_until_everything_agreed"
"""The rule kind that makes provisional agreements conditional on the whole package."""


class InviteRole(StrEnum):
    """Why a state or organisation is invited to a session (Pickering 2022)."""

    NEGOTIATION = "negotiation"
    VERIFICATION = "verification"
    MONITORING = "monitoring"
    OBSERVATION = "observation"
    PEACEKEEPING = "peacekeeping"


class ResponseKind(StrEnum):
    """A party's answer to a proposal."""

    ACCEPT = "accept"
    REJECT = "reject"
    COUNTER = "counter"
    COMMENT = "comment"


@dataclass(frozen=True, slots=True, kw_only=True)
class IssueSpec:
    """An issue of the process: its options as ``(id, label)`` pairs, its table and track."""

    id: str
    title: str
    options: tuple[tuple[str, str], ...]
    table: str | None = None
    track: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "options", tuple((str(a), str(b)) for a, b in self.options))

    def label(self, option: str) -> str:
        """The label of ``option`` (its id when it has none)."""
        return dict(self.options).get(option) or option


@dataclass(frozen=True, slots=True, kw_only=True)
class TableSpec:
    """A negotiation table and the parties that sit at it."""

    id: str
    name: str
    parties: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "parties", tuple(self.parties))


@dataclass(frozen=True, slots=True, kw_only=True)
class ProcessSpec:
    """What a process keeps of its scenario (see the module docstring).

    ``nauea`` says whether the scenario states *nothing agreed until everything
    agreed*; ``early`` lists the issues its rules except from it (early
    implementation). ``parties`` pairs each party id with its role in the conflict.
    """

    scenario_id: str
    title: str
    issues: tuple[IssueSpec, ...]
    parties: tuple[tuple[str, str], ...]
    tables: tuple[TableSpec, ...] = ()
    tracks: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    nauea: bool = False
    early: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("issues", "tables", "tracks", "phases", "early"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        object.__setattr__(self, "parties", tuple((str(a), str(b)) for a, b in self.parties))

    @classmethod
    def from_scenario(cls, scenario: Scenario) -> ProcessSpec:
        """The spec of a process run on ``scenario``."""
        rules = [r for r in scenario.rules if r.kind == NAUEA]
        return cls(
            scenario_id=scenario.id,
            title=scenario.title,
            issues=tuple(
                IssueSpec(
                    id=i.id,
                    title=i.title,
                    options=tuple((o.id, o.label) for o in i.options),
                    table=i.table,
                    track=i.track,
                )
                for i in scenario.issues
            ),
            parties=tuple((p.id, str(p.role)) for p in scenario.parties),
            tables=tuple(TableSpec(id=t.id, name=t.name, parties=t.parties) for t in scenario.tables),
            tracks=tuple(t.id for t in scenario.tracks),
            phases=tuple(p.id for p in scenario.phases),
            nauea=bool(rules),
            early=tuple(dict.fromkeys(e for r in rules for e in r.exceptions)),
        )

    def issue(self, issue_id: str) -> IssueSpec:
        """The issue ``issue_id`` (:class:`ProcessError` naming the known ones otherwise)."""
        for i in self.issues:
            if i.id == issue_id:
                return i
        raise ProcessError(f"no issue {issue_id!r}; issues: {', '.join(i.id for i in self.issues)}")

    @property
    def party_ids(self) -> tuple[str, ...]:
        """Every party id, in scenario order."""
        return tuple(p for p, _ in self.parties)

    def negotiators(self) -> tuple[str, ...]:
        """Parties whose acceptance an agreement needs: every party but mediators and observers."""
        outside = {str(PartyRole.MEDIATOR), str(PartyRole.OBSERVER)}
        inside = tuple(p for p, role in self.parties if role not in outside)
        return inside or self.party_ids

    def required(self, issue_id: str) -> tuple[str, ...]:
        """Who must accept a term on ``issue_id``: its table's parties, or every negotiator."""
        table = self.issue(issue_id).table
        for t in self.tables:
            if t.id == table:
                return t.parties
        return self.negotiators()

    def check_terms(self, terms: Mapping[str, str]) -> None:
        """Raise :class:`ProcessError` unless every term names a known issue and one of its options."""
        if not terms:
            raise ProcessError("a proposal needs at least one term")
        for issue_id, option in terms.items():
            known = dict(self.issue(issue_id).options)
            if option not in known:
                raise ProcessError(
                    f"issue {issue_id!r} has no option {option!r}; options: {', '.join(known)}"
                )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (:meth:`from_dict` reads it back)."""
        return {
            "scenario_id": self.scenario_id,
            "title": self.title,
            "issues": [
                {
                    "id": i.id,
                    "title": i.title,
                    "options": [list(o) for o in i.options],
                    "table": i.table,
                    "track": i.track,
                }
                for i in self.issues
            ],
            "parties": [list(p) for p in self.parties],
            "tables": [{"id": t.id, "name": t.name, "parties": list(t.parties)} for t in self.tables],
            "tracks": list(self.tracks),
            "phases": list(self.phases),
            "nauea": self.nauea,
            "early": list(self.early),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ProcessSpec:
        """The spec :meth:`to_dict` wrote (``KeyError``/``TypeError`` on a malformed one)."""
        return cls(
            scenario_id=str(data["scenario_id"]),
            title=str(data["title"]),
            issues=tuple(
                IssueSpec(
                    id=str(i["id"]),
                    title=str(i["title"]),
                    options=tuple((str(o), str(t)) for o, t in i["options"]),
                    table=_text_or_none(i.get("table")),
                    track=_text_or_none(i.get("track")),
                )
                for i in data["issues"]
            ),
            parties=tuple((str(a), str(b)) for a, b in data["parties"]),
            tables=tuple(
                TableSpec(id=str(t["id"]), name=str(t["name"]), parties=tuple(map(str, t["parties"])))
                for t in data["tables"]
            ),
            tracks=tuple(map(str, data["tracks"])),
            phases=tuple(map(str, data["phases"])),
            nauea=bool(data["nauea"]),
            early=tuple(map(str, data["early"])),
        )


def _text_or_none(value: Any) -> str | None:
    """An optional text field read back: None stays None, anything else becomes its text.

    Like the other fields of :meth:`ProcessSpec.from_dict`, so that a malformed
    value (a number where a table id belongs) can never reach the JSON encoder
    as something it refuses; the audit's digest of the spec then tells the
    import that the document was changed.
    """
    return None if value is None else str(value)


@dataclass(frozen=True, slots=True, kw_only=True)
class Invitation:
    """A state or organisation invited to a session, and in what role."""

    invitee: str
    role: InviteRole
    invited_by: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Session:
    """A meeting of the process: when, where, at which table, who came and who was invited."""

    id: int
    date: str
    venue: str
    table: str | None = None
    phase: str | None = None
    participants: tuple[str, ...] = ()
    invitations: tuple[Invitation, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "participants", tuple(self.participants))
        object.__setattr__(self, "invitations", tuple(self.invitations))


@dataclass(frozen=True, slots=True, kw_only=True)
class Proposal:
    """A full or partial package put forward by a party or the mediator.

    ``terms`` maps issue ids to option ids; ``version`` counts edits (optimistic
    locking); ``seq`` orders proposals in the process (later wins on the same issue).
    """

    id: int
    proposer: str
    terms: Mapping[str, str]
    seq: int
    title: str = ""
    note: str = ""
    version: int = 1
    session: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", dict(self.terms))

    def full(self, spec: ProcessSpec) -> bool:
        """Whether the proposal settles every issue of ``spec``."""
        return all(i.id in self.terms for i in spec.issues)


@dataclass(frozen=True, slots=True, kw_only=True)
class Response:
    """A party's answer to a proposal; ``seq`` orders responses (a party's latest counts)."""

    id: int
    proposal: int
    party: str
    kind: ResponseKind
    seq: int
    comment: str = ""
    counter: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ProcessState:
    """A snapshot of one process: its spec and every shared proposal and response."""

    spec: ProcessSpec
    proposals: tuple[Proposal, ...] = ()
    responses: tuple[Response, ...] = ()
    sessions: tuple[Session, ...] = field(default=())

    def __post_init__(self) -> None:
        for name in ("proposals", "responses", "sessions"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
