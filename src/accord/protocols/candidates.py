"""Admissible candidate packages for a delegation: a mutation walk, a climb, a trade-off path.

On a scenario with many hard constraints and red lines (``ukraine``: 51
constraints) almost no random package is admissible, so a delegation's
candidates are grown from admissible ones: each generation changes one random
issue of each kept package to a random allowed option and keeps the admissible
results (a random walk over the admissible packages). :func:`climb` improves a
package for one utility by the best admissible single-issue change until none
helps (steepest ascent; all changes checked at once by :func:`changes_allowed`);
:func:`path` walks from one package to another issue by
issue, the cheapest change first, skipping a change that would make the
package inadmissible (a trade-off path: Faratin, Sierra & Jennings 2002, "Using
similarity criteria to make issue trade-offs in automated negotiations",
Artificial Intelligence 142).

The functions take admissibility as a callable over ``(N, issues)`` arrays or as
a clause tensor, and utilities as a table: they know nothing of whose they serve.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from accord.numeric import BoolArray, FloatArray, IntArray

Test = Callable[[IntArray], BoolArray]
"""Per package (rows), whether it is admissible."""


def random_options(allowed: BoolArray, rng: np.random.Generator) -> IntArray:
    """One allowed option per row of ``allowed`` (rows: issues' option masks), uniformly at random."""
    draws: IntArray = np.where(allowed, rng.random(allowed.shape), -1.0).argmax(axis=-1)
    return draws


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
        child = parents.copy()
        child[np.arange(width), issue] = random_options(allowed[issue], rng)
        found = np.vstack([found, child[admissible(child)]])
        if len(found) >= size:
            break
    return found[:size]


def changes_allowed(x: IntArray, allowed: BoolArray, rules: BoolArray) -> BoolArray:
    """``ok[i, k]``: setting issue ``i`` of ``x`` to option ``k`` keeps every clause of ``rules``.

    ``rules[c, i, k]`` says whether option ``k`` of issue ``i`` satisfies clause ``c``;
    a clause holds when any issue satisfies it, so a change of issue ``i`` needs
    only how many *other* issues satisfy each clause (``x`` itself need not be admissible).
    """
    issues = np.arange(len(x))
    held = rules[:, issues, x]
    others = (held.sum(axis=1)[:, None] - held) > 0
    ok: BoolArray = (others[:, :, None] | rules).all(axis=0) & allowed
    return ok


def climb(x: IntArray, allowed: BoolArray, rules: BoolArray, table: FloatArray, steps: int = 200) -> IntArray:
    """Steepest ascent of the utility ``table`` from ``x`` by admissible single-issue changes."""
    current = x.copy()
    issues = np.arange(len(x))
    for _ in range(steps):
        gain = np.where(
            changes_allowed(current, allowed, rules), table - table[issues, current][:, None], -np.inf
        )
        i, k = np.unravel_index(int(np.argmax(gain)), gain.shape)
        if gain[i, k] <= 1e-12:
            break
        current[i] = k
    return current


def path(start: IntArray, goal: IntArray, allowed: BoolArray, rules: BoolArray, cost: FloatArray) -> IntArray:
    """Packages from ``start`` toward ``goal``: issues switched cheapest first, inadmissible steps skipped.

    ``cost[i]`` is what switching issue ``i`` to the goal's option costs; ``rules``
    is the clause tensor of :func:`changes_allowed`. The rows returned are the
    packages along the way (``start`` first); each is admissible when ``start`` is.
    """
    current = start.copy()
    issues = np.arange(len(start))
    held = rules[:, issues, current]
    count = held.sum(axis=1)
    rows = [current.copy()]
    for i in np.argsort(cost, kind="stable"):
        g = goal[i]
        if current[i] == g or not allowed[i, g]:
            continue
        after = count - held[:, i] + rules[:, i, g]
        if (after > 0).all():
            current[i], count = g, after
            held[:, i] = rules[:, i, g]
            rows.append(current.copy())
    return np.array(rows, dtype=np.int64)
