"""The terminal renderer: views drawn with rich."""

from __future__ import annotations

import io
from typing import get_args

from rich.console import Console

from accord.report.terminal import STYLES, render, text
from accord.report.views import BLANK, TableView, Tone, col, line, span


def _console(width: int = 60) -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    return Console(file=buf, width=width, no_color=True, highlight=False), buf


def test_every_tone_has_a_style() -> None:
    assert set(STYLES) == set(get_args(Tone))


def test_lines_and_tables_render() -> None:
    console, buf = _console()
    table = TableView(
        title="T", columns=(col("name"), col("n", "right")), rows=(("a", "1"), (span("b", "bad"), "22"))
    )
    render(console, (line("Head ", span("id", "key")), BLANK, table))
    out = buf.getvalue().splitlines()
    assert out[0] == "Head id" and out[1] == ""
    assert any("a" in row and row.rstrip().endswith("1") for row in out)
    assert any("22" in row for row in out)


def test_markup_in_data_is_not_interpreted() -> None:
    assert text((span("[bold]x[/]"),)).plain == "[bold]x[/]"


def test_soft_wrap_keeps_a_long_line_whole() -> None:
    console, buf = _console(width=20)
    render(console, (line("word " * 10, soft_wrap=True), line("word " * 10)))
    out = buf.getvalue().splitlines()
    assert out[0].strip() == ("word " * 10).strip()
    assert len(out) > 2
