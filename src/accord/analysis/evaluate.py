"""Plan evaluation: who accepts which plan, by how much, and why.

For party ``p`` and package ``x``:

    u_p(x) = sum_i w_p,i * v_p,i(x_i) / sum_i w_p,i        (0-100)

``x`` is acceptable to ``p`` when ``u_p(x) > BATNA_p`` (Fisher & Ury 1981,
*Getting to Yes*: the best alternative to a negotiated agreement) and ``x``
crosses none of ``p``'s red lines. An issue a plan leaves open takes its
``status_quo`` option; where an issue has none, the plan is *incomplete* and
``p``'s utility is reported as the interval over that issue's options.

The surplus decomposes exactly by issue,

    u_p(x) - BATNA_p = sum_i (w_p,i / sum_j w_p,j) * (v_p,i(x_i) - BATNA_p),

so each issue's *share* says how much it pulls the verdict up or down; the
largest shares are "what weighs most for and against".

A verdict is *firm* when the surplus exceeds the profile's stated spread of
values plus BATNA (a worst-case bound: the utility is a weighted mean of
values, so it moves by at most the value spread), otherwise *fragile*.

The results (:class:`Evaluation`, :class:`PlanEvaluation`, :class:`PartyVerdict`,
:class:`IssueShare`) live in :mod:`accord.analysis.results` with the other engines'.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from accord.analysis.registry import SOLVERS
from accord.analysis.results import Acceptability, Evaluation, IssueShare, PartyVerdict, PlanEvaluation
from accord.model import PlanVariant, Scenario
from accord.model.logic import Clause
from accord.numeric import TOL
from accord.provenance import Provenance
from accord.space import Space, compile_space

__all__ = [
    "COMPLETION_LIMIT",
    "Evaluation",
    "IssueShare",
    "PartyVerdict",
    "PlanEvaluation",
    "evaluate_across_perspectives",
    "evaluate_plans",
    "evaluate_variant",
]


def evaluate_plans(
    scenario: Scenario,
    *,
    perspective: str | None = None,
    plans: Sequence[str] | None = None,
    parties: Sequence[str] | None = None,
) -> Evaluation:
    """Evaluate plans (every reading as its own variant) for the profiled parties.

    ``plans`` selects plan ids (``istanbul-2022``) or variant ids
    (``draft-treaty-2022@wsj``); a plan id selects all its readings.
    """
    t0 = time.perf_counter()
    space = compile_space(scenario, perspective=perspective, parties=parties)
    variants = _select_variants(scenario, plans)
    spreads = []
    for holder in space.parties:
        prof = scenario.profile(holder, space.perspective)
        assert prof is not None  # compile_space found it
        spreads.append(prof.spread.values + prof.spread.batna)
    results = tuple(evaluate_variant(space, v, spreads) for v in variants)
    exact = all(pe.exact for pe in results)
    if exact:
        algorithm = "exact enumeration of completions"
    elif not any(pe.exact for pe in results):
        algorithm = "per-issue bounds"
    else:
        algorithm = (
            f"exact enumeration of completions; per-issue bounds beyond {COMPLETION_LIMIT:,} completions"
        )
    params: dict[str, object] = {
        "perspective": space.perspective,
        "plans": None if plans is None else tuple(plans),
        "parties": None if parties is None else tuple(parties),
        "completion_limit": COMPLETION_LIMIT,
    }
    return Evaluation(
        scenario=scenario.id,
        perspective=space.perspective,
        parties=space.parties,
        plans=results,
        provenance=Provenance(
            algorithm=algorithm,
            citation=SOLVERS.get("evaluation").citation,
            parameters=params,
            exact=exact,
            seconds=time.perf_counter() - t0,
        ),
    )


def evaluate_across_perspectives(
    scenario: Scenario, *, plans: Sequence[str] | None = None, parties: Sequence[str] | None = None
) -> tuple[Evaluation, ...]:
    """The same plans under every perspective, to show whose estimate decides."""
    return tuple(
        evaluate_plans(scenario, perspective=p.id, plans=plans, parties=parties)
        for p in scenario.perspectives
    )


def _select_variants(scenario: Scenario, wanted: Sequence[str] | None) -> tuple[PlanVariant, ...]:
    allv = scenario.plan_variants()
    if not wanted:
        return allv
    out: list[PlanVariant] = []
    for w in wanted:
        chosen = [v for v in allv if v.id == w or v.plan.id == w]
        if not chosen:
            raise KeyError(f"no plan {w!r}; plans: {', '.join(v.id for v in allv)}")
        out.extend(c for c in chosen if c not in out)
    return tuple(out)


COMPLETION_LIMIT = 200_000
"""Plans with more completions than this are judged by bounds (flagged inexact)."""


def evaluate_variant(space: Space, variant: PlanVariant, spreads: Sequence[float]) -> PlanEvaluation:
    """Evaluate one plan variant over every feasible completion of its open issues.

    ``spreads[p]``: party p's stated spread of values plus BATNA, below which a
    verdict is fragile.
    """
    fixed, held, free = _terms(space, variant)
    package: dict[str, str | None] = {
        space.issues[i]: (space.options[i][fixed[i]] if i in fixed else None)
        for i in range(len(space.issues))
    }
    fixed_sum = np.zeros(len(space.parties))
    for i, k in fixed.items():
        fixed_sum = fixed_sum + space.contrib[i][:, k]
    n_completions = int(np.prod([len(space.options[i]) for i in free])) if free else 1
    exact = n_completions <= COMPLETION_LIMIT
    if exact:
        judged = _judge_completions(space, fixed, free, fixed_sum)
    else:
        judged = _judge_by_bounds(space, fixed, free, fixed_sum)
    verdicts = tuple(_verdict(space, p, judged, fixed, spreads[p]) for p in range(len(space.parties)))
    return PlanEvaluation(
        plan=variant.id,
        title=variant.title,
        proposer=variant.plan.proposer,
        date=variant.plan.date,
        reading=variant.reading.id if variant.reading else None,
        package=package,
        held_at_status_quo=tuple(held),
        undetermined=tuple(space.issues[i] for i in free),
        violations=judged.violations,
        parties=verdicts,
        completions=n_completions,
        exact=exact,
    )


def _terms(space: Space, variant: PlanVariant) -> tuple[dict[int, int], list[str], list[int]]:
    """The plan's settled options, the issues held at their status quo, and the open issues.

    Open issues take their status quo; those without one stay open.
    """
    fixed: dict[int, int] = {}
    held: list[str] = []
    free: list[int] = []
    for i, issue_id in enumerate(space.issues):
        opt = variant.terms.get(issue_id)
        sq = space.status_quo[i]
        if opt is not None:
            fixed[i] = space.options[i].index(opt)
        elif sq is not None:
            fixed[i] = sq
            held.append(issue_id)
        else:
            free.append(i)
    return fixed, held, free


def _verdict(
    space: Space, p: int, judged: _Judgement, fixed: Mapping[int, int], spread: float
) -> PartyVerdict:
    """Party ``p``'s verdict from the judgement of the completions."""
    batna = float(space.batna[p])
    u_lo, u_hi = judged.lo[p], judged.hi[p]
    utility = (u_lo + u_hi) / 2
    crossed = judged.crossed[p]
    margin = min(abs(u_lo - batna), abs(u_hi - batna))
    return PartyVerdict(
        party=space.parties[p],
        perspective=space.perspectives[p],
        utility=utility,
        utility_range=(u_lo, u_hi),
        batna=batna,
        surplus=utility - batna,
        acceptability=judged.acceptability[p],
        red_lines=crossed,
        red_lines_possible=judged.possible[p],
        shares=_shares(space, p, fixed, batna),
        firm=bool(crossed) or margin > spread,
        spread=spread,
    )


def _shares(space: Space, p: int, fixed: Mapping[int, int], batna: float) -> tuple[IssueShare, ...]:
    """Each settled issue's part in party ``p``'s surplus (none without weights)."""
    if space.weights is None:
        return ()
    shares = []
    for i, k in fixed.items():
        w = float(space.weights[p, i])
        if w > 0:
            value = float(space.contrib[i][p, k] / w)
            shares.append(
                IssueShare(
                    issue=space.issues[i],
                    option=space.options[i][k],
                    weight=w,
                    value=value,
                    share=w * (value - batna),
                )
            )
    return tuple(shares)


@dataclass(frozen=True, slots=True)
class _Judgement:
    """Per party: utility range, verdict, red lines always and possibly crossed; broken constraints."""

    lo: list[float]
    hi: list[float]
    acceptability: list[Acceptability]
    crossed: list[tuple[str, ...]]
    possible: list[tuple[str, ...]]
    violations: tuple[str, ...]


def _judge_completions(
    space: Space, fixed: Mapping[int, int], free: Sequence[int], fixed_sum: np.ndarray
) -> _Judgement:
    """Exact verdicts: enumerate every completion of the open issues.

    Completions that break a scenario constraint are not packages anyone could
    sign, so the ranges and verdicts are taken over the feasible ones only.
    """
    grids = np.meshgrid(*[np.arange(len(space.options[i])) for i in free], indexing="ij")
    comp = np.stack([g.ravel() for g in grids], axis=1) if free else np.zeros((1, 0), dtype=np.int64)
    column = {issue: j for j, issue in enumerate(free)}

    def satisfied(c: Clause) -> np.ndarray:
        ok = np.zeros(comp.shape[0], dtype=bool)
        for m in c.members:
            if m.issue in column:
                ok |= np.isin(comp[:, column[m.issue]], list(m.options))
            elif fixed[m.issue] in m.options:
                ok[:] = True
        return ok

    feasible = np.ones(comp.shape[0], dtype=bool)
    broken: dict[str, np.ndarray] = {}
    for c in space.constraints:
        sat = satisfied(c)
        feasible &= sat
        name = c.origin.name
        broken[name] = broken.get(name, np.zeros(comp.shape[0], dtype=bool)) | ~sat
    if feasible.any():
        violations: tuple[str, ...] = ()
        rows = feasible
    else:
        # No completion is a valid package: name what every completion breaks.
        violations = tuple(n for n, b in broken.items() if b.all()) or tuple(broken)
        rows = np.ones(comp.shape[0], dtype=bool)
    util = np.tile(fixed_sum, (comp.shape[0], 1))
    for j, i in enumerate(free):
        util = util + space.contrib[i][:, comp[:, j]].T
    util = util[rows]
    crosses = [[~satisfied(c)[rows] for c in space.red_lines[p]] for p in range(len(space.parties))]
    return _judge_rows(space, util, crosses, violations)


def _judge_rows(
    space: Space, util: np.ndarray, crosses: list[list[np.ndarray]], violations: tuple[str, ...]
) -> _Judgement:
    """Verdicts from the utilities of the completions judged (rows).

    ``crosses[p][r]`` marks the rows crossing party p's red line r.
    """
    lo: list[float] = []
    hi: list[float] = []
    acc: list[Acceptability] = []
    crossed: list[tuple[str, ...]] = []
    possible: list[tuple[str, ...]] = []
    for p in range(len(space.parties)):
        ok = util[:, p] - space.batna[p] > TOL
        always: list[str] = []
        some: list[str] = []
        for c, cross in zip(space.red_lines[p], crosses[p], strict=True):
            ok &= ~cross
            if cross.all():
                always.append(_rl_text(c))
            elif cross.any():
                some.append(_rl_text(c))
        lo.append(float(util[:, p].min()))
        hi.append(float(util[:, p].max()))
        verdict: Acceptability = "depends"
        if ok.all() and not violations:
            verdict = "yes"
        elif violations or not ok.any():
            verdict = "no"
        acc.append(verdict)
        crossed.append(tuple(always))
        possible.append(tuple(some))
    return _Judgement(lo, hi, acc, crossed, possible, violations)


def _judge_by_bounds(
    space: Space, fixed: Mapping[int, int], free: Sequence[int], fixed_sum: np.ndarray
) -> _Judgement:
    """Verdicts from per-issue bounds, for plans with too many completions to list.

    Sound but not sharp: "yes" and "no" are certain; "depends" may hide a "no".
    """
    n = len(space.parties)
    lo = fixed_sum + sum((space.contrib[i].min(axis=1) for i in free), np.zeros(n))
    hi = fixed_sum + sum((space.contrib[i].max(axis=1) for i in free), np.zeros(n))
    violations = tuple(dict.fromkeys(c.origin.name for c in space.constraints if _always_violated(c, fixed)))
    acc: list[Acceptability] = []
    crossed, possible = [], []
    for p in range(n):
        always = tuple(_rl_text(c) for c in space.red_lines[p] if _always_violated(c, fixed))
        some = tuple(
            _rl_text(c)
            for c in space.red_lines[p]
            if not _always_violated(c, fixed) and _maybe_violated(c, fixed, space)
        )
        if always or violations or hi[p] - space.batna[p] <= TOL:
            acc.append("no")
        elif some or lo[p] - space.batna[p] <= TOL:
            acc.append("depends")
        else:
            acc.append("yes")
        crossed.append(always)
        possible.append(some)
    return _Judgement([float(x) for x in lo], [float(x) for x in hi], acc, crossed, possible, violations)


def _always_violated(c: Clause, fixed: Mapping[int, int]) -> bool:
    """No completion of the plan satisfies the clause."""
    for m in c.members:
        if m.issue in fixed:
            if fixed[m.issue] in m.options:
                return False
        elif m.options:
            return False
    return True


def _maybe_violated(c: Clause, fixed: Mapping[int, int], space: Space) -> bool:
    """Some completion of the plan violates the clause."""
    for m in c.members:
        if m.issue in fixed:
            if fixed[m.issue] in m.options:
                return False
        elif len(m.options) == len(space.options[m.issue]):
            return False
    return True


def _rl_text(c: Clause) -> str:
    return c.origin.name
