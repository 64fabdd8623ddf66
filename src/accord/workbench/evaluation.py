"""Evaluating plans: one perspective in detail, or every plan under every perspective.

The engine is :mod:`accord.analysis.evaluate` (additive utility against each
party's BATNA and red lines); this module turns a request into its outcome.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.analysis.evaluate import Evaluation, evaluate_across_perspectives, evaluate_plans
from accord.model import Scenario
from accord.space import SpaceError
from accord.workbench.estimates import Estimates


def _names(value: tuple[str, ...] | list[str] | None) -> tuple[str, ...] | None:
    # An empty selection means "the default", as it does on the command line.
    return tuple(value) if value else None


@dataclass(frozen=True, slots=True, kw_only=True)
class EvaluateRequest:
    """Evaluate ``plans`` (ids or PLAN@READING; None: all) for ``parties`` under ``perspective``."""

    scenario: Scenario
    perspective: str | None = None
    plans: tuple[str, ...] | None = None
    parties: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "plans", _names(self.plans))
        object.__setattr__(self, "parties", _names(self.parties))


@dataclass(frozen=True, slots=True, kw_only=True)
class EvaluationOutcome:
    """The evaluation of a request and whose estimates it used."""

    request: EvaluateRequest
    evaluation: Evaluation
    estimates: Estimates

    @property
    def scenario(self) -> Scenario:
        """The scenario evaluated."""
        return self.request.scenario

    @property
    def detail(self) -> bool:
        """Whether plans were chosen by name (then their reasons are shown in full)."""
        return self.request.plans is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class CompareRequest:
    """Compare every plan for ``parties`` under ``perspective`` and under every perspective."""

    scenario: Scenario
    perspective: str | None = None
    parties: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "parties", _names(self.parties))


@dataclass(frozen=True, slots=True, kw_only=True)
class ComparisonOutcome:
    """Every plan under the chosen perspective (``evaluation``) and under each one (``across``)."""

    request: CompareRequest
    evaluation: Evaluation
    across: tuple[Evaluation, ...]
    estimates: Estimates

    def __post_init__(self) -> None:
        object.__setattr__(self, "across", tuple(self.across))

    @property
    def scenario(self) -> Scenario:
        """The scenario compared."""
        return self.request.scenario


def _estimates(scenario: Scenario, ev: Evaluation) -> Estimates:
    rows = dict.fromkeys((v.party, v.perspective) for pe in ev.plans for v in pe.parties)
    return Estimates.of(scenario, ev.perspective, rows)


def evaluate(request: EvaluateRequest) -> EvaluationOutcome:
    """Evaluate the requested plans; an unknown plan is a :class:`SpaceError` on ``plans``."""
    try:
        ev = evaluate_plans(
            request.scenario,
            perspective=request.perspective,
            plans=request.plans,
            parties=request.parties,
        )
    except KeyError as exc:
        raise SpaceError("plans", str(exc.args[0])) from None
    return EvaluationOutcome(request=request, evaluation=ev, estimates=_estimates(request.scenario, ev))


def compare(request: CompareRequest) -> ComparisonOutcome:
    """Evaluate every plan under the chosen perspective and under every perspective."""
    s = request.scenario
    ev = evaluate_plans(s, perspective=request.perspective, parties=request.parties)
    across = evaluate_across_perspectives(s, parties=request.parties)
    return ComparisonOutcome(request=request, evaluation=ev, across=across, estimates=_estimates(s, ev))
