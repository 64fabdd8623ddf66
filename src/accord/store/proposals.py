"""Proposals, responses, the process state, the rolling text and the audit log (part of the store)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Row, select, update

from accord.process.access import Action, Resource, owner_of, require
from accord.process.audit import AuditEntry, ChainCheck, verify_chain
from accord.process.errors import Conflict, NotFound, ProcessError
from accord.process.model import ProcessState, Proposal, Response, ResponseKind
from accord.process.status import issue_status
from accord.process.text import TextVersion, render_text
from accord.store import tables as t
from accord.store.base import StoreBase, Work, audit_entry, digest, dumps
from accord.store.engine import reader
from accord.store.processes import session_of


class ProposalOps(StoreBase):
    """Proposals, responses, state, rolling text and audit."""

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
        """Put forward a (full or partial) package in the actor's name (its party, or the mediator)."""
        terms = {str(k): str(v) for k, v in terms.items()}
        with self._write(process_id, user) as w:
            proposer = owner_of(w.actor)
            require(w.actor, Action.CREATE, Resource.PROPOSAL, owner=proposer)
            w.spec.check_terms(terms)
            self._check_session_number(w, session)
            n = self._next_number(w.conn, t.proposals, process_id)
            w.conn.execute(
                t.proposals.insert().values(
                    process_id=process_id,
                    number=n,
                    proposer=proposer,
                    author=user,
                    title=title,
                    note=note,
                    terms=dumps(terms),
                    session=session,
                    version=1,
                    created_at=self.clock(),
                )
            )
            self._audit(
                w.conn,
                process_id,
                user,
                "propose",
                f"proposal {n}",
                {"proposer": proposer, "terms": terms, "title": title, "note": note, "session": session},
            )
        return Proposal(id=n, seq=n, proposer=proposer, terms=terms, title=title, note=note, session=session)

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
        """Change one's own proposal; a stale ``expected_version`` raises :class:`Conflict`.

        Once a party has answered (accept, reject or counter), the terms are fixed:
        an answer must never count for terms its party did not see. Put a new
        proposal instead; the title and note stay editable.
        """
        with self._write(process_id, user) as w:
            row = self._proposal_row(w, proposal)
            require(w.actor, Action.UPDATE, Resource.PROPOSAL, owner=row.proposer)
            changes: dict[str, Any] = {}
            if terms is not None:
                terms = {str(k): str(v) for k, v in terms.items()}
                w.spec.check_terms(terms)
                self._check_unanswered(w, proposal)
                changes["terms"] = dumps(terms)
            changes.update({k: v for k, v in (("title", title), ("note", note)) if v is not None})
            p = t.proposals.c
            done = w.conn.execute(
                update(t.proposals)
                .where(p.id == row.id, p.version == expected_version)
                .values(**changes, version=p.version + 1)
            )
            if done.rowcount != 1:
                raise Conflict(
                    f"proposal {proposal} was changed by someone else (you edited version "
                    f"{expected_version}, it is now version {row.version}); reload and try again"
                )
            detail = {k: json.loads(v) if k == "terms" else v for k, v in changes.items()}
            self._audit(
                w.conn,
                process_id,
                user,
                "edit_proposal",
                f"proposal {proposal}",
                {**detail, "version": expected_version + 1},
            )
            return proposal_of(self._proposal_row(w, proposal))

    def proposals(self, process_id: int, user: str) -> tuple[Proposal, ...]:
        """Every proposal, in order."""
        with self._read(process_id, user) as w:
            require(w.actor, Action.READ, Resource.PROPOSAL)
            p = t.proposals.c
            rows = w.conn.execute(
                select(t.proposals).where(p.process_id == process_id).order_by(p.number)
            ).all()
        return tuple(proposal_of(r) for r in rows)

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
        """Answer ``proposal`` in the actor's party's name (``counter`` names the counter-proposal)."""
        if kind not in {str(k) for k in ResponseKind}:
            raise ProcessError(f"no response {kind!r}; responses: {', '.join(str(k) for k in ResponseKind)}")
        with self._write(process_id, user) as w:
            party = owner_of(w.actor)
            require(w.actor, Action.CREATE, Resource.RESPONSE, owner=party)
            self._proposal_row(w, proposal)
            if counter is not None:
                self._proposal_row(w, counter)
            n = self._next_number(w.conn, t.responses, process_id)
            w.conn.execute(
                t.responses.insert().values(
                    process_id=process_id,
                    number=n,
                    proposal=proposal,
                    party=party,
                    author=user,
                    kind=kind,
                    comment=comment,
                    counter=counter,
                    created_at=self.clock(),
                )
            )
            self._audit(
                w.conn,
                process_id,
                user,
                "respond",
                f"response {n}",
                {"proposal": proposal, "party": party, "kind": kind, "comment": comment, "counter": counter},
            )
        return Response(
            id=n,
            seq=n,
            proposal=proposal,
            party=party,
            kind=ResponseKind(kind),
            comment=comment,
            counter=counter,
        )

    def responses(self, process_id: int, user: str) -> tuple[Response, ...]:
        """Every response, in order."""
        with self._read(process_id, user) as w:
            require(w.actor, Action.READ, Resource.RESPONSE)
            r = t.responses.c
            rows = w.conn.execute(
                select(t.responses).where(r.process_id == process_id).order_by(r.number)
            ).all()
        return tuple(response_of(x) for x in rows)

    def state(self, process_id: int, user: str) -> ProcessState:
        """The spec, proposals, responses and sessions, as :func:`accord.process.issue_status` takes them."""
        with self._read(process_id, user) as w:
            return self._state(w)

    def _state(self, w: Work) -> ProcessState:
        for resource in (Resource.PROPOSAL, Resource.RESPONSE, Resource.SESSION):
            require(w.actor, Action.READ, resource)
        pid = w.process_id
        props = w.conn.execute(select(t.proposals).where(t.proposals.c.process_id == pid)).all()
        resps = w.conn.execute(select(t.responses).where(t.responses.c.process_id == pid)).all()
        sess = w.conn.execute(select(t.sessions).where(t.sessions.c.process_id == pid)).all()
        return ProcessState(
            spec=w.spec,
            proposals=tuple(sorted((proposal_of(r) for r in props), key=lambda p: p.seq)),
            responses=tuple(sorted((response_of(r) for r in resps), key=lambda r: r.seq)),
            sessions=tuple(sorted((session_of(r) for r in sess), key=lambda s: s.id)),
        )

    # -- rolling text --------------------------------------------------------------------
    def save_text(self, process_id: int, user: str) -> TextVersion:
        """Render the rolling text from the current status and save it as the next version."""
        with self._write(process_id, user) as w:
            require(w.actor, Action.CREATE, Resource.TEXT)
            text = render_text(w.spec, issue_status(self._state(w)))
            n = self._next_number(w.conn, t.texts, process_id)
            at = self.clock()
            w.conn.execute(
                t.texts.insert().values(
                    process_id=process_id, number=n, text=text, author=user, created_at=at
                )
            )
            self._audit(w.conn, process_id, user, "save_text", f"text {n}", {"sha256": digest(text)})
        return TextVersion(number=n, text=text, author=user, created_at=at)

    def texts(self, process_id: int, user: str) -> tuple[TextVersion, ...]:
        """Every saved version of the rolling text, oldest first."""
        with self._read(process_id, user) as w:
            require(w.actor, Action.READ, Resource.TEXT)
            x = t.texts.c
            rows = w.conn.execute(select(t.texts).where(x.process_id == process_id).order_by(x.number)).all()
        return tuple(
            TextVersion(number=r.number, text=r.text, author=r.author, created_at=r.created_at) for r in rows
        )

    # -- audit ---------------------------------------------------------------------------
    def audit(self, process_id: int, user: str) -> tuple[AuditEntry, ...]:
        """The audit log, oldest first (mediator only)."""
        with self._read(process_id, user) as w:
            require(w.actor, Action.READ, Resource.AUDIT)
            return self._entries(w.conn, process_id)

    def verify(self, process_id: int) -> ChainCheck:
        """Check the process's audit chain against the head and count its row records (operator's check)."""
        with reader(self.engine).connect() as conn:
            row = self._process_row(conn, process_id, lock=False)
            entries = self._entries(conn, process_id)
        check = verify_chain(entries, head=row.audit_head, count=row.audit_count)
        if check.ok and (not entries or entries[0].detail.get("spec_sha256") != digest(json.loads(row.spec))):
            reason = "the process spec differs from the spec entry 1 recorded at creation"
            return ChainCheck(ok=False, count=check.count, first_broken=1, reason=reason)
        return check

    @staticmethod
    def _entries(conn: Any, process_id: int) -> tuple[AuditEntry, ...]:
        a = t.audit.c
        rows = conn.execute(select(t.audit).where(a.process_id == process_id).order_by(a.seq, a.id)).all()
        return tuple(audit_entry(r) for r in rows)

    # -- helpers -------------------------------------------------------------------------
    @staticmethod
    def _proposal_row(w: Work, number: int) -> Row[Any]:
        p = t.proposals.c
        row = w.conn.execute(
            select(t.proposals).where(p.process_id == w.process_id, p.number == number)
        ).first()
        if row is None:
            raise NotFound(f"no proposal {number} in process {w.process_id}")
        return row

    @staticmethod
    def _check_unanswered(w: Work, proposal: int) -> None:
        r = t.responses.c
        answered = w.conn.execute(
            select(r.id).where(
                r.process_id == w.process_id, r.proposal == proposal, r.kind != str(ResponseKind.COMMENT)
            )
        ).first()
        if answered is not None:
            raise ProcessError(
                f"proposal {proposal} has been answered, so its terms are fixed; put a new proposal instead"
            )

    @staticmethod
    def _check_session_number(w: Work, session: int | None) -> None:
        if session is None:
            return
        s = t.sessions.c
        if (
            w.conn.execute(select(s.id).where(s.process_id == w.process_id, s.number == session)).first()
            is None
        ):
            raise NotFound(f"no session {session} in process {w.process_id}")


def proposal_of(row: Row[Any]) -> Proposal:
    """The :class:`Proposal` a proposals row holds."""
    return Proposal(
        id=row.number,
        seq=row.number,
        proposer=row.proposer,
        terms=json.loads(row.terms),
        title=row.title,
        note=row.note,
        version=row.version,
        session=row.session,
    )


def response_of(row: Row[Any]) -> Response:
    """The :class:`Response` a responses row holds."""
    return Response(
        id=row.number,
        seq=row.number,
        proposal=row.proposal,
        party=row.party,
        kind=ResponseKind(row.kind),
        comment=row.comment,
        counter=row.counter,
    )
