"""Draft agreements as PDF, typeset by Typst (the ``typst`` package: no browser, fonts built in).

The layout is a Typst template (``agreement.typ``) that reads the document as
JSON from ``sys.inputs``: no user text is ever pasted into Typst source, so
none is read as markup. Typst builds the outline (table of contents) from the
headings.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from accord.report.documents import view
from accord.workbench.instruments import Article, DraftResult, Instrument


def document_data(result: DraftResult) -> dict[str, Any]:
    """The document as plain JSON data for the template."""
    langs = result.instruments[0].languages if result.instruments else ()
    header, rows = view.verdict_table(result)
    return {
        "title": f"Draft agreements: {result.package_title}",
        "disclaimer": view.DISCLAIMER,
        "meta": [
            f"Scenario: {result.scenario}",
            f"Package: {result.package}",
            f"Authentic languages: {', '.join(langs)}",
        ],
        "instruments": [_instrument(ins) for ins in result.instruments],
        "trace": {
            "header": ["instrument", "article", "issue", "option", "wording"],
            "rows": [list(r) for r in view.trace_rows(result)],
        },
        "mines": [
            {"where": view.mine_where(result, m), "items": [f"{v}: {t}" for v, t in m.meanings]}
            for m in result.landmines
        ],
        "verdicts_caption": f"Utility and verdict per reading (perspective {result.perspective}):",
        "verdicts": {"header": list(header), "rows": [list(r) for r in rows]},
        "sources": [f"{k}: {c}" for k, c in result.sources],
        "previous": result.previous or "",
        "changes_caption": f"From {result.previous} to {result.package}: deleted words struck through, "
        "new words in bold.",
        "changes": [
            {
                "where": view.change_where(result, c),
                "runs": [{"op": op, "text": t} for op, t in view.word_diff(c.before, c.after)],
            }
            for c in result.changes
        ],
    }


def _article(a: Article) -> dict[str, Any]:
    if a.kind == "bracketed":
        paras = [f"[{view.alternative_head(k, alt)}: {alt.text}]" for k, alt in enumerate(a.alternatives)]
    else:
        paras = [a.text]
    return {"title": view.article_title(a), "paras": paras, "notes": list(view.notes(a))}


def _instrument(ins: Instrument) -> dict[str, Any]:
    return {
        "title": ins.title,
        "witnesses": ("Witnesses: " + ", ".join(ins.witnesses)) if ins.witnesses else "",
        "preamble": list(ins.preamble),
        "articles": [_article(a) for a in ins.articles],
        "silent": view.silent_line(ins),
    }


def render_pdf(result: DraftResult) -> bytes:
    """The PDF bytes."""
    import typst

    template = resources.files("accord.report.documents").joinpath("agreement.typ").read_bytes()
    data = json.dumps(document_data(result), ensure_ascii=False)
    out = typst.compile(template, format="pdf", sys_inputs={"data": data})
    assert isinstance(out, bytes)
    return out
