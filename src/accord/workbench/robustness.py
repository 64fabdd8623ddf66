"""Robustness of plan verdicts over the stated spreads of the estimates (``accord robustness``).

The engine is :mod:`accord.analysis.robustness`; this module turns a request
into the packages it samples. Each plan (every reading as its own variant) is
completed with the status quo of the issues it leaves open. A plan that provides
an issue in one of several forms (a :class:`accord.model.OneOf` term) is sampled
in each form that meets the constraints (every listed form when none does), the
form drawn uniformly per draw (:mod:`accord.analysis.robustness`). A plan that
leaves an issue open that has no status quo has no package to judge: it is not
sampled and is reported in :attr:`RobustnessOutcome.skipped` with the issues at
fault (``accord evaluate`` shows its interval of verdicts instead). Sweeps run
through an executor the caller passes (:mod:`accord.scale` provides one on Dask).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from accord.analysis.robustness import (
    CHUNK_SIZE,
    Executor,
    OpenForms,
    PlanSpec,
    RobustnessResult,
    solve_robustness,
)
from accord.model import PlanVariant, Scenario, term_options
from accord.model.choice import PerspectiveChoice, PerspectiveSpec
from accord.space import Space, SpaceError, compile_space
from accord.workbench.estimates import Estimates

__all__ = ["RobustnessOutcome", "RobustnessRequest", "plan_packages", "robustness"]


@dataclass(frozen=True, slots=True, kw_only=True)
class RobustnessRequest:
    """Sample ``plans`` (ids or PLAN@READING; None: all) ``samples`` times with ``seed``.

    ``perspective`` is one id or a mixed choice, as for evaluation.
    """

    scenario: Scenario
    samples: int
    seed: int = 0
    perspective: PerspectiveSpec = None
    plans: tuple[str, ...] | None = None
    sensitivity: bool = True
    chunk_size: int = CHUNK_SIZE

    def __post_init__(self) -> None:
        object.__setattr__(self, "plans", tuple(self.plans) if self.plans else None)
        object.__setattr__(self, "perspective", PerspectiveChoice.of(self.perspective))
        if self.samples <= 0:
            raise SpaceError("samples", f"the number of samples must be positive, not {self.samples}")
        if self.chunk_size <= 0:
            raise SpaceError("chunk_size", f"the chunk size must be positive, not {self.chunk_size}")


@dataclass(frozen=True, slots=True, kw_only=True)
class RobustnessOutcome:
    """The robustness result, the space it sampled, whose estimates, and the plans not sampled.

    ``skipped`` lists ``(plan, reason)`` for plans without a package to judge.
    """

    request: RobustnessRequest
    space: Space
    result: RobustnessResult
    estimates: Estimates
    skipped: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "skipped", tuple(self.skipped))


def _variants(scenario: Scenario, wanted: tuple[str, ...] | None) -> tuple[PlanVariant, ...]:
    """The variants asked for (a plan id selects all its readings); :class:`SpaceError` on ``plans``."""
    every = scenario.plan_variants()
    if not wanted:
        return every
    out: list[PlanVariant] = []
    for w in wanted:
        chosen = [v for v in every if w in (v.id, v.plan.id)]
        if not chosen:
            raise SpaceError("plans", f"no plan {w!r}; plans: {', '.join(v.id for v in every)}")
        out.extend(c for c in chosen if c not in out)
    return tuple(out)


def plan_packages(
    space: Space, variants: tuple[PlanVariant, ...]
) -> tuple[dict[str, PlanSpec], list[tuple[str, str]]]:
    """Each variant's package or forms (open issues at their status quo), and the variants without one."""
    packages: dict[str, PlanSpec] = {}
    skipped: list[tuple[str, str]] = []
    for v in variants:
        open_ = [
            issue
            for i, issue in enumerate(space.issues)
            if issue not in v.terms and space.status_quo[i] is None
        ]
        if open_:
            skipped.append((v.id, "leaves open, with no status quo: " + ", ".join(open_)))
            continue
        packages[v.id] = _forms(space, v)
    return packages, skipped


def _forms(space: Space, variant: PlanVariant) -> PlanSpec:
    """The variant's complete package, or its forms when it provides issues in several."""
    choices: list[tuple[str, ...]] = []
    for i, issue in enumerate(space.issues):
        term = variant.terms.get(issue)
        if term is not None:
            choices.append(term_options(term))
        else:  # open: the status quo holds (plan_packages skips issues without one)
            sq = space.status_quo[i]
            choices.append((space.options[i][sq if sq is not None else min(space.domains[i])],))
    combos = [
        space.package_from_ids(dict(zip(space.issues, c, strict=True))) for c in itertools.product(*choices)
    ]
    if len(combos) == 1:
        return combos[0]
    feasible = [c for c in combos if space.feasible(c, red_lines=False)] or combos
    return OpenForms(packages=tuple(feasible), issues=tuple(i for i, c in enumerate(choices) if len(c) > 1))


def robustness(
    request: RobustnessRequest,
    *,
    executor: Executor | None = None,
    progress: Callable[[int], None] | None = None,
) -> RobustnessOutcome:
    """Sample the requested plans; ``executor`` runs the chunks, ``progress`` hears of each one done."""
    space = compile_space(request.scenario, perspective=request.perspective)
    packages, skipped = plan_packages(space, _variants(request.scenario, request.plans))
    if not packages:
        raise SpaceError("plans", "no plan has a package to sample: " + "; ".join(r for _, r in skipped))
    result = solve_robustness(
        space,
        plans=packages,
        samples=request.samples,
        seed=request.seed,
        sensitivity=request.sensitivity,
        chunk_size=request.chunk_size,
        executor=executor,
        progress=progress,
    )
    return RobustnessOutcome(
        request=request, space=space, result=result, estimates=Estimates.of(space), skipped=tuple(skipped)
    )
