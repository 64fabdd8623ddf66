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
    "n_groups",
    "run_chunk",
]

GroupKind = Literal["batna", "values", "weights", "form"]
GROUP_KINDS: tuple[GroupKind, ...] = ("batna", "values", "weights")
"""The input groups of each party, in the order of the indices (then one ``form`` group, when drawn)."""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class RobustnessModel:
    """What a chunk needs, as plain arrays (picklable, so a Dask worker can run it).

    ``plans`` (forms x issues) holds flat option indices into ``contrib`` and
    ``values`` (parties x all options, issue by issue), one row per *form*: plan
    ``m`` has ``form_count[m]`` forms, rows ``form_start[m]`` on (a plan without
    open forms has one). ``weights`` (parties x issues) is None for a space
    built from numbers. ``crossed`` (forms x parties) marks red lines crossed.
    ``exact[p]``: party ``p``'s utility has no spread, so it is summed exactly
    as :meth:`accord.space.Space.utility` sums it. ``used`` lists the flat
    options some form takes, ``used_issue`` their issues, and ``incidence``
    (used options x forms) how often each form takes each.
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
    form_start: np.ndarray
    form_count: np.ndarray

    @property
    def drawn_forms(self) -> bool:
        """Whether some plan has more than one form (the form is then drawn too)."""
        return bool(np.any(self.form_count > 1))

    @property
    def n_plans(self) -> int:
        """How many plans (each of one or more forms)."""
        return int(self.form_count.shape[0])

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
    ``form_party[p, k]`` and ``form_all[k]`` count the draws of A in which form
    ``k`` (a row of :attr:`RobustnessModel.plans`) is acceptable to party p, and
    to all, whichever form was drawn: the probabilities given the form.
    """

    n: int
    party: np.ndarray
    all: np.ndarray
    all_b: np.ndarray
    first: np.ndarray
    total: np.ndarray
    form_party: np.ndarray
    form_all: np.ndarray


Executor = Callable[[Callable[[ChunkTask], ChunkCounts], Sequence[ChunkTask]], Iterable[ChunkCounts]]
"""Runs ``function`` over ``tasks`` and yields the results in the order of the tasks (like ``map``)."""


def build_model(
    space: Space, packages: Sequence[Sequence[int]], forms: Sequence[int] | None = None
) -> RobustnessModel:
    """The arrays a chunk needs for ``packages`` (complete, one option index per issue).

    ``forms[m]`` packages in a row are the forms of plan ``m`` (default: one each).
    """
    counts = np.ones(len(packages), dtype=np.int64) if forms is None else np.array(forms, dtype=np.int64)
    if counts.sum() != len(packages) or np.any(counts < 1):
        raise ValueError("forms must be positive counts adding up to the number of packages")
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
        form_start=readonly(np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)),
        form_count=readonly(counts),
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


def _forms(rng: np.random.Generator, model: RobustnessModel, n: int) -> np.ndarray | None:
    """Each draw's form of each plan (n x plans, rows of ``model.plans``), uniform over its forms.

    None when no plan has more than one form: nothing is drawn, so the draws of
    the estimates (and the results) are those of a model without open forms.
    """
    if not model.drawn_forms:
        return None
    u = rng.random((n, model.n_plans))
    pick = np.minimum((u * model.form_count).astype(np.int64), model.form_count - 1)
    out: np.ndarray = model.form_start + pick
    return out


def _pick(acc: BoolArray, forms: np.ndarray | None) -> BoolArray:
    """Per draw and plan, the verdict under the form drawn (``acc``: n x forms)."""
    if forms is None:
        return acc
    out: BoolArray = np.take_along_axis(acc, forms, axis=1)
    return out


def _all(acc: Sequence[BoolArray], n: int, width: int) -> BoolArray:
    """Acceptable to every party (n x width)."""
    out: BoolArray = np.logical_and.reduce(acc) if acc else np.ones((n, width), dtype=bool)
    return out


@dataclass(frozen=True, slots=True)
class _Side:
    """One sample matrix drawn and judged: draws, drawn parts, utilities, verdicts per form."""

    draws: list[_Draws]
    parts: list[_Parts]
    utility: list[FloatArray]
    accept: list[BoolArray]


def _side(rng: np.random.Generator, model: RobustnessModel, n: int) -> _Side:
    draws = _draw(rng, model, n)
    parts = [_parts(model, p, d) for p, d in enumerate(draws)]
    utility = [_utility(model, p, x, x, n) for p, x in enumerate(parts)]
    accept = [_accepts(model, p, utility[p], _batna(model, p, d.b)) for p, d in enumerate(draws)]
    return _Side(draws, parts, utility, accept)


def _sobol(
    model: RobustnessModel, a: _Side, b: _Side, forms: tuple[np.ndarray | None, np.ndarray | None], n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``all_b``, ``first`` and ``total`` (see :class:`ChunkCounts`) from matrices A and B."""
    fa, fb = forms
    n_forms = model.plans.shape[0]
    all_a_forms = _all(a.accept, n, n_forms)
    f_a, f_b = _pick(all_a_forms, fa), _pick(_all(b.accept, n, n_forms), fb)
    both = np.count_nonzero(f_b & f_a, axis=0)
    mixed: list[BoolArray] = []
    for p in range(model.n_parties):
        others = _all([x for q, x in enumerate(a.accept) if q != p], n, n_forms)
        for acc_ab in (  # A with this party's BATNA, values, weights (GROUP_KINDS) taken from B
            _accepts(model, p, a.utility[p], _batna(model, p, b.draws[p].b)),
            _accepts(model, p, _utility(model, p, b.parts[p], a.parts[p], n), _batna(model, p, a.draws[p].b)),
            _accepts(model, p, _utility(model, p, a.parts[p], b.parts[p], n), _batna(model, p, a.draws[p].b)),
        ):
            mixed.append(_pick(others & acc_ab, fa))
    if fa is not None:
        mixed.append(_pick(all_a_forms, fb))  # A with the forms taken from B
    shape = (len(mixed), model.n_plans)
    first = np.array([np.count_nonzero(f_b & f_ab, axis=0) - both for f_ab in mixed], dtype=np.int64)
    total = np.array([np.count_nonzero(f_a ^ f_ab, axis=0) for f_ab in mixed], dtype=np.int64)
    first, total = first.reshape(shape), total.reshape(shape)
    return np.count_nonzero(f_b, axis=0).astype(np.int64), first, total


def n_groups(model: RobustnessModel) -> int:
    """How many input groups: three per party, and one for the forms when they are drawn."""
    return model.n_parties * len(GROUP_KINDS) + int(model.drawn_forms)


def run_chunk(task: ChunkTask) -> ChunkCounts:
    """The counts of one chunk (top-level and pure, so that any executor can run it).

    Draw order (fixed, so that seeds reproduce): A's estimates, then B's, then
    the forms of A and of B (only when some plan has more than one).
    """
    model, n = task.model, task.n
    rng = np.random.default_rng(task.seed)
    n_plans, n_forms = model.n_plans, model.plans.shape[0]
    a = _side(rng, model, n)
    b = _side(rng, model, n) if task.sensitivity else None
    fa = _forms(rng, model, n)
    fb = _forms(rng, model, n) if b is not None else None
    all_a_forms = _all(a.accept, n, n_forms)
    if b is not None:
        all_b, first, total = _sobol(model, a, b, (fa, fb), n)
    else:
        all_b = np.zeros(n_plans, dtype=np.int64)
        first = total = np.zeros((n_groups(model), n_plans), dtype=np.int64)
    return ChunkCounts(
        n=n,
        party=np.array([np.count_nonzero(_pick(x, fa), axis=0) for x in a.accept], dtype=np.int64).reshape(
            model.n_parties, n_plans
        ),
        all=np.count_nonzero(_pick(all_a_forms, fa), axis=0).astype(np.int64),
        all_b=all_b,
        first=first,
        total=total,
        form_party=np.array([np.count_nonzero(x, axis=0) for x in a.accept], dtype=np.int64).reshape(
            model.n_parties, n_forms
        ),
        form_all=np.count_nonzero(all_a_forms, axis=0).astype(np.int64),
    )
