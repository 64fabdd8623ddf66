"""The HTML transcript of a simulated negotiation (Jinja2, autoescaped).

The page shows what the terminal shows (:mod:`accord.report.views.simulation`),
every transcript row in full. Every value reaches the template as text and
Jinja2 escapes it, so scenario text (titles, conditions, notes) can never
inject markup. Jinja2 is imported on use (the ``html`` extra).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from accord.protocols import SimulationResult
from accord.report.views.estimates import estimate_note
from accord.report.views.simulation import transcript_rows
from accord.workbench.simulate import SimulateOutcome

TEMPLATES = Path(__file__).parent / "templates"
"""Where the page templates live."""


class HtmlError(RuntimeError):
    """The page cannot be written (Jinja2 missing)."""


def transcript_html(outcome: SimulateOutcome) -> str:
    """The whole HTML page of ``outcome``'s transcript."""
    try:
        import jinja2
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise HtmlError("the HTML transcript needs Jinja2: pip install 'accord[html]'") from exc
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    return env.get_template("transcript.html.j2").render(**_context(outcome))


def _context(outcome: SimulateOutcome) -> dict[str, Any]:
    res, space = outcome.result, outcome.space
    rows = [
        {"round": r[0], "actor": r[1], "act": r[2], "detail": r[3], "utilities": r[4], "private": bool(e.to)}
        for r, e in zip(transcript_rows(space, res), res.events, strict=True)
    ]
    d = res.distances
    benchmarks = []
    if d is not None:
        benchmarks.append(f"Distance to the efficient frontier: {d.frontier:.1f} points")
        if d.nash is not None:
            benchmarks.append(f"Distance to the Nash solution: {d.nash:.1f} points")
    blocks = [f"{b.precondition} (held by {', '.join(b.holder)}) keeps out {', '.join(b.parties)}: {b.reason}"
              for b in res.blocks]  # fmt: skip
    blocks += [
        f"If {pre} were dropped: {run.ending} ({run.reason})" for pre, run in outcome.if_dropped.items()
    ]
    return {
        "title": f"Simulated {res.protocol} on {outcome.scenario.id} (seed {res.seed})",
        "estimates": "".join(s.text for s in estimate_note(outcome.estimates)),
        "ending": res.ending,
        "ending_word": {"agreement": "Agreement", "breakdown": "Breakdown", "blocked": "No talks"}[
            res.ending
        ],
        "rounds": res.rounds,
        "reason": res.reason,
        "terms": ", ".join(f"{i}={o}" for i, o in (res.terms or {}).items()),
        "parties": [_party(res, k) for k in range(len(res.parties))],
        "benchmarks": benchmarks,
        "blocks": blocks,
        "party_ids": list(res.parties),
        "rows": rows,
        "provenance": f"{res.provenance.algorithm}; {res.provenance.citation}",
    }


def _party(res: SimulationResult, k: int) -> dict[str, str]:
    return {
        "party": res.parties[k],
        "strategy": res.strategies.get(res.parties[k], ""),
        "utility": f"{res.utilities[k]:.1f}",
        "batna": f"{res.batna[k]:.1f}",
        "surplus": f"{res.utilities[k] - res.batna[k]:+.1f}",
    }


def write_transcript(path: str | Path, outcome: SimulateOutcome) -> Path:
    """Write the HTML transcript of ``outcome`` to ``path``."""
    out = Path(path)
    out.write_text(transcript_html(outcome), encoding="utf-8")
    return out


__all__ = ["HtmlError", "transcript_html", "write_transcript"]
