"""Fixtures of the web tests: an app on a temporary SQLite file, accounts, logged-in clients."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the workbench needs the web extra: pip install 'accord[web]'")

from fastapi.testclient import TestClient

from accord.web.app import create_app
from accord.web.security import hash_password
from accord.web.settings import Settings

PASSWORD = "correct horse battery"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        db_url=f"sqlite:///{tmp_path / 'web.db'}", secret="test-secret", max_body=65_536, max_scenario=32_768
    )


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
