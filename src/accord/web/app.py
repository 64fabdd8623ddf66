"""The FastAPI application factory of the workbench.

:func:`create_app` wires settings, the database engine, the body-size limit,
the error pages and the routers (:mod:`accord.web.routes`). It does no I/O
beyond creating the account tables when missing; ``accord serve`` calls it and
hands the app to uvicorn, tests call it with a temporary SQLite file.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from accord.process import AccessDenied, Conflict, NotFound, ProcessError
from accord.store.accounts import AccountError
from accord.web.errors import WebError, error_response
from accord.web.settings import Settings

STATIC = Path(__file__).parent / "static"
PROCESS_ERRORS: dict[type[Exception], int] = {
    ProcessError: 422,
    AccessDenied: 403,
    NotFound: 404,
    Conflict: 409,
}
"""The process model's errors and the HTTP status each becomes (accord.process.errors)."""


def create_app(settings: Settings | None = None) -> FastAPI:
    """A workbench app on ``settings`` (a SQLite file in the working directory by default)."""
    from accord.web.backend import Backend
    from accord.web.routes import api, auth, pages, work

    settings = settings or Settings()
    app = FastAPI(
        title="accord workbench",
        summary="Run a peace process: sessions, proposals, private profiles, rolling text, audit log.",
        version=_version(),
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.backend = Backend.open(settings.db_url)
    app.middleware("http")(_limit_body(settings.max_body))
    app.add_exception_handler(WebError, _web_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(AccountError, _account_error)
    for kind in PROCESS_ERRORS:
        app.add_exception_handler(kind, _process_error)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(auth.router)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(work.router)
    return app


def app_from_env() -> FastAPI:
    """The app on the settings in the environment (``ACCORD_DB``, ``ACCORD_SECRET``): for uvicorn."""
    import os

    from accord.web.settings import DEFAULT_DB

    secret = os.environ.get("ACCORD_SECRET")
    db = os.environ.get("ACCORD_DB", DEFAULT_DB)
    return create_app(Settings(db_url=db, secret=secret) if secret else Settings(db_url=db))


def _version() -> str:
    from accord.version import __version__

    return __version__


def _limit_body(
    limit: int,
) -> Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]:
    """Middleware refusing bodies over ``limit`` bytes with 413, before anything reads them.

    The declared ``Content-Length`` is checked first; a body sent without one
    (chunked) is read here up to the limit and refused past it.
    """

    async def middleware(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        declared = request.headers.get("content-length")
        if declared is not None:
            if not declared.isdigit():
                return _too_large("Content-Length is not a number", status=400)
            if int(declared) > limit:
                return _too_large(f"the request body exceeds {limit} bytes")
        elif request.method in ("POST", "PUT", "PATCH", "DELETE"):
            size = 0
            chunks = []
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    return _too_large(f"the request body exceeds {limit} bytes")
                chunks.append(chunk)
            request._body = b"".join(chunks)
        return await call_next(request)

    return middleware


def _too_large(message: str, status: int = 413) -> Response:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


async def _web_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, WebError)
    return error_response(request, exc.status, exc.message, field=exc.field)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    response = error_response(request, exc.status_code, str(exc.detail))
    for key, value in (exc.headers or {}).items():
        response.headers[key] = value
    return response


async def _invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    first: dict[str, Any] = exc.errors()[0] if exc.errors() else {}
    where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
    return error_response(request, 422, f"{where or 'request'}: {first.get('msg', 'invalid')}", field=where)


async def _account_error(request: Request, exc: Exception) -> Response:
    return error_response(request, 409, str(exc), field="name")


async def _process_error(request: Request, exc: Exception) -> Response:
    status = next(code for kind, code in PROCESS_ERRORS.items() if isinstance(exc, kind))
    return error_response(request, status, str(exc))
