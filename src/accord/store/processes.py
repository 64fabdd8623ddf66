"""Users, processes, memberships, phases and sessions (part of :class:`accord.store.Store`)."""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Row, select, update
from sqlalchemy.exc import IntegrityError

from accord.process.access import Action, Actor, Resource, Role, require
from accord.process.audit import GENESIS
from accord.process.errors import Conflict, NotFound, ProcessError
from accord.process.model import Invitation, InviteRole, ProcessSpec, Session
from accord.process.private import Membership
from accord.process.repository import ProcessInfo
from accord.store import tables as t
from accord.store.base import StoreBase, digest, dumps
from accord.store.engine import reader


class ProcessOps(StoreBase):
    """Users, processes, members, phases and sessions."""

    # -- users -------------------------------------------------------------------------
    def create_user(self, name: str, *, display: str = "", password_hash: str = "") -> None:
        """Add a user account (:class:`ProcessError` when the name is taken or empty)."""
        if not name.strip():
            raise ProcessError("a user needs a name")
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    t.users.insert().values(
                        name=name,
                        display=display or name,
                        password_hash=password_hash,
                        created_at=self.clock(),
                    )
                )
        except IntegrityError:
            raise ProcessError(f"user {name!r} exists already") from None

    def ensure_user(self, name: str) -> None:
        """Add user ``name`` unless it exists."""
        try:
            self.user(name)
        except NotFound:
            self.create_user(name)

    def user(self, name: str) -> Mapping[str, str]:
        """A user's ``name``, ``display`` and ``password_hash`` (:class:`NotFound` otherwise)."""
        with reader(self.engine).connect() as conn:
            row = conn.execute(select(t.users).where(t.users.c.name == name)).first()
        if row is None:
            raise NotFound(f"no user {name!r}")
        return {"name": row.name, "display": row.display, "password_hash": row.password_hash}

    def set_password_hash(self, name: str, password_hash: str) -> None:
        """Replace user ``name``'s password hash (the web app hashes; the store keeps)."""
        with self.engine.begin() as conn:
            done = conn.execute(
                update(t.users).where(t.users.c.name == name).values(password_hash=password_hash)
            )
        if done.rowcount != 1:
            raise NotFound(f"no user {name!r}")

    # -- processes ---------------------------------------------------------------------
    def create_process(self, spec: ProcessSpec, *, creator: str, scenario_source: str = "") -> int:
        """A new process run on ``spec``, with ``creator`` (an existing user) as its mediator."""
        self.user(creator)
        with self.engine.begin() as conn:
            key = conn.execute(
                t.processes.insert().values(
                    title=spec.title,
                    scenario_id=spec.scenario_id,
                    spec=dumps(spec.to_dict()),
                    scenario_source=scenario_source,
                    phase=spec.phases[0] if spec.phases else None,
                    created_by=creator,
                    created_at=self.clock(),
                    audit_count=0,
                    audit_head=GENESIS,
                    version=1,
                )
            ).inserted_primary_key
            assert key is not None
            pid = int(key[0])
            conn.execute(t.memberships.insert().values(process_id=pid, user_name=creator, role=Role.MEDIATOR))
            self._audit(
                conn,
                pid,
                creator,
                "create_process",
                "process",
                {"scenario": spec.scenario_id, "spec_sha256": digest(spec.to_dict())},
            )
        return int(pid)

    def process_ids(self) -> tuple[int, ...]:
        """Every process id in the database (an operator's listing: no access check)."""
        with reader(self.engine).connect() as conn:
            return tuple(int(r.id) for r in conn.execute(select(t.processes.c.id).order_by(t.processes.c.id)))

    def processes(self, user: str) -> tuple[ProcessInfo, ...]:
        """The processes ``user`` is a member of, oldest first."""
        m = t.memberships.c
        with reader(self.engine).connect() as conn:
            rows = conn.execute(
                select(t.processes)
                .join(t.memberships, m.process_id == t.processes.c.id)
                .where(m.user_name == user)
                .order_by(t.processes.c.id)
            ).all()
        return tuple(process_info(r) for r in rows)

    def process(self, process_id: int, user: str) -> ProcessInfo:
        """One process, if ``user`` is a member (:class:`NotFound` otherwise)."""
        with self._read(process_id, user) as w:
            require(w.actor, Action.READ, Resource.PROCESS)
            return process_info(w.row)

    def scenario_source(self, process_id: int, user: str) -> str:
        """The scenario text the process was created from (empty when none was kept)."""
        with self._read(process_id, user) as w:
            require(w.actor, Action.READ, Resource.PROCESS)
            return str(w.row.scenario_source)

    def actor(self, process_id: int, user: str) -> Actor:
        """``user``'s role in the process (:class:`NotFound` when not a member)."""
        with self._read(process_id, user) as w:
            return w.actor

    def set_phase(self, process_id: int, user: str, phase: str, *, expected_version: int) -> ProcessInfo:
        """Move the process to ``phase`` (mediator only; a stale version raises :class:`Conflict`)."""
        with self._write(process_id, user) as w:
            require(w.actor, Action.UPDATE, Resource.PROCESS)
            if phase not in w.spec.phases:
                raise ProcessError(f"no phase {phase!r}; phases: {', '.join(w.spec.phases) or 'none'}")
            p = t.processes.c
            done = w.conn.execute(
                update(t.processes)
                .where(p.id == process_id, p.version == expected_version)
                .values(phase=phase, version=p.version + 1)
            )
            if done.rowcount != 1:
                raise Conflict(
                    f"process {process_id} was changed by someone else (you had version "
                    f"{expected_version}, it is now {w.row.version}); reload and try again"
                )
            self._audit(w.conn, process_id, user, "set_phase", "process", {"phase": phase})
            return process_info(self._process_row(w.conn, process_id, lock=False))

    # -- members -----------------------------------------------------------------------
    def add_member(
        self, process_id: int, user: str, *, member: str, role: Role, party: str | None = None
    ) -> None:
        """Make ``member`` (an existing user) a member with ``role`` (mediator only)."""
        role = Role(role)
        self.user(member)
        with self._write(process_id, user) as w:
            require(w.actor, Action.CREATE, Resource.MEMBERSHIP)
            if party is not None and party not in w.spec.party_ids:
                raise ProcessError(f"no party {party!r}; parties: {', '.join(w.spec.party_ids)}")
            Actor(user=member, role=role, party=party)  # a delegation needs its party
            m = t.memberships.c
            if w.conn.execute(select(m.id).where(m.process_id == process_id, m.user_name == member)).first():
                raise ProcessError(f"user {member!r} is a member of process {process_id} already")
            w.conn.execute(
                t.memberships.insert().values(process_id=process_id, user_name=member, role=role, party=party)
            )
            self._audit(
                w.conn,
                process_id,
                user,
                "add_member",
                f"member {member}",
                {"role": str(role), "party": party},
            )

    def members(self, process_id: int, user: str) -> tuple[Membership, ...]:
        """Every member of the process, in the order they joined."""
        with self._read(process_id, user) as w:
            require(w.actor, Action.READ, Resource.MEMBERSHIP)
            m = t.memberships.c
            rows = w.conn.execute(
                select(t.memberships).where(m.process_id == process_id).order_by(m.id)
            ).all()
        return tuple(Membership(user=r.user_name, role=r.role, party=r.party) for r in rows)

    # -- sessions ----------------------------------------------------------------------
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
        """Record a session (mediator only): its table, phase, participants and invitations."""
        with self._write(process_id, user) as w:
            require(w.actor, Action.CREATE, Resource.SESSION)
            _check_session(w.spec, table, phase, participants, invitations)
            check_date(date)
            n = self._next_number(w.conn, t.sessions, process_id)
            invited = [
                {"invitee": i.invitee, "role": str(i.role), "invited_by": i.invited_by} for i in invitations
            ]
            w.conn.execute(
                t.sessions.insert().values(
                    process_id=process_id,
                    number=n,
                    date=date,
                    venue=venue,
                    table_id=table,
                    phase=phase,
                    participants=dumps(list(participants)),
                    invitations=dumps(invited),
                )
            )
            self._audit(
                w.conn,
                process_id,
                user,
                "add_session",
                f"session {n}",
                {
                    "date": date,
                    "venue": venue,
                    "table": table,
                    "phase": phase,
                    "participants": list(participants),
                    "invitations": invited,
                },
            )
        return Session(
            id=n,
            date=date,
            venue=venue,
            table=table,
            phase=phase,
            participants=tuple(participants),
            invitations=tuple(invitations),
        )

    def sessions(self, process_id: int, user: str) -> tuple[Session, ...]:
        """Every session, in order."""
        with self._read(process_id, user) as w:
            require(w.actor, Action.READ, Resource.SESSION)
            s = t.sessions.c
            rows = w.conn.execute(
                select(t.sessions).where(s.process_id == process_id).order_by(s.number)
            ).all()
        return tuple(session_of(r) for r in rows)


def _check_session(
    spec: ProcessSpec,
    table: str | None,
    phase: str | None,
    participants: Sequence[str],
    invitations: Sequence[Invitation],
) -> None:
    if table is not None and table not in {x.id for x in spec.tables}:
        raise ProcessError(f"no table {table!r}; tables: {', '.join(x.id for x in spec.tables) or 'none'}")
    if phase is not None and phase not in spec.phases:
        raise ProcessError(f"no phase {phase!r}; phases: {', '.join(spec.phases) or 'none'}")
    for p in participants:
        if p not in spec.party_ids:
            raise ProcessError(f"no party {p!r}; parties: {', '.join(spec.party_ids)}")
    roles = {str(r) for r in InviteRole}
    for i in invitations:
        if str(i.role) not in roles:
            raise ProcessError(f"no invitation role {str(i.role)!r}; roles: {', '.join(sorted(roles))}")
        if not i.invitee.strip():
            raise ProcessError("an invitation needs an invitee")


def check_date(date: str) -> None:
    """:class:`ProcessError` naming the field unless ``date`` is an ISO 8601 calendar date (2026-02-01)."""
    try:
        datetime.date.fromisoformat(date)
    except ValueError:
        raise ProcessError(f"date: {date!r} is not an ISO date (YYYY-MM-DD)") from None


def process_info(row: Row[Any]) -> ProcessInfo:
    """The :class:`ProcessInfo` a processes row holds."""
    return ProcessInfo(
        id=row.id,
        spec=ProcessSpec.from_dict(json.loads(row.spec)),
        phase=row.phase,
        created_by=row.created_by,
        created_at=row.created_at,
        audit_count=row.audit_count,
        audit_head=row.audit_head,
        version=row.version,
    )


def session_of(row: Row[Any]) -> Session:
    """The :class:`Session` a sessions row holds."""
    invited = tuple(
        Invitation(invitee=i["invitee"], role=InviteRole(i["role"]), invited_by=i.get("invited_by", ""))
        for i in json.loads(row.invitations)
    )
    return Session(
        id=row.number,
        date=row.date,
        venue=row.venue,
        table=row.table_id,
        phase=row.phase,
        participants=tuple(json.loads(row.participants)),
        invitations=invited,
    )
