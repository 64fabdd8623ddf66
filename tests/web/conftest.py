"""Fixtures of the web tests: an app on a temporary SQLite file or PostgreSQL database, accounts, clients.

``backend`` runs each test that uses it once per database (issue 13: "the test
suite runs against both"); the PostgreSQL case skips, saying why, only when no
server can start (tests/pg.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the workbench needs the web extra: pip install 'accord[web]'")

from fastapi.testclient import TestClient
from tests.pg import fresh_url

from accord.web.app import create_app
from accord.web.security import hash_password
from accord.web.settings import Settings

PASSWORD = "correct horse battery"


BACKENDS = ("sqlite", "postgresql")


def database(request: pytest.FixtureRequest, folder: Path) -> str:
    """A fresh database URL for ``request.param``: a SQLite file in ``folder`` or a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{folder / 'web.db'}"
    return fresh_url(request)


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database, once on SQLite and once on PostgreSQL."""
    return database(request, tmp_path)


@pytest.fixture(scope="module", params=BACKENDS)
def module_db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Like ``db_url``, shared by a module's tests (the module's world is built once per backend)."""
    return database(request, tmp_path_factory.mktemp("web"))


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(db_url=db_url, secret="test-secret", max_body=65_536, max_scenario=32_768)


@pytest.fixture
def app(settings: Settings) -> Any:
    return create_app(settings)


@pytest.fixture
def engine(app: Any) -> Any:
    return app.state.backend.engine


def make_user(app: Any, name: str) -> None:
    app.state.backend.store.create_user(name, password_hash=hash_password(PASSWORD))


def login(app: Any, name: str) -> TestClient:
    """A client logged in as ``name`` through the API, its CSRF token in ``client.csrf``."""
    client = TestClient(app, raise_server_exceptions=False)
    reply = client.post("/api/login", json={"name": name, "password": PASSWORD})
    assert reply.status_code == 200, reply.text
    client.csrf = reply.json()["csrf"]  # type: ignore[attr-defined]
    client.headers["X-CSRF-Token"] = client.csrf  # type: ignore[attr-defined]
    return client


@pytest.fixture
def anon(app: Any) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
