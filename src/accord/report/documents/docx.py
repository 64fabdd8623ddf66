"""Draft agreements as a Word document (python-docx): headings, articles, contents, annex tables.

Text goes into runs as plain text: python-docx never interprets it, so user
text cannot turn into markup. The contents list names every article; Word's
own table of contents can be added from the headings.
"""

from __future__ import annotations

import io
from typing import Any

from accord.report.documents import view
from accord.workbench.instruments import DraftResult, Instrument


def render_docx(result: DraftResult) -> bytes:
    """The document as .docx bytes."""
    import docx

    doc = docx.Document()
    doc.core_properties.title = f"Draft agreements: {result.package_title}"
    doc.core_properties.subject = f"scenario {result.scenario}; package {result.package}"
    langs = result.instruments[0].languages if result.instruments else ()
    doc.core_properties.keywords = "authentic languages: " + ", ".join(langs)
    doc.add_heading(f"Draft agreements: {result.package_title}", level=0)
    doc.add_paragraph().add_run(view.DISCLAIMER).italic = True
    doc.add_paragraph(
        f"Scenario: {result.scenario}. Package: {result.package}. Authentic languages: {', '.join(langs)}."
    )
    doc.add_heading("Contents", level=1)
    for ins in result.instruments:
        doc.add_paragraph(ins.title, style="List Bullet")
        for a in ins.articles:
            doc.add_paragraph(view.article_title(a), style="List Bullet 2")
    for ins in result.instruments:
        _instrument(doc, ins)
    _annexes(doc, result)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _instrument(doc: Any, ins: Instrument) -> None:
    doc.add_heading(ins.title, level=1)
    if ins.witnesses:
        doc.add_paragraph("Witnesses: " + ", ".join(ins.witnesses))
    for line in ins.preamble:
        doc.add_paragraph(line)
    for a in ins.articles:
        doc.add_heading(view.article_title(a), level=2)
        if a.kind == "bracketed":
            for k, alt in enumerate(a.alternatives):
                doc.add_paragraph(f"[{view.alternative_head(k, alt)}: {alt.text}]")
        else:
            doc.add_paragraph(a.text)
        for n in view.notes(a):
            doc.add_paragraph().add_run(n).italic = True
    if view.silent_line(ins):
        doc.add_paragraph().add_run(view.silent_line(ins)).italic = True


def _table(doc: Any, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def _annexes(doc: Any, result: DraftResult) -> None:
    doc.add_heading("Annex: trace of every article", level=1)
    _table(doc, ("instrument", "article", "issue", "option", "wording"), view.trace_rows(result))
    if result.landmines:
        doc.add_heading("Annex: land mines", level=1)
        for mine in result.landmines:
            doc.add_heading(view.mine_where(result, mine), level=2)
            for variant, text in mine.meanings:
                doc.add_paragraph(f"{variant}: {text}", style="List Bullet")
        doc.add_paragraph(f"Utility and verdict per reading (perspective {result.perspective}):")
        _table(doc, *view.verdict_table(result))
    if result.previous is not None:
        _changes(doc, result)
    if result.sources:
        doc.add_heading("Sources", level=1)
        for key, cite in result.sources:
            doc.add_paragraph(f"{key}: {cite}", style="List Bullet")


def _changes(doc: Any, result: DraftResult) -> None:
    doc.add_heading("Annex: changes from the previous version", level=1)
    doc.add_paragraph(
        f"From {result.previous} to {result.package}: deleted words struck through, new words in bold."
    )
    if not result.changes:
        doc.add_paragraph("No article changed.")
    for change in result.changes:
        doc.add_heading(view.change_where(result, change), level=2)
        para = doc.add_paragraph()
        for op, text in view.word_diff(change.before, change.after):
            run = para.add_run(text + " ")
            run.font.strike = op == "-"
            run.bold = op == "+"
