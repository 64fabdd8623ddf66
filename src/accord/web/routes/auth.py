"""Logging in and out, and accepting an invitation, as pages and as JSON.

A login sets the ``accord_login`` cookie (HttpOnly, SameSite=Strict) and, for
the JSON API, returns the CSRF token the client sends back in ``X-CSRF-Token``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from accord.process.errors import NotFound, ProcessError
from accord.store import accounts
from accord.web import deps
from accord.web.errors import WebError
from accord.web.schemas import Credentials, LoginOut
from accord.web.security import COOKIE, csrf_token, hash_password, verify_password
from accord.web.templating import render

router = APIRouter()
Name = Annotated[str, Form(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.@-]+$")]
Password = Annotated[str, Form(min_length=1, max_length=256)]


def _log_in(request: Request, response: Response, name: str, password: str) -> str:
    """Check the password and set the login cookie; returns the login token."""
    try:
        stored = deps.backend(request).store.user(name).get("password_hash", "")
    except NotFound:
        stored = ""
    if not stored or not verify_password(stored, password):
        raise WebError(401, "unknown name or wrong password", "password")
    settings = deps.settings(request)
    token = accounts.start_login(deps.backend(request).engine, name, hours=settings.login_hours)
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(settings.login_hours * 3600),
        httponly=True,
        samesite="strict",
        secure=settings.secure_cookies,
        path="/",
    )
    return token


@router.get("/login", include_in_schema=False)
async def login_page(request: Request, _: Annotated[str | None, Depends(deps.optional_user)]) -> Response:
    """The login form."""
    return render(request, "login.html", {"error": None})


@router.post("/login", include_in_schema=False)
def login_form(request: Request, name: Name, password: Password) -> Response:
    """Log in from the form and go to the list of processes."""
    response = RedirectResponse("/", status_code=303)
    try:
        _log_in(request, response, name, password)
    except WebError as exc:
        request.state.user, request.state.csrf = None, ""
        return render(request, "login.html", {"error": exc.message}, status=401)
    return response


@router.post("/logout", include_in_schema=False)
async def logout_form(request: Request, _: Annotated[str, Depends(deps.user)]) -> Response:
    """Log out and go to the login form."""
    accounts.end_login(deps.backend(request).engine, request.cookies.get(COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.post("/api/login", tags=["accounts"])
def login_api(request: Request, response: Response, body: Credentials) -> LoginOut:
    """Log in: sets the login cookie and returns the CSRF token for ``X-CSRF-Token``."""
    token = _log_in(request, response, body.name, body.password)
    return LoginOut(user=body.name, csrf=csrf_token(deps.settings(request).secret, token))


@router.post("/api/logout", tags=["accounts"], status_code=204)
async def logout_api(request: Request, _: Annotated[str, Depends(deps.user)]) -> Response:
    """Log out (the login token is forgotten)."""
    accounts.end_login(deps.backend(request).engine, request.cookies.get(COOKIE, ""))
    response = Response(status_code=204)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/invite/{token}", include_in_schema=False)
async def invite_page(
    request: Request, token: str, _: Annotated[str | None, Depends(deps.optional_user)]
) -> Response:
    """The page of an invitation: accept it (logged in) or choose a name and password."""
    invitation = accounts.get_invitation(deps.backend(request).engine, token)
    if invitation is None or invitation.used_by is not None:
        raise WebError(404, "this invitation is unknown, has expired or has been used")
    return render(request, "invite.html", {"invitation": invitation, "token": token, "error": None})


@router.post("/invite/{token}", include_in_schema=False)
async def invite_accept(
    request: Request,
    token: str,
    who: Annotated[str | None, Depends(deps.optional_user)],
    name: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=256)] = "",
) -> Response:
    """Accept an invitation: as the logged-in user, or as a new account named in the form."""
    back = deps.backend(request)
    invitation = accounts.get_invitation(back.engine, token)
    if invitation is None or invitation.used_by is not None:
        raise WebError(404, "this invitation is unknown, has expired or has been used")
    creator = invitation.role == accounts.CREATOR
    response = RedirectResponse("/" if creator else f"/p/{invitation.process}", status_code=303)
    if who is None:
        _check_new_account(name, password)
        try:
            back.store.create_user(name, password_hash=hash_password(password))
        except ProcessError:
            raise WebError(409, f"the name {name!r} is taken: choose another", "name") from None
        _log_in(request, response, name, password)
    elif creator:
        raise WebError(409, "this link makes a new account: log out first", "name")
    joined = accounts.use_invitation(back.engine, token, who or name)
    back.join(joined, who or name)
    return response


def _check_new_account(name: str, password: str) -> None:
    import re

    if not re.fullmatch(r"[A-Za-z0-9_.@-]{1,64}", name):
        raise WebError(422, "a name is 1-64 letters, digits or _.@-", "name")
    if len(password) < 10:
        raise WebError(422, "a password has at least 10 characters", "password")
