"""The ripeness view: per timeline, month by month, whether a ZOPA exists and who gains by waiting.

Zartman (2000) on ripeness; the numbers are those of
:mod:`accord.analysis.ripeness` (exact ZOPA and Nash solution per month).
"""

from __future__ import annotations

from accord.analysis.ripeness import RipenessResult
from accord.report.views import BLANK, Block, Cell, TableView, Tone, View, col, line, span
from accord.workbench.ripeness import RipenessOutcome, TimelineRun

__all__ = ["ripeness", "window_text"]


def window_text(res: RipenessResult) -> str:
    """The windows as ``0–6, 18–24`` (months), or ``none``."""
    return ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in res.windows) or "none"


def _months(res: RipenessResult) -> TableView:
    columns = (
        col("month", "right", no_wrap=True),
        col("ZOPA", no_wrap=True),
        col("size", "right", no_wrap=True),
        *(col(p, "right", no_wrap=True) for p in res.parties),
    )
    rows: list[tuple[Cell, ...]] = []
    for v in res.months:
        size = "—" if v.size is None else f"{v.size:.1f}"
        surplus = v.surplus or (None,) * len(res.parties)
        cells = tuple("—" if s is None else f"{s:.1f}" for s in surplus)
        mark = span("yes", "good") if v.exists else span("no", "bad")
        rows.append((str(v.month) + ("" if v.exact else "*"), mark, size, *cells))
    return TableView(columns=columns, rows=tuple(rows), pad_edge=False)


def _waiting(res: RipenessResult) -> TableView:
    rows: list[tuple[Cell, ...]] = []
    for w in res.waiting:
        tone: Tone = {"gains": "good", "loses": "bad"}.get(w.verdict, "muted")  # type: ignore[assignment]
        now = "—" if w.now is None else f"{w.now:.1f}"
        best = "—" if w.best is None else f"{w.best:.1f} (month {w.best_month})"
        gain = "—" if w.gain is None else f"{w.gain:+.1f}"
        rows.append((w.party, now, best, gain, span(w.verdict, tone)))
    return TableView(
        columns=(
            col("party"),
            col("Nash utility now", "right", no_wrap=True),
            col("best month", "right"),
            col("gain", "right", no_wrap=True),
            col("by waiting"),
        ),
        rows=tuple(rows),
        pad_edge=False,
    )


def _run(run: TimelineRun) -> list[Block]:
    t, res = run.timeline, run.result
    return [
        BLANK,
        line(span(t.name, "strong"), " (", span(t.id, "key"), f"), {t.months} months"),
        *([line(t.description, tone="muted")] if t.description else []),
        line("Months with a ZOPA: ", span(window_text(res), "strong")),
        _months(res),
        line(
            "size: largest minimum surplus over packages (negative: the shortfall); party columns: "
            "surplus at the Nash solution. * not proven within the time limit.",
            tone="muted",
        ),
        _waiting(res),
    ]


def ripeness(outcome: RipenessOutcome) -> View:
    """Each timeline's months, windows and what waiting does to each party."""
    s = outcome.request.scenario
    out: list[Block] = [
        line(span("Ripeness", "strong"), f" over time — {s.title} (", span(s.id, "key"), ")"),
        line(
            f"Estimates of {outcome.estimates.perspective}; BATNAs shifted as each timeline says.",
            tone="muted",
        ),
    ]
    if not outcome.runs:
        out.append(
            line(
                "This scenario declares no timelines: add a 'timelines:' section (docs/format.md).",
                tone="warn",
            )
        )
    for run in outcome.runs:
        out += _run(run)
    return tuple(out)
