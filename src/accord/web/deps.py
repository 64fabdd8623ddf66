"""Request dependencies: who is logged in, and the CSRF check of every state-changing request."""

from __future__ import annotations

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from accord.store.accounts import login_user
from accord.web.backend import Backend
from accord.web.errors import WebError
from accord.web.security import COOKIE, CSRF_FIELD, CSRF_HEADER, csrf_ok, csrf_token
from accord.web.settings import Settings

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def backend(request: Request) -> Backend:
    """The app's backend (database engine and stores)."""
    found: Backend = request.app.state.backend
    return found


def settings(request: Request) -> Settings:
    """The app's settings."""
    found: Settings = request.app.state.settings
    return found


async def optional_user(request: Request) -> str | None:
    """The logged-in user's name (or None); a state-changing request must carry its CSRF token.

    Sets ``request.state.user`` and ``request.state.csrf`` for the templates.
    A forged or missing token is refused with 403 before the route runs, so
    the request changes nothing.
    """
    token = request.cookies.get(COOKIE)
    account = await run_in_threadpool(login_user, backend(request).engine, token) if token else None
    request.state.user = account
    request.state.csrf = csrf_token(settings(request).secret, token) if account and token else ""
    if account is not None and token and request.method in UNSAFE:
        given = request.headers.get(CSRF_HEADER)
        if given is None and _is_form(request):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            given = value if isinstance(value, str) else None
        if not csrf_ok(settings(request).secret, token, given):
            raise WebError(403, "the CSRF token is missing or wrong: reload the page and try again", "csrf")
    return account


async def user(request: Request) -> str:
    """The logged-in user's name; 401 when nobody is logged in."""
    account = await optional_user(request)
    if account is None:
        raise WebError(401, "log in first (/login)")
    return account


def _is_form(request: Request) -> bool:
    kind = request.headers.get("content-type", "")
    return kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data"))


PID_MAX = 2**31 - 1
"""The largest process, proposal or note id a request may name (ids are 32-bit in the store)."""
