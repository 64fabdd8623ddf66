"""Evaluating plans: one perspective in detail, or every plan under every perspective.

The engine is :mod:`accord.analysis.evaluate` (additive utility against each
party's BATNA and red lines); this module turns a request into its outcome.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from accord.analysis.evaluate import Evaluation, PlanEvaluation, evaluate_across_perspectives, evaluate_plans
from accord.analysis.sensitivity import FlipDistances, flip_distances
from accord.model import Scenario
from accord.model.choice import PerspectiveChoice, PerspectiveSpec
from accord.space import Space, SpaceError, compile_space
from accord.workbench.estimates import Estimates

Flips = Mapping[str, tuple[FlipDistances, ...]]
"""Per plan (variant id), each party's flip distances in the order of its verdicts."""


def _no_flips() -> Flips:
    return MappingProxyType({})


def _names(value: tuple[str, ...] | list[str] | None) -> tuple[str, ...] | None:
    # An empty selection means "the default", as it does on the command line.
    return tuple(value) if value else None


@dataclass(frozen=True, slots=True, kw_only=True)
class EvaluateRequest:
    """Evaluate ``plans`` (ids or PLAN@READING; None: all) for ``parties`` under ``perspective``.

    ``perspective`` is one id for every party or a mixed choice (``"UA=ua-government"``,
    ``{"UA": "ua-government"}`` or a :class:`accord.model.choice.PerspectiveChoice`),
    held as a choice.
    """

    scenario: Scenario
    perspective: PerspectiveSpec = None
    plans: tuple[str, ...] | None = None
    parties: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "plans", _names(self.plans))
        object.__setattr__(self, "parties", _names(self.parties))
        object.__setattr__(self, "perspective", PerspectiveChoice.of(self.perspective))


@dataclass(frozen=True, slots=True, kw_only=True)
class EvaluationOutcome:
    """The evaluation of a request, whose estimates it used and how far each verdict is from flipping.

    ``flips[plan]`` holds each party's :class:`~accord.analysis.sensitivity.FlipDistances`
    for a plan whose package is determined (a plan with open issues has none).
    """

    request: EvaluateRequest
    evaluation: Evaluation
    estimates: Estimates
    flips: Flips = field(default_factory=_no_flips)

    def __post_init__(self) -> None:
        object.__setattr__(self, "flips", MappingProxyType(dict(self.flips)))

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
    """Compare every plan for ``parties`` under ``perspective`` (an id or a mixed choice) and each one."""

    scenario: Scenario
    perspective: PerspectiveSpec = None
    parties: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "parties", _names(self.parties))
        object.__setattr__(self, "perspective", PerspectiveChoice.of(self.perspective))


@dataclass(frozen=True, slots=True, kw_only=True)
class ComparisonOutcome:
    """Every plan under the chosen perspective (``evaluation``) and under each one (``across``)."""

    request: CompareRequest
    evaluation: Evaluation
    across: tuple[Evaluation, ...]
    estimates: Estimates
    flips: Flips = field(default_factory=_no_flips)

    def __post_init__(self) -> None:
        object.__setattr__(self, "across", tuple(self.across))
        object.__setattr__(self, "flips", MappingProxyType(dict(self.flips)))

    @property
    def scenario(self) -> Scenario:
        """The scenario compared."""
        return self.request.scenario


def plan_flips(space: Space, pe: PlanEvaluation) -> tuple[FlipDistances, ...] | None:
    """Each party's flip distances for an evaluated plan, or None when it is no single package.

    Open issues without a status quo, or issues provided in one of several forms,
    leave the package undetermined.
    """
    if pe.undetermined or pe.forms:
        return None
    package = tuple(space.option_index(issue, str(pe.package[issue])) for issue in space.issues)
    return flip_distances(space, package)


def _flips(space: Space, ev: Evaluation) -> dict[str, tuple[FlipDistances, ...]]:
    out = {}
    for pe in ev.plans:
        flips = plan_flips(space, pe)
        if flips is not None:
            out[pe.plan] = flips
    return out


def _run(
    scenario: Scenario,
    choice: PerspectiveSpec,
    plans: tuple[str, ...] | None,
    parties: tuple[str, ...] | None,
) -> tuple[Evaluation, Estimates, dict[str, tuple[FlipDistances, ...]]]:
    """The evaluation, whose estimates it used (from the same compiled space) and the flip distances."""
    space = compile_space(scenario, perspective=choice, parties=parties)
    try:
        ev = evaluate_plans(scenario, perspective=choice, plans=plans, parties=parties)
    except KeyError as exc:
        raise SpaceError("plans", str(exc.args[0])) from None
    return ev, Estimates.of(space), _flips(space, ev)


def evaluate(request: EvaluateRequest) -> EvaluationOutcome:
    """Evaluate the requested plans; an unknown plan is a :class:`SpaceError` on ``plans``."""
    ev, est, flips = _run(request.scenario, request.perspective, request.plans, request.parties)
    return EvaluationOutcome(request=request, evaluation=ev, estimates=est, flips=flips)


def compare(request: CompareRequest) -> ComparisonOutcome:
    """Evaluate every plan under the chosen perspective(s) and under every perspective."""
    s = request.scenario
    ev, est, flips = _run(s, request.perspective, None, request.parties)
    across = evaluate_across_perspectives(s, parties=request.parties)
    return ComparisonOutcome(request=request, evaluation=ev, across=across, estimates=est, flips=flips)
