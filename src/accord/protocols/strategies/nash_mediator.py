"""A mediator that drafts the package with the largest Nash product of what it has been told.

Nash (1950), "The Bargaining Problem": maximise ``prod_p (u_p - d_p)``; here
``u_p`` and ``d_p`` are the values and BATNA party ``p`` *reported*
(:class:`~accord.protocols.events.Report`), never its private profile, so the
draft is only as good as the disclosure (Raiffa 1982, *The Art and Science of
Negotiation*, ch. 14 on the single negotiating text). The search is coordinate
ascent over issues (one issue changed at a time, to its best option) from the
previous text and from ``restarts`` random packages (one when revising a text), keeping the public
constraints and the reported red lines; a package violating fewer of them always
ranks higher.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from accord.numeric import BoolArray, FloatArray, IntArray
from accord.protocols.agenda import Agenda, Mask, Package
from accord.protocols.events import Report
from accord.protocols.strategies.base import Context, MediatorStrategy

PENALTY = 1e7
"""What one violated constraint or reported red line costs in the search's objective."""


@dataclass(frozen=True, slots=True)
class NashMediator(MediatorStrategy):
    """Coordinate ascent on the reported Nash product, from the last text and random restarts."""

    restarts: int = 4
    sweeps: int = 12
    name: str = "nash-mediator"

    def draft(
        self, agenda: Agenda, reports: Mapping[str, Report], previous: Package | None, ctx: Context
    ) -> Package:
        """The best package found for the reported Nash product (the status quo when nobody reported)."""
        start = np.array(previous if previous is not None else agenda.start, dtype=np.int64)
        if not reports:
            return tuple(int(k) for k in start)
        model, batna = _model(agenda, reports)
        clauses = _clause_tensor(
            agenda.constraints + tuple(m for r in reports.values() for m in r.red_lines), agenda.sizes
        )
        fresh = self.restarts if previous is None else min(1, self.restarts)
        starts = [start] + [_random(agenda, ctx.rng) for _ in range(fresh)]
        best, best_score = start, -np.inf
        for x in starts:
            x, score = _ascend(agenda, model, batna, clauses, x, self.sweeps)
            if score > best_score + 1e-12:
                best, best_score = x, score
        return tuple(int(k) for k in best)


def _model(agenda: Agenda, reports: Mapping[str, Report]) -> tuple[FloatArray, FloatArray]:
    """The reported values as an array (parties x issues x options; 0 where undisclosed) and BATNAs."""
    width = max(agenda.sizes)
    model = np.zeros((len(reports), len(agenda.sizes), width))
    for p, report in enumerate(reports.values()):
        for i, values in enumerate(report.values):
            if values is not None:
                model[p, i, : len(values)] = values
    return model, np.array([r.batna for r in reports.values()])


def _random(agenda: Agenda, rng: np.random.Generator) -> IntArray:
    return np.array([rng.choice(np.flatnonzero(d)) for d in agenda.domain], dtype=np.int64)


def _score(surplus: FloatArray, violations: FloatArray) -> FloatArray:
    """Per column: the log Nash product if every surplus is positive, else a penalised shortfall."""
    positive = (surplus > 0).all(axis=0)
    logs = np.log(np.maximum(surplus, 1e-12)).sum(axis=0)
    short = -1e4 + np.minimum(surplus, 0).sum(axis=0) + 1e-3 * surplus.sum(axis=0)
    return np.where(positive, logs, short) - PENALTY * violations


def _clause_tensor(clauses: tuple[Mask, ...], sizes: tuple[int, ...]) -> BoolArray:
    """``A[c, i, k]``: clause ``c`` has a member on issue ``i`` that allows option ``k``."""
    a = np.zeros((len(clauses), len(sizes), max(sizes)), dtype=np.bool_)
    for c, clause in enumerate(clauses):
        for i, allowed in clause:
            a[c, i, : len(allowed)] |= allowed
    return a


def _ascend(
    agenda: Agenda, model: FloatArray, batna: FloatArray, clauses: BoolArray, x: IntArray, sweeps: int
) -> tuple[IntArray, float]:
    """Coordinate ascent from ``x``: each issue in turn set to its best option, until nothing improves.

    ``held[c, i]`` says whether issue ``i``'s option satisfies clause ``c``; a clause
    holds when any issue satisfies it, so a change of issue ``i`` only needs the
    count of the *other* issues that satisfy each clause.
    """
    x = x.copy()
    issues = np.arange(len(x))
    surplus = model[:, issues, x].sum(axis=1) - batna
    held = clauses[:, issues, x]
    count = held.sum(axis=1)
    score = -np.inf
    for _ in range(sweeps):
        moved = False
        for i, size in enumerate(agenda.sizes):
            rest = (count - held[:, i]) > 0
            violations = (~(rest[:, None] | clauses[:, i, :size])).sum(axis=0)
            cand = surplus[:, None] + model[:, i, :size] - model[:, i, x[i]][:, None]
            s = _score(cand, violations)
            s[~agenda.domain[i]] = -np.inf
            k = int(np.argmax(s))
            score = float(s[x[i]])
            if s[k] > score + 1e-12:
                surplus, x[i], score, moved = cand[:, k], k, float(s[k]), True
                count = count - held[:, i] + clauses[:, i, k]
                held[:, i] = clauses[:, i, k]
        if not moved:
            break
    return x, score
