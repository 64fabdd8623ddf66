"""Process-model records (frozen dataclasses) as the JSON API's response bodies."""

from __future__ import annotations

from accord.process import (
    AuditEntry,
    ChainCheck,
    Membership,
    Note,
    PrivateProfile,
    ProcessInfo,
    ProcessSpec,
    Proposal,
    Response,
    Session,
    TextVersion,
)
from accord.process.status import ProcessStatus
from accord.web import schemas as s
from accord.workbench.overlap import OverlapOutcome


def process_out(info: ProcessInfo, member: Membership | None = None) -> s.ProcessOut:
    """A process as the API shows it (with the caller's role when known)."""
    return s.ProcessOut(
        id=info.id,
        title=info.spec.title,
        scenario=info.spec.scenario_id,
        phase=info.phase,
        created_by=info.created_by,
        created_at=info.created_at,
        audit_count=info.audit_count,
        audit_head=info.audit_head,
        version=info.version,
        role=member.role if member else None,
        party=member.party if member else None,
    )


def status_out(spec: ProcessSpec, status: ProcessStatus) -> s.StatusOut:
    """Every issue's status."""
    titles = {i.id: i.title for i in spec.issues}
    issues = [
        s.IssueStatusOut(
            issue=st.issue,
            title=titles.get(st.issue, st.issue),
            state=str(st.state),
            option=st.option,
            alternatives=[
                {"option": a.option, "proposers": list(a.proposers), "proposals": list(a.proposals)}
                for a in st.alternatives
            ],
        )
        for st in status.issues
    ]
    return s.StatusOut(
        everything_agreed=status.everything_agreed,
        nauea=status.nauea,
        early=list(status.early),
        issues=issues,
    )


def member_out(m: Membership) -> s.MemberOut:
    """A membership."""
    return s.MemberOut(user=m.user, role=str(m.role), party=m.party)


def session_out(x: Session) -> s.SessionOut:
    """A session."""
    return s.SessionOut(
        id=x.id,
        date=x.date,
        venue=x.venue,
        table=x.table,
        phase=x.phase,
        participants=list(x.participants),
        invitations=[{"invitee": i.invitee, "role": str(i.role)} for i in x.invitations],
    )


def proposal_out(p: Proposal) -> s.ProposalOut:
    """A proposal."""
    return s.ProposalOut(
        id=p.id,
        proposer=p.proposer,
        terms=dict(p.terms),
        title=p.title,
        note=p.note,
        version=p.version,
        session=p.session,
    )


def response_out(r: Response) -> s.ResponseOut:
    """A response."""
    return s.ResponseOut(
        id=r.id, proposal=r.proposal, party=r.party, kind=str(r.kind), comment=r.comment, counter=r.counter
    )


def profile_out(p: PrivateProfile) -> s.ProfileOut:
    """A private profile."""
    return s.ProfileOut(
        party=p.party, data=dict(p.data), version=p.version, updated_by=p.updated_by, updated_at=p.updated_at
    )


def note_out(n: Note) -> s.NoteOut:
    """A note."""
    return s.NoteOut(
        id=n.id, party=n.party, author=n.author, body=n.body, version=n.version, created_at=n.created_at
    )


def text_out(t: TextVersion) -> s.TextOut:
    """A version of the rolling text."""
    return s.TextOut(number=t.number, text=t.text, author=t.author, created_at=t.created_at)


def audit_out(e: AuditEntry) -> s.AuditOut:
    """An audit entry."""
    return s.AuditOut(
        seq=e.seq,
        at=e.at,
        actor=e.actor,
        action=e.action,
        target=e.target,
        detail=dict(e.detail),
        prev_hash=e.prev_hash,
        hash=e.hash,
    )


def verify_out(c: ChainCheck) -> s.VerifyOut:
    """The audit chain's verdict in words."""
    if c.ok:
        return s.VerifyOut(ok=True, count=c.count, message=f"the audit chain of {c.count} entries verifies")
    return s.VerifyOut(ok=False, count=c.count, message=f"entry {c.first_broken} is broken: {c.reason}")


def overlap_out(o: OverlapOutcome) -> s.OverlapOut:
    """The overlap view."""
    return s.OverlapOut(
        parties=list(o.parties),
        missing=list(o.missing),
        assumptions=list(o.assumptions),
        zopa_exists=o.zopa.exists if o.zopa else None,
        min_surplus=o.zopa.min_surplus if o.zopa else None,
        status=str(o.zopa.status) if o.zopa else None,
        candidates=[
            s.CandidateOut(
                label=c.label, terms=dict(c.terms), utilities=dict(c.utilities), batna=dict(c.batna)
            )
            for c in o.candidates
        ],
    )
