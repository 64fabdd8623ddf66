"""Alembic migrations of the store's schema (run by :func:`accord.store.engine.migrate`)."""
