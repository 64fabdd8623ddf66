"""Brute-force references for the engines' property tests: enumerate every package, apply the definitions.

They share no code with the engines beyond :class:`accord.space.Space` itself.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
from hypothesis import HealthCheck, settings
from scipy.optimize import linprog

from accord.space import TOL, Space

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
"""Hypothesis settings of the brute-force property tests."""


def enumerate_feasible(space: Space, *, red_lines: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Every feasible package and its utilities, by brute force."""
    rows = [
        p
        for p in itertools.product(*(sorted(d) for d in space.domains))
        if space.feasible(p, red_lines=red_lines)
    ]
    packages = np.array(rows, dtype=np.int64).reshape(-1, len(space.issues))
    utils = space.utilities(packages) if rows else np.zeros((0, len(space.parties)))
    return packages, utils


def pareto(utils: np.ndarray) -> np.ndarray:
    """Distinct non-dominated utility vectors, straight from the definition."""
    if utils.shape[0] == 0:
        return utils
    weak = (utils[None, :, :] >= utils[:, None, :] - TOL).all(axis=2)
    strict = (utils[None, :, :] > utils[:, None, :] + TOL).any(axis=2)
    undominated = utils[~(weak & strict).any(axis=1)]
    out: list[np.ndarray] = []
    for u in undominated:
        if not any(np.all(np.abs(u - v) <= TOL) for v in out):
            out.append(u)
    return np.array(out)


def same_vectors(a: np.ndarray, b: np.ndarray) -> bool:
    if a.shape[0] != b.shape[0]:
        return False
    return all(np.any(np.all(np.abs(b - u) <= 1e-7, axis=1)) for u in a)


def objective(solution: str, surplus: np.ndarray, ideal_gain: np.ndarray | None = None) -> np.ndarray:
    if solution == "nash":
        return np.log(surplus).sum(axis=1)
    if solution == "utilitarian":
        return surplus.sum(axis=1)
    if solution == "egalitarian":
        return surplus.min(axis=1)
    assert ideal_gain is not None
    return (surplus / ideal_gain).min(axis=1)


def lp_over_points(points: np.ndarray, batna: np.ndarray, solution: str) -> float | None:
    """Egalitarian / KS / utilitarian over the convex hull of ``points`` cut to u >= batna,
    by an LP over explicit mixing weights (independent of the engine's formulation)."""
    n, k = points.shape
    s = points - batna

    def solve(c: np.ndarray, a_ub: np.ndarray, b_ub: np.ndarray, n_extra: int) -> np.ndarray | None:
        a_eq = np.hstack([np.ones((1, n)), np.zeros((1, n_extra))])
        bounds = [(0, None)] * n + [(None, None)] * n_extra
        r = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=[1.0], bounds=bounds, method="highs")
        return None if r.status != 0 else r.x

    def maximin(scale: np.ndarray) -> float | None:
        # max t : sum_j w_j s_jp * scale_p >= t
        a_ub = np.hstack([-(s * scale).T, np.ones((k, 1))])
        x = solve(np.concatenate([np.zeros(n), [-1.0]]), a_ub, np.zeros(k), 1)
        return None if x is None else float(x[-1])

    if solution == "egalitarian":
        return maximin(np.ones(k))
    rational = (-s.T, np.zeros(k))
    if solution == "utilitarian":
        x = solve(-s.sum(axis=1), rational[0], rational[1], 0)
        return None if x is None else float(x @ s.sum(axis=1))
    ideal = np.zeros(k)
    for p in range(k):
        x = solve(-s[:, p], rational[0], rational[1], 0)
        if x is None:
            return None
        ideal[p] = x @ s[:, p]
    return maximin(1.0 / ideal)


def checked_surplus(space: Space, res: Any) -> np.ndarray:
    """The surpluses of an exact, feasible, individually rational answer ``res`` (asserted)."""
    assert res.status == "ok" and res.exact and res.package is not None
    assert space.feasible(res.package)
    mine = space.utility(res.package) - space.batna
    assert (mine > TOL).all()
    return np.asarray(mine)
