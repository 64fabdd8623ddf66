"""The terminal renderer: views (:mod:`accord.report.views`) as rich text and tables.

:func:`render` draws any view; the family modules (:mod:`.scenario`,
:mod:`.evaluation`, :mod:`.search`) choose the view of each outcome and pass what
only a terminal knows (its width). rich is used only here and in :mod:`accord.cli`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from accord.report.views import Block, Cell, Line, Span, TableView, Tone

STYLES: dict[Tone, str] = {
    "plain": "",
    "strong": "bold",
    "muted": "dim",
    "key": "cyan",
    "strong-key": "bold cyan",
    "good": "green",
    "bad": "red",
    "warn": "yellow",
    "alarm": "bold red",
    "success": "bold green",
}
"""Tone -> rich style."""


def make_console(*, stderr: bool = False) -> Console:
    """A console for results (stdout) or messages (stderr).

    Piped output (files, CI logs, doc examples) gets a fixed, roomy width instead of
    80; messages on stderr are never wrapped. Neither console reads markup or
    highlights: user text (titles, names, file names) is printed as it is, brackets
    included; styles come only from :class:`~rich.text.Text` objects built here.
    """
    if stderr:
        return Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)
    width = None if sys.stdout.isatty() or "COLUMNS" in os.environ else 120
    return Console(highlight=False, soft_wrap=False, width=width, markup=False, emoji=False)


def text(spans: Iterable[Span], tone: Tone = "plain") -> Text:
    """Spans as one rich :class:`Text`."""
    return Text.assemble(*((s.text, STYLES[s.tone]) for s in spans), style=STYLES[tone])


def plain(value: str, style: str = "") -> Text:
    """User text as a rich :class:`Text`: never read as markup, whatever brackets it holds."""
    return Text(value, style=style)


def _cell(cell: Cell) -> Text:
    if isinstance(cell, str):
        return plain(cell)
    if isinstance(cell, Span):
        return text((cell,))
    return text(cell)


def table(view: TableView) -> Table:
    """A :class:`TableView` as a rich table."""
    t = Table(
        title=plain(view.title) if view.title else None,
        title_justify=view.title_justify,
        header_style="bold",
        show_edge=False,
        pad_edge=view.pad_edge,
    )
    for c in view.columns:
        t.add_column(
            plain(c.header),
            justify=c.justify,
            no_wrap=c.no_wrap,
            overflow=c.overflow,
            max_width=c.max_width,
            min_width=c.min_width,
        )
    for row in view.rows:
        t.add_row(*(_cell(c) for c in row))
    return t


def render_block(console: Console, block: Block) -> None:
    """Print one block."""
    if isinstance(block, Line):
        console.print(text(block.spans, block.tone), soft_wrap=block.soft_wrap)
    else:
        console.print(table(block))


def render(console: Console, view: Iterable[Block]) -> None:
    """Print every block of ``view``."""
    for block in view:
        render_block(console, block)
