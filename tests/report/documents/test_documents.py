"""Documents: golden Markdown for ukraine, DOCX read back, PDF rendered by poppler, escaping."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

import accord
from accord.io import check_text
from accord.report.documents import render
from accord.report.documents.markdown import escape
from accord.workbench.drafting import DraftRequest, draft
from accord.workbench.instruments import DraftResult
from accord.workbench.landmines import with_landmines

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
UPDATE = bool(os.environ.get("ACCORD_UPDATE_GOLDEN"))
POPPLER = all(shutil.which(t) for t in ("pdftoppm", "pdftotext", "pdfinfo"))


@cache
def drafted(package: str) -> DraftResult:
    s = accord.load("ukraine")
    return with_landmines(s, draft(DraftRequest(scenario=s, package=package)))


@pytest.mark.parametrize("package", ["kp-untaeu", "parley-ceasefire"])
def test_golden_markdown(package: str) -> None:
    path = GOLDEN / f"draft-ukraine-{package}.md"
    got = render(drafted(package), "md").decode()
    if UPDATE:
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with ACCORD_UPDATE_GOLDEN=1"
    assert got == path.read_text(encoding="utf-8")


def test_markdown_contents_link_every_article() -> None:
    result = drafted("kp-untaeu")
    text = render(result, "md").decode()
    for ins in result.instruments:
        for a in ins.articles:
            anchor = f"{ins.kind}-{a.number}"
            assert f"(#{anchor})" in text and f'<a id="{anchor}"></a>' in text


def test_docx_reads_back_with_every_article() -> None:
    docx = pytest.importorskip("docx")
    result = drafted("kp-untaeu")
    doc = docx.Document(io.BytesIO(render(result, "docx")))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for ins in result.instruments:
        assert ins.title in headings
        for a in ins.articles:
            assert f"Article {a.number}. {a.heading}" in headings
    assert "Ukrainian, Russian" in doc.core_properties.keywords


@pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")
def test_pdf_renders_and_carries_every_article(tmp_path: Path) -> None:
    pytest.importorskip("typst")
    result = drafted("kp-untaeu")
    pdf = tmp_path / "d.pdf"
    pdf.write_bytes(render(result, "pdf"))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert pages >= len(result.instruments) + 1
    subprocess.run(
        ["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True
    )
    assert list(tmp_path.glob("p*.png"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for ins in result.instruments:
        for a in ins.articles:
            assert f"Article {a.number}. {a.heading}" in flat
    assert "Article 102 of the Charter" in flat


HOSTILE = """accord: 1
id: hostile
title: "Title <b>bold</b> *star* #set"
parties:
  - {id: A, name: "Alpha <script>x</script>", role: belligerent}
  - {id: B, name: "Beta & *co*", role: belligerent}
tracks: [{id: ceasefire}]
issues:
  - id: x
    title: "X [link](http://e.com) _u_"
    track: ceasefire
    options: [{id: a, label: "<img src=y> #set text(red)"}, {id: b, label: B}]
  - {id: y, title: "Y $math$", options: [{id: c, label: "C"}, {id: d, label: "D"}]}
perspectives: [{id: p, as_of: 2024, attribution: test}]
plans:
  - {id: p1, title: "Plan <i>one</i>", terms: {x: a}}
  - {id: p2, title: P2, proposer: A, terms: {y: c}}
drafting:
  clauses:
    - {issue: y, option: c, text: "<script>alert(1)</script> *bold* #strong[x] {party:A}"}
"""


@cache
def hostile() -> DraftResult:
    report = check_text(HOSTILE, name="hostile.yaml")
    assert report.scenario is not None, [e.render() for e in report.errors]
    return draft(DraftRequest(scenario=report.scenario, package="p2"))


def test_html_escapes_every_user_text() -> None:
    pytest.importorskip("jinja2")
    html = render(hostile(), "html").decode()
    for raw in ("<script>", "<b>bold", "<img", "<i>one"):
        assert raw not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Alpha &lt;script&gt;x&lt;/script&gt;" in html


def test_markdown_escapes_every_user_text() -> None:
    md = render(hostile(), "md").decode()
    assert not re.search(r"(?<!\\)<(script|img|b>|i>)", md), "every < is escaped"
    assert escape("*bold*") in md and "\\*bold\\*" in md
    assert "\\[link\\]" in md


@pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")
def test_pdf_sets_user_text_as_written(tmp_path: Path) -> None:
    pytest.importorskip("typst")
    pdf = tmp_path / "h.pdf"
    pdf.write_bytes(render(hostile(), "pdf"))
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "<script>alert(1)</script> *bold* #strong[x] Alpha <script>x</script>" in text
    assert "Y $math$" in text
