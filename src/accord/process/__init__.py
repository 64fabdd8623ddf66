"""A live peace process, pure: sessions, proposals, status, rolling text, audit and access.

Nothing here touches a database; :mod:`accord.store` keeps processes and
implements :class:`~accord.process.repository.ProcessRepository`, the web app
and the CLI call it. The pieces:

* :mod:`~accord.process.model` — :class:`ProcessSpec` (what a process keeps of
  its scenario: issues, parties, tables, tracks, phases, the
  *nothing agreed until everything agreed* rule), sessions with invited states
  and organisations (:class:`InviteRole`), proposals and responses.
* :mod:`~accord.process.status` — :func:`issue_status`: each issue open,
  proposed, provisional or agreed, exactly as the scenario's rule says.
* :mod:`~accord.process.access` — roles (mediator, delegation, observer), the
  one access :data:`POLICY` and :func:`may`.
* :mod:`~accord.process.private` — a delegation's private profile and notes.
* :mod:`~accord.process.text` — the rolling text with [bracketed] alternatives
  (:func:`render_text`) and :func:`diff_text`.
* :mod:`~accord.process.audit` — the hash-chained audit log and :func:`verify_chain`.

>>> import accord
>>> from accord.process import ProcessSpec, ProcessState, Proposal, issue_status
>>> spec = ProcessSpec.from_scenario(accord.load("ukraine"))
>>> p = Proposal(id=1, seq=1, proposer="TR", terms={"humanitarian_pause": "corridors"})
>>> issue_status(ProcessState(spec=spec, proposals=(p,))).of("humanitarian_pause").state
<IssueState.PROPOSED: 'proposed'>
"""

from accord.process.access import POLICY, Action, Actor, Grant, Resource, Role, may, require, visible
from accord.process.audit import GENESIS, AuditEntry, ChainCheck, next_entry, verify_chain
from accord.process.errors import AccessDenied, Conflict, NotFound, ProcessError
from accord.process.model import (
    NAUEA,
    Invitation,
    InviteRole,
    IssueSpec,
    ProcessSpec,
    ProcessState,
    Proposal,
    Response,
    ResponseKind,
    Session,
    TableSpec,
)
from accord.process.private import Membership, Note, PrivateProfile, check_profile
from accord.process.repository import ProcessInfo, ProcessRepository
from accord.process.status import IssueState, IssueStatus, ProcessStatus, issue_status
from accord.process.text import TextVersion, diff_text, render_text

__all__ = [
    "GENESIS",
    "NAUEA",
    "POLICY",
    "AccessDenied",
    "Action",
    "Actor",
    "AuditEntry",
    "ChainCheck",
    "Conflict",
    "Grant",
    "Invitation",
    "InviteRole",
    "IssueSpec",
    "IssueState",
    "IssueStatus",
    "Membership",
    "NotFound",
    "Note",
    "PrivateProfile",
    "ProcessError",
    "ProcessInfo",
    "ProcessRepository",
    "ProcessSpec",
    "ProcessState",
    "ProcessStatus",
    "Proposal",
    "Resource",
    "Response",
    "ResponseKind",
    "Role",
    "Session",
    "TableSpec",
    "TextVersion",
    "check_profile",
    "diff_text",
    "issue_status",
    "may",
    "next_entry",
    "render_text",
    "require",
    "verify_chain",
    "visible",
]
