"""Web logins and invitations (SQLAlchemy Core), beside the process store's users.

Users and their password hashes live in the process store's ``users`` table
(:meth:`accord.store.Store.create_user`; the hash is made by
:mod:`accord.web.security`, argon2id). The web workbench adds two tables of its
own, created here when missing (outside the store's Alembic migrations, so the
store's schema stays exactly its own): ``web_login`` (who is logged in) and
``web_invitation`` (one-time links to join a process, or to make the first
account). Login and invitation tokens are stored only as their SHA-256
digests, so a copy of the database lets nobody log in. An invitation expires
after :data:`INVITATION_DAYS` days (a link made before invitations had an expiry
counts as expired), and a new first-mediator link replaces any unused older one.
Every function takes an :class:`sqlalchemy.engine.Engine` and runs in one
transaction.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    delete,
    func,
    insert,
    inspect,
    select,
    update,
)

from accord.store import tables as store_tables
from accord.store.engine import make_engine, migrate, reader

metadata = MetaData()

logins = Table(
    "web_login",
    metadata,
    Column("digest", String(64), primary_key=True),
    Column("user", String(200), nullable=False),
    Column("expires", DateTime(timezone=True), nullable=False),
)
invitations = Table(
    "web_invitation",
    metadata,
    Column("digest", String(64), primary_key=True),
    Column("process", String(64), nullable=False),
    Column("role", String(16), nullable=False),
    Column("party", String(64), nullable=True),
    Column("invited_by", String(64), nullable=False),
    Column("used_by", String(64), nullable=True),
    Column("uses", Integer, nullable=False, default=0),
    Column("expires", DateTime(timezone=True), nullable=True),
)
INVITATION_DAYS = 7.0
"""How long an invitation link stays valid by default."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Invitation:
    """An invitation to join ``process`` as ``role`` (``delegation`` of ``party``, or ``observer``)."""

    process: str
    role: str
    party: str | None
    invited_by: str
    used_by: str | None


class AccountError(Exception):
    """An account operation that cannot be done (a taken name, an unknown or used invitation)."""


def digest(token: str) -> str:
    """The SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_tables(engine: Engine) -> None:
    """Create the account tables when missing, and add columns a database made by an older accord lacks."""
    metadata.create_all(engine)
    present = {c["name"] for c in inspect(engine).get_columns(invitations.name)}
    if "expires" not in present:
        kind = invitations.c.expires.type.compile(dialect=engine.dialect)
        with engine.begin() as conn:
            conn.exec_driver_sql(f"ALTER TABLE {invitations.name} ADD COLUMN expires {kind}")


def _expired(moment: datetime | None) -> bool:
    if moment is None:
        return True
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)) < datetime.now(UTC)


def count_users(engine: Engine) -> int:
    """How many user accounts the store holds."""
    with reader(engine).connect() as conn:
        return int(conn.execute(select(func.count()).select_from(store_tables.users)).scalar_one())


def start_login(engine: Engine, name: str, *, hours: float = 12.0) -> str:
    """A new login token for ``name`` (only its digest is stored), valid for ``hours``."""
    token = secrets.token_urlsafe(32)
    expires = datetime.now(UTC) + timedelta(hours=hours)
    with engine.begin() as conn:
        conn.execute(insert(logins).values(digest=digest(token), user=name, expires=expires))
    return token


def login_user(engine: Engine, token: str) -> str | None:
    """The name of the user a login token belongs to, or None when unknown or expired."""
    with reader(engine).connect() as conn:
        row = conn.execute(select(logins).where(logins.c.digest == digest(token))).first()
    if row is None:
        return None
    expires = row.expires if row.expires.tzinfo else row.expires.replace(tzinfo=UTC)
    return None if expires < datetime.now(UTC) else str(row.user)


def end_logins(engine: Engine, user: str) -> None:
    """End every login of ``user`` (after a password change)."""
    with engine.begin() as conn:
        conn.execute(delete(logins).where(logins.c.user == user))


def end_login(engine: Engine, token: str) -> None:
    """Forget a login token (log out)."""
    with engine.begin() as conn:
        conn.execute(delete(logins).where(logins.c.digest == digest(token)))


def invite(
    engine: Engine,
    *,
    process: str,
    role: str,
    party: str | None,
    invited_by: str,
    days: float = INVITATION_DAYS,
) -> str:
    """A new one-time invitation token to ``process``, valid for ``days`` (only its digest is stored).

    A new :data:`CREATOR` invitation (the first mediator's link) replaces every
    unused older one, so only the newest link printed by ``accord serve`` works.
    """
    token = secrets.token_urlsafe(24)
    expires = datetime.now(UTC) + timedelta(days=days)
    with engine.begin() as conn:
        if role == CREATOR:
            conn.execute(delete(invitations).where(invitations.c.role == CREATOR, invitations.c.uses == 0))
        conn.execute(
            insert(invitations).values(
                digest=digest(token),
                process=process,
                role=role,
                party=party,
                invited_by=invited_by,
                uses=0,
                expires=expires,
            )
        )
    return token


def get_invitation(engine: Engine, token: str) -> Invitation | None:
    """The invitation a token stands for, or None when unknown or expired."""
    with reader(engine).connect() as conn:
        row = conn.execute(select(invitations).where(invitations.c.digest == digest(token))).first()
    if row is None or _expired(row.expires):
        return None
    return Invitation(
        process=row.process, role=row.role, party=row.party, invited_by=row.invited_by, used_by=row.used_by
    )


def use_invitation(engine: Engine, token: str, user: str) -> Invitation:
    """Mark an invitation used by ``user``; :class:`AccountError` when unknown, expired or already used."""
    with engine.begin() as conn:
        row = conn.execute(select(invitations).where(invitations.c.digest == digest(token))).first()
        if row is None or _expired(row.expires):
            raise AccountError("this invitation is unknown, has expired or has been used")
        done = conn.execute(
            update(invitations)
            .where(invitations.c.digest == digest(token), invitations.c.uses == 0)
            .values(uses=1, used_by=user)
        )
        if done.rowcount != 1:
            raise AccountError("this invitation is unknown, has expired or has been used")
    found = get_invitation(engine, token)
    assert found is not None
    return found


CREATOR = "creator"
"""The role of an invitation that makes an account able to create (and so mediate) processes."""


def first_login(url: str) -> str | None:
    """Prepare the database at ``url``; while it has no account, a one-time token for the first mediator.

    The token is an invitation with role :data:`CREATOR`; the web app's
    ``/invite/TOKEN`` page lets its holder choose a name and password.
    """
    engine = make_engine(url)
    try:
        migrate(engine)
        create_tables(engine)
        if count_users(engine):
            return None
        return invite(engine, process="", role=CREATOR, party=None, invited_by="accord serve")
    finally:
        engine.dispose()
