"""The renderer-neutral building blocks of views."""

from __future__ import annotations

from accord.report.views import BLANK, Line, Span, TableView, col, line, span


def test_line_turns_strings_into_plain_spans() -> None:
    got = line("a ", span("b", "strong"), tone="muted", soft_wrap=True)
    assert got == Line(spans=(Span(text="a "), Span(text="b", tone="strong")), tone="muted", soft_wrap=True)
    assert BLANK.spans == ()


def test_table_rows_become_tuples() -> None:
    t = TableView(columns=[col("x", "right")], rows=[["1"], ["2"]])  # type: ignore[arg-type]
    assert t.rows == (("1",), ("2",)) and isinstance(t.columns, tuple)
    assert t.columns[0].justify == "right" and t.columns[0].overflow == "ellipsis"
