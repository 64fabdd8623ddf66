"""Count the feasible packages exactly and draw them uniformly, without listing them.

Each linked component of the clause graph (:mod:`accord.analysis.kernel.graph`)
is processed issue by issue in an elimination order. A *state* is a partial
assignment restricted to the issues still linked to later ones, together with
the number of partial assignments that reduce to it; states that coincide are
merged and their counts added. This is variable elimination for model counting
(Dechter 1999, "Bucket elimination: a unifying framework for reasoning",
Artificial Intelligence 113), with a cost bounded by the number of distinct
states rather than the number of packages.

Sampling walks the same layers backwards (Jerrum, Valiant & Vazirani 1986,
"Random generation of combinatorial structures from a uniform distribution",
Theoretical Computer Science 43): from the final state, each step picks one of
the candidates that merged into the current state with probability proportional
to its count, which makes every feasible assignment of the component equally
likely. Components are independent, so a package drawn component by component
is uniform over all feasible packages.

Draws use integer arithmetic (exactly uniform) while the weights of a
component fit in 62 bits; beyond that they are drawn in double precision,
whose relative error (about 1e-16 per step) is far below any Monte Carlo error.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.analysis.kernel.graph import ClauseGraph, Schedule, clause_graph, extend, schedule
from accord.analysis.kernel.limits import check_deadline
from accord.model.logic import Clause
from accord.numeric import FloatArray, IntArray
from accord.space import Space

_EXACT_LIMIT = 2**62
_TABLE_ROWS = 1 << 16
_CHUNK_ROWS = 1 << 15
_STAGE = "counting the feasible packages"


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Layer:
    """One elimination step: which candidate (state, option) pairs merged into which state.

    Candidates are sorted by the state they merged into; those of state ``s``
    are ``start[s]`` up to ``start[s + 1]``. ``cum`` holds the running sum of
    candidate weights (the count of the candidate's parent state); ``below[s]``
    the running sum before state ``s``'s first candidate and ``weight[s]`` the
    sum of its candidates' weights. Sums are int64 when exact, else float64.
    """

    issue: int
    parent: IntArray
    option: IntArray
    start: IntArray
    cum: NDArray[np.generic]
    below: NDArray[np.generic]
    weight: NDArray[np.generic]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Component:
    """One linked component: its issues in elimination order, its layers, its count.

    ``exact``: the draws use integer weights (exactly uniform).
    """

    issues: tuple[int, ...]
    layers: tuple[Layer, ...]
    count: int
    exact: bool


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class FeasibleSet:
    """The feasible packages of a space: their exact number and a uniform sampler.

    Built by :func:`feasible_set`; ``components`` holds each linked component's
    issues and exact number of joint assignments.
    """

    n_issues: int
    count: int
    forced: tuple[int, ...]
    parts: tuple[Component, ...]

    @property
    def components(self) -> tuple[tuple[tuple[int, ...], int], ...]:
        """``(issues, number of feasible joint assignments)`` per linked component."""
        return tuple((c.issues, c.count) for c in self.parts)

    @property
    def largest_component(self) -> int:
        """The most joint assignments of any one component (1 when every issue is forced)."""
        return max((c.count for c in self.parts), default=1)

    @property
    def exactly_uniform(self) -> bool:
        """True when every draw uses integer weights (exactly uniform)."""
        return all(c.exact for c in self.parts)

    def draw(self, n: int, rng: np.random.Generator) -> IntArray:
        """``n`` feasible packages drawn uniformly and independently: an ``(n, n_issues)`` array.

        The array is a transposed view (one contiguous row per issue), which is
        how it is filled and how per-issue lookups read it fastest.
        """
        if self.count == 0:
            raise ValueError("there are no feasible packages to draw from")
        out = np.empty((self.n_issues, n), dtype=np.int64)
        for i, f in enumerate(self.forced):
            if f >= 0:
                out[i] = f
        for comp in self.parts:
            _draw_component(comp, out, rng)
        return out.T

    def draw_sums(self, n: int, rng: np.random.Generator, values: Sequence[FloatArray]) -> FloatArray:
        """Sums of per-option ``values`` over ``n`` uniformly drawn feasible packages.

        ``values[i]`` has one row per option of issue ``i`` (for utilities,
        ``space.contrib[i].T``); the result has one row per draw. Equivalent to
        summing ``values`` over :meth:`draw`'s packages, but faster: components
        with few joint assignments are tabulated and independent tables merged
        into products of at most ``2**16`` rows, each drawn with one index.
        """
        if self.count == 0:
            raise ValueError("there are no feasible packages to draw from")
        k = values[0].shape[1] if len(values) else 0
        total = np.zeros((n, k))
        for i, f in enumerate(self.forced):
            if f >= 0:
                total += values[i][f]
        tables: list[FloatArray] = []
        for comp in self.parts:
            if comp.count <= _TABLE_ROWS:
                tables.append(tabulate(comp, values))
            else:
                _sum_component(comp, total, rng, values)
        for table in merge_tables(tables):
            total += table[rng.integers(0, table.shape[0], size=n)]
        return total


def feasible_set(
    space: Space,
    *,
    red_lines: bool = True,
    red_line_parties: Iterable[int] | None = None,
    graph: ClauseGraph | None = None,
    deadline: float | None = None,
) -> FeasibleSet:
    """Count ``space``'s feasible packages (domains, constraints, honoured red lines) and prepare draws.

    ``graph``, the :func:`~.graph.clause_graph` of ``space`` with the same
    ``red_lines`` and ``red_line_parties``, spares building it again. Past
    ``deadline`` (``time.perf_counter``) the build raises
    :class:`~.limits.SolverTimeLimit`: it is checked before every layer of a
    linked component and between chunks of a long one.
    """
    if graph is None:
        graph = clause_graph(space, red_lines=red_lines, red_line_parties=red_line_parties)
    n, doms = graph.n_issues, graph.domains
    if not graph.satisfiable:
        return FeasibleSet(n_issues=n, count=0, forced=(-1,) * n, parts=())
    forced = [-1] * n
    parts: list[Component] = []
    total = 1
    for root in graph.roots:
        issues = list(graph.groups[root])
        if len(issues) == 1 and len(doms[issues[0]]) == 1:
            forced[issues[0]] = next(iter(doms[issues[0]]))
            continue
        comp = _build(issues, list(graph.clauses_of.get(root, ())), doms, space, deadline)
        total *= comp.count
        if total == 0:
            return FeasibleSet(n_issues=n, count=0, forced=(-1,) * n, parts=())
        parts.append(comp)
    return FeasibleSet(n_issues=n, count=total, forced=tuple(forced), parts=tuple(parts))


def count_feasible(
    space: Space,
    *,
    red_lines: bool = True,
    red_line_parties: Iterable[int] | None = None,
    graph: ClauseGraph | None = None,
) -> int:
    """The exact number of feasible packages, without listing them.

    A free issue (no clause) counts its domain; only linked components are built.
    ``graph`` as for :func:`feasible_set`.
    """
    if graph is None:
        graph = clause_graph(space, red_lines=red_lines, red_line_parties=red_line_parties)
    if not graph.satisfiable:
        return 0
    total = 1
    for root in graph.roots:
        issues, clauses = list(graph.groups[root]), list(graph.clauses_of.get(root, ()))
        free = len(issues) == 1 and not clauses
        total *= (
            len(graph.domains[issues[0]]) if free else _build(issues, clauses, graph.domains, space).count
        )
        if total == 0:
            return 0
    return total


def _build(
    issues: list[int],
    clauses: list[Clause],
    doms: Sequence[AbstractSet[int]],
    space: Space,
    deadline: float | None = None,
) -> Component:
    """Forward pass over one component: the layers and the number of joint assignments.

    ``deadline`` is checked before each layer and between its chunks (:func:`_extend`).
    """
    sched = schedule(issues, clauses, doms)
    order, pos, reach = sched.order, sched.pos, sched.reach
    # Integer weights are exact while no running sum can pass 2**62: the running
    # sums of a layer never exceed the number of partial assignments so far.
    # Beyond that, counts stay exact as Python integers and draws use floats.
    exact = math.prod(len(doms[i]) for i in issues) < _EXACT_LIMIT
    dtype: type = np.int64 if exact else object
    rows = np.full((1, len(order)), -1, dtype=np.int64)
    counts: NDArray[np.generic] = np.ones(1, dtype=dtype)
    layers: list[Layer] = []
    for step, i in enumerate(order):
        check_deadline(deadline, _STAGE)
        parent, option = _extend(rows, step, sched, doms, space, deadline)
        cand = rows[parent]
        cand[:, step] = option
        # Forget issues no longer linked to later ones; candidates that then coincide merge.
        for j in order[: step + 1]:
            if reach[j] <= step:
                cand[:, pos[j]] = -1
        if cand.shape[0] == 0:
            return Component(issues=tuple(order), layers=(), count=0, exact=exact)
        uniq, inv, sort = _unique_rows(cand, space)
        check_deadline(deadline, _STAGE)
        weight = counts[parent[sort]]
        start = np.searchsorted(inv[sort], np.arange(uniq.shape[0] + 1)).astype(np.int64)
        # Each state's count: its candidates' counts, contiguous in ``sort`` order.
        merged: NDArray[np.generic] = np.add.reduceat(weight, start[:-1]).astype(dtype)
        cum = np.cumsum(weight if exact else weight.astype(np.float64))
        edges = np.concatenate((np.zeros(1, dtype=cum.dtype), cum))
        layers.append(
            Layer(
                issue=i,
                parent=parent[sort],
                option=option[sort],
                start=start,
                cum=cum,
                below=edges[start[:-1]],
                weight=edges[start[1:]] - edges[start[:-1]],
            )
        )
        rows, counts = uniq, merged
    # Every issue is forgotten after the last step, so one state remains.
    total = int(counts.sum())
    return Component(issues=tuple(order), layers=tuple(layers), count=total, exact=exact)


def _extend(
    rows: IntArray,
    step: int,
    sched: Schedule,
    doms: Sequence[AbstractSet[int]],
    space: Space,
    deadline: float | None,
) -> tuple[IntArray, IntArray]:
    """:func:`~.graph.extend`, ``_CHUNK_ROWS`` rows at a time, checking ``deadline`` between chunks."""
    if rows.shape[0] <= _CHUNK_ROWS:
        return extend(rows, step, sched, doms, space)
    parents: list[IntArray] = []
    options: list[IntArray] = []
    for begin in range(0, rows.shape[0], _CHUNK_ROWS):
        check_deadline(deadline, _STAGE)
        parent, option = extend(rows[begin : begin + _CHUNK_ROWS], step, sched, doms, space)
        parents.append(parent + begin)
        options.append(option)
    return np.concatenate(parents), np.concatenate(options)


def _unique_rows(cand: IntArray, space: Space) -> tuple[IntArray, IntArray, IntArray]:
    """``np.unique(cand, axis=0, return_inverse=True)``, and the stable order of the inverse.

    Entries are -1 (forgotten) or an option index. Columns equal in every row
    (issues not yet reached or already forgotten: most of them) decide no
    comparison and are left out. When the rest fits in 62 bits, a mixed-radix key
    per row with the first column most significant sorts the rows exactly as the
    lexicographic ``np.unique`` does: one stable sort of one integer column
    (instead of a sort of rows and a second sort of the inverse) was most of the
    counting time on 40 links over 20 issues, and ``np.unique`` over all 25
    columns most of it on a 5 x 5 grid.
    """
    varying = np.flatnonzero((cand != cand[:1]).any(axis=0)) if cand.shape[0] else np.arange(0)
    radix = max(len(o) for o in space.options) + 1
    if radix**varying.size >= 2**62:
        _, inv = np.unique(cand[:, varying], axis=0, return_inverse=True)
        inv = np.asarray(inv, dtype=np.int64).ravel()
        sort = np.argsort(inv, kind="stable")
        new = np.empty(inv.size, dtype=bool)
        new[:1] = True
        np.not_equal(inv[sort][1:], inv[sort][:-1], out=new[1:])
        return cand[sort[new]], inv, sort
    mult = (radix ** np.arange(varying.size - 1, -1, -1)).astype(np.int64)
    key = (cand[:, varying] + 1) @ mult
    sort = np.argsort(key, kind="stable")
    ordered = key[sort]
    new = np.empty(key.size, dtype=bool)
    new[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    inv = np.empty(key.size, dtype=np.int64)
    inv[sort] = np.cumsum(new) - 1
    return cand[sort[new]], inv, sort


def _draw_component(comp: Component, out: IntArray, rng: np.random.Generator) -> None:
    """Fill ``out``'s rows for ``comp``'s issues with uniform joint assignments."""
    for issue, options in _walk(comp, out.shape[1], rng):
        out[issue] = options


def _walk(comp: Component, n: int, rng: np.random.Generator) -> Iterator[tuple[int, IntArray]]:
    """``n`` uniform joint assignments of ``comp``, issue by issue: (issue, options drawn).

    From the final state back through the layers, each draw picks one of the
    candidates that merged into its current state and moves to that candidate's parent.
    """
    state = np.zeros(n, dtype=np.int64)
    for layer in reversed(comp.layers):
        pick = _pick(comp, layer, state, rng)
        yield layer.issue, layer.option[pick]
        state = layer.parent[pick]


def _pick(comp: Component, layer: Layer, state: IntArray, rng: np.random.Generator) -> IntArray:
    """For each current ``state``, one of its candidates with probability proportional to its weight."""
    if comp.exact:
        below = np.asarray(layer.below, dtype=np.int64)[state]
        target = below + rng.integers(0, np.asarray(layer.weight, dtype=np.int64)[state])
        return np.asarray(np.searchsorted(layer.cum, target, side="right"), dtype=np.int64)
    weight = np.asarray(layer.weight, dtype=np.float64)[state]
    ftarget = np.asarray(layer.below, dtype=np.float64)[state] + rng.random(state.size) * weight
    pick = np.searchsorted(layer.cum, ftarget, side="right")
    # Float rounding must not carry a draw past the state's candidates.
    return np.asarray(np.clip(pick, layer.start[state], layer.start[state + 1] - 1), dtype=np.int64)


def _sum_component(
    comp: Component, total: FloatArray, rng: np.random.Generator, values: Sequence[FloatArray]
) -> None:
    """Add the values of uniform joint assignments of ``comp`` to ``total`` (one row per draw)."""
    for issue, options in _walk(comp, total.shape[0], rng):
        total += values[issue][options]


def tabulate(comp: Component, values: Sequence[FloatArray]) -> FloatArray:
    """The summed values of every joint assignment of ``comp``, one row each.

    Walks the layers backwards from the final state, expanding each partial path
    into all the candidates that merged into its state: every joint assignment
    is reached exactly once, because a state's count is the sum of its
    candidates' counts.
    """
    k = values[comp.issues[0]].shape[1]
    state = np.zeros(1, dtype=np.int64)
    acc = np.zeros((1, k))
    for layer in reversed(comp.layers):
        first, stop = layer.start[state], layer.start[state + 1]
        lens = stop - first
        offsets = np.arange(int(lens.sum())) - np.repeat(np.cumsum(lens) - lens, lens)
        idx = np.repeat(first, lens) + offsets
        acc = np.repeat(acc, lens, axis=0) + values[layer.issue][layer.option[idx]]
        state = layer.parent[idx]
    return acc


def merge_tables(tables: list[FloatArray]) -> list[FloatArray]:
    """Independent value tables combined into products of at most ``_TABLE_ROWS`` rows.

    A uniform row of a product table is a uniform row of each factor, drawn
    independently, so one index replaces several.
    """
    out: list[FloatArray] = []
    current: FloatArray | None = None
    for table in sorted(tables, key=lambda t: t.shape[0]):
        if current is not None and current.shape[0] * table.shape[0] <= _TABLE_ROWS:
            current = (current[:, None, :] + table[None, :, :]).reshape(-1, table.shape[1])
        else:
            if current is not None:
                out.append(current)
            current = table
    if current is not None:
        out.append(current)
    return out
