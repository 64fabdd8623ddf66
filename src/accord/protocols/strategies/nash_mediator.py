"""A mediator that drafts the package with the largest Nash product of what it has been told.

Nash (1950), "The Bargaining Problem": maximise ``prod_p (u_p - d_p)``; here
``u_p`` and ``d_p`` are the values and BATNA party ``p`` *reported*
(:class:`~accord.protocols.events.Report`), never its private profile, so the
draft is only as good as the disclosure (Raiffa 1982, *The Art and Science of
Negotiation*, ch. 14 on the single negotiating text). The search is steepest
ascent over single-issue changes (the best change of one issue's option) from the
previous text and from ``restarts`` random packages (none when revising: a
revision improves the last text), keeping the public constraints and the
reported red lines; a package violating fewer of them always ranks higher.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from accord.numeric import BoolArray, FloatArray, IntArray
from accord.protocols.agenda import Agenda, Package, clause_tensor
from accord.protocols.events import Report
from accord.protocols.strategies.base import Context, MediatorStrategy

PENALTY = 1e7
"""What one violated constraint or reported red line costs in the search's objective."""


@dataclass(frozen=True, slots=True)
class NashMediator(MediatorStrategy):
    """Steepest ascent on the reported Nash product, from the last text and random restarts."""

    restarts: int = 4
    moves: int = 200
    name: str = "nash-mediator"

    def draft(
        self, agenda: Agenda, reports: Mapping[str, Report], previous: Package | None, ctx: Context
    ) -> Package:
        """The best package found for the reported Nash product (the status quo when nobody reported)."""
        start = np.array(previous if previous is not None else agenda.start, dtype=np.int64)
        if not reports:
            return tuple(int(k) for k in start)
        model, batna = _model(agenda, reports)
        clauses = clause_tensor(
            agenda.constraints + tuple(m for r in reports.values() for m in r.red_lines), agenda.sizes
        )
        fresh = self.restarts if previous is None else 0
        starts = [start] + [_random(agenda, ctx.rng) for _ in range(fresh)]
        best, best_score = start, -np.inf
        for x in starts:
            x, score = _ascend(agenda, model, batna, clauses, x, self.moves)
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
    """Per package (every axis but the first, the parties'): the log Nash product or a penalty.

    A package with a surplus at or below zero scores its shortfall below any package
    with every surplus positive; each violated clause costs :data:`PENALTY`.
    """
    positive = (surplus > 0).all(axis=0)
    logs = np.log(np.maximum(surplus, 1e-12)).sum(axis=0)
    short = -1e4 + np.minimum(surplus, 0).sum(axis=0) + 1e-3 * surplus.sum(axis=0)
    out: FloatArray = np.where(positive, logs, short) - PENALTY * violations
    return out


def _ascend(
    agenda: Agenda, model: FloatArray, batna: FloatArray, clauses: BoolArray, x: IntArray, moves: int
) -> tuple[IntArray, float]:
    """Steepest ascent from ``x``: the best single-issue change, applied, until none improves.

    All single changes are scored at once (issues x options). ``held[c, i]`` says
    whether issue ``i``'s option satisfies clause ``c``; a clause holds when any
    issue satisfies it, so a change of issue ``i`` needs only the count of the
    *other* issues that satisfy each clause.
    """
    x = x.copy()
    issues = np.arange(len(x))
    surplus = model[:, issues, x].sum(axis=1) - batna
    held = clauses[:, issues, x]
    count = held.sum(axis=1)
    blocked = ~agenda.allowed
    score = -np.inf
    for _ in range(moves):
        rest = (count[:, None] - held) > 0
        violations = (~(rest[:, :, None] | clauses)).sum(axis=0)
        cand = surplus[:, None, None] + model - model[:, issues, x][:, :, None]
        s = _score(cand, violations)
        s[blocked] = -np.inf
        score = float(s[0, x[0]])
        i, k = np.unravel_index(int(np.argmax(s)), s.shape)
        if s[i, k] <= score + 1e-12:
            break
        surplus, x[i], score = cand[:, i, k], k, float(s[i, k])
        count = count - held[:, i] + clauses[:, i, k]
        held[:, i] = clauses[:, i, k]
    return x, score
