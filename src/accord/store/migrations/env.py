"""Alembic's environment for accord's store: migrate the connection that ``migrate`` passes."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from accord.store.tables import metadata


def _run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:  # the alembic command line, pointed at sqlalchemy.url
        url = context.config.get_main_option("sqlalchemy.url") or "sqlite:///accord.db"
        with create_engine(url).begin() as conn:
            context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
            context.run_migrations()
        return
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if hasattr(context, "config"):  # run by Alembic; imported any other way (doctest collection) it does nothing
    _run()
