"""The plug-in interface of strategies, and the offer drafting they share.

A delegation strategy answers three questions (:class:`Strategy`): what to
propose (:meth:`~Strategy.propose`), whether to accept an offer or a final text
(:meth:`~Strategy.accepts`) and what to tell a mediator (:meth:`~Strategy.reveal`).
It sees only its own :class:`~accord.protocols.agenda.Delegation` and a
:class:`Context` of what was said in its hearing. A mediator strategy
(:class:`MediatorStrategy`) drafts a text from the reports it received.

Offers are drafted from an aspiration level (Faratin, Sierra & Jennings 1998,
"Negotiation decision functions for autonomous agents", RAS 24(3-4)): among the
delegation's candidates worth at least the aspiration, the one most like what
the others have asked for (a frequency model of their offers; Baarslag et al.
2013 on opponent modelling), with logrolls traded along the model added to the
candidates. Every built-in strategy is *rational*: it never accepts a package
below its BATNA or across one of its red lines (:func:`rational`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from accord.numeric import TOL, FloatArray, IntArray
from accord.protocols.agenda import Agenda, Delegation, Package
from accord.protocols.events import Report

LOGROLL_WEIGHTS = (0.0, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 32.0)
"""How strongly the drafted logrolls weigh the others' asks against one's own values."""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Context:
    """What a delegation knows of the talks when it acts: the clock and what it heard.

    ``received`` are the packages others offered or drafted in its hearing
    (oldest first); ``sent`` its own offers; ``final`` marks the closing vote
    on a whole text; ``rng`` the run's random generator.
    """

    round: int
    deadline: int
    received: tuple[Package, ...] = ()
    sent: tuple[Package, ...] = ()
    final: bool = False
    rng: np.random.Generator

    @property
    def t(self) -> float:
        """The share of the time elapsed, from 0 (first round) to 1 (the deadline)."""
        return min(1.0, max(0.0, (self.round - 1) / max(1, self.deadline - 1)))


def rational(me: Delegation, offer: Package) -> bool:
    """Whether a rational delegation may accept ``offer``: above its BATNA, no red line crossed."""
    return bool(me.acceptable(np.array([offer], dtype=np.int64))[0])


def utility(me: Delegation, package: Package) -> float:
    """The delegation's utility of one package."""
    return float(me.utility(np.array([package], dtype=np.int64))[0])


class Strategy:
    """A delegation's strategy: time-based concession by default (subclasses refine it).

    ``aspiration`` gives the utility the delegation asks for at time ``t`` (0 to 1),
    from its best candidate down to its BATNA.
    """

    name = "strategy"

    def aspiration(self, me: Delegation, ctx: Context) -> float:  # noqa: ARG002 (the interface's signature)
        """The utility asked for now; the base strategy holds at its best (no concession)."""
        return me.best_utility

    def propose(self, me: Delegation, ctx: Context) -> Package:
        """An admissible package worth at least the aspiration, as close to the others' asks as possible."""
        return draft_offer(me, self.aspiration(me, ctx), ctx)

    def accepts(self, me: Delegation, offer: Package, ctx: Context) -> bool:
        """Accept a rational offer worth the aspiration (in a final vote: any rational offer)."""
        if not rational(me, offer):
            return False
        return ctx.final or utility(me, offer) >= self.aspiration(me, ctx) - TOL

    def reveal(self, me: Delegation, ctx: Context) -> Report:
        """Tell the mediator the truth about the issues that matter most so far, and a shaded BATNA.

        The share of issues disclosed grows with time (a quarter at the start, all
        by the deadline), most important first; the stated BATNA is the aspiration.
        """
        share = min(1.0, 0.25 + ctx.t)
        return truthful_report(me, share=share, batna=max(me.batna, self.aspiration(me, ctx)))


class MediatorStrategy:
    """A mediator's strategy: drafts a whole package from the reports it has received."""

    name = "mediator"

    def draft(
        self,
        agenda: Agenda,
        reports: Mapping[str, Report],  # noqa: ARG002 (the interface's signature)
        previous: Package | None,
        ctx: Context,  # noqa: ARG002
    ) -> Package:
        """The next text; the base mediator keeps the previous one (or the status quo)."""
        return previous if previous is not None else agenda.start


def truthful_report(me: Delegation, *, share: float = 1.0, batna: float | None = None) -> Report:
    """The delegation's true values on the ``share`` of issues it weighs most, and its red lines."""
    n = me.table.shape[0]
    spread = me.table.max(axis=1) - me.table.min(axis=1)
    order = np.argsort(-spread, kind="stable")
    shown = set(order[: max(1, int(np.ceil(share * n)))].tolist())
    values = tuple(me.table[i, : me.agenda.sizes[i]].copy() if i in shown else None for i in range(n))
    return Report(
        party=me.party, values=values, batna=me.batna if batna is None else batna, red_lines=me.red_lines
    )


def ask_model(me: Delegation, received: tuple[Package, ...], memory: int = 12) -> FloatArray:
    """How often each option appeared in the last ``memory`` packages others asked for (0 to 1)."""
    recent = received[-memory:]
    if not recent:
        return np.zeros_like(me.table)
    asks = np.array(recent, dtype=np.int64)
    counts = (asks[:, :, None] == np.arange(me.table.shape[1])[None, None, :]).sum(axis=0)
    out: FloatArray = counts / len(recent)
    return out


WEIGHTS = np.array(LOGROLL_WEIGHTS)[:, None, None]
"""The logroll weights shaped for broadcasting over (weights, issues, options)."""


def logrolls(me: Delegation, model: FloatArray) -> IntArray:
    """Admissible packages trading own values against the others' asks at several weights."""
    scale = float(np.mean(me.table.max(axis=1) - me.table.min(axis=1))) or 1.0
    scores = np.where(me.agenda.allowed, me.table + WEIGHTS * scale * model, -np.inf)
    cand: IntArray = scores.argmax(axis=2).astype(np.int64)
    return cand[me.admissible(cand)]


def draft_offer(me: Delegation, target: float, ctx: Context) -> Package:
    """The candidate worth at least ``target`` that best matches what the others asked for.

    With nothing heard yet, the candidate closest above the target (ties at random).
    Candidates: the delegation's pool, logrolls along the ask model, and the
    packages others offered. When none reaches the target, the delegation's best.
    """
    model = ask_model(me, ctx.received)
    extra = [logrolls(me, model)]
    if ctx.received:
        heard = np.array(ctx.received[-12:], dtype=np.int64)
        extra.append(heard[me.admissible(heard)])
    cand = np.vstack([me.pool, *extra])
    u = me.utility(cand)
    ok = u >= target - TOL
    if not ok.any():
        return me.best
    cand, u = cand[ok], u[ok]
    if ctx.received:
        score = model[np.arange(model.shape[0]), cand].sum(axis=1)
        top = np.flatnonzero(score >= score.max() - TOL)
        pick = top[np.argmin(u[top])]
    else:
        top = np.flatnonzero(u <= u.min() + TOL)
        pick = int(ctx.rng.choice(top))
    return tuple(int(k) for k in cand[pick])
