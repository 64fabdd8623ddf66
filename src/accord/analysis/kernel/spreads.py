"""Drawing estimates within their stated spreads and judging plans, chunk by chunk.

The machinery of :mod:`accord.analysis.robustness` (which documents the law of
the draws and cites its sources): a :class:`RobustnessModel` holds, as plain
arrays, what judging a set of plans needs; :func:`run_chunk` draws one chunk from
its own child seed (sample matrix A and, for the Sobol indices, B and per party
the mixed matrices A_B of Saltelli et al. 2010) and returns integer counts that
add up exactly across chunks, whatever executor ran them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from accord.numeric import TOL, BoolArray, FloatArray, readonly
from accord.space import Space

__all__ = [
    "GROUP_KINDS",
    "ChunkCounts",
    "ChunkTask",
    "Executor",
    "GroupKind",
    "RobustnessModel",
    "build_model",
    "run_chunk",
]

GroupKind = Literal["batna", "values", "weights"]
GROUP_KINDS: tuple[GroupKind, ...] = ("batna", "values", "weights")
"""The input groups of each party, in the order of the indices."""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class RobustnessModel:
    """What a chunk needs, as plain arrays (picklable, so a Dask worker can run it).

    ``plans`` (plans x issues) holds flat option indices into ``contrib`` and
    ``values`` (parties x all options, issue by issue); ``weights`` (parties x
    issues) is None for a space built from numbers. ``crossed`` (plans x parties)
    marks red lines crossed. ``exact[p]``: party ``p``'s utility has no spread, so
    it is summed exactly as :meth:`accord.space.Space.utility` sums it. ``used``
    lists the flat options some plan takes, ``used_issue`` their issues, and
    ``incidence`` (used options x plans) how often each plan takes each.
    """

    plans: np.ndarray
    offsets: np.ndarray
    contrib: FloatArray
    values: FloatArray
    weights: FloatArray | None
    batna: FloatArray
    weight_spread: FloatArray
    value_spread: FloatArray
    batna_spread: FloatArray
    crossed: BoolArray
    exact: BoolArray
    used: np.ndarray
    used_issue: np.ndarray
    incidence: FloatArray

    @property
    def n_parties(self) -> int:
        """How many parties."""
        return int(self.batna.shape[0])


@dataclass(frozen=True, slots=True, kw_only=True)
class ChunkTask:
    """One chunk: ``n`` draws from child seed ``seed`` (a ``SeedSequence``), with or without B."""

    model: RobustnessModel
    n: int
    seed: np.random.SeedSequence
    sensitivity: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class ChunkCounts:
    """Integer counts of one chunk (they add up across chunks exactly, in any order).

    ``party[p, m]``: draws of A where party p accepts plan m; ``all[m]``: where
    every party does; ``all_b[m]`` the same over B; ``first[g, m]`` is
    ``sum f(B) (f(A_B^g) - f(A))`` and ``total[g, m]`` is ``sum (f(A) - f(A_B^g))^2``
    for the indicator ``f`` of "acceptable to all" and group ``g``.
    """

    n: int
    party: np.ndarray
    all: np.ndarray
    all_b: np.ndarray
    first: np.ndarray
    total: np.ndarray


Executor = Callable[[Callable[[ChunkTask], ChunkCounts], Sequence[ChunkTask]], Iterable[ChunkCounts]]
"""Runs ``function`` over ``tasks`` and yields the results in the order of the tasks (like ``map``)."""


def build_model(space: Space, packages: Sequence[Sequence[int]]) -> RobustnessModel:
    """The arrays a chunk needs for ``packages`` (complete, one option index per issue)."""
    sizes = np.array(space.sizes, dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    flat = np.array([[offsets[i] + k for i, k in enumerate(pkg)] for pkg in packages], dtype=np.int64)
    contrib = (
        np.concatenate(list(space.contrib), axis=1) if space.contrib else np.zeros((len(space.parties), 0))
    )
    if space.weights is not None:
        w_flat = np.repeat(space.weights, sizes, axis=1)
        values = np.divide(contrib, w_flat, out=np.zeros_like(contrib), where=w_flat > 0)
    else:
        values = contrib.copy()
    weight_spread = space.weight_spread if space.weights is not None else np.zeros(len(space.parties))
    used = np.unique(flat) if flat.size else np.zeros(0, dtype=np.int64)
    incidence = np.zeros((used.size, len(packages)))
    for m, row in enumerate(flat):
        incidence[np.searchsorted(used, row), m] += 1.0
    crossed = np.array(
        [[bool(space.crossed(pkg, p)) for p in range(len(space.parties))] for pkg in packages], dtype=bool
    ).reshape(len(packages), len(space.parties))
    return RobustnessModel(
        plans=readonly(flat.reshape(len(packages), len(space.issues))),
        offsets=readonly(offsets),
        contrib=readonly(contrib),
        values=readonly(values),
        weights=None if space.weights is None else readonly(np.array(space.weights)),
        batna=readonly(np.array(space.batna)),
        weight_spread=readonly(np.array(weight_spread, dtype=np.float64)),
        value_spread=readonly(np.array(space.value_spread)),
        batna_spread=readonly(np.array(space.batna_spread)),
        crossed=readonly(crossed),
        exact=readonly((weight_spread == 0) & (space.value_spread == 0)),
        used=readonly(used),
        used_issue=readonly(np.searchsorted(offsets, used, side="right") - 1),
        incidence=readonly(incidence),
    )


@dataclass(frozen=True, slots=True)
class _Draws:
    """Uniform(0, 1) draws of one party: weights (n x issues), values (n x options), BATNA (n)."""

    w: NDArray[np.float32]
    v: NDArray[np.float32]
    b: NDArray[np.float32]


def _draw(rng: np.random.Generator, model: RobustnessModel, n: int) -> list[_Draws]:
    """One sample matrix: every party's draws, always in the same layout whatever the spreads.

    Uniforms in single precision (steps of 2^-24 of the spread, far below any
    stated spread) halve the cost of drawing; the arithmetic is in double precision.
    """
    n_issues, n_options = model.plans.shape[1], model.contrib.shape[1]
    return [
        _Draws(
            rng.random((n, n_issues), dtype=np.float32),
            rng.random((n, n_options), dtype=np.float32),
            rng.random(n, dtype=np.float32),
        )
        for _ in range(model.n_parties)
    ]


@dataclass(frozen=True, slots=True)
class _Parts:
    """One party's drawn values of the options plans take, and their weights (n x used options).

    ``values`` is None when the party has no spread (its utility is then exact).
    """

    values: FloatArray | None
    weights: FloatArray | None


def _parts(model: RobustnessModel, p: int, d: _Draws) -> _Parts:
    """Party ``p``'s drawn values (clipped to 0..100) and normalised weights of the options plans take."""
    if model.exact[p]:
        return _Parts(None, None)
    s_v = float(model.value_spread[p])
    values = model.values[p, model.used] + s_v * (2.0 * d.v[:, model.used].astype(np.float64) - 1.0)
    if model.weights is None:
        return _Parts(values, None)
    np.clip(values, 0.0, 100.0, out=values)
    s_w = float(model.weight_spread[p])
    low = max(0.0, 1.0 - s_w)
    w = model.weights[p] * (low + (1.0 + s_w - low) * d.w.astype(np.float64))
    w /= w.sum(axis=1, keepdims=True)
    return _Parts(values, w[:, model.used_issue])


def _utility(model: RobustnessModel, p: int, values: _Parts, weights: _Parts, n: int) -> FloatArray:
    """Party ``p``'s utility of every plan (n x plans), values from one draw and weights from another.

    Each plan's utility is one product with the plans' incidence matrix (a BLAS
    call, not a loop over issues). Without spread it is summed in issue order like
    :meth:`accord.space.Space.utility`, so the verdict is bit-for-bit the same.
    """
    plans = model.plans
    if values.values is None:
        total = np.zeros(plans.shape[0])
        for i in range(plans.shape[1]):
            total = total + model.contrib[p, plans[:, i]]
        return readonly(np.broadcast_to(total, (n, plans.shape[0])))
    points = values.values if weights.weights is None else values.values * weights.weights
    out: FloatArray = points @ model.incidence
    return out


def _batna(model: RobustnessModel, p: int, db: NDArray[np.float32]) -> FloatArray:
    """Party ``p``'s drawn BATNA (n x 1)."""
    b = model.batna[p] + float(model.batna_spread[p]) * (2.0 * db.astype(np.float64) - 1.0)
    if model.weights is not None:
        b = np.clip(b, 0.0, 100.0)
    out: FloatArray = b[:, None]
    return out


def _accepts(model: RobustnessModel, p: int, u: FloatArray, batna: FloatArray) -> BoolArray:
    """Whether party ``p`` accepts each plan (n x plans): margin above TOL, no red line crossed."""
    out: BoolArray = (u - batna > TOL) & ~model.crossed[:, p]
    return out


def run_chunk(task: ChunkTask) -> ChunkCounts:
    """The counts of one chunk (top-level and pure, so that any executor can run it)."""
    model, n = task.model, task.n
    rng = np.random.default_rng(task.seed)
    a = _draw(rng, model, n)
    pa = [_parts(model, p, d) for p, d in enumerate(a)]
    ua = [_utility(model, p, x, x, n) for p, x in enumerate(pa)]
    acc_a = [_accepts(model, p, ua[p], _batna(model, p, d.b)) for p, d in enumerate(a)]
    f_a = np.logical_and.reduce(acc_a) if acc_a else np.ones((n, model.plans.shape[0]), dtype=bool)
    n_groups, n_plans = model.n_parties * len(GROUP_KINDS), model.plans.shape[0]
    first = np.zeros((n_groups, n_plans), dtype=np.int64)
    total = np.zeros((n_groups, n_plans), dtype=np.int64)
    all_b = np.zeros(n_plans, dtype=np.int64)
    if task.sensitivity:
        b = _draw(rng, model, n)
        pb = [_parts(model, p, d) for p, d in enumerate(b)]
        acc_b = [
            _accepts(model, p, _utility(model, p, x, x, n), _batna(model, p, b[p].b))
            for p, x in enumerate(pb)
        ]
        f_b = np.logical_and.reduce(acc_b)
        all_b = np.count_nonzero(f_b, axis=0)
        both = np.count_nonzero(f_b & f_a, axis=0)
        for p in range(model.n_parties):
            others = np.ones_like(f_a)
            for q in range(model.n_parties):
                if q != p:
                    others &= acc_a[q]
            mixed = (  # A with this party's BATNA, values, weights (GROUP_KINDS) taken from B
                _accepts(model, p, ua[p], _batna(model, p, b[p].b)),
                _accepts(model, p, _utility(model, p, pb[p], pa[p], n), _batna(model, p, a[p].b)),
                _accepts(model, p, _utility(model, p, pa[p], pb[p], n), _batna(model, p, a[p].b)),
            )
            for k, acc_ab in enumerate(mixed):
                f_ab = others & acc_ab
                g = p * len(GROUP_KINDS) + k
                first[g] = np.count_nonzero(f_b & f_ab, axis=0) - both
                total[g] = np.count_nonzero(f_a ^ f_ab, axis=0)
    return ChunkCounts(
        n=n,
        party=np.array([np.count_nonzero(x, axis=0) for x in acc_a], dtype=np.int64).reshape(
            model.n_parties, n_plans
        ),
        all=np.count_nonzero(f_a, axis=0).astype(np.int64),
        all_b=np.asarray(all_b, dtype=np.int64),
        first=first,
        total=total,
    )
