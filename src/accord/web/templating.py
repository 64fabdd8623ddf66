"""Jinja2 templates, autoescaped: no user text is ever read as markup.

:func:`render` fills a template with the page's context plus the logged-in
user and their CSRF token (every form carries it in a hidden ``csrf`` field).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment() -> Any:
    """The one Jinja2 environment, autoescaping every template."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(request: Request, name: str, context: dict[str, Any], *, status: int = 200) -> HTMLResponse:
    """The page ``name`` with ``context``, the current user and their CSRF token."""
    state = request.state
    page = (
        environment()
        .get_template(name)
        .render(
            {
                "user": getattr(state, "user", None),
                "csrf": getattr(state, "csrf", ""),
                "path": request.url.path,
                **context,
            }
        )
    )
    return HTMLResponse(page, status_code=status)
