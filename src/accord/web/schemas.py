"""Request and response bodies of the JSON API (pydantic), validated at the edge.

Every string field has a length limit, every id a pattern; unknown fields are
refused, so a malformed request gets a 422 naming the field and changes nothing.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

ID = r"^[A-Za-z0-9_.-]{1,64}$"


class Strict(BaseModel):
    """A request body: unknown fields are an error."""

    model_config = ConfigDict(extra="forbid")


class Credentials(Strict):
    """A name and password to log in with."""

    name: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.@-]+$")
    password: str = Field(min_length=1, max_length=256)


class LoginOut(BaseModel):
    """A successful login: who, and the CSRF token to send in ``X-CSRF-Token``."""

    user: str
    csrf: str


Id = Annotated[str, Field(min_length=1, max_length=64, pattern=ID)]
Text = Annotated[str, Field(max_length=20_000)]
Short = Annotated[str, Field(max_length=500)]


class ProcessCreate(Strict):
    """A process from a built-in scenario (``builtin``) or scenario text (``source``, YAML or JSON)."""

    builtin: Id | None = None
    source: str | None = Field(default=None, max_length=1_048_576)
    filename: Annotated[str, Field(max_length=200)] = "scenario.yaml"


class ProcessOut(BaseModel):
    """A process: id, title, scenario, phase, creator, and its audit head."""

    id: int
    title: str
    scenario: str
    phase: str | None
    created_by: str
    created_at: str
    audit_count: int
    audit_head: str
    version: int
    role: str | None = None
    party: str | None = None


class IssueStatusOut(BaseModel):
    """An issue's status: open, proposed, provisional or agreed, its option and the alternatives."""

    issue: str
    title: str
    state: str
    option: str | None
    alternatives: list[dict[str, Any]]


class StatusOut(BaseModel):
    """Every issue's status and the rule that decided it."""

    everything_agreed: bool
    nauea: bool
    early: list[str]
    issues: list[IssueStatusOut]


class MemberOut(BaseModel):
    """A member of a process: user, role, party."""

    user: str
    role: str
    party: str | None


class InvitationCreate(Strict):
    """Invite a delegation (of ``party``) or an observer."""

    role: Literal["delegation", "observer"]
    party: Id | None = None


class InvitationOut(BaseModel):
    """A one-time invitation link: send it to the invitee."""

    url: str
    role: str
    party: str | None


class InvitedOut(Strict):
    """A state or organisation invited to a session, and its role (Pickering 2022)."""

    invitee: Annotated[str, Field(min_length=1, max_length=200)]
    role: Literal["negotiation", "verification", "monitoring", "observation", "peacekeeping"]


class SessionCreate(Strict):
    """A session: date, venue, table, phase, participants and invited states/organisations."""

    date: Annotated[str, Field(min_length=4, max_length=40)]
    venue: Annotated[str, Field(min_length=1, max_length=500)]
    table: Id | None = None
    phase: Id | None = None
    participants: list[Id] = Field(default_factory=list, max_length=100)
    invitations: list[InvitedOut] = Field(default_factory=list, max_length=100)


class SessionOut(BaseModel):
    """A recorded session."""

    id: int
    date: str
    venue: str
    table: str | None
    phase: str | None
    participants: list[str]
    invitations: list[dict[str, str]]


class ProposalCreate(Strict):
    """A full or partial package: ``terms`` maps issue ids to option ids."""

    terms: dict[Id, Id] = Field(min_length=1, max_length=500)
    title: Short = ""
    note: Text = ""
    session: int | None = Field(default=None, ge=1, le=2**31 - 1)


class ProposalEdit(Strict):
    """A change of one's own proposal, based on the version read (optimistic locking)."""

    expected_version: int = Field(ge=1, le=2**31 - 1)
    terms: dict[Id, Id] | None = Field(default=None, min_length=1, max_length=500)
    title: Short | None = None
    note: Text | None = None


class ProposalOut(BaseModel):
    """A proposal."""

    id: int
    proposer: str
    terms: dict[str, str]
    title: str
    note: str
    version: int
    session: int | None


class ResponseCreate(Strict):
    """An answer to a proposal, in the delegation's party's name."""

    kind: Literal["accept", "reject", "counter", "comment"]
    comment: Text = ""
    counter: int | None = Field(default=None, ge=1, le=2**31 - 1)


class ResponseOut(BaseModel):
    """A response."""

    id: int
    proposal: int
    party: str
    kind: str
    comment: str
    counter: int | None


class ProfileWrite(Strict):
    """A delegation's private profile (weights, values, batna, red_lines, rationale) and the version read."""

    data: dict[str, Any]
    expected_version: int | None = Field(default=None, ge=1, le=2**31 - 1)


class ProfileOut(BaseModel):
    """A private profile (visible to its delegation and the mediator only)."""

    party: str
    data: dict[str, Any]
    version: int
    updated_by: str
    updated_at: str


class NoteCreate(Strict):
    """A private note."""

    body: Annotated[str, Field(min_length=1, max_length=20_000)]


class NoteEdit(NoteCreate):
    """A change of a note, based on the version read."""

    expected_version: int = Field(ge=1, le=2**31 - 1)


class NoteOut(BaseModel):
    """A private note (visible to its delegation and the mediator only)."""

    id: int
    party: str
    author: str
    body: str
    version: int
    created_at: str


class TextOut(BaseModel):
    """A saved version of the rolling text."""

    number: int
    text: str
    author: str
    created_at: str


class DiffOut(BaseModel):
    """A unified diff between two versions of the rolling text."""

    old: int
    new: int
    diff: str


class AuditOut(BaseModel):
    """One audit entry and its hashes."""

    seq: int
    at: str
    actor: str
    action: str
    target: str
    detail: dict[str, Any]
    prev_hash: str
    hash: str


class VerifyOut(BaseModel):
    """The audit chain's check."""

    ok: bool
    count: int
    message: str


class CandidateOut(BaseModel):
    """A candidate package from the private profiles."""

    label: str
    terms: dict[str, str]
    utilities: dict[str, float]
    batna: dict[str, float]


class OverlapOut(BaseModel):
    """The mediator's overlap view: ZOPA and candidates from the private profiles."""

    parties: list[str]
    missing: list[str]
    assumptions: list[str]
    zopa_exists: bool | None
    min_surplus: float | None
    status: str | None
    candidates: list[CandidateOut]


class ShareCandidate(Strict):
    """Table candidate number ``index`` (0-based) of the overlap view as the mediator's proposal."""

    index: int = Field(ge=0, le=10)
    title: Short = ""
