"""Processes kept in a database: SQLite by default, PostgreSQL by URL (SQLAlchemy 2 + Alembic).

:func:`open_store` connects, brings the schema to the newest migration and
returns a :class:`Store`, which implements
:class:`accord.process.ProcessRepository`::

    store = open_store("accord.db")                      # or "postgresql+psycopg://user@host/db"
    store.create_user("mediator")
    pid = store.create_process(ProcessSpec.from_scenario(scenario), creator="mediator")
    store.create_user("kyiv")
    store.add_member(pid, "mediator", member="kyiv", role=Role.DELEGATION, party="UA")
    p = store.propose(pid, "kyiv", terms={"crimea": "talks_15y"})
    store.respond(pid, "moscow", p.id, "accept")             # once "moscow" is RU's delegation
    status = issue_status(store.state(pid, "kyiv"))
    store.verify(pid).ok

Every method taking ``user`` applies :mod:`accord.process.access` in the data
layer; every write commits together with its audit entry; versioned items
(proposals, profiles, notes, the process phase) take the version the caller
read and raise :class:`accord.process.Conflict` when it is stale.
:func:`accord.store.exchange.export_process` and
:func:`~accord.store.exchange.import_process` move a whole process as one JSON
document (the import verifies the audit chain first).

Errors: :class:`accord.process.ProcessError` (bad input),
:class:`~accord.process.AccessDenied`, :class:`~accord.process.NotFound`,
:class:`~accord.process.Conflict`.
"""

from __future__ import annotations

from collections.abc import Callable

from accord.process.repository import ProcessRepository
from accord.store.base import utc_now
from accord.store.engine import DEFAULT_URL, make_engine, migrate, normalise_url
from accord.store.private import PrivateOps
from accord.store.processes import ProcessOps
from accord.store.proposals import ProposalOps


class Store(ProcessOps, ProposalOps, PrivateOps):
    """A database of processes (see the package docstring); build one with :func:`open_store`."""

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()


def _implements_the_protocol(store: Store) -> ProcessRepository:
    """Never called: mypy checks here that :class:`Store` implements :class:`ProcessRepository`."""
    return store


class StoreUnavailable(RuntimeError):
    """The database cannot be opened or migrated; the message names it and says why."""


def open_store(url: str | None = None, *, clock: Callable[[], str] = utc_now) -> Store:
    """A :class:`Store` on ``url`` (a SQLite path or a SQLAlchemy URL), its schema migrated to the newest.

    :class:`StoreUnavailable` when the database cannot be reached, opened or migrated.
    """
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    try:
        engine = make_engine(url)
        migrate(engine)
    except (SQLAlchemyError, ArgumentError, OSError, ImportError) as exc:
        first = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise StoreUnavailable(f"cannot open database {url or DEFAULT_URL}: {first}") from exc
    return Store(engine, clock=clock)


__all__ = ["DEFAULT_URL", "Store", "StoreUnavailable", "normalise_url", "open_store"]
