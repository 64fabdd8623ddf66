"""What a frontier plot of a search outcome shows: the frontier, BATNAs and marks.

Renderers draw a :class:`Picture` and never run an engine; when the outcome is
not itself a frontier, :func:`picture` runs the frontier engine
(:func:`accord.analysis.frontier.solve_frontier`) on the outcome's space here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from accord.analysis.amend import complete_plan
from accord.analysis.frontier import solve_frontier
from accord.model import Scenario
from accord.numeric import FloatArray, readonly
from accord.space import Space, SpaceError
from accord.workbench.records import AmendOutcome, FrontierOutcome, SearchOutcome, SolveOutcome, ZopaOutcome

MarkKind = Literal["plan", "reading", "result"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Mark:
    """A labelled point to draw over the frontier (a plan, a reading, a result).

    Readings of disputed plans are drawn small and unlabelled, to keep plots legible.
    """

    label: str
    utilities: FloatArray
    kind: MarkKind = "plan"

    def __post_init__(self) -> None:
        object.__setattr__(self, "utilities", readonly(self.utilities))


@dataclass(frozen=True, slots=True, kw_only=True)
class Picture:
    """Everything a frontier plot draws: per-party frontier points, BATNAs, marks, titles."""

    parties: tuple[str, ...]
    frontier: FloatArray
    batna: FloatArray
    marks: tuple[Mark, ...]
    title: str
    subtitle: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "parties", tuple(self.parties))
        object.__setattr__(self, "frontier", readonly(self.frontier))
        object.__setattr__(self, "batna", readonly(self.batna))
        object.__setattr__(self, "marks", tuple(self.marks))


def plan_marks(scenario: Scenario, space: Space) -> tuple[Mark, ...]:
    """A mark for every plan variant of ``scenario`` that ``space`` can complete."""
    marks = []
    for v in scenario.plan_variants():
        try:
            pkg = complete_plan(space, v.terms)
        except SpaceError:
            continue  # the plan leaves an issue open that has no status quo
        kind: MarkKind = "plan" if v.reading is None else "reading"
        marks.append(Mark(label=v.id, utilities=space.utility(pkg), kind=kind))
    return tuple(marks)


def _result(label: str, utilities: FloatArray | None) -> tuple[Mark, ...]:
    return () if utilities is None else (Mark(label=label, utilities=utilities, kind="result"),)


def _subject(outcome: SearchOutcome) -> tuple[str, Space, tuple[Mark, ...]]:
    """What the plot is of, the space it shows and the result's mark."""
    if isinstance(outcome, SolveOutcome):
        name = outcome.request.solution
        return f"{name} solution", outcome.space, _result(name, outcome.result.utilities)
    if isinstance(outcome, ZopaOutcome):
        return "ZOPA", outcome.space, _result("largest minimum surplus", outcome.result.best_utilities)
    if isinstance(outcome, AmendOutcome):
        u = outcome.result.utilities
        # The plot shows the accepting parties only; a tie-break-only proposer is left out.
        mark = _result("amended " + outcome.variant, None if u is None else u[: len(outcome.must_accept)])
        return f"Smallest amendment of {outcome.variant}", outcome.accepting_space, mark
    return "Efficient frontier", outcome.space, ()


def picture(outcome: SearchOutcome) -> Picture:
    """The frontier plot of ``outcome``, with every plan of its scenario marked."""
    what, space, marks = _subject(outcome)
    scenario = outcome.scenario
    if isinstance(outcome, FrontierOutcome):
        front = outcome.result
    else:
        front = solve_frontier(space, ignore_red_lines=outcome.request.ignore_red_lines)
    return Picture(
        parties=space.parties,
        frontier=front.utilities,
        batna=space.batna,
        marks=(*plan_marks(scenario, space), *marks),
        title=f"{what} — {scenario.title}",
        subtitle=f"estimates under perspective {space.choice}"
        + ("" if front.exact else "; frontier not exact (supported points)"),
    )
