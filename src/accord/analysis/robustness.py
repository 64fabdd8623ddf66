"""Robustness of plan verdicts: Monte Carlo over the stated spreads, with Sobol indices.

Every profile states how unsure it is (:class:`accord.model.Spread`): weights
relative, values and BATNA in points. Each draw perturbs every party's estimate
independently within that spread and judges every plan again (u_p(x) > BATNA_p by
more than :data:`~accord.numeric.TOL`, no red line crossed; Fisher & Ury 1981):

- **weights**: each raw weight is multiplied by a factor uniform on
  ``[max(0, 1 - s_w), 1 + s_w]`` and the row is normalised again (weights stay
  non-negative, and positive with probability one);
- **values**: each option's value moves by ``U(-s_v, s_v)`` points, clipped to 0..100;
- **BATNA**: moves by ``U(-s_b, s_b)`` points, clipped to 0..100.

Uniform within the bounds is the maximum-entropy law for a quantity known only to
lie in an interval (Jaynes 1957, "Information theory and statistical mechanics",
Phys. Rev. 106(4)). The scenario format declares no correlations, so draws are
independent across parties, issues and options. A space built from numbers (no
weights) has its values perturbed on its own scale, unclipped, and no weight
spread. Red lines and constraints are structural: they are not sampled.

A plan that provides an issue in one of several forms (``provided, form open``:
an :class:`OpenForms` of complete packages, one per form) has its form drawn too,
uniformly over its forms and independently of the estimates (Jaynes again: the
file says which forms are possible, not how likely each is). Its probabilities
average over the forms; each form's probability *given* the form is reported
beside them (every draw judges every form, so these cost no extra draws), and
the form joins the Sobol groups as one more input.

Per plan the engine estimates the probability that each party, and all parties,
accept, with the 95% Wilson score interval (Wilson 1927, "Probable inference, the
law of succession, and statistical inference", JASA 22(158)). Which estimates
drive the verdict "acceptable to all" is measured by variance-based sensitivity
over groups of inputs (each party's BATNA, values, weights): first-order indices
by the estimator of Saltelli et al. (2010), "Variance based sensitivity analysis
of model output", Comput. Phys. Commun. 181(2), Table 2 (b), and total indices by
Jansen's (1999) estimator (ibid. Table 2 (f)), from two independent sample
matrices A and B and, per group, A with that group's columns taken from B.

Reproducible and parallel: the samples are split into fixed chunks whatever runs
them; chunk ``j`` draws from child ``j`` of ``numpy.random.SeedSequence(seed)``
(``spawn``), and every chunk returns integer counts, so any executor (a loop, a
Dask cluster) gives identical results. The chunking and the child seeds are
recorded in the provenance. The drawing and judging of one chunk is the kernel's
(:mod:`accord.analysis.kernel.spreads`); this module sums the chunks and reports.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from accord.analysis.kernel.spreads import (
    GROUP_KINDS,
    ChunkCounts,
    ChunkTask,
    Executor,
    GroupKind,
    RobustnessModel,
    build_model,
    n_groups,
    run_chunk,
)
from accord.analysis.registry import SOLVERS
from accord.analysis.results import Provenanced
from accord.numeric import TOL
from accord.provenance import Provenance, Status
from accord.space import Space

__all__ = [
    "CHUNK_SIZE",
    "GROUP_KINDS",
    "ChunkCounts",
    "ChunkTask",
    "Executor",
    "FormRobustness",
    "OpenForms",
    "PlanRobustness",
    "PlanSpec",
    "RobustnessModel",
    "RobustnessResult",
    "build_model",
    "run_chunk",
    "solve_robustness",
    "wilson_interval",
]

CHUNK_SIZE = 5_000
"""Draws per chunk: the unit of work and of seeding (results depend on it, not on the executor)."""

Z95 = 1.959963984540054
"""The 97.5% quantile of the standard normal (a 95% two-sided interval)."""


def wilson_interval(hits: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson (1927) score interval of a proportion ``hits / n`` (``(0, 1)`` for ``n == 0``)."""
    if n <= 0:
        return (0.0, 1.0)
    p = hits / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenForms:
    """A plan in several forms: one complete package per form, drawn uniformly.

    ``issues`` are the indices of the issues whose form is open (the packages
    differ only there).
    """

    packages: tuple[tuple[int, ...], ...]
    issues: tuple[int, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "packages", tuple(tuple(int(k) for k in p) for p in self.packages))
        object.__setattr__(self, "issues", tuple(self.issues))
        if not self.packages:
            raise ValueError("a plan in several forms needs at least one form")


PlanSpec = Sequence[int] | OpenForms
"""A plan to sample: one complete package, or its forms."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FormRobustness:
    """One form of a plan with open forms: its terms on the open issues, and its probabilities given it.

    ``accept[p]`` and ``all`` are the shares of all draws in which this form is
    acceptable (whichever form the draw took); ``verdict[p]`` is the verdict at
    the point estimate.
    """

    terms: tuple[tuple[str, str], ...]
    package: tuple[int, ...]
    accept: tuple[float, ...]
    all: float
    verdict: tuple[bool, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanRobustness:
    """One plan's robustness: how likely each party, and all, accept it, and what drives it.

    ``accept[p]`` and ``accept_interval[p]`` per party (95% Wilson); ``all`` and
    ``all_interval`` for every party at once. ``verdict[p]`` is the verdict at the
    point estimate, ``red_lines[p]`` the red lines the plan crosses (never
    sampled). ``first_order[g]`` and ``total[g]`` are the Sobol indices of
    "acceptable to all" per input group (:attr:`RobustnessResult.groups`), None
    when the verdict never varies (zero variance) or sensitivity was not asked.
    A plan with open forms lists them in ``forms`` (empty otherwise); its
    ``package`` is its first form, ``verdict[p]`` holds when every form is
    acceptable at the point estimate and ``red_lines[p]`` gathers the red lines
    any form crosses.
    """

    plan: str
    package: tuple[int, ...]
    accept: tuple[float, ...]
    accept_interval: tuple[tuple[float, float], ...]
    all: float
    all_interval: tuple[float, float]
    verdict: tuple[bool, ...]
    red_lines: tuple[tuple[str, ...], ...]
    first_order: tuple[float | None, ...] = ()
    total: tuple[float | None, ...] = ()
    forms: tuple[FormRobustness, ...] = ()

    @property
    def drivers(self) -> tuple[int, ...]:
        """Group indices by total index, largest first (groups without an index left out)."""
        known = [(t, g) for g, t in enumerate(self.total) if t is not None]
        return tuple(g for _, g in sorted(known, key=lambda x: (-x[0], x[1])))


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class RobustnessResult(Provenanced):
    """Monte Carlo robustness of plans over the spreads of the estimates.

    ``groups`` names the input groups as ``(party, kind)`` (and ``("", "form")``
    last when some plan's form is drawn); ``plans`` holds one
    :class:`PlanRobustness` each; ``best`` names the plan most likely to be
    acceptable to all *among the plans given* (None when no draw made any plan
    acceptable to all); ``samples`` draws in ``chunks`` chunks of ``chunk_size``,
    chunk ``j`` seeded by child ``j`` of ``SeedSequence(seed)``.
    """

    status: Status
    parties: tuple[str, ...]
    groups: tuple[tuple[str, GroupKind], ...]
    plans: tuple[PlanRobustness, ...]
    best: str | None
    samples: int
    chunk_size: int
    chunks: int
    sensitivity: bool
    provenance: Provenance
    spreads: Mapping[str, tuple[float, float, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("parties", "groups", "plans"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        from types import MappingProxyType

        object.__setattr__(self, "spreads", MappingProxyType(dict(self.spreads)))


# -- the entry point ---------------------------------------------------------------------


def _default_plans(space: Space) -> dict[str, PlanSpec]:
    """The status-quo package (each issue at its status quo, else its first allowed option)."""
    return {
        "status quo": tuple(
            sq if sq is not None else min(dom)
            for sq, dom in zip(space.status_quo, space.domains, strict=True)
        )
    }


def _serial(
    function: Callable[[ChunkTask], ChunkCounts], tasks: Sequence[ChunkTask]
) -> Iterable[ChunkCounts]:
    return map(function, tasks)


def solve_robustness(
    space: Space,
    *,
    plans: Mapping[str, PlanSpec] | None = None,
    samples: int = 2_000,
    seed: int | None = None,
    sensitivity: bool = True,
    chunk_size: int = CHUNK_SIZE,
    rng: np.random.Generator | None = None,
    executor: Executor | None = None,
    progress: Callable[[int], None] | None = None,
) -> RobustnessResult:
    """Monte Carlo robustness of ``plans`` (name -> complete package or :class:`OpenForms`).

    ``samples`` draws (each also a draw of B when ``sensitivity``) in chunks of
    ``chunk_size``; ``seed`` seeds them (when None: drawn from ``rng``, else 0).
    ``executor`` runs the chunks (default: one after another here); ``progress``
    is called with the number of draws of each chunk done. Default ``plans``: the
    status-quo package.
    """
    t0 = time.perf_counter()
    if samples <= 0:
        raise ValueError(f"samples must be positive, got {samples}")
    if chunk_size <= 0:
        raise ValueError(f"chunk_size must be positive, got {chunk_size}")
    if seed is None:
        seed = int(rng.integers(0, 2**63 - 1)) if rng is not None else 0
    named = dict(plans) if plans is not None else _default_plans(space)
    model = build_model(space, [f for spec in named.values() for f in _packages(spec)],
                        [len(_packages(spec)) for spec in named.values()])  # fmt: skip
    sizes = [min(chunk_size, samples - start) for start in range(0, samples, chunk_size)]
    children = np.random.SeedSequence(seed).spawn(len(sizes))
    tasks = [
        ChunkTask(model=model, n=n, seed=c, sensitivity=sensitivity)
        for n, c in zip(sizes, children, strict=True)
    ]
    counts: list[ChunkCounts] = []
    for c in (executor or _serial)(run_chunk, tasks):
        counts.append(c)
        if progress is not None:
            progress(c.n)
    return _result(space, named, model, counts, sensitivity, seed, chunk_size, t0)


def _packages(spec: PlanSpec) -> tuple[tuple[int, ...], ...]:
    """The plan's forms (a single package is one form)."""
    return spec.packages if isinstance(spec, OpenForms) else (tuple(int(k) for k in spec),)


def _indices(first: int, total: int, n: int, hits: int) -> tuple[float | None, float | None]:
    """First-order and total Sobol indices from a group's counts over 2n draws with ``hits`` ones."""
    mean = hits / (2 * n)
    variance = mean - mean * mean
    if variance <= 0:
        return None, None
    return first / n / variance, total / (2 * n) / variance


def _form_rows(
    spec: PlanSpec, m: int, sums: Mapping[str, np.ndarray], n: int, space: Space, model: RobustnessModel
) -> tuple[FormRobustness, ...]:
    """Each form of a plan with open forms (empty for a single package)."""
    if not isinstance(spec, OpenForms):
        return ()
    start = int(model.form_start[m])
    return tuple(
        FormRobustness(
            terms=tuple((space.issues[i], space.options[i][pkg[i]]) for i in spec.issues),
            package=pkg,
            accept=tuple(int(sums["form_party"][p, start + k]) / n for p in range(len(space.parties))),
            all=int(sums["form_all"][start + k]) / n,
            verdict=_verdict(space, model, start + k, pkg),
        )
        for k, pkg in enumerate(spec.packages)
    )


def _verdict(space: Space, model: RobustnessModel, row: int, package: Sequence[int]) -> tuple[bool, ...]:
    """Each party's verdict on one form at the point estimate."""
    u = space.utility(package)
    return tuple(
        bool(u[p] - space.batna[p] > TOL and not model.crossed[row, p]) for p in range(len(space.parties))
    )


def _plan_result(
    name: str, spec: PlanSpec, m: int, sums: Mapping[str, np.ndarray], n: int, space: Space,
    model: RobustnessModel, sensitivity: bool,
) -> PlanRobustness:  # fmt: skip
    """One plan's row from the summed counts."""
    parties = range(len(space.parties))
    hits_all = int(sums["all"][m])
    idx = [
        _indices(int(sums["first"][g, m]), int(sums["total"][g, m]), n, hits_all + int(sums["all_b"][m]))
        for g in range(sums["first"].shape[0])
    ] if sensitivity else []  # fmt: skip
    forms = _packages(spec)
    start = int(model.form_start[m])
    verdicts = [_verdict(space, model, start + k, pkg) for k, pkg in enumerate(forms)]
    return PlanRobustness(
        plan=name,
        package=forms[0],
        accept=tuple(int(sums["party"][p, m]) / n for p in parties),
        accept_interval=tuple(wilson_interval(int(sums["party"][p, m]), n) for p in parties),
        all=hits_all / n,
        all_interval=wilson_interval(hits_all, n),
        verdict=tuple(all(v[p] for v in verdicts) for p in parties),
        red_lines=tuple(
            tuple(dict.fromkeys(c.origin.name for pkg in forms for c in space.crossed(pkg, p)))
            for p in parties
        ),
        first_order=tuple(f for f, _ in idx),
        total=tuple(t for _, t in idx),
        forms=_form_rows(spec, m, sums, n, space, model),
    )


def _result(
    space: Space, named: Mapping[str, PlanSpec], model: RobustnessModel, counts: Sequence[ChunkCounts],
    sensitivity: bool, seed: int, chunk_size: int, t0: float,
) -> RobustnessResult:  # fmt: skip
    """Add the chunks' counts up (integers: any order gives the same sums) and build the result."""
    n = sum(c.n for c in counts)
    keys = ("party", "all", "all_b", "first", "total", "form_party", "form_all")
    sums = {k: sum(getattr(c, k) for c in counts) for k in keys}
    rows = tuple(
        _plan_result(name, pkg, m, sums, n, space, model, sensitivity)
        for m, (name, pkg) in enumerate(named.items())
    )
    best = max(rows, key=lambda r: r.all, default=None)
    params: dict[str, Any] = {
        "plans": tuple(named),
        "samples": n,
        "chunk_size": chunk_size,
        "chunks": len(counts),
        "child_seeds": {"entropy": seed, "spawn_keys": [[j] for j in range(len(counts))]},
        "sensitivity": sensitivity,
        "distribution": "uniform within the stated spread; independent (no correlations declared)"
        + ("; open forms uniform over the forms listed" if model.drawn_forms else ""),
    }
    algorithm = "Monte Carlo over the stated spreads" + (
        "; Sobol indices (Saltelli 2010 first order, Jansen 1999 total)" if sensitivity else ""
    )
    return RobustnessResult(
        status="ok",
        parties=space.parties,
        groups=tuple((party, kind) for party in space.parties for kind in GROUP_KINDS)
        + ((("", "form"),) if n_groups(model) > len(space.parties) * len(GROUP_KINDS) else ()),
        plans=rows,
        best=best.plan if best is not None and best.all > 0 else None,
        samples=n,
        chunk_size=chunk_size,
        chunks=len(counts),
        sensitivity=sensitivity,
        spreads={
            p: (float(model.weight_spread[k]), float(model.value_spread[k]), float(model.batna_spread[k]))
            for k, p in enumerate(space.parties)
        },
        provenance=SOLVERS.get("robustness").provenance(algorithm, parameters=params, started=t0, seed=seed),
    )
