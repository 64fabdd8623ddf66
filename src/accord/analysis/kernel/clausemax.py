"""The largest value of a separable score over the packages that meet a set of clauses.

``maximise(values, clauses, domains)`` finds ``max sum_i values[i][x_i]`` over the
packages ``x`` with ``x_i in domains[i]`` that satisfy every clause, by depth-first
branch and bound (Land & Doig 1960, "An automatic method of solving discrete
programming problems", Econometrica 28(3)): at every node the clauses are
unit-propagated into the domains (:func:`.graph.simplify`); a node whose clauses
are all satisfied whatever its open issues take is solved outright (each issue
takes its best option), and a node whose optimistic bound (each issue's best
option in its domain) cannot beat the best package known is dropped.

Plan evaluation uses it to judge plans with too many completions to list: the
range of a party's utility over the feasible completions and whether some
feasible completion is acceptable to it. With ``budget`` nodes spent the search
stops and returns a sound upper bound instead, flagged inexact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from accord.analysis.kernel.graph import simplify
from accord.model.logic import Clause
from accord.numeric import FloatArray

__all__ = ["Maximum", "maximise"]


@dataclass(frozen=True, slots=True)
class Maximum:
    """The outcome of :func:`maximise`.

    ``value``: the maximum (``-inf`` when no package meets the clauses), or an upper
    bound on it when ``exact`` is False; ``package``: a package attaining ``value``
    when exact (``None`` when there is none).
    """

    value: float
    package: tuple[int, ...] | None
    exact: bool


def maximise(
    values: Sequence[FloatArray],
    clauses: Sequence[Clause],
    domains: Sequence[frozenset[int]],
    *,
    budget: int = 200_000,
) -> Maximum:
    """``max sum_i values[i][x_i]`` over the packages in ``domains`` meeting ``clauses``.

    ``values[i]`` holds one number per option of issue ``i``. Exact unless more than
    ``budget`` nodes are needed; then ``value`` is an upper bound (sound, not sharp).
    """
    best = float("-inf")
    best_pkg: tuple[int, ...] | None = None
    open_bound = float("-inf")
    stack: list[tuple[list[set[int]], list[Clause]]] = [([set(d) for d in domains], list(clauses))]
    nodes = 0
    while stack:
        doms, cls = stack.pop()
        live = simplify(cls, doms)
        if live is None or any(not d for d in doms):
            continue
        bound = sum(max(float(values[i][k]) for k in d) for i, d in enumerate(doms))
        if bound <= best:
            continue
        if not live:
            best = bound
            best_pkg = tuple(_best_option(values[i], d) for i, d in enumerate(doms))
            continue
        nodes += 1
        if nodes > budget:
            open_bound = max(open_bound, bound, *(_bound(values, d) for d, _ in stack))
            break
        undecided = {m.issue for c in live for m in c.members if len(doms[m.issue]) > 1}
        var = min(undecided, key=lambda i: (len(doms[i]), i))
        # Push worst first, so the most promising option is explored next.
        for k in sorted(doms[var], key=lambda k: (float(values[var][k]), -k)):
            child = [set(d) for d in doms]
            child[var] = {k}
            stack.append((child, live))
    if open_bound > best:
        return Maximum(open_bound, None, False)
    return Maximum(best, best_pkg, True)


def _bound(values: Sequence[FloatArray], doms: Sequence[set[int]]) -> float:
    """The optimistic bound of a node: every issue at its best option in its domain."""
    if any(not d for d in doms):
        return float("-inf")
    return sum(max(float(values[i][k]) for k in d) for i, d in enumerate(doms))


def _best_option(values: FloatArray, dom: set[int]) -> int:
    """The option of ``dom`` with the largest value (ties: the lowest index)."""
    return max(sorted(dom), key=lambda k: float(values[k]))
