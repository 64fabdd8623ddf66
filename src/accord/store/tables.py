"""The database schema (SQLAlchemy Core), one table per kind of record.

Items are numbered within their process (``number``): that is the id users and
the audit log see, so a process exported from one database and imported into
another keeps its numbers and its audit chain. JSON fields are stored as text
(portable between SQLite and PostgreSQL). The migrations in
``accord/store/migrations`` create exactly this schema (a test compares them).
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table, Text, UniqueConstraint

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _process_fk() -> Column[int]:
    return Column("process_id", Integer, ForeignKey("processes.id", ondelete="CASCADE"), nullable=False)


users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("display", String(200), nullable=False, default=""),
    Column("password_hash", String(500), nullable=False, default=""),
    Column("created_at", String(40), nullable=False),
)

processes = Table(
    "processes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("scenario_id", String(200), nullable=False),
    Column("spec", Text, nullable=False),
    Column("scenario_source", Text, nullable=False, default=""),
    Column("phase", String(200)),
    Column("created_by", String(200), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("audit_count", Integer, nullable=False, default=0),
    Column("audit_head", String(64), nullable=False),
    Column("version", Integer, nullable=False, default=1),
)

memberships = Table(
    "memberships",
    metadata,
    Column("id", Integer, primary_key=True),
    _process_fk(),
    Column("user_name", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("party", String(200)),
    UniqueConstraint("process_id", "user_name"),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    _process_fk(),
    Column("number", Integer, nullable=False),
    Column("date", String(40), nullable=False),
    Column("venue", Text, nullable=False),
    Column("table_id", String(200)),
    Column("phase", String(200)),
    Column("participants", Text, nullable=False),
    Column("invitations", Text, nullable=False),
    UniqueConstraint("process_id", "number"),
)

proposals = Table(
    "proposals",
    metadata,
    Column("id", Integer, primary_key=True),
    _process_fk(),
    Column("number", Integer, nullable=False),
    Column("proposer", String(200), nullable=False),
    Column("author", String(200), nullable=False),
    Column("title", Text, nullable=False),
    Column("note", Text, nullable=False),
    Column("terms", Text, nullable=False),
    Column("session", Integer),
    Column("version", Integer, nullable=False),
    Column("created_at", String(40), nullable=False),
    UniqueConstraint("process_id", "number"),
)

responses = Table(
    "responses",
    metadata,
    Column("id", Integer, primary_key=True),
    _process_fk(),
    Column("number", Integer, nullable=False),
    Column("proposal", Integer, nullable=False),
    Column("party", String(200), nullable=False),
    Column("author", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("comment", Text, nullable=False),
    Column("counter", Integer),
    Column("created_at", String(40), nullable=False),
    UniqueConstraint("process_id", "number"),
)

profiles = Table(
    "profiles",
    metadata,
    Column("id", Integer, primary_key=True),
    _process_fk(),
    Column("party", String(200), nullable=False),
    Column("data", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("updated_by", String(200), nullable=False),
    Column("updated_at", String(40), nullable=False),
    UniqueConstraint("process_id", "party"),
)

notes = Table(
    "notes",
    metadata,
    Column("id", Integer, primary_key=True),
    _process_fk(),
    Column("number", Integer, nullable=False),
    Column("party", String(200), nullable=False),
    Column("author", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", String(40), nullable=False),
    UniqueConstraint("process_id", "number"),
)

texts = Table(
    "texts",
    metadata,
    Column("id", Integer, primary_key=True),
    _process_fk(),
    Column("number", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("author", String(200), nullable=False),
    Column("created_at", String(40), nullable=False),
    UniqueConstraint("process_id", "number"),
)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True),
    _process_fk(),
    Column("seq", Integer, nullable=False),
    Column("at", String(40), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(100), nullable=False),
    Column("target", String(200), nullable=False),
    Column("detail", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    UniqueConstraint("process_id", "seq"),
)
