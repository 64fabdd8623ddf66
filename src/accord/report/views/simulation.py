"""The view of a simulated negotiation: how it ended, what each party got, and the transcript.

The transcript shows every act (offer, answer, draft, criticism, report, idea,
vote) with what changed on the table since the previous package and what each
party would get from it (true utilities, as an observer sees them; no
delegation saw the others'). Shared by the terminal and the HTML transcript.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from accord.protocols import Event, SimulationResult
from accord.report.views import BLANK, Block, Cell, TableView, Tone, View, col, line, span
from accord.report.views.estimates import estimate_note
from accord.space import Space
from accord.workbench.simulate import SimulateOutcome

ACTS = {
    "enter": "enters", "blocked": "blocked", "offer": "offers", "accept": "accepts", "reject": "rejects",
    "draft": "drafts", "criticism": "criticism", "report": "reports", "idea": "tries idea",
    "overlap": "overlap", "provisional": "provisional", "implement": "implements", "vote": "votes",
    "agreement": "AGREED", "breakdown": "BREAKDOWN",
}  # fmt: skip
"""How each event kind reads in a transcript."""

TERMS_SHOWN = 3
"""How many changed terms a transcript row lists before '+N more'."""


def changes(space: Space, before: Sequence[int] | None, after: Sequence[int]) -> list[str]:
    """The terms of ``after`` that differ from ``before`` (all of them when there is no before)."""
    return [
        f"{space.issues[i]}={space.options[i][k]}"
        for i, k in enumerate(after)
        if before is None or before[i] != k
    ]


def event_detail(space: Space, event: Event, before: Sequence[int] | None) -> str:
    """What an event says, in words: the changed terms, the version, the answer, the note."""
    parts: list[str] = []
    if event.version is not None:
        parts.append(f"v{event.version}")
    if event.table:
        parts.append(f"[{event.table}]")
    if event.package is not None and event.kind in ("offer", "draft", "idea"):
        changed = changes(space, before, event.package)
        shown = ", ".join(changed[:TERMS_SHOWN]) or "no change"
        more = f" +{len(changed) - TERMS_SHOWN} more" if len(changed) > TERMS_SHOWN else ""
        parts.append(shown + more)
    if event.issues:
        verb = "wants changed" if event.kind == "criticism" else "on"
        parts.append(f"{verb} {', '.join(event.issues)}")
    if event.note:
        parts.append(event.note)
    return " ".join(parts)


Row = tuple[str, str, str, str, list[str]]
"""A transcript row: round, actor, act, detail (with the addressees), each party's utility."""


def transcript_rows(space: Space, result: SimulationResult) -> list[Row]:
    """Per event: round, actor, act, detail (with the addressees) and each party's utility of its package."""
    rows: list[Row] = []
    before: Sequence[int] | None = None
    for e in result.events:
        utils = [] if e.package is None else [f"{u:.1f}" for u in space.utility(e.package)]
        act = ACTS[e.kind] + (
            "" if e.accepted is None or e.kind != "vote" else (" yes" if e.accepted else " no")
        )
        detail = event_detail(space, e, before)
        if e.to:
            detail = f"(to {', '.join(e.to)}) {detail}".rstrip()
        rows.append((str(e.round), e.actor or "—", act, detail, utils or [""] * len(space.parties)))
        if e.package is not None and e.kind in ("offer", "draft", "idea"):
            before = e.package
    return rows


def _transcript(space: Space, result: SimulationResult, limit: int | None) -> TableView:
    rows = transcript_rows(space, result)
    if limit is not None and len(rows) > limit:
        rows = (
            rows[: limit // 2]
            + [("…", "", f"{len(rows) - limit} more", "", [""] * len(space.parties))]
            + rows[-limit // 2 :]
        )
    columns = (
        col("rnd", "right", no_wrap=True), col("who", no_wrap=True), col("act", no_wrap=True),
        col("what", overflow="fold", min_width=16),
        *(col(p, "right", no_wrap=True) for p in space.parties),
    )  # fmt: skip
    body: list[tuple[Cell, ...]] = [(r[0], r[1], r[2], r[3], *r[4]) for r in rows]
    return TableView(title="Transcript", columns=columns, rows=tuple(body), pad_edge=False)


def _ending(result: SimulationResult) -> Block:
    tone: Tone = "success" if result.agreed else "alarm"
    word = {"agreement": "Agreement", "breakdown": "Breakdown", "blocked": "No talks"}[result.ending]
    return line(span(word, tone), f" after {result.rounds} round(s): {result.reason}")


def _outcome(result: SimulationResult) -> TableView:
    rows: list[tuple[Cell, ...]] = []
    for k, p in enumerate(result.parties):
        surplus = result.utilities[k] - result.batna[k]
        tone: Tone = "good" if surplus > 0 else ("bad" if surplus < 0 else "muted")
        strategy = result.strategies.get(p, "")
        rows.append(
            (
                p,
                strategy,
                f"{result.utilities[k]:.1f}",
                f"{result.batna[k]:.1f}",
                span(f"{surplus:+.1f}", tone),
            )
        )
    columns = (col("party", no_wrap=True), col("strategy", overflow="fold"), col("utility", "right"),
               col("BATNA", "right"), col("surplus", "right"))  # fmt: skip
    return TableView(columns=columns, rows=tuple(rows), pad_edge=False)


def _benchmarks(result: SimulationResult) -> list[Block]:
    d = result.distances
    if d is None:
        return []
    out: list[Block] = [line(f"Distance to the efficient frontier: {d.frontier:.1f} points")]
    if d.nash is not None:
        share = "" if d.nash_share is None else f"; {100 * d.nash_share:.0f}% of its Nash product"
        out.append(line(f"Distance to the Nash solution: {d.nash:.1f} points{share}"))
    return out


def _blocks(outcome: SimulateOutcome) -> list[Block]:
    res = outcome.result
    if not res.blocks:
        return []
    out: list[Block] = [BLANK, line(span("Preconditions blocking entry", "strong"))]
    for b in res.blocks:
        who = f"  • {b.precondition} (held by {', '.join(b.holder)}) keeps out {', '.join(b.parties)}: "
        out.append(line(who, span(b.reason, "muted"), soft_wrap=True))
    for pre, run in outcome.if_dropped.items():
        what = {"agreement": "agreement", "breakdown": "talks, then breakdown", "blocked": "still blocked"}
        out.append(line(f"  If {pre} were dropped: {what[run.ending]} ({run.reason})", soft_wrap=True))
    return out


def simulation(outcome: SimulateOutcome, *, limit: int | None = 60) -> View:
    """The whole view: protocol and seats, the ending, the outcome table, benchmarks, transcript."""
    res, space = outcome.result, outcome.space
    head = [
        line(
            span(f"Simulated {res.protocol}", "strong"), f" — seed {res.seed}, deadline {res.deadline} rounds"
        ),
        line(*estimate_note(outcome.estimates)),
        _ending(res),
    ]
    if res.terms:
        head.append(line("Terms: " + ", ".join(f"{i}={o}" for i, o in res.terms.items()), soft_wrap=True))
    body: list[Block] = [*head, _outcome(res), *_benchmarks(res), *_blocks(outcome)]
    if "mediator" in res.strategies:
        body.append(line(f"Mediator: {res.strategies['mediator']}", tone="muted"))
    if res.events:
        body += [BLANK, _transcript(space, res, limit)]
    return tuple(body)


def trajectory_points(outcome: SimulateOutcome) -> dict[str, np.ndarray]:
    """Per actor, the utilities (rows: packages, columns: parties) of what it put on the table."""
    res = outcome.result
    out: dict[str, list[np.ndarray]] = {}
    for n, row in zip(res.offer_events, res.trajectory, strict=True):
        out.setdefault(res.events[n].actor, []).append(row)
    return {k: np.array(v) for k, v in out.items()}
