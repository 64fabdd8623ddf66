"""Whose estimates a view shows, and how far each verdict is from flipping, in words.

Every view of an evaluation or a search opens with :func:`estimate_note` (the
perspective, or the perspective of each party under a mixed choice, and the
parties that fell back to the default). Each verdict can say how far its decisive
estimate must move to flip it (:mod:`accord.analysis.sensitivity`):
:func:`flip_cell` in a table, :func:`flip_text` in full.
"""

from __future__ import annotations

from accord.analysis.sensitivity import FlipDistances
from accord.report.views import Span, span
from accord.workbench.estimates import Estimates

FLIP_NOTE = (
    "flips if: the estimate that flips the verdict soonest relative to its stated spread "
    "(in brackets) and how far it must move: BATNA or all the package's values in points, "
    "or one issue's weight by a factor."
)
"""What the ``flips if`` column means."""


def estimate_note(est: Estimates) -> tuple[Span, ...]:
    """Whose estimates a view shows, that they are estimates, and who fell back to the default."""
    owner = f", held by {est.owner}" if est.owner else ""
    about = (
        f" ({est.name or est.default}{owner}). "
        "Utilities and BATNAs are estimates on a 0–100 scale, not facts or forecasts."
    )
    if est.mixed:
        assigned = ", ".join(f"{p} {q}" for p, q in est.assigned)
        spans = [
            span("Perspectives: "),
            span(assigned, "strong"),
            span("; the rest "),
            span(est.default, "strong"),
        ]
    else:
        spans = [span("Perspective: "), span(est.default, "strong")]
    spans.append(span(about))
    if est.borrowed:
        who = ", ".join(f"{p} ({q})" for p, q in est.borrowed)
        spans.append(
            span(f" Fell back to the default perspective (no profile under the one asked for): {who}.")
        )
    return tuple(spans)


def _points(x: float) -> str:
    return f"{x:.1f}"


def _spread(x: float) -> str:
    return f"{x:g}"


def _percent(x: float) -> str:
    return f"{100 * x:.0f}%"


def flip_cell(f: FlipDistances | None) -> str:
    """The decisive distance in a table cell: ``BATNA +4.2 (±10)``, ``crimea ×0.62 (±25%)``, ``red line``.

    None (a plan whose open issues leave no single package) reads ``open issues``.
    """
    if f is None:
        return "open issues"
    decisive = f.decisive
    if decisive == "red line":
        return "red line"
    sign = "+" if f.accepted else "−"  # an acceptance flips when BATNA rises, a rejection when it falls
    if decisive == "batna":
        return f"BATNA {sign}{_points(f.batna)} (±{_spread(f.batna_spread)})"
    if decisive == "values":
        other = "−" if f.accepted else "+"
        return f"values {other}{_points(f.values)} (±{_spread(f.value_spread)})"
    assert f.weight is not None  # decisive == "weight"
    return f"{f.weight.issue} ×{f.weight.factor:.2f} (±{_percent(f.weight_spread)})"


def flip_texts(f: FlipDistances) -> tuple[str, ...]:
    """Every flip distance of one verdict in words, each with its stated spread."""
    who = f.party
    if f.red_lines:
        crossed = "; ".join(f.red_lines)
        return (f"red line crossed ({crossed}): no move of {who}'s numbers flips it",)
    batna = "rises" if f.accepted else "falls"
    values = "fall" if f.accepted else "rise"
    out = [
        f"flips if {who}'s BATNA {batna} by {_points(f.batna)}; stated spread {_spread(f.batna_spread)}",
        f"flips if {who}'s values of the package's options all {values} by {_points(f.values)}; "
        f"stated spread {_spread(f.value_spread)}",
    ]
    if f.weight is not None:
        out.append(
            f"flips if {who}'s weight on {f.weight.issue} is multiplied by {f.weight.factor:.2f} "
            f"(a {_percent(f.weight.change)} change); stated spread {_percent(f.weight_spread)}"
        )
    elif f.weights_known:
        out.append(f"no single weight of {who} flips it")
    return tuple(out)


def flip_text(f: FlipDistances | None) -> str:
    """The decisive distance in words (``flips if UA's BATNA rises by 4.2; stated spread 10``)."""
    if f is None:
        return "open issues: no single package to perturb"
    texts = flip_texts(f)
    if f.decisive == "weight":
        return texts[2]
    return texts[1] if f.decisive == "values" else texts[0]
