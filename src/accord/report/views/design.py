"""Process-design views: linkage across tables and sequencing of stages.

Linkage: per arena (a table alone, or linked tables) whether a ZOPA exists, how
many packages (or what share) every seated party accepts, each party's surplus
at the Nash solution, and the trades across tables that create value
(:mod:`accord.analysis.linkage`). Sequencing: per design whether each stage
reaches an agreement and what each party gains or gives up against one
comprehensive package (:mod:`accord.analysis.sequence`).
"""

from __future__ import annotations

from accord.analysis.linkage import ArenaResult, Trade
from accord.analysis.sequence import DesignResult
from accord.report.views import BLANK, Block, Cell, Line, TableView, col, count, line, span
from accord.space import Space
from accord.workbench.design import LinkageOutcome, SequenceOutcome
from accord.workbench.estimates import Estimates

__all__ = ["TRADES_SHOWN", "linkage", "sequence", "share_text", "signed"]

TRADES_SHOWN = 5
"""Trades shown per linked arena (the JSON holds every one the engine kept)."""


def signed(x: float) -> str:
    """A change in points, one decimal, with its sign (``-0.0`` as ``+0.0``)."""
    text = f"{x + 0.0:+.1f}"
    return "+0.0" if text == "-0.0" else text


def share_text(r: ArenaResult) -> str:
    """How many packages every seated party accepts: exact count and share, or the estimated share."""
    z = r.zopa
    if z.share is None:
        return "—"
    pct = f"{100 * z.share:.3g}%"
    if z.counting == "exact" and z.count is not None:
        return f"{count(z.count)} ({pct})"
    return f"~{pct} (est.)"


def _surplus(r: ArenaResult) -> Cell:
    if r.surplus is None:
        least = r.zopa.min_surplus
        gap = "" if least is None else f"; closest falls {-least:.1f} short"
        return span(f"no agreement{gap}", "bad")
    return ", ".join(f"{p} {signed(s)}" for p, s in zip(r.arena.parties, r.surplus, strict=True))


def _arena_rows(rows: tuple[ArenaResult, ...]) -> TableView:
    body: list[tuple[Cell, ...]] = []
    for r in rows:
        zopa = span("yes", "good") if r.zopa.exists else span("no", "bad")
        name = r.arena.name if r.offer is None else f"{r.arena.name} with {r.offer}"
        body.append(
            (
                span(name, "key"),
                str(len(r.arena.issues)),
                zopa,
                share_text(r),
                _surplus(r),
                str(r.n_trades),
            )
        )
    return TableView(
        columns=(
            col("tables", overflow="fold", max_width=22),
            col("issues", "right"),
            col("ZOPA"),
            col("acceptable packages", overflow="fold", max_width=18),
            col("Nash surplus", overflow="fold", max_width=30),
            col("trades", "right"),
        ),
        rows=tuple(body),
        pad_edge=False,
    )


def _trade_row(space: Space, t: Trade) -> tuple[Cell, ...]:
    return (
        span(t.giver, "key"),
        space.issues[t.give],
        span(t.taker, "key"),
        space.issues[t.take],
        f"{signed(t.gains[0])} / {signed(t.gains[1])}",
    )


def _trades(outcome: LinkageOutcome, r: ArenaResult) -> list[Block]:
    if len(r.arena.tables) < 2 or not r.trades:
        return []
    rows = tuple(_trade_row(outcome.space, t) for t in r.trades[:TRADES_SHOWN])
    table = TableView(
        columns=(
            col("gives"),
            col("issue", overflow="fold"),
            col("to"),
            col("for issue", overflow="fold"),
            col("gains", "right", no_wrap=True),
        ),
        rows=rows,
        pad_edge=False,
    )
    head = line(
        "Trades across tables that create value in ",
        span(r.arena.name, "key"),
        f" ({r.n_trades} in all; best {len(rows)}):",
    )
    note = line(
        "gains: utility points for the giver / the receiver against the reverse exchange.", tone="muted"
    )
    return [BLANK, head, table, note]


def _head(title: str, what: str, scenario_id: str, est: Estimates) -> list[Block]:
    return [
        line(span(what, "strong"), f" — {title} (", span(scenario_id, "key"), ")"),
        line(
            f"Perspective: {est.perspective}. Utilities and BATNAs are estimates on a 0–100 scale, "
            "not facts or forecasts.",
            tone="muted",
        ),
    ]


def linkage(outcome: LinkageOutcome) -> tuple[Block, ...]:
    """Per arena the ZOPA, its size and the Nash surpluses; the best cross-table trades; the notes."""
    s, res = outcome.request.scenario, outcome.result
    out = _head(s.title, "Linkage across tables", s.id, outcome.estimates)
    out += [
        _arena_rows(res.arenas),
        line(
            "Each table alone: its issues vary, every other issue stays at its status quo, "
            "the parties seated there judge.",
            tone="muted",
        ),
    ]
    for r in res.arenas:
        out += _trades(outcome, r)
    if res.offered:
        out += [
            BLANK,
            line(
                span("Unilateral offers", "strong"),
                " (altercasting): the tables that negotiate an offered issue, with the offer's terms fixed "
                "(executed now: each BATNA moved too):",
            ),
            _arena_rows(res.offered),
        ]
    out += [line("Note: " + n, tone="muted") for n in outcome.notes]
    return tuple(out)


def _agreed(d: DesignResult) -> Cell:
    done = sum(s.agreed for s in d.stages)
    return span(f"{done}/{len(d.stages)}", "good" if done == len(d.stages) else ("warn" if done else "bad"))


def _stage_lines(d: DesignResult, parties: tuple[str, ...]) -> list[Line]:
    shown = [s for s in d.stages if s.agreed] if len(d.stages) > 6 else list(d.stages)
    out = [line(span(d.design.name, "key"), f": {d.design.title}")]
    for s in shown:
        moved = [f"{p} {signed(x)}" for p, x in zip(parties, s.stage.shift, strict=False) if x]
        lever = f" (fallback moved: {', '.join(moved)})" if moved and s.shifted else ""
        if s.agreed and s.surplus is not None:
            gains = ", ".join(f"{p} {signed(x)}" for p, x in zip(parties, s.surplus, strict=True))
            out.append(line(f"  {s.stage.name}: agreed; surplus over the fallback {gains}{lever}"))
        else:
            out.append(
                line(f"  {s.stage.name}: no agreement; its issues stay at their status quo", tone="muted")
            )
    hidden = len(d.stages) - len(shown)
    if hidden:
        out.append(line(f"  ({hidden} stages without agreement not listed)", tone="muted"))
    return out


def sequence(outcome: SequenceOutcome) -> tuple[Block, ...]:
    """Per design the stages agreed and each party's value against the comprehensive package."""
    s, res = outcome.request.scenario, outcome.result
    out = _head(s.title, "Sequencing", s.id, outcome.estimates)
    rows = tuple(
        (span(d.design.name, "key"), _agreed(d), *(signed(v) for v in d.versus)) for d in res.designs
    )
    out += [
        TableView(
            columns=(
                col("design", overflow="fold", max_width=28),
                col("agreed", "right"),
                *(col(p, "right", no_wrap=True) for p in res.parties),
            ),
            rows=rows,
            pad_edge=False,
        ),
        line(
            "agreed: stages that reach an agreement; per party: utility of the outcome minus that of the "
            "comprehensive package (the BATNA when nothing is agreed).",
            tone="muted",
        ),
    ]
    for d in res.designs:
        out += [BLANK, *_stage_lines(d, res.parties)]
    out += [
        line("Not staged: ", span(name, "key"), f" {why}.", tone="muted") for name, why in outcome.skipped
    ]
    return tuple(out)
