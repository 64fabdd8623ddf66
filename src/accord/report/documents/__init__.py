"""Documents people read: drafted agreements as Markdown, HTML, DOCX and PDF.

Each format renders a :class:`accord.workbench.instruments.DraftResult` and never
runs an engine. HTML needs Jinja2, DOCX python-docx, PDF the ``typst`` package
(no browser): ``pip install 'accord[docs]'``; they are imported on use.
"""

from __future__ import annotations

from typing import Any, Literal

from accord.workbench.instruments import DraftResult

DocumentFormat = Literal["md", "html", "docx", "pdf"]
FORMATS: tuple[DocumentFormat, ...] = ("md", "html", "docx", "pdf")
"""The formats :func:`render` writes."""


class MissingDependency(RuntimeError):
    """A format's library is not installed; the message says what to install."""


def render(result: DraftResult, fmt: DocumentFormat) -> bytes:
    """The document in ``fmt``, as bytes ready to write."""
    if fmt == "md":
        from accord.report.documents.markdown import render_markdown

        return render_markdown(result).encode()
    try:
        if fmt == "html":
            from accord.report.documents.html import render_html

            return render_html(result).encode()
        if fmt == "docx":
            from accord.report.documents.docx import render_docx

            return render_docx(result)
        from accord.report.documents.pdf import render_pdf

        return render_pdf(result)
    except ModuleNotFoundError as exc:
        raise MissingDependency(f"the {fmt} format needs {exc.name}: pip install 'accord[docs]'") from None


def manifest(result: DraftResult, out: str | None, fmt: str) -> dict[str, Any]:
    """What ``accord draft --json`` prints: the file written and every article, field by field."""
    from accord.report.json import result_json

    data = result_json(result)
    assert isinstance(data, dict)
    return {"out": out, "format": fmt, **data}
