"""Connecting to a database and bringing its schema up to date.

A URL without a scheme is a SQLite file path; ``sqlite:///file.db`` and
``postgresql+psycopg://user@host/db`` (``postgresql://`` is read as psycopg 3)
are SQLAlchemy URLs. SQLite connections start every transaction with
``BEGIN IMMEDIATE`` so that concurrent writers queue instead of interleaving
(the SQLAlchemy documentation's recipe for pysqlite, "Serializable isolation /
Savepoints / Transactional DDL"), except connections from :func:`reader`, which
only read and begin a deferred transaction (a consistent snapshot under
write-ahead logging that takes no write lock, so reads never wait for writers);
they use write-ahead logging and wait up to 30 s for the lock. :func:`migrate`
runs the Alembic migrations shipped in ``accord/store/migrations`` up to the
newest revision.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DEFAULT_URL = "sqlite:///accord.db"
"""The database ``accord`` uses when given none: ``accord.db`` in the working directory."""


def normalise_url(url: str | None) -> str:
    """A SQLAlchemy URL for ``url``: a bare path becomes SQLite, ``postgresql://`` uses psycopg 3."""
    if not url:
        return DEFAULT_URL
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (see :func:`normalise_url`), SQLite set up for safe concurrent writes."""
    full = normalise_url(url)
    if not full.startswith("sqlite"):
        return create_engine(full, pool_pre_ping=True)
    engine = create_engine(full, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let the "begin" hook issue BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE")

    return engine


READ_ONLY = "accord_read_only"
"""The execution option that marks a connection as one that only reads."""


def reader(engine: Engine) -> Engine:
    """``engine`` for connections that only read: on SQLite they begin a deferred transaction."""
    return engine.execution_options(**{READ_ONLY: True})


def migrate(engine: Engine) -> None:
    """Upgrade the database behind ``engine`` to the newest schema revision."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
