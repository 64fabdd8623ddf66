"""The renderer-neutral building blocks of views."""

from __future__ import annotations

from accord.report.views import BLANK, Line, Span, TableView, col, count, line, span


def test_line_turns_strings_into_plain_spans() -> None:
    got = line("a ", span("b", "strong"), tone="muted", soft_wrap=True)
    assert got == Line(spans=(Span(text="a "), Span(text="b", tone="strong")), tone="muted", soft_wrap=True)
    assert BLANK.spans == ()


def test_table_rows_become_tuples() -> None:
    t = TableView(columns=[col("x", "right")], rows=[["1"], ["2"]])  # type: ignore[arg-type]
    assert t.rows == (("1",), ("2",)) and isinstance(t.columns, tuple)
    assert t.columns[0].justify == "right" and t.columns[0].overflow == "ellipsis"


def test_large_counts_read_as_powers_of_ten() -> None:
    assert count(0) == "0" and count(1234567) == "1,234,567" and count(10**15 - 1) == "999,999,999,999,999"
    assert count(3**3000) == "about 2.3 × 10^1431"  # printed in full: 1,432 digits
    assert count(10**15) == "about 1.0 × 10^15" and count(999 * 10**20) == "about 1.0 × 10^23"
