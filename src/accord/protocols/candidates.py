"""Admissible candidate packages for a delegation: a mutation walk, a climb, a trade-off path.

On a scenario with many hard constraints and red lines (``ukraine``: 51
constraints) almost no random package is admissible, so a delegation's
candidates are grown from admissible ones: each generation changes one random
issue of each kept package to a random allowed option and keeps the admissible
results (a random walk over the admissible packages). :func:`climb` improves a
package for one utility by the best admissible single-issue change until none
helps (steepest ascent); :func:`path` walks from one package to another issue by
issue, the cheapest change first, skipping a change that would make the
package inadmissible (a trade-off path: Faratin, Sierra & Jennings 2002, "Using
similarity criteria to make issue trade-offs in automated negotiations",
Artificial Intelligence 142).

Each function takes the tests as callables over ``(N, issues)`` arrays, so it
knows nothing of whose utility it serves.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from accord.numeric import BoolArray, FloatArray, IntArray

Test = Callable[[IntArray], BoolArray]
"""Per package (rows), whether it is admissible."""

Value = Callable[[IntArray], FloatArray]
"""Per package (rows), its utility."""


def walk(
    seeds: IntArray, allowed: BoolArray, admissible: Test, rng: np.random.Generator, *,
    generations: int = 6, width: int = 64, size: int = 256,
) -> IntArray:  # fmt: skip
    """Up to ``size`` admissible packages reached from the admissible ``seeds`` by single-issue changes."""
    found = seeds[admissible(seeds)] if len(seeds) else seeds
    if not len(found):
        return found
    n = found.shape[1]
    for _ in range(generations):
        parents = found[rng.integers(0, len(found), size=width)]
        issue = rng.integers(0, n, size=width)
        options = [np.flatnonzero(allowed[i]) for i in range(n)]
        child = parents.copy()
        child[np.arange(width), issue] = [rng.choice(options[i]) for i in issue]
        found = np.vstack([found, child[admissible(child)]])
        if len(found) >= size:
            break
    return found[:size]


def single_changes(x: IntArray, allowed: BoolArray) -> IntArray:
    """Every package that differs from ``x`` on one issue, by an allowed option."""
    issue, option = np.nonzero(allowed)
    out = np.repeat(x[None, :], len(issue), axis=0)
    out[np.arange(len(issue)), issue] = option
    return out


def climb(x: IntArray, allowed: BoolArray, admissible: Test, value: Value, steps: int = 200) -> IntArray:
    """Steepest ascent of ``value`` from the admissible ``x`` over admissible single-issue changes."""
    current, best = x.copy(), float(value(x[None, :])[0])
    for _ in range(steps):
        cand = single_changes(current, allowed)
        cand = cand[admissible(cand)]
        if not len(cand):
            break
        u = value(cand)
        k = int(np.argmax(u))
        if u[k] <= best + 1e-12:
            break
        current, best = cand[k], float(u[k])
    return current


def path(start: IntArray, goal: IntArray, admissible: Test, cost: FloatArray) -> IntArray:
    """Packages from ``start`` toward ``goal``: issues switched cheapest first, inadmissible steps skipped.

    ``cost[i]`` is what switching issue ``i`` to the goal's option costs; the rows
    returned are the admissible packages along the way (``start`` first).
    """
    current = start.copy()
    rows = [current.copy()]
    for i in np.argsort(cost, kind="stable"):
        if current[i] == goal[i]:
            continue
        trial = current.copy()
        trial[i] = goal[i]
        if admissible(trial[None, :])[0]:
            current = trial
            rows.append(current.copy())
    return np.array(rows, dtype=np.int64)
