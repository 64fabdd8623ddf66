"""Renderer-neutral views: what people read, as plain data.

A view is a sequence of blocks: a :class:`Line` of text spans or a
:class:`TableView` (columns, rows of cells, a title). Spans carry a *tone*
(``good``, ``bad``, ``muted`` ...), never a terminal or HTML style, so the terminal
renderer (:mod:`accord.report.terminal`) and a web page can each map tones to
their own styles. One module per family builds the views of its outcomes:
:mod:`.scenario`, :mod:`.evaluation`, :mod:`.search`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Tone = Literal["plain", "strong", "muted", "key", "strong-key", "good", "bad", "warn", "alarm", "success"]
"""How a span reads: ``key`` an identifier, ``good``/``bad``/``warn`` a verdict,
``alarm``/``success`` a strong verdict, ``muted`` an aside."""

Justify = Literal["left", "center", "right"]
Overflow = Literal["fold", "crop", "ellipsis"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A run of text in one tone."""

    text: str
    tone: Tone = "plain"


Cell = str | Span | tuple[Span, ...]
"""A table cell: plain text, one span, or several spans."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Line:
    """A line (paragraph) of spans; ``tone`` applies to all of it.

    ``soft_wrap``: keep it on one line whatever the width (scripts and tests read it).
    """

    spans: tuple[Span, ...] = ()
    tone: Tone = "plain"
    soft_wrap: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "spans", tuple(self.spans))


def line(*parts: str | Span, tone: Tone = "plain", soft_wrap: bool = False) -> Line:
    """A :class:`Line` of ``parts`` (strings are plain spans)."""
    spans = tuple(p if isinstance(p, Span) else Span(text=p) for p in parts)
    return Line(spans=spans, tone=tone, soft_wrap=soft_wrap)


def span(text: str, tone: Tone = "plain") -> Span:
    """A :class:`Span` (shorthand)."""
    return Span(text=text, tone=tone)


@dataclass(frozen=True, slots=True, kw_only=True)
class Column:
    """A table column: heading, alignment and how long cells behave.

    ``no_wrap`` keeps cells on one line; ``overflow`` says what happens to text
    wider than the column (``fold`` wraps it, ``ellipsis`` cuts it with "…").
    """

    header: str
    justify: Justify = "left"
    no_wrap: bool = False
    overflow: Overflow = "ellipsis"
    max_width: int | None = None
    min_width: int | None = None


def col(
    header: str,
    justify: Justify = "left",
    *,
    no_wrap: bool = False,
    overflow: Overflow = "ellipsis",
    max_width: int | None = None,
    min_width: int | None = None,
) -> Column:
    """A :class:`Column` (shorthand)."""
    return Column(
        header=header,
        justify=justify,
        no_wrap=no_wrap,
        overflow=overflow,
        max_width=max_width,
        min_width=min_width,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class TableView:
    """A table: columns, rows of cells and an optional title.

    ``pad_edge``: pad the outer columns (compact tables of numbers do not).
    """

    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    title: str = ""
    title_justify: Justify = "left"
    pad_edge: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "columns", tuple(self.columns))
        object.__setattr__(self, "rows", tuple(tuple(r) for r in self.rows))


def count(n: int) -> str:
    """A count of packages for reading: ``1,234,567`` up to 15 digits, then ``about 1.3 × 10^1431``.

    Spaces of thousands of issues have counts of thousands of digits; the exact
    integer stays in the JSON.
    """
    if abs(n) < 10**15:
        return f"{n:,}"
    digits = str(abs(n))
    exponent = len(digits) - 1
    mantissa = round(int(digits[:3]) / 100, 1)
    if mantissa >= 10:  # 9.96... rounds up to 10.0
        mantissa, exponent = 1.0, exponent + 1
    return f"about {'-' if n < 0 else ''}{mantissa} × 10^{exponent}"


def cell_text(cell: Cell) -> str:
    """The plain text of a cell."""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, Span):
        return cell.text
    return "".join(s.text for s in cell)


def _longest_line(text: str) -> int:
    return max((len(part) for part in text.split("\n")), default=0)


def table_width(view: TableView) -> int:
    """The width ``view`` takes with every cell on one line: its columns, their padding and rules.

    A layout chooses a table when this fits the width and a stacked form otherwise,
    so that nothing (ids, reasons) is cut to fit.
    """
    n = len(view.columns)
    widths = [
        max([_longest_line(c.header), c.min_width or 0, *(_longest_line(cell_text(r[k])) for r in view.rows)])
        for k, c in enumerate(view.columns)
    ]
    padding = 2 * n - (0 if view.pad_edge else 2)
    return sum(widths) + padding + max(n - 1, 0)


Block = Line | TableView
View = tuple[Block, ...]

BLANK = Line()
"""An empty line."""

__all__ = [
    "BLANK",
    "Block",
    "Cell",
    "Column",
    "Justify",
    "Line",
    "Overflow",
    "Span",
    "TableView",
    "Tone",
    "View",
    "cell_text",
    "col",
    "count",
    "line",
    "span",
    "table_width",
]
