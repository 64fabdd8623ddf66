"""Private profiles and notes (part of the store), filtered by the access policy in the query.

A delegation's profile and notes are read with a ``WHERE party = <its party>``
unless the actor may read every party's (the mediator): another delegation's
rows never leave the database. Writes check :func:`accord.process.access.require`
with the item's owner.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Row, delete, select, update

from accord.process.access import Action, Grant, Resource, grant_of, may, owner_of, require
from accord.process.errors import Conflict, NotFound, ProcessError
from accord.process.private import Note, PrivateProfile, check_profile
from accord.store import tables as t
from accord.store.base import StoreBase, Work, digest, dumps


class PrivateOps(StoreBase):
    """A delegation's private profile and notes."""

    def set_profile(
        self, process_id: int, user: str, data: Mapping[str, Any], *, expected_version: int | None = None
    ) -> PrivateProfile:
        """Write the actor's party's profile (``expected_version`` ``None`` creates it, else updates it)."""
        with self._write(process_id, user) as w:
            party = owner_of(w.actor)
            action = Action.CREATE if expected_version is None else Action.UPDATE
            require(w.actor, action, Resource.PROFILE, owner=party)
            clean = check_profile(w.spec, data)
            pr = t.profiles.c
            at = self.clock()
            if expected_version is None:
                if w.conn.execute(
                    select(pr.id).where(pr.process_id == process_id, pr.party == party)
                ).first():
                    raise Conflict(f"{party} has a profile already; edit it with the version you read")
                w.conn.execute(
                    t.profiles.insert().values(
                        process_id=process_id,
                        party=party,
                        data=dumps(clean),
                        version=1,
                        updated_by=user,
                        updated_at=at,
                    )
                )
                version = 1
            else:
                done = w.conn.execute(
                    update(t.profiles)
                    .where(pr.process_id == process_id, pr.party == party, pr.version == expected_version)
                    .values(data=dumps(clean), version=pr.version + 1, updated_by=user, updated_at=at)
                )
                if done.rowcount != 1:
                    exists = w.conn.execute(
                        select(pr.id).where(pr.process_id == process_id, pr.party == party)
                    ).first()
                    if exists is None:
                        raise NotFound(f"{party} has no profile yet; create it (no version)")
                    raise Conflict(
                        f"{party}'s profile was changed by someone else since version {expected_version}; "
                        "reload and try again"
                    )
                version = expected_version + 1
            self._audit(
                w.conn,
                process_id,
                user,
                "set_profile",
                f"profile {party}",
                {"party": party, "version": version, "sha256": digest(clean)},
            )
        return PrivateProfile(party=party, data=clean, version=version, updated_by=user, updated_at=at)

    def profiles(self, process_id: int, user: str) -> tuple[PrivateProfile, ...]:
        """The private profiles the actor may see: its own party's, or every one for the mediator."""
        with self._read(process_id, user) as w:
            rows = self._owned_rows(w, t.profiles, Resource.PROFILE)
        return tuple(profile_of(r) for r in rows)

    def add_note(self, process_id: int, user: str, body: str) -> Note:
        """A private note of the actor's party (the mediator's own notes are the mediator's)."""
        if not body.strip():
            raise ProcessError("a note needs some text")
        with self._write(process_id, user) as w:
            party = owner_of(w.actor)
            require(w.actor, Action.CREATE, Resource.NOTE, owner=party)
            n = self._next_number(w.conn, t.notes, process_id)
            at = self.clock()
            w.conn.execute(
                t.notes.insert().values(
                    process_id=process_id,
                    number=n,
                    party=party,
                    author=user,
                    body=body,
                    version=1,
                    created_at=at,
                )
            )
            self._audit(
                w.conn, process_id, user, "add_note", f"note {n}", {"party": party, "sha256": digest(body)}
            )
        return Note(id=n, party=party, author=user, body=body, version=1, created_at=at)

    def edit_note(self, process_id: int, user: str, note: int, body: str, *, expected_version: int) -> Note:
        """Change one of the party's own notes (a stale version raises :class:`Conflict`)."""
        with self._write(process_id, user) as w:
            row = self._note_row(w, note)
            require(w.actor, Action.UPDATE, Resource.NOTE, owner=row.party)
            n = t.notes.c
            done = w.conn.execute(
                update(t.notes)
                .where(n.id == row.id, n.version == expected_version)
                .values(body=body, version=n.version + 1)
            )
            if done.rowcount != 1:
                raise Conflict(
                    f"note {note} was changed by someone else (you edited version {expected_version}, "
                    f"it is now version {row.version}); reload and try again"
                )
            self._audit(
                w.conn,
                process_id,
                user,
                "edit_note",
                f"note {note}",
                {"party": row.party, "version": expected_version + 1, "sha256": digest(body)},
            )
            return note_of(self._note_row(w, note))

    def delete_note(self, process_id: int, user: str, note: int, *, expected_version: int) -> None:
        """Delete one of the party's own notes (a stale version raises :class:`Conflict`)."""
        with self._write(process_id, user) as w:
            row = self._note_row(w, note)
            require(w.actor, Action.DELETE, Resource.NOTE, owner=row.party)
            n = t.notes.c
            done = w.conn.execute(delete(t.notes).where(n.id == row.id, n.version == expected_version))
            if done.rowcount != 1:
                raise Conflict(f"note {note} was changed by someone else since version {expected_version}")
            self._audit(w.conn, process_id, user, "delete_note", f"note {note}", {"party": row.party})

    def notes(self, process_id: int, user: str) -> tuple[Note, ...]:
        """The notes the actor may see: its own party's, or every one for the mediator."""
        with self._read(process_id, user) as w:
            rows = self._owned_rows(w, t.notes, Resource.NOTE)
        return tuple(note_of(r) for r in rows)

    @staticmethod
    def _owned_rows(w: Work, table: Any, resource: Resource) -> list[Row[Any]]:
        """The rows of ``table`` the actor may read, filtered in the query itself (none at all: denied)."""
        require(w.actor, Action.READ, resource, owner=owner_of(w.actor))
        query = select(table).where(table.c.process_id == w.process_id).order_by(table.c.id)
        if grant_of(w.actor, Action.READ, resource) is not Grant.ALL:
            query = query.where(table.c.party == owner_of(w.actor))
        rows = w.conn.execute(query).all()
        return [r for r in rows if may(w.actor, Action.READ, resource, owner=r.party)]

    def _note_row(self, w: Work, number: int) -> Row[Any]:
        n = t.notes.c
        row = w.conn.execute(select(t.notes).where(n.process_id == w.process_id, n.number == number)).first()
        if row is None or not may(w.actor, Action.READ, Resource.NOTE, owner=row.party):
            raise NotFound(f"no note {number} in process {w.process_id}")
        return row


def profile_of(row: Row[Any]) -> PrivateProfile:
    """The :class:`PrivateProfile` a profiles row holds."""
    return PrivateProfile(
        party=row.party,
        data=json.loads(row.data),
        version=row.version,
        updated_by=row.updated_by,
        updated_at=row.updated_at,
    )


def note_of(row: Row[Any]) -> Note:
    """The :class:`Note` a notes row holds."""
    return Note(
        id=row.number,
        party=row.party,
        author=row.author,
        body=row.body,
        version=row.version,
        created_at=row.created_at,
    )
