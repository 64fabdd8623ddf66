"""Robustness of plan verdicts over the stated spreads of the estimates (``accord robustness``).

The engine is :mod:`accord.analysis.robustness`; this module turns a request
into the packages it samples. Each plan (every reading as its own variant) is
completed with the status quo of the issues it leaves open. A plan that leaves an
issue open that has no status quo has no single package to judge: it is not
sampled and is reported in :attr:`RobustnessOutcome.skipped` with the issues at
fault (``accord evaluate`` shows its interval of verdicts instead). Sweeps run
through an executor the caller passes (:mod:`accord.scale` provides one on Dask).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from accord.analysis.robustness import CHUNK_SIZE, Executor, RobustnessResult, solve_robustness
from accord.model import PlanVariant, Scenario
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

    ``skipped`` lists ``(plan, reason)`` for plans without a single package to judge.
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
) -> tuple[dict[str, tuple[int, ...]], list[tuple[str, str]]]:
    """Each variant's complete package (open issues at their status quo), and the variants without one."""
    packages: dict[str, tuple[int, ...]] = {}
    skipped: list[tuple[str, str]] = []
    for v in variants:
        terms: dict[str, str] = {}
        forms = []
        for issue, term in v.terms.items():
            if isinstance(term, str):
                terms[issue] = term
            else:  # a OneOf: the plan provides the issue, its form is open
                forms.append(issue)
        open_ = []
        for i, issue in enumerate(space.issues):
            sq = space.status_quo[i]
            if issue not in terms:
                if sq is None:
                    open_.append(issue)
                else:
                    terms[issue] = space.options[i][sq]
        if forms:
            skipped.append((v.id, "provides in one of several forms: " + ", ".join(forms)))
        elif open_:
            skipped.append((v.id, "leaves open, with no status quo: " + ", ".join(open_)))
        else:
            packages[v.id] = space.package_from_ids(terms)
    return packages, skipped


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
        raise SpaceError(
            "plans", "no plan has a single package to sample: " + "; ".join(r for _, r in skipped)
        )
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
