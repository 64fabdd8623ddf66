"""Errors of the web layer and how users see them: JSON under ``/api``, a page elsewhere.

Every error reaches the user as a status code and one sentence (naming the
request field when there is one); no traceback is ever sent. User text is
escaped by the templates (Jinja2 autoescaping).
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse, Response


class WebError(Exception):
    """An error to show the user: ``status`` (4xx), a sentence, the request field at fault."""

    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field


def wants_json(request: Request) -> bool:
    """Whether the caller is the JSON API (a path under ``/api``) rather than a browser page."""
    return request.url.path.startswith("/api") or "application/json" in request.headers.get("accept", "")


def error_response(request: Request, status: int, message: str, *, field: str | None = None) -> Response:
    """The error as JSON (``{"error": {"status", "message", "field"}}``) or as an HTML page."""
    if wants_json(request):
        return JSONResponse(
            {"error": {"status": status, "message": message, "field": field}}, status_code=status
        )
    from accord.web.templating import render

    return render(request, "error.html", {"status": status, "message": message}, status=status)
