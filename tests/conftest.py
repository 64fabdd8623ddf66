"""Test-wide settings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.pg import Cluster, start


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the built-in scenario cache out of the user's home during tests."""
    mp = pytest.MonkeyPatch()
    mp.setenv("ACCORD_CACHE_DIR", str(tmp_path_factory.mktemp("accord-cache")))
    yield
    mp.undo()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster | str]:
    """A throwaway PostgreSQL cluster (tests/pg.py), started on first use; or the reason none could start."""
    yield from start()
