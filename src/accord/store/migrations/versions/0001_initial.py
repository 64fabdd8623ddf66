"""The initial schema: users, processes and everything a process holds.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create every table of :mod:`accord.store.tables` as of revision 0001."""
    _users()
    _processes()
    _memberships()
    _sessions()
    _proposals()
    _responses()
    _profiles()
    _notes()
    _texts()
    _audit()


def _users() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer),
        sa.Column("name", sa.String(200), nullable=False),
        sa.UniqueConstraint("name", name="uq_users_name"),
        sa.Column("display", sa.String(200), nullable=False, default=""),
        sa.Column("password_hash", sa.String(500), nullable=False, default=""),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
    )


def _processes() -> None:
    op.create_table(
        "processes",
        sa.Column("id", sa.Integer),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("scenario_id", sa.String(200), nullable=False),
        sa.Column("spec", sa.Text, nullable=False),
        sa.Column("scenario_source", sa.Text, nullable=False, default=""),
        sa.Column("phase", sa.String(200)),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("audit_count", sa.Integer, nullable=False, default=0),
        sa.Column("audit_head", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False, default=1),
        sa.PrimaryKeyConstraint("id", name="pk_processes"),
    )


def _memberships() -> None:
    op.create_table(
        "memberships",
        sa.Column("id", sa.Integer),
        sa.Column(
            "process_id",
            sa.Integer,
            sa.ForeignKey("processes.id", ondelete="CASCADE", name="fk_memberships_process_id_processes"),
            nullable=False,
        ),
        sa.Column("user_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("party", sa.String(200)),
        sa.UniqueConstraint("process_id", "user_name", name="uq_memberships_process_id"),
        sa.PrimaryKeyConstraint("id", name="pk_memberships"),
    )


def _sessions() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer),
        sa.Column(
            "process_id",
            sa.Integer,
            sa.ForeignKey("processes.id", ondelete="CASCADE", name="fk_sessions_process_id_processes"),
            nullable=False,
        ),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("date", sa.String(40), nullable=False),
        sa.Column("venue", sa.Text, nullable=False),
        sa.Column("table_id", sa.String(200)),
        sa.Column("phase", sa.String(200)),
        sa.Column("participants", sa.Text, nullable=False),
        sa.Column("invitations", sa.Text, nullable=False),
        sa.UniqueConstraint("process_id", "number", name="uq_sessions_process_id"),
        sa.PrimaryKeyConstraint("id", name="pk_sessions"),
    )


def _proposals() -> None:
    op.create_table(
        "proposals",
        sa.Column("id", sa.Integer),
        sa.Column(
            "process_id",
            sa.Integer,
            sa.ForeignKey("processes.id", ondelete="CASCADE", name="fk_proposals_process_id_processes"),
            nullable=False,
        ),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("proposer", sa.String(200), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("terms", sa.Text, nullable=False),
        sa.Column("session", sa.Integer),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("process_id", "number", name="uq_proposals_process_id"),
        sa.PrimaryKeyConstraint("id", name="pk_proposals"),
    )


def _responses() -> None:
    op.create_table(
        "responses",
        sa.Column("id", sa.Integer),
        sa.Column(
            "process_id",
            sa.Integer,
            sa.ForeignKey("processes.id", ondelete="CASCADE", name="fk_responses_process_id_processes"),
            nullable=False,
        ),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("proposal", sa.Integer, nullable=False),
        sa.Column("party", sa.String(200), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("counter", sa.Integer),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("process_id", "number", name="uq_responses_process_id"),
        sa.PrimaryKeyConstraint("id", name="pk_responses"),
    )


def _profiles() -> None:
    op.create_table(
        "profiles",
        sa.Column("id", sa.Integer),
        sa.Column(
            "process_id",
            sa.Integer,
            sa.ForeignKey("processes.id", ondelete="CASCADE", name="fk_profiles_process_id_processes"),
            nullable=False,
        ),
        sa.Column("party", sa.String(200), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("process_id", "party", name="uq_profiles_process_id"),
        sa.PrimaryKeyConstraint("id", name="pk_profiles"),
    )


def _notes() -> None:
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer),
        sa.Column(
            "process_id",
            sa.Integer,
            sa.ForeignKey("processes.id", ondelete="CASCADE", name="fk_notes_process_id_processes"),
            nullable=False,
        ),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("party", sa.String(200), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("process_id", "number", name="uq_notes_process_id"),
        sa.PrimaryKeyConstraint("id", name="pk_notes"),
    )


def _texts() -> None:
    op.create_table(
        "texts",
        sa.Column("id", sa.Integer),
        sa.Column(
            "process_id",
            sa.Integer,
            sa.ForeignKey("processes.id", ondelete="CASCADE", name="fk_texts_process_id_processes"),
            nullable=False,
        ),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("process_id", "number", name="uq_texts_process_id"),
        sa.PrimaryKeyConstraint("id", name="pk_texts"),
    )


def _audit() -> None:
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer),
        sa.Column(
            "process_id",
            sa.Integer,
            sa.ForeignKey("processes.id", ondelete="CASCADE", name="fk_audit_process_id_processes"),
            nullable=False,
        ),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("process_id", "seq", name="uq_audit_process_id"),
        sa.PrimaryKeyConstraint("id", name="pk_audit"),
    )


def downgrade() -> None:
    """Drop every table."""
    for name in (
        "audit",
        "texts",
        "notes",
        "profiles",
        "responses",
        "proposals",
        "sessions",
        "memberships",
        "processes",
        "users",
    ):
        op.drop_table(name)
