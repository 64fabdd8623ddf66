"""Plan evaluation: who accepts which plan, by how much, and why.

For party ``p`` and package ``x``:

    u_p(x) = sum_i w_p,i * v_p,i(x_i) / sum_i w_p,i        (0-100)

``x`` is acceptable to ``p`` when ``u_p(x) > BATNA_p`` (Fisher & Ury 1981,
*Getting to Yes*: the best alternative to a negotiated agreement) and ``x``
crosses none of ``p``'s red lines. An issue a plan leaves open takes its
``status_quo`` option; where an issue has none, the plan is *incomplete* and
``p``'s utility is reported as the interval over that issue's options. An issue
a plan *provides in one of several forms* (a :class:`accord.model.OneOf` term:
"silent is not status quo") is judged the same way over the listed options
only: the range is exact, the verdict is "yes" or "no" only when every form
agrees, and a red line crossed by some forms but not all makes it "depends"
(the plan's ``forms`` name the issues whose form decides).

The surplus decomposes exactly by issue,

    u_p(x) - BATNA_p = sum_i (w_p,i / sum_j w_p,j) * (v_p,i(x_i) - BATNA_p),

so each issue's *share* says how much it pulls the verdict up or down; the
largest shares are "what weighs most for and against".

A verdict is *firm* when the surplus exceeds the profile's stated spread of
values plus BATNA by more than :data:`~accord.numeric.TOL` (a worst-case bound:
the utility is a weighted mean of values, so it moves by at most the value
spread), otherwise *fragile*: ``|surplus| <= spread + TOL`` counts as within
the spread, so float noise never decides an exact tie. Likewise a surplus
within TOL of zero is no surplus: acceptable needs ``surplus > TOL``.

A plan whose completions all break the constraints is *infeasible*: it names
the constraints in conflict (those every completion breaks, else a minimal set
that no completion meets together), and each party's verdict stays its own,
judged over every completion. Plans with more than :data:`COMPLETION_LIMIT`
completions are judged by branch and bound over the clauses instead of
enumeration; feasibility is always decided exactly.

The results (:class:`Evaluation`, :class:`PlanEvaluation`, :class:`PartyVerdict`,
:class:`IssueShare`) live in :mod:`accord.analysis.results` with the other engines'.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from accord.analysis.kernel.clausemax import maximise
from accord.analysis.registry import SOLVERS
from accord.analysis.results import Acceptability, Evaluation, IssueShare, PartyVerdict, PlanEvaluation
from accord.model import PlanVariant, Scenario, term_options
from accord.model.choice import PerspectiveChoice, PerspectiveSpec
from accord.model.logic import Clause, find_assignment
from accord.numeric import TOL
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


COMPLETION_LIMIT = 200_000
"""Plans with more completions than this are judged by search over the clauses (flagged inexact)."""


def evaluate_plans(
    scenario: Scenario,
    *,
    perspective: PerspectiveSpec = None,
    plans: Sequence[str] | None = None,
    parties: Sequence[str] | None = None,
    completion_limit: int = COMPLETION_LIMIT,
) -> Evaluation:
    """Evaluate plans (every reading as its own variant) for the profiled parties.

    ``plans`` selects plan ids (``istanbul-2022``) or variant ids
    (``draft-treaty-2022@wsj``); a plan id selects all its readings. Plans with
    more than ``completion_limit`` completions are judged by branch and bound
    over the clauses rather than by enumeration. ``perspective`` is one id or a
    mixed choice (:func:`accord.space.compile_space`); the result's
    ``perspective`` is its text form and the provenance records whose estimate
    each party's row is.
    """
    t0 = time.perf_counter()
    choice = PerspectiveChoice.of(perspective)
    space = compile_space(scenario, perspective=choice, parties=parties)
    variants = _select_variants(scenario, plans)
    spreads = [float(x) for x in space.estimate_spread]
    results = tuple(evaluate_variant(space, v, spreads, completion_limit=completion_limit) for v in variants)
    exact = all(pe.exact for pe in results)
    if exact:
        algorithm = "exact enumeration of completions"
    elif not any(pe.exact for pe in results):
        algorithm = "branch and bound over the clauses"
    else:
        algorithm = (
            "exact enumeration of completions; branch and bound over the clauses beyond "
            f"{completion_limit:,} completions"
        )
    params: dict[str, object] = {
        "perspective": space.choice,
        "perspectives": choice.as_dict(scenario),
        "estimates_by": dict(zip(space.parties, space.perspectives, strict=True)),
        "plans": None if plans is None else tuple(plans),
        "parties": None if parties is None else tuple(parties),
        "completion_limit": completion_limit,
    }
    return Evaluation(
        scenario=scenario.id,
        perspective=space.choice,
        parties=space.parties,
        plans=results,
        provenance=SOLVERS.get("evaluation").provenance(
            algorithm, parameters=params, started=t0, exact=exact
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


def evaluate_variant(
    space: Space,
    variant: PlanVariant,
    spreads: Sequence[float],
    *,
    completion_limit: int = COMPLETION_LIMIT,
) -> PlanEvaluation:
    """Evaluate one plan variant over every feasible completion of its open issues.

    ``spreads[p]``: party p's stated spread of values plus BATNA, within which
    (plus :data:`~accord.numeric.TOL`) a verdict is fragile. Plans with more than
    ``completion_limit`` completions are judged by search over the clauses
    instead of enumeration.
    """
    fixed, held, free = _terms(space, variant)
    package: dict[str, str | None] = {
        space.issues[i]: (space.options[i][fixed[i]] if i in fixed else None)
        for i in range(len(space.issues))
    }
    fixed_sum = np.zeros(len(space.parties))
    for i, k in fixed.items():
        fixed_sum = fixed_sum + space.contrib[i][:, k]
    n_completions = int(np.prod([len(opts) for opts in free.values()])) if free else 1
    exact = n_completions <= completion_limit
    judged = (
        _judge_completions(space, fixed, free, fixed_sum) if exact else _judge_by_bounds(space, fixed, free)
    )
    forms = {space.issues[i]: tuple(space.options[i][k] for k in opts) for i, opts in free.items()}
    undetermined = tuple(space.issues[i] for i in free if variant.terms.get(space.issues[i]) is None)
    verdicts = tuple(_verdict(space, p, judged, fixed, spreads[p]) for p in range(len(space.parties)))
    return PlanEvaluation(
        plan=variant.id,
        title=variant.title,
        proposers=variant.plan.proposers,
        date=variant.plan.date,
        reading=variant.reading.id if variant.reading else None,
        package=package,
        held_at_status_quo=tuple(held),
        undetermined=undetermined,
        forms={k: v for k, v in forms.items() if k not in undetermined},
        violations=judged.violations,
        parties=verdicts,
        completions=n_completions,
        exact=exact,
    )


Free = Mapping[int, tuple[int, ...]]
"""Per issue a plan leaves undecided, the options its completions may take."""


def _terms(
    space: Space, variant: PlanVariant
) -> tuple[dict[int, int], list[str], dict[int, tuple[int, ...]]]:
    """The plan's settled options, the issues held at their status quo, and the undecided ones.

    Open issues take their status quo; those without one stay open over all their
    options; an issue provided in one of several forms is open over those forms.
    """
    fixed: dict[int, int] = {}
    held: list[str] = []
    free: dict[int, tuple[int, ...]] = {}
    for i, issue_id in enumerate(space.issues):
        term = variant.terms.get(issue_id)
        sq = space.status_quo[i]
        if term is not None:
            opts = tuple(space.options[i].index(o) for o in term_options(term))
            if len(opts) == 1:
                fixed[i] = opts[0]
            else:
                free[i] = opts
        elif sq is not None:
            fixed[i] = sq
            held.append(issue_id)
        else:
            free[i] = tuple(range(len(space.options[i])))
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
        firm=bool(crossed) or margin > spread + TOL,
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


def _plan_domains(space: Space, fixed: Mapping[int, int], free: Free) -> tuple[frozenset[int], ...]:
    """Per issue the options a completion of the plan may take: the settled one, or the open ones."""
    return tuple(
        frozenset({fixed[i]}) if i in fixed else frozenset(free[i]) for i in range(len(space.issues))
    )


def _conflict(space: Space, domains: Sequence[frozenset[int]]) -> tuple[str, ...]:
    """The constraints no completion of the plan can meet together; ``()`` when one can.

    Decided exactly with the clause logic. The constraints every completion breaks
    on their own are named when there are any; otherwise a minimal conflicting set:
    constraints that together no completion meets, each of them necessary (deletion
    filter over constraints, Bakker et al. 1993, as in
    :func:`accord.model.logic.minimal_conflict`).
    """
    sizes = space.sizes
    if find_assignment(sizes, space.constraints, domains) is not None:
        return ()
    groups: dict[str, list[Clause]] = {}
    for c in space.constraints:
        groups.setdefault(c.origin.name, []).append(c)
    alone = tuple(n for n, cs in groups.items() if find_assignment(sizes, cs, domains) is None)
    if alone:
        return alone
    keep = list(groups)
    for name in list(keep):
        trial = [n for n in keep if n != name]
        if find_assignment(sizes, [c for n in trial for c in groups[n]], domains) is None:
            keep = trial
    return tuple(keep)


def _judge_completions(
    space: Space, fixed: Mapping[int, int], free: Free, fixed_sum: np.ndarray
) -> _Judgement:
    """Exact verdicts: enumerate every completion of the open issues.

    Completions that break a scenario constraint are not packages anyone could
    sign, so the ranges and verdicts are taken over the feasible ones only. When
    none is feasible the plan names the constraints in conflict, and each party is
    judged over every completion, on its own utility and red lines.
    """
    grids = np.meshgrid(*[np.array(opts, dtype=np.int64) for opts in free.values()], indexing="ij")
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
    for c in space.constraints:
        feasible &= satisfied(c)
    violations: tuple[str, ...] = ()
    rows = feasible
    if not feasible.any():
        violations = _conflict(space, _plan_domains(space, fixed, free))
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

    ``crosses[p][r]`` marks the rows crossing party p's red line r. A party's
    verdict is its own: a broken constraint is the plan's fault, not the party's.
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
        acc.append(_acceptability(bool(ok.any()), not bool(ok.all())))
        crossed.append(tuple(always))
        possible.append(tuple(some))
    return _Judgement(lo, hi, acc, crossed, possible, violations)


def _acceptability(some_acceptable: bool, some_unacceptable: bool) -> Acceptability:
    """The verdict: "no" when no completion judged is acceptable, "yes" when all are, else "depends"."""
    if not some_acceptable:
        return "no"
    return "depends" if some_unacceptable else "yes"


def _judge_by_bounds(space: Space, fixed: Mapping[int, int], free: Free) -> _Judgement:
    """Verdicts for plans with too many completions to list, by search over the clauses.

    Feasibility is decided exactly (:func:`accord.model.logic.find_assignment`);
    a plan no completion of which meets the constraints names a conflicting set
    and each party is judged over every completion. A party's utility range and
    whether some (feasible) completion is acceptable to it come from branch and
    bound (:func:`.kernel.clausemax.maximise`), whether a red line is always or
    possibly crossed from the clause logic. Exact unless the search runs out of
    nodes; then the range is an outer bound and "yes" and "no" stay certain
    ("depends" may hide a "no").
    """
    doms = _plan_domains(space, fixed, free)
    violations = _conflict(space, doms)
    base = () if violations else space.constraints
    lo, hi, acc, crossed, possible = [], [], [], [], []
    for p in range(len(space.parties)):
        values = [space.contrib[i][p] for i in range(len(space.issues))]
        batna = float(space.batna[p])
        top = maximise(values, base, doms).value
        bottom = -maximise([-v for v in values], base, doms).value
        best_ok = maximise(values, (*base, *space.red_lines[p]), doms).value
        always, some = _red_lines_crossed(space, p, base, doms)
        lo.append(bottom)
        hi.append(top)
        acc.append(_acceptability(best_ok - batna > TOL, bool(always or some) or bottom - batna <= TOL))
        crossed.append(always)
        possible.append(some)
    return _Judgement(lo, hi, acc, crossed, possible, violations)


def _red_lines_crossed(
    space: Space, p: int, base: Sequence[Clause], doms: Sequence[frozenset[int]]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Party ``p``'s red lines every completion meeting ``base`` crosses, and those some do."""
    always: list[str] = []
    some: list[str] = []
    for c in space.red_lines[p]:
        if find_assignment(space.sizes, (*base, c), doms) is None:
            always.append(_rl_text(c))
        elif find_assignment(space.sizes, base, _violating(c, doms)) is not None:
            some.append(_rl_text(c))
    return tuple(always), tuple(some)


def _violating(c: Clause, doms: Sequence[frozenset[int]]) -> tuple[frozenset[int], ...]:
    """The domains restricted to the packages that violate clause ``c`` (no member holds)."""
    out = list(doms)
    for m in c.members:
        out[m.issue] = out[m.issue] - m.options
    return tuple(out)


def _rl_text(c: Clause) -> str:
    return c.origin.name
