"""Briefings as HTML (parsed back) and PDF (rendered by poppler); hostile labels stay plain text."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

import accord
from accord.model import Scenario
from accord.report.documents.brief import render_brief_html, render_brief_pdf
from accord.workbench.briefing import Brief, BriefRequest, brief

POPPLER = all(shutil.which(t) for t in ("pdftoppm", "pdftotext", "pdfinfo"))
HOSTILE = '<script>alert(1)</script> & "$x$" #panic("typst") *bold* [link](x)'


class _Page(HTMLParser):
    """The visible text, the tags seen and the image sources of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "img":
            self.images.append(dict(attrs).get("src") or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> tuple[_Page, str]:
    page = _Page()
    page.feed(html)
    page.close()
    return page, " ".join(" ".join(page.text).split())


@cache
def _brief(name: str) -> Brief:
    return brief(BriefRequest(scenario=accord.load(name), time_limit=5.0))


def _hostile() -> Scenario:
    s = accord.load("ukraine")
    plans = (replace(s.plans[0], title=HOSTILE), *s.plans[1:])
    return replace(s, plans=plans, title=HOSTILE)


def test_html_holds_every_plan_and_perspective_and_the_plot() -> None:
    s = accord.load("ukraine")
    page, text = _parse(render_brief_html(_brief("ukraine")))
    for v in s.plan_variants():
        assert v.id in text
    for p in s.plans:
        assert " ".join(p.title.split()) in text
    for p in s.perspectives:
        assert (p.name or p.id) in text
    for src in s.sources:
        assert " ".join(src.title.split()) in text
    assert "not a forecast" in text
    assert [i for i in page.images if i.startswith("data:image/svg+xml;base64,")]


def test_html_escapes_hostile_labels() -> None:
    html = render_brief_html(brief(BriefRequest(scenario=_hostile(), time_limit=1.0)))
    page, text = _parse(html)
    assert "script" not in page.tags
    assert "<script>" not in html
    assert HOSTILE in text


@pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")
@pytest.mark.parametrize("hostile", [False, True])
def test_pdf_renders_with_plan_titles(tmp_path: Path, hostile: bool) -> None:
    pytest.importorskip("typst")
    s = _hostile() if hostile else accord.load("ukraine")
    b = brief(BriefRequest(scenario=s, time_limit=1.0)) if hostile else _brief("ukraine")
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(render_brief_pdf(b))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert pages >= 2
    subprocess.run(
        ["pdftoppm", "-r", "20", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True
    )
    assert list(tmp_path.glob("p*.png"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())  # table cells wrap lines anywhere a space or dash is
    for p in s.plans:
        assert "".join(p.title.split()) in flat, p.title
