"""Linked instances: the random instances of :mod:`instances` with if/then and excludes links.

Plain numpy and the standard library, like :mod:`instances`. A *link* between
issues ``a`` and ``b`` is drawn from ``numpy.random.default_rng(seed)`` as an
if/then (``x_a = o -> x_b = o'``) or, with probability ``excludes``, an
exclusion (``not (x_a = o and x_b = o')``), the options uniform. The shapes:

* ``random_links(n_links, n_issues)``: links between uniformly drawn pairs;
* ``ring(n_issues)``: issue ``i`` linked to ``i + 1`` (and the last to the first);
* ``grid(rows, cols)``: each issue linked to its right and lower neighbours.

``linked_space(instance, pairs, seed)`` returns an accord ``Space`` (imported
lazily, so this module stays importable without accord).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from instances import batna_array, contributions


def random_links(n_links: int, n_issues: int, seed: int) -> list[tuple[int, int]]:
    """``n_links`` pairs of distinct issues, uniformly drawn."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n_links):
        a, b = rng.choice(n_issues, 2, replace=False)
        out.append((int(a), int(b)))
    return out


def ring(n_issues: int) -> list[tuple[int, int]]:
    """Issue i linked to i + 1, the last to the first."""
    return [(i, (i + 1) % n_issues) for i in range(n_issues)]


def grid(rows: int, cols: int) -> list[tuple[int, int]]:
    """A rows x cols grid of issues (row-major), each linked to its right and lower neighbours."""
    out = []
    for r in range(rows):
        for c in range(cols):
            i = r * cols + c
            if c + 1 < cols:
                out.append((i, i + 1))
            if r + 1 < rows:
                out.append((i, i + cols))
    return out


def linked_space(
    instance: dict, pairs: Sequence[tuple[int, int]], seed: int, *, excludes: float = 0.3
) -> Any:
    """The instance as an accord ``Space`` with one if/then or excludes link per pair."""
    from accord.model.logic import Clause, Member
    from accord.space import Space

    rng = np.random.default_rng(seed)
    m = instance["n_options"]
    everything = frozenset(range(m))
    clauses = []
    for a, b in pairs:
        oa, ob = int(rng.integers(m)), int(rng.integers(m))
        if rng.random() < excludes:  # not (x_a = oa and x_b = ob)
            members = (Member(a, everything - {oa}), Member(b, everything - {ob}))
        else:  # x_a = oa -> x_b = ob
            members = (Member(a, everything - {oa}), Member(b, frozenset({ob})))
        clauses.append(Clause(members, f"link {a}-{b}"))
    return Space.from_arrays(contributions(instance), batna_array(instance), constraints=clauses)
