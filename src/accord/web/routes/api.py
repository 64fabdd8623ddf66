"""The JSON API (``/api``), described by its OpenAPI schema at ``/api/openapi.json``.

Log in with ``POST /api/login``; send the CSRF token it returns in
``X-CSRF-Token`` with every POST, PUT, PATCH and DELETE. Every route reads and
writes through the store, which applies the access policy: an item the caller
may not see is a 404 or 403, never data.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from accord.process import Action, Proposal, Resource, Role, diff_text, require
from accord.store import Store, accounts
from accord.web import convert as c
from accord.web import deps, service
from accord.web import schemas as s
from accord.web.errors import WebError

router = APIRouter(prefix="/api", tags=["processes"])
User = Annotated[str, Depends(deps.user)]
Pid = Annotated[int, Path(ge=1, le=deps.PID_MAX, description="The process id.")]
Num = Annotated[int, Path(ge=1, le=deps.PID_MAX)]


def _store(request: Request) -> Store:
    return deps.backend(request).store


@router.get("/processes")
def list_processes(request: Request, user: User) -> list[s.ProcessOut]:
    """The processes the caller is a member of."""
    store = _store(request)
    out = []
    for info in store.processes(user):
        me = next((m for m in store.members(info.id, user) if m.user == user), None)
        out.append(c.process_out(info, me))
    return out


@router.post("/processes", status_code=201)
def create_process(request: Request, user: User, body: s.ProcessCreate) -> s.ProcessOut:
    """Create a process from a built-in scenario or scenario text; the caller mediates it."""
    if (body.builtin is None) == (body.source is None):
        raise WebError(422, "give exactly one of builtin (a built-in scenario's name) and source", "builtin")
    if body.source is not None and len(body.source.encode()) > deps.settings(request).max_scenario:
        raise WebError(413, f"the scenario exceeds {deps.settings(request).max_scenario} bytes", "source")
    text = service.builtin_source(body.builtin) if body.builtin else body.source or ""
    pid = service.create_process(_store(request), user, text, body.builtin or body.filename)
    return c.process_out(_store(request).process(pid, user))


@router.get("/processes/{pid}")
def get_process(request: Request, user: User, pid: Pid) -> s.ProcessOut:
    """One process."""
    return c.process_out(_store(request).process(pid, user))


@router.get("/processes/{pid}/status")
def get_status(request: Request, user: User, pid: Pid) -> s.StatusOut:
    """Every issue's status under the scenario's rules (nothing agreed until everything agreed)."""
    store = _store(request)
    return c.status_out(store.process(pid, user).spec, service.status(store, pid, user))


@router.get("/processes/{pid}/members")
def list_members(request: Request, user: User, pid: Pid) -> list[s.MemberOut]:
    """The members of a process and their roles."""
    return [c.member_out(m) for m in _store(request).members(pid, user)]


@router.post("/processes/{pid}/invitations", status_code=201)
def create_invitation(request: Request, user: User, pid: Pid, body: s.InvitationCreate) -> s.InvitationOut:
    """A one-time link inviting a delegation (of a party) or an observer (mediator only)."""
    return invitation(request, user, pid, body.role, body.party)


def invitation(request: Request, user: str, pid: int, role: str, party: str | None) -> s.InvitationOut:
    """Check and make an invitation link (shared with the pages)."""
    store = _store(request)
    require(store.actor(pid, user), Action.CREATE, Resource.MEMBERSHIP)
    spec = store.process(pid, user).spec
    if role == Role.DELEGATION and party not in spec.party_ids:
        raise WebError(
            422, f"a delegation needs a party of the process: {', '.join(spec.party_ids)}", "party"
        )
    if role == Role.OBSERVER:
        party = None
    token = accounts.invite(
        deps.backend(request).engine,
        process=str(pid),
        role=role,
        party=party,
        invited_by=user,
        days=deps.settings(request).invitation_days,
    )
    return s.InvitationOut(url=f"{str(request.base_url).rstrip('/')}/invite/{token}", role=role, party=party)


@router.get("/processes/{pid}/sessions")
def list_sessions(request: Request, user: User, pid: Pid) -> list[s.SessionOut]:
    """The sessions of a process."""
    return [c.session_out(x) for x in _store(request).sessions(pid, user)]


@router.post("/processes/{pid}/sessions", status_code=201)
def create_session(request: Request, user: User, pid: Pid, body: s.SessionCreate) -> s.SessionOut:
    """Record a session (mediator only)."""
    from accord.process import Invitation, InviteRole

    invited = [
        Invitation(invitee=i.invitee, role=InviteRole(i.role), invited_by=user) for i in body.invitations
    ]
    made = _store(request).add_session(
        pid,
        user,
        date=body.date,
        venue=body.venue,
        table=body.table,
        phase=body.phase,
        participants=body.participants,
        invitations=invited,
    )
    return c.session_out(made)


@router.get("/processes/{pid}/proposals")
def list_proposals(request: Request, user: User, pid: Pid) -> list[s.ProposalOut]:
    """Every proposal, in order."""
    return [c.proposal_out(p) for p in _store(request).proposals(pid, user)]


@router.post("/processes/{pid}/proposals", status_code=201)
def create_proposal(request: Request, user: User, pid: Pid, body: s.ProposalCreate) -> s.ProposalOut:
    """Put forward a full or partial package in the caller's party's name."""
    made = _store(request).propose(
        pid, user, terms=body.terms, title=body.title, note=body.note, session=body.session
    )
    return c.proposal_out(made)


@router.patch("/processes/{pid}/proposals/{number}")
def edit_proposal(request: Request, user: User, pid: Pid, number: Num, body: s.ProposalEdit) -> s.ProposalOut:
    """Change one's own proposal; a stale ``expected_version`` gets 409."""
    made = _store(request).edit_proposal(
        pid,
        user,
        number,
        expected_version=body.expected_version,
        terms=body.terms,
        title=body.title,
        note=body.note,
    )
    return c.proposal_out(made)


@router.get("/processes/{pid}/responses")
def list_responses(request: Request, user: User, pid: Pid) -> list[s.ResponseOut]:
    """Every response, in order."""
    return [c.response_out(r) for r in _store(request).responses(pid, user)]


@router.post("/processes/{pid}/proposals/{number}/responses", status_code=201)
def respond(request: Request, user: User, pid: Pid, number: Num, body: s.ResponseCreate) -> s.ResponseOut:
    """Answer a proposal (accept, reject, counter, comment) in the caller's party's name."""
    made = _store(request).respond(pid, user, number, body.kind, comment=body.comment, counter=body.counter)
    return c.response_out(made)


@router.get("/processes/{pid}/profiles", tags=["private"])
def list_profiles(request: Request, user: User, pid: Pid) -> list[s.ProfileOut]:
    """The private profiles the caller may see: its own, or every one for the mediator."""
    return [c.profile_out(p) for p in _store(request).profiles(pid, user)]


@router.put("/processes/{pid}/profile", tags=["private"])
def write_profile(request: Request, user: User, pid: Pid, body: s.ProfileWrite) -> s.ProfileOut:
    """Write the caller's delegation's private profile (``expected_version`` from the last read)."""
    made = _store(request).set_profile(pid, user, body.data, expected_version=body.expected_version)
    return c.profile_out(made)


@router.get("/processes/{pid}/notes", tags=["private"])
def list_notes(request: Request, user: User, pid: Pid) -> list[s.NoteOut]:
    """The private notes the caller may see."""
    return [c.note_out(n) for n in _store(request).notes(pid, user)]


@router.post("/processes/{pid}/notes", status_code=201, tags=["private"])
def add_note(request: Request, user: User, pid: Pid, body: s.NoteCreate) -> s.NoteOut:
    """A private note of the caller's delegation (or the mediator's own)."""
    return c.note_out(_store(request).add_note(pid, user, body.body))


@router.patch("/processes/{pid}/notes/{number}", tags=["private"])
def edit_note(request: Request, user: User, pid: Pid, number: Num, body: s.NoteEdit) -> s.NoteOut:
    """Change one of the caller's own notes."""
    return c.note_out(
        _store(request).edit_note(pid, user, number, body.body, expected_version=body.expected_version)
    )


@router.delete("/processes/{pid}/notes/{number}", status_code=204, tags=["private"])
def delete_note(
    request: Request,
    user: User,
    pid: Pid,
    number: Num,
    expected_version: Annotated[int, Query(ge=1, le=deps.PID_MAX)],
) -> Response:
    """Delete one of the caller's own notes."""
    _store(request).delete_note(pid, user, number, expected_version=expected_version)
    return Response(status_code=204)


@router.get("/processes/{pid}/texts", tags=["text"])
def list_texts(request: Request, user: User, pid: Pid) -> list[s.TextOut]:
    """Every saved version of the rolling text."""
    return [c.text_out(t) for t in _store(request).texts(pid, user)]


@router.post("/processes/{pid}/texts", status_code=201, tags=["text"])
def save_text(request: Request, user: User, pid: Pid) -> s.TextOut:
    """Render the rolling text from the current status and save it as the next version (mediator)."""
    return c.text_out(_store(request).save_text(pid, user))


@router.get("/processes/{pid}/texts/diff", tags=["text"])
def text_diff(
    request: Request,
    user: User,
    pid: Pid,
    old: Annotated[int, Query(ge=1, le=deps.PID_MAX)],
    new: Annotated[int, Query(ge=1, le=deps.PID_MAX)],
) -> s.DiffOut:
    """A unified diff between two versions of the rolling text."""
    versions = {t.number: t for t in _store(request).texts(pid, user)}
    for name, number in (("old", old), ("new", new)):
        if number not in versions:
            raise WebError(404, f"no version {number} of the text; versions: {sorted(versions)}", name)
    return s.DiffOut(old=old, new=new, diff=diff_text(versions[old], versions[new]))


@router.get("/processes/{pid}/audit", tags=["audit"])
def list_audit(request: Request, user: User, pid: Pid) -> list[s.AuditOut]:
    """The audit log (mediator only)."""
    return [c.audit_out(e) for e in _store(request).audit(pid, user)]


@router.get("/processes/{pid}/audit/verify", tags=["audit"])
def verify_audit(request: Request, user: User, pid: Pid) -> s.VerifyOut:
    """Check the hash chain of the audit log (mediator only)."""
    store = _store(request)
    store.audit(pid, user)  # the policy: only who may read the log may check it
    return c.verify_out(store.verify(pid))


@router.get("/processes/{pid}/overlap", tags=["private"])
def get_overlap(request: Request, user: User, pid: Pid) -> s.OverlapOut:
    """ZOPA and candidate packages from the private profiles (mediator only; shared with no one)."""
    return c.overlap_out(service.process_overlap(_store(request), pid, user))


@router.post("/processes/{pid}/overlap/share", status_code=201, tags=["private"])
def share_candidate(request: Request, user: User, pid: Pid, body: s.ShareCandidate) -> s.ProposalOut:
    """Table one candidate of the overlap view as the mediator's proposal: the mediator's choice to share."""
    return c.proposal_out(share(request, user, pid, body.index, body.title))


def share(request: Request, user: str, pid: int, index: int, title: str) -> Proposal:
    """Propose candidate ``index`` in the mediator's name (shared with the pages)."""
    store = _store(request)
    found = service.process_overlap(store, pid, user)
    if index >= len(found.candidates):
        raise WebError(404, f"no candidate {index}; there are {len(found.candidates)}", "index")
    chosen = found.candidates[index]
    return store.propose(
        pid, user, terms=dict(chosen.terms), title=title or f"Mediator's package: {chosen.label}"
    )


@router.get("/processes/{pid}/charts/overlap.svg", tags=["charts"], response_class=Response)
def overlap_chart(request: Request, user: User, pid: Pid) -> Response:
    """The candidates' utilities against each party's BATNA, as SVG (mediator only)."""
    found = service.process_overlap(_store(request), pid, user)
    return Response(service.overlap_chart(found), media_type="image/svg+xml")


@router.get("/processes/{pid}/charts/status.svg", tags=["charts"], response_class=Response)
def status_chart(request: Request, user: User, pid: Pid) -> Response:
    """How many issues are open, proposed, provisional and agreed, as SVG."""
    return Response(
        service.status_chart(service.status(_store(request), pid, user)), media_type="image/svg+xml"
    )
