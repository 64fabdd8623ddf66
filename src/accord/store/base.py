"""The store's machinery: transactions, the process lock, membership lookup, audit appends.

Every write runs in :meth:`StoreBase._write`: one transaction that locks the
process row (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite's ``BEGIN
IMMEDIATE`` locks the database), finds the acting member, does its work and
appends its audit entry (:meth:`StoreBase._audit`), which also moves the head
hash and count recorded on the process row. Either all of it commits or none.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Row, Table, func, select, update

from accord.process.access import Actor, Role
from accord.process.audit import AuditEntry, next_entry
from accord.process.errors import NotFound
from accord.process.model import ProcessSpec
from accord.store import tables as t
from accord.store.engine import reader


def utc_now() -> str:
    """The current time, ISO 8601 in UTC with microseconds."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def dumps(value: Any) -> str:
    """Canonical JSON text (sorted keys) for a JSON column."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, allow_nan=False)


def digest(value: Any) -> str:
    """SHA-256 of the canonical JSON of ``value`` (what the audit records of private content)."""
    return hashlib.sha256(dumps(value).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Work:
    """What a transaction works with: the connection, the process id, the actor and the spec."""

    conn: Connection
    process_id: int
    actor: Actor
    spec: ProcessSpec
    row: Row[Any]


class StoreBase:
    """Engine, clock and the transaction helpers the store's operations share."""

    def __init__(self, engine: Engine, *, clock: Callable[[], str] = utc_now) -> None:
        self.engine = engine
        self.clock = clock

    # -- transactions ----------------------------------------------------------------
    @contextmanager
    def _write(self, process_id: int, user: str) -> Iterator[Work]:
        with self.engine.begin() as conn:
            row = self._process_row(conn, process_id, lock=True)
            yield Work(conn, process_id, self._member(conn, process_id, user), _spec(row), row)

    @contextmanager
    def _read(self, process_id: int, user: str) -> Iterator[Work]:
        with reader(self.engine).connect() as conn:
            row = self._process_row(conn, process_id, lock=False)
            yield Work(conn, process_id, self._member(conn, process_id, user), _spec(row), row)

    @staticmethod
    def _process_row(conn: Connection, process_id: int, *, lock: bool) -> Row[Any]:
        query = select(t.processes).where(t.processes.c.id == process_id)
        if lock and conn.dialect.name != "sqlite":
            query = query.with_for_update()
        row = conn.execute(query).first()
        if row is None:
            raise NotFound(f"no process {process_id}")
        return row

    @staticmethod
    def _member(conn: Connection, process_id: int, user: str) -> Actor:
        m = t.memberships.c
        row = conn.execute(
            select(m.role, m.party).where(m.process_id == process_id, m.user_name == user)
        ).first()
        if row is None:
            raise NotFound(f"no process {process_id} for user {user!r} (not a member)")
        return Actor(user=user, role=Role(row.role), party=row.party)

    @staticmethod
    def _next_number(conn: Connection, table: Table, process_id: int) -> int:
        top = conn.execute(select(func.max(table.c.number)).where(table.c.process_id == process_id)).scalar()
        return int(top or 0) + 1

    # -- audit -------------------------------------------------------------------------
    def _audit(
        self,
        conn: Connection,
        process_id: int,
        actor: str,
        action: str,
        target: str,
        detail: Mapping[str, Any],
    ) -> AuditEntry:
        """Append one entry to the process's chain and move its recorded head, in ``conn``'s transaction."""
        a = t.audit.c
        last = conn.execute(
            select(t.audit).where(a.process_id == process_id).order_by(a.seq.desc()).limit(1)
        ).first()
        entry = next_entry(
            None if last is None else audit_entry(last),
            at=self.clock(),
            actor=actor,
            action=action,
            target=target,
            detail=detail,
        )
        conn.execute(
            t.audit.insert().values(
                process_id=process_id,
                seq=entry.seq,
                at=entry.at,
                actor=entry.actor,
                action=entry.action,
                target=entry.target,
                detail=dumps(dict(entry.detail)),
                prev_hash=entry.prev_hash,
                hash=entry.hash,
            )
        )
        conn.execute(
            update(t.processes)
            .where(t.processes.c.id == process_id)
            .values(audit_count=entry.seq, audit_head=entry.hash)
        )
        return entry


def _spec(row: Row[Any]) -> ProcessSpec:
    return ProcessSpec.from_dict(json.loads(row.spec))


def audit_entry(row: Row[Any]) -> AuditEntry:
    """The :class:`AuditEntry` a row of the audit table holds."""
    return AuditEntry(
        seq=row.seq,
        at=row.at,
        actor=row.actor,
        action=row.action,
        target=row.target,
        detail=json.loads(row.detail),
        prev_hash=row.prev_hash,
        hash=row.hash,
    )
