"""Accounts over HTTP: hashed passwords, the login cookie's flags, CSRF, the first mediator's link."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from tests.web.conftest import PASSWORD, login, make_user

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
