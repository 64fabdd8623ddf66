"""Accounts over HTTP: hashed passwords, the login cookie's flags, CSRF, the first mediator's link."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from tests.web.conftest import PASSWORD, login, make_user
from tests.web.world import build

from accord.process import NotFound
from accord.store import accounts


def test_password_is_stored_only_as_an_argon2_hash(app: Any, engine: Any) -> None:
    make_user(app, "ana")
    stored = app.state.backend.store.user("ana")["password_hash"]
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_wrong_password_gets_401_and_no_cookie(app: Any, engine: Any, anon: TestClient) -> None:
    make_user(app, "ana")
    for name, password in (("ana", "wrong"), ("nobody", PASSWORD)):
        reply = anon.post("/api/login", json={"name": name, "password": password})
        assert reply.status_code == 401
        assert "set-cookie" not in reply.headers
    page = anon.post("/login", data={"name": "ana", "password": "wrong"})
    assert page.status_code == 401 and "wrong password" in page.text


def test_login_cookie_is_httponly_and_samesite_strict(app: Any, engine: Any, anon: TestClient) -> None:
    make_user(app, "ana")
    reply = anon.post("/api/login", json={"name": "ana", "password": PASSWORD})
    cookie = reply.headers["set-cookie"].lower()
    assert reply.status_code == 200
    assert "httponly" in cookie and "samesite=strict" in cookie
    # Only the token's digest is stored.
    token = reply.cookies["accord_login"]
    with engine.connect() as conn:
        stored = [row.digest for row in conn.execute(select(accounts.logins))]
    assert token not in stored and accounts.digest(token) in stored


def test_page_form_login_and_logout(app: Any, engine: Any, anon: TestClient) -> None:
    make_user(app, "ana")
    reply = anon.post("/login", data={"name": "ana", "password": PASSWORD}, follow_redirects=False)
    assert reply.status_code == 303
    home = anon.get("/")
    assert home.status_code == 200 and "ana" in home.text
    csrf = home.text.split('name="csrf" value="')[1].split('"')[0]
    assert anon.post("/logout", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    assert anon.get("/api/processes").status_code == 401


def test_state_changes_without_the_right_csrf_token_get_403_and_change_nothing(app: Any, engine: Any) -> None:
    make_user(app, "ana")
    make_user(app, "bo")
    client = login(app, "ana")
    other = login(app, "bo")
    for token in (None, "", "0" * 64, other.csrf):  # type: ignore[attr-defined]
        headers = {} if token is None else {"X-CSRF-Token": token}
        client.headers.pop("X-CSRF-Token", None)
        reply = client.post("/api/logout", headers=headers)
        assert reply.status_code == 403, token
        form = client.post("/logout", data={} if token is None else {"csrf": token})
        assert form.status_code == 403
    # Still logged in: the forged requests changed nothing.
    assert client.get("/api/processes").status_code == 200
    assert client.post("/api/logout", headers={"X-CSRF-Token": client.csrf}).status_code == 204  # type: ignore[attr-defined]
    assert client.get("/api/processes").status_code == 401


def test_oversized_body_gets_413_and_changes_nothing(app: Any, engine: Any, anon: TestClient) -> None:
    token = accounts.first_login(str(engine.url))
    assert token is not None
    big = "x" * 70_000
    reply = anon.post(f"/invite/{token}", data={"name": "ana", "password": big})
    assert reply.status_code == 413
    assert accounts.count_users(engine) == 0
    small = anon.post(
        "/api/login",
        content=iter([b'{"name": "nobody", ', b'"password": "x"}']),
        headers={"content-type": "application/json"},
    )
    assert small.status_code == 401  # a chunked body under the limit reaches the route
    chunked = anon.post(
        "/api/login",
        content=iter([b"{" + b" " * 70_000 + b"}"]),
        headers={"content-type": "application/json"},
    )
    assert chunked.status_code == 413


def test_first_mediator_link_works_once(app: Any, engine: Any, anon: TestClient) -> None:
    token = accounts.first_login(str(engine.url))
    assert token is not None
    assert anon.get(f"/invite/{token}").status_code == 200
    short = anon.post(f"/invite/{token}", data={"name": "med", "password": "short"})
    assert short.status_code == 422 and accounts.count_users(engine) == 0
    reply = anon.post(f"/invite/{token}", data={"name": "med", "password": PASSWORD}, follow_redirects=False)
    assert reply.status_code == 303
    found = app.state.backend.store.user("med")
    assert found["name"] == "med"
    again = TestClient(app, raise_server_exceptions=False)
    assert again.post(f"/invite/{token}", data={"name": "eve", "password": PASSWORD}).status_code == 404
    with pytest.raises(NotFound):
        app.state.backend.store.user("eve")
    assert accounts.first_login(str(engine.url)) is None  # an account exists: no new link


def test_unknown_invitation_and_page_errors_are_4xx_pages(anon: TestClient) -> None:
    reply = anon.get("/invite/nope")
    assert reply.status_code == 404 and "<html" in reply.text and "Traceback" not in reply.text


def test_a_new_first_mediator_link_replaces_the_older_one(app: Any, engine: Any, anon: TestClient) -> None:
    old = accounts.first_login(str(engine.url))
    new = accounts.first_login(str(engine.url))
    assert old is not None and new is not None and old != new
    assert anon.get(f"/invite/{old}").status_code == 404
    refused = anon.post(f"/invite/{old}", data={"name": "eve", "password": PASSWORD})
    assert refused.status_code == 404 and accounts.count_users(engine) == 0
    assert anon.get(f"/invite/{new}").status_code == 200


def _age_invitations(engine: Any, by: timedelta) -> None:
    with engine.begin() as conn:
        for row in conn.execute(select(accounts.invitations)).all():
            conn.execute(
                update(accounts.invitations)
                .where(accounts.invitations.c.digest == row.digest)
                .values(expires=row.expires - by)
            )


def test_invitation_links_expire_after_the_set_days(app: Any, engine: Any, anon: TestClient) -> None:
    token = accounts.first_login(str(engine.url))
    assert token is not None
    _age_invitations(engine, timedelta(days=6, hours=23))  # 7 days by default: one hour left
    assert anon.get(f"/invite/{token}").status_code == 200
    _age_invitations(engine, timedelta(hours=2))
    assert anon.get(f"/invite/{token}").status_code == 404
    reply = anon.post(f"/invite/{token}", data={"name": "med", "password": PASSWORD})
    assert reply.status_code == 404 and "expired" in reply.text and accounts.count_users(engine) == 0


def test_a_process_invitation_lasts_the_configured_days(db_url: str) -> None:
    from accord.web.app import create_app
    from accord.web.settings import Settings

    app = create_app(Settings(db_url=db_url, secret="s", invitation_days=2))
    world = build(app)
    reply = world.clients["med"].post(f"/api/processes/{world.pid}/invitations", json={"role": "observer"})
    assert reply.status_code == 201, reply.text
    token = reply.json()["url"].rsplit("/", 1)[1]
    with app.state.backend.engine.connect() as conn:
        row = conn.execute(
            select(accounts.invitations).where(accounts.invitations.c.digest == accounts.digest(token))
        ).one()
    expires = row.expires if row.expires.tzinfo else row.expires.replace(tzinfo=UTC)
    left = expires - datetime.now(UTC)
    assert timedelta(days=2) - timedelta(minutes=5) < left <= timedelta(days=2)


def test_an_older_invitation_table_gains_the_expiry_column_and_its_links_count_as_expired(
    db_url: str,
) -> None:
    from sqlalchemy import Column, Integer, MetaData, String, Table, insert

    from accord.store.engine import make_engine

    engine = make_engine(db_url)
    old = Table(  # the web_invitation table as accord made it before invitations expired
        "web_invitation",
        MetaData(),
        Column("digest", String(64), primary_key=True),
        Column("process", String(64), nullable=False),
        Column("role", String(16), nullable=False),
        Column("party", String(64), nullable=True),
        Column("invited_by", String(64), nullable=False),
        Column("used_by", String(64), nullable=True),
        Column("uses", Integer, nullable=False, default=0),
    )
    old.create(engine)
    with engine.begin() as conn:
        conn.execute(
            insert(old).values(digest=accounts.digest("t"), process="1", role="observer", invited_by="m")
        )
    accounts.create_tables(engine)
    assert accounts.get_invitation(engine, "t") is None
    with pytest.raises(accounts.AccountError, match="expired"):
        accounts.use_invitation(engine, "t", "eve")
    engine.dispose()
