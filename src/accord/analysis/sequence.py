"""Sequencing: agreements reached in stages, against one comprehensive package.

Parley (2022), "Toward a Negotiating Strategy for Ukraine", proposes a military
ceasefire first and a political settlement after; Pickering (2022), "The three
phases of ending a war", proposes that nothing is agreed until everything is
agreed, except measures the parties implement early. A *design* is an ordered list
of stages, each a set of issues. Stage ``k`` is a Nash (1950) bargaining problem
(:func:`accord.analysis.nash.solve_nash`) in which:

- the stage's issues vary; issues agreed at earlier stages are held at the agreed
  option; every later issue is held at its status quo;
- the disagreement point is the BATNA until some stage is agreed, and from then
  on the utility of what is agreed so far with the rest at status quo (earlier
  stages are implemented: they stand if this stage fails); plus the stage's
  declared ``shift`` per party once an earlier stage is agreed (leverage that
  moves between stages, e.g. sanctions lifted after the ceasefire raise the
  sanctioned party's fallback);
- an agreement exists when the Nash package gives every party a surplus above
  :data:`~accord.numeric.TOL` over that disagreement point and crosses no red
  line; otherwise the stage's issues stay at their status quo.

A design's outcome is the package after its last stage, valued per party (the
BATNA when no stage was agreed). What each party gains or gives up *by the order*
is the difference from the comprehensive design (one stage of every issue:
nothing agreed until everything is agreed), whose single stage is exactly the
Nash package of the whole space (tested against brute force).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from accord.analysis.kernel.holding import hold, status_quo_package
from accord.analysis.kernel.limits import share_of
from accord.analysis.nash import solve_nash
from accord.analysis.registry import SOLVERS
from accord.analysis.results import Provenanced, freeze_fields
from accord.numeric import TOL
from accord.provenance import Provenance, Status
from accord.space import Space

__all__ = [
    "Design",
    "DesignResult",
    "SequenceResult",
    "Stage",
    "StageResult",
    "comprehensive",
    "solve_sequence",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Stage:
    """One stage: its ``name``, the ``issues`` (indices) it settles, a disagreement ``shift`` per party."""

    name: str
    issues: tuple[int, ...]
    shift: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "issues", tuple(int(i) for i in self.issues))
        object.__setattr__(self, "shift", tuple(float(x) for x in self.shift))


@dataclass(frozen=True, slots=True, kw_only=True)
class Design:
    """A process design: ``stages`` in order; ``rules`` names the scenario rules it comes from."""

    name: str
    title: str
    stages: tuple[Stage, ...]
    rules: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "stages", tuple(self.stages))
        object.__setattr__(self, "rules", tuple(self.rules))
        if not self.stages:
            raise ValueError(f"design {self.name!r} has no stage")


def comprehensive(space: Space) -> Design:
    """One stage of every issue: nothing agreed until everything is agreed."""
    return Design(
        name="comprehensive",
        title="One comprehensive package",
        stages=(Stage(name="all issues", issues=tuple(range(len(space.issues)))),),
    )


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class StageResult:
    """One stage: agreement or not, the package after it, utilities, disagreement point and surplus.

    ``shifted``: the stage's declared shift moved the disagreement point (an earlier stage was agreed).
    """

    stage: Stage
    status: Status
    agreed: bool
    package: tuple[int, ...]
    utilities: tuple[float, ...]
    disagreement: tuple[float, ...]
    surplus: tuple[float, ...] | None
    exact: bool
    shifted: bool = False

    def __post_init__(self) -> None:
        freeze_fields(self)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class DesignResult:
    """A design's stages and outcome: ``package``, ``values`` per party, ``versus`` the comprehensive one."""

    design: Design
    stages: tuple[StageResult, ...]
    package: tuple[int, ...]
    values: tuple[float, ...]
    versus: tuple[float, ...]

    def __post_init__(self) -> None:
        freeze_fields(self)

    @property
    def agreed(self) -> bool:
        """Whether any stage reached an agreement."""
        return any(s.agreed for s in self.stages)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class SequenceResult(Provenanced):
    """The comprehensive design first, then every other design, with their stages."""

    status: Status
    parties: tuple[str, ...]
    batna: tuple[float, ...]
    designs: tuple[DesignResult, ...]
    provenance: Provenance

    def __post_init__(self) -> None:
        freeze_fields(self)


def _stage(
    space: Space, stage: Stage, agreed: dict[int, int], time_limit: float | None
) -> tuple[StageResult, dict[int, int]]:
    """Negotiate one stage given what is agreed so far; the stage's result and the new agreements."""
    base = status_quo_package(space, agreed)
    d = space.batna.copy() if not agreed else space.utility(base)
    shifted = bool(stage.shift) and bool(agreed)
    if shifted:  # leverage moves between stages: only once an earlier one is agreed
        d = d + np.asarray(stage.shift, dtype=np.float64)
    free = [i for i in stage.issues if i not in agreed]
    res = solve_nash(hold(space, free, agreed, batna=d), time_limit=time_limit)
    ok = res.package is not None and res.status == "ok"
    if ok and res.package is not None:
        u = space.utility(res.package)
        ok = bool((u - d > TOL).all()) and not any(space.crossed(res.package, p) for p in range(len(d)))
    new = dict(agreed)
    if ok and res.package is not None:
        new.update({i: res.package[i] for i in free})
    package = status_quo_package(space, new)
    u = space.utility(package)
    return StageResult(
        stage=stage,
        status="ok" if ok else (res.status if res.status != "ok" else "no_zopa"),
        agreed=ok,
        package=package,
        utilities=tuple(float(x) for x in u),
        disagreement=tuple(float(x) for x in d),
        surplus=tuple(float(x) for x in u - d) if ok else None,
        exact=res.exact,
        shifted=shifted,
    ), new


def _run(
    space: Space, design: Design, deadline: float | None, later: int
) -> tuple[list[StageResult], dict[int, int]]:
    """Each stage of ``design`` in turn, each with its share of the time left (``later`` stages follow)."""
    agreed: dict[int, int] = {}
    out = []
    for k, stage in enumerate(design.stages):
        budget = share_of(deadline, len(design.stages) - k + later)
        result, agreed = _stage(space, stage, agreed, budget)
        out.append(result)
    return out, agreed


def _values(space: Space, stages: Sequence[StageResult], agreed: dict[int, int]) -> tuple[float, ...]:
    """The outcome's value per party: the final package's utility, or the BATNA when nothing was agreed."""
    if not any(s.agreed for s in stages):
        return tuple(float(x) for x in space.batna)
    return tuple(float(x) for x in space.utility(status_quo_package(space, agreed)))


def solve_sequence(
    space: Space, *, designs: Sequence[Design] | None = None, time_limit: float | None = None
) -> SequenceResult:
    """Run the comprehensive design and each of ``designs`` stage by stage.

    Default ``designs``: issue by issue, when every issue has a status quo.

    ``time_limit`` bounds the whole call: each stage's Nash search gets an equal
    share of the time left (:func:`~.kernel.limits.share_of`). Every issue outside a design's
    stages stays at its status quo (``ValueError`` when it has none).
    """
    t0 = time.perf_counter()
    if designs is None:  # issue by issue holds the other issues: only when each has a status quo
        held = all(sq is not None for sq in space.status_quo)
        extra = [_issue_by_issue(space)] if held else []
    else:
        extra = list(designs)
    given = [d for d in extra if d.name == "comprehensive"]
    chosen = [given[0] if given else comprehensive(space), *(d for d in extra if d.name != "comprehensive")]
    deadline = None if time_limit is None else t0 + time_limit
    sizes = [len(d.stages) for d in chosen]
    runs = [_run(space, d, deadline, sum(sizes[k + 1 :])) for k, d in enumerate(chosen)]
    base = _values(space, *runs[0])
    results = []
    for design, (stages, agreed) in zip(chosen, runs, strict=True):
        values = _values(space, stages, agreed)
        results.append(
            DesignResult(
                design=design,
                stages=tuple(stages),
                package=status_quo_package(space, agreed),
                values=values,
                versus=tuple(v - b for v, b in zip(values, base, strict=True)),
            )
        )
    head = results[0].stages[0]
    return SequenceResult(
        status=head.status,
        parties=space.parties,
        batna=tuple(float(x) for x in space.batna),
        designs=tuple(results),
        provenance=SOLVERS.get("sequence").provenance(
            "stage by stage Nash bargaining; disagreement point: what is agreed so far (else the BATNA)",
            parameters={"designs": tuple(d.name for d in chosen), "time_limit": time_limit},
            started=t0,
            exact=all(s.exact for r in results for s in r.stages),
        ),
    )


def _issue_by_issue(space: Space) -> Design:
    """Each issue its own stage, in the order of the space (only issues with a choice left)."""
    issues = [i for i, dom in enumerate(space.domains) if len(dom) > 1] or [0]
    return Design(
        name="issue-by-issue",
        title="Issue by issue, each agreement binding at once",
        stages=tuple(Stage(name=space.issues[i], issues=(i,)) for i in issues),
    )
