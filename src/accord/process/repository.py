"""The repository protocol: what a store of processes offers (:mod:`accord.store` implements it).

Every method that reads or writes a process takes the acting user's name;
the repository looks up their membership (:class:`~accord.process.access.Actor`)
and applies :mod:`accord.process.access` itself, so that no caller can forget
to: items the actor may not read are not returned (a delegation never sees
another's profile or notes), and a forbidden write raises
:class:`~accord.process.errors.AccessDenied`. Every write runs in one
transaction together with its audit entry. Editing a versioned item takes the
version the caller read; a stale one raises
:class:`~accord.process.errors.Conflict`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from accord.process.access import Actor, Role
from accord.process.audit import AuditEntry, ChainCheck
from accord.process.model import Invitation, ProcessSpec, ProcessState, Proposal, Response, Session
from accord.process.private import Membership, Note, PrivateProfile
from accord.process.text import TextVersion


@dataclass(frozen=True, slots=True, kw_only=True)
class ProcessInfo:
    """A stored process: its id, spec, phase, creator and audit head."""

    id: int
    spec: ProcessSpec
    phase: str | None
    created_by: str
    created_at: str
    audit_count: int
    audit_head: str
    version: int


class ProcessRepository(Protocol):
    """The operations of a process store (see the module docstring for the rules they keep)."""

    def create_user(self, name: str, *, display: str = "", password_hash: str = "") -> None:
        """Add a user account (:class:`ProcessError` when the name is taken)."""

    def user(self, name: str) -> Mapping[str, str]:
        """A user's ``name``, ``display`` and ``password_hash`` (:class:`NotFound` otherwise)."""

    def create_process(self, spec: ProcessSpec, *, creator: str, scenario_source: str = "") -> int:
        """A new process run on ``spec``, with ``creator`` (an existing user) as its mediator."""

    def processes(self, user: str) -> tuple[ProcessInfo, ...]:
        """The processes ``user`` is a member of."""

    def process(self, process_id: int, user: str) -> ProcessInfo:
        """One process, if ``user`` is a member."""

    def actor(self, process_id: int, user: str) -> Actor:
        """``user``'s role in the process (:class:`NotFound` when not a member)."""

    def add_member(
        self, process_id: int, user: str, *, member: str, role: Role, party: str | None = None
    ) -> None:
        """Make ``member`` a member (mediator only)."""

    def members(self, process_id: int, user: str) -> tuple[Membership, ...]:
        """Every member of the process."""

    def set_phase(self, process_id: int, user: str, phase: str, *, expected_version: int) -> ProcessInfo:
        """Move the process to ``phase`` (mediator only; optimistic locking on the process)."""

    def add_session(
        self,
        process_id: int,
        user: str,
        *,
        date: str,
        venue: str,
        table: str | None = None,
        phase: str | None = None,
        participants: Sequence[str] = (),
        invitations: Sequence[Invitation] = (),
    ) -> Session:
        """Record a session (mediator only)."""

    def sessions(self, process_id: int, user: str) -> tuple[Session, ...]:
        """Every session, in order."""

    def propose(
        self,
        process_id: int,
        user: str,
        *,
        terms: Mapping[str, str],
        title: str = "",
        note: str = "",
        session: int | None = None,
    ) -> Proposal:
        """Put forward a (full or partial) package in the actor's name."""

    def edit_proposal(
        self,
        process_id: int,
        user: str,
        proposal: int,
        *,
        expected_version: int,
        terms: Mapping[str, str] | None = None,
        title: str | None = None,
        note: str | None = None,
    ) -> Proposal:
        """Change one's own proposal; a stale ``expected_version`` raises :class:`Conflict`."""

    def proposals(self, process_id: int, user: str) -> tuple[Proposal, ...]:
        """Every proposal, in order."""

    def respond(
        self,
        process_id: int,
        user: str,
        proposal: int,
        kind: str,
        *,
        comment: str = "",
        counter: int | None = None,
    ) -> Response:
        """Answer a proposal in the actor's party's name."""

    def responses(self, process_id: int, user: str) -> tuple[Response, ...]:
        """Every response, in order."""

    def state(self, process_id: int, user: str) -> ProcessState:
        """The spec, proposals, responses and sessions (what :func:`issue_status` takes)."""

    def set_profile(
        self, process_id: int, user: str, data: Mapping[str, Any], *, expected_version: int | None = None
    ) -> PrivateProfile:
        """Write the actor's party's private profile (``expected_version`` ``None`` creates it)."""

    def profiles(self, process_id: int, user: str) -> tuple[PrivateProfile, ...]:
        """The private profiles the actor may see (own, or all for the mediator)."""

    def add_note(self, process_id: int, user: str, body: str) -> Note:
        """A private note of the actor's party."""

    def edit_note(self, process_id: int, user: str, note: int, body: str, *, expected_version: int) -> Note:
        """Change one of the party's own notes."""

    def delete_note(self, process_id: int, user: str, note: int, *, expected_version: int) -> None:
        """Delete one of the party's own notes."""

    def notes(self, process_id: int, user: str) -> tuple[Note, ...]:
        """The notes the actor may see."""

    def save_text(self, process_id: int, user: str) -> TextVersion:
        """Render the rolling text from the current status and save it as the next version."""

    def texts(self, process_id: int, user: str) -> tuple[TextVersion, ...]:
        """Every saved version of the rolling text."""

    def audit(self, process_id: int, user: str) -> tuple[AuditEntry, ...]:
        """The audit log (mediator only)."""

    def verify(self, process_id: int) -> ChainCheck:
        """Check the process's audit chain against its recorded head (no user: an operator's check)."""
