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
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from accord.logic import Clause
from accord.model import PlanVariant, Scenario
from accord.space import TOL, Space, compile_space

Acceptability = Literal["yes", "no", "depends"]


@dataclass(frozen=True, slots=True, kw_only=True)
class IssueShare:
    """One issue's part in a party's surplus (points on the 0-100 scale)."""

    issue: str
    option: str
    weight: float  # normalised weight (the party's weights sum to 1)
    value: float
    share: float


@dataclass(frozen=True, slots=True, kw_only=True)
class PartyVerdict:
    party: str
    perspective: str  # whose estimate these numbers are
    utility: float  # midpoint of utility_range when the plan is incomplete
    utility_range: tuple[float, float]
    batna: float
    surplus: float
    acceptability: Acceptability
    red_lines: tuple[str, ...]  # crossed by every completion of the plan
    red_lines_possible: tuple[str, ...]  # crossed by some completion only
    shares: tuple[IssueShare, ...]
    firm: bool
    spread: float

    @property
    def acceptable(self) -> bool:
        return self.acceptability == "yes"

    def weighs_for(self, n: int = 3) -> tuple[IssueShare, ...]:
        pos = sorted((s for s in self.shares if s.share > TOL), key=lambda s: -s.share)
        return tuple(pos[:n])

    def weighs_against(self, n: int = 3) -> tuple[IssueShare, ...]:
        neg = sorted((s for s in self.shares if s.share < -TOL), key=lambda s: s.share)
        return tuple(neg[:n])


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanEvaluation:
    plan: str
    title: str
    proposer: str | None
    date: str
    reading: str | None
    package: Mapping[str, str | None]  # None: open with no status quo
    held_at_status_quo: tuple[str, ...]
    undetermined: tuple[str, ...]
    violations: tuple[str, ...]  # constraints every completion of the plan breaks
    parties: tuple[PartyVerdict, ...]
    completions: int = 1  # packages the open issues without status quo allow
    exact: bool = True  # False: too many completions, verdicts from bounds

    @property
    def complete(self) -> bool:
        return not self.undetermined

    @property
    def acceptable_to_all(self) -> bool:
        return not self.violations and all(v.acceptability == "yes" for v in self.parties)

    @property
    def blocked_by(self) -> tuple[str, ...]:
        return tuple(v.party for v in self.parties if v.acceptability == "no")

    @property
    def undecided(self) -> tuple[str, ...]:
        return tuple(v.party for v in self.parties if v.acceptability == "depends")

    def verdict(self) -> str:
        """One sentence a reader can quote."""
        if self.acceptable_to_all:
            fragile = [v.party for v in self.parties if not v.firm]
            text = "acceptable to all"
            if fragile:
                text += " (fragile for " + ", ".join(fragile) + ": surplus within the estimate spread)"
            return text
        parts = []
        if self.violations:
            parts.append("breaks constraint " + "; ".join(self.violations))
        for v in self.parties:
            if v.acceptability == "no":
                why = [f"surplus {v.surplus:+.1f}"] if v.surplus <= TOL else []
                why += [f"red line {r}" for r in v.red_lines]
                parts.append(f"blocked by {v.party} ({', '.join(why)})")
        if self.undecided:
            parts.append(
                "undecided for "
                + ", ".join(self.undecided)
                + " until "
                + ", ".join(self.undetermined)
                + " settled"
            )
        return "; ".join(parts)


@dataclass(frozen=True, slots=True, kw_only=True)
class Evaluation:
    scenario: str
    perspective: str
    parties: tuple[str, ...]
    plans: tuple[PlanEvaluation, ...]
    method: str = (
        "additive utility u_p(x) = sum_i w_p,i v_p,i(x_i) / sum_i w_p,i; acceptable when "
        f"u_p > BATNA_p by more than {TOL:g} and no red line is crossed"
    )

    def plan(self, plan_id: str) -> PlanEvaluation:
        for p in self.plans:
            if p.plan == plan_id:
                return p
        raise KeyError(plan_id)

    def to_frame(self) -> object:
        """A pandas DataFrame, one row per plan and party (needs ``accord[pandas]``)."""
        import pandas as pd

        rows = [
            {
                "plan": pe.plan,
                "party": v.party,
                "perspective": v.perspective,
                "utility": v.utility,
                "utility_low": v.utility_range[0],
                "utility_high": v.utility_range[1],
                "batna": v.batna,
                "surplus": v.surplus,
                "acceptable": v.acceptable,
                "acceptability": v.acceptability,
                "red_lines": "; ".join(v.red_lines),
                "firm": v.firm,
            }
            for pe in self.plans
            for v in pe.parties
        ]
        return pd.DataFrame(rows)


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
    space = compile_space(scenario, perspective=perspective, parties=parties)
    variants = _select_variants(scenario, plans)
    spreads = []
    for holder in space.parties:
        prof = scenario.profile(holder, space.perspective)
        assert prof is not None  # compile_space found it
        spreads.append(prof.spread.values + prof.spread.batna)
    results = tuple(evaluate_variant(space, v, scenario, spreads) for v in variants)
    return Evaluation(
        scenario=scenario.id, perspective=space.perspective, parties=space.parties, plans=results
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


def evaluate_variant(
    space: Space, variant: PlanVariant, scenario: Scenario, spreads: Sequence[float]
) -> PlanEvaluation:
    """Evaluate one plan variant over every feasible completion of its open issues."""
    fixed: dict[int, int] = {}
    held: list[str] = []
    free: list[int] = []
    for i, issue_id in enumerate(space.issues):
        opt = variant.terms.get(issue_id)
        if opt is not None:
            fixed[i] = space.options[i].index(opt)
        elif space.status_quo[i] is not None:
            sq = space.status_quo[i]
            assert sq is not None
            fixed[i] = sq
            held.append(issue_id)
        else:
            free.append(i)
    package: dict[str, str | None] = {
        space.issues[i]: (space.options[i][fixed[i]] if i in fixed else None)
        for i in range(len(space.issues))
    }
    n_parties = len(space.parties)
    fixed_sum = np.zeros(n_parties)
    for i, k in fixed.items():
        fixed_sum = fixed_sum + space.contrib[i][:, k]

    n_completions = int(np.prod([len(space.options[i]) for i in free])) if free else 1
    exact = n_completions <= COMPLETION_LIMIT
    if exact:
        judged = _judge_completions(space, fixed, free, fixed_sum)
    else:
        judged = _judge_by_bounds(space, fixed, free, fixed_sum)

    verdicts = []
    for p, holder in enumerate(space.parties):
        batna = float(space.batna[p])
        u_lo, u_hi = judged.lo[p], judged.hi[p]
        utility = (u_lo + u_hi) / 2
        surplus = utility - batna
        shares = []
        if space.weights is not None:
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
        crossed = judged.crossed[p]
        margin = min(abs(u_lo - batna), abs(u_hi - batna))
        verdicts.append(
            PartyVerdict(
                party=holder,
                perspective=space.perspectives[p],
                utility=utility,
                utility_range=(u_lo, u_hi),
                batna=batna,
                surplus=surplus,
                acceptability=judged.acceptability[p],
                red_lines=crossed,
                red_lines_possible=judged.possible[p],
                shares=tuple(shares),
                firm=bool(crossed) or margin > spreads[p],
                spread=spreads[p],
            )
        )
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
        parties=tuple(verdicts),
        completions=n_completions,
        exact=exact,
    )


@dataclass(frozen=True, slots=True)
class _Judgement:
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
    lo: list[float] = []
    hi: list[float] = []
    acc: list[Acceptability] = []
    crossed: list[tuple[str, ...]] = []
    possible: list[tuple[str, ...]] = []
    for p in range(len(space.parties)):
        ok = util[:, p] - space.batna[p] > TOL
        always: list[str] = []
        some: list[str] = []
        for c in space.red_lines[p]:
            crosses = ~satisfied(c)[rows]
            ok &= ~crosses
            if crosses.all():
                always.append(_rl_text(c))
            elif crosses.any():
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
    violations = tuple(
        dict.fromkeys(c.origin.name for c in space.constraints if _always_violated(c, fixed, free, space))
    )
    acc: list[Acceptability] = []
    crossed, possible = [], []
    for p in range(n):
        always = tuple(_rl_text(c) for c in space.red_lines[p] if _always_violated(c, fixed, free, space))
        some = tuple(
            _rl_text(c)
            for c in space.red_lines[p]
            if not _always_violated(c, fixed, free, space) and _maybe_violated(c, fixed, free, space)
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


def _always_violated(c: Clause, fixed: Mapping[int, int], free: Sequence[int], space: Space) -> bool:
    """No completion of the plan satisfies the clause."""
    for m in c.members:
        if m.issue in fixed:
            if fixed[m.issue] in m.options:
                return False
        elif m.options:
            return False
    return True


def _maybe_violated(c: Clause, fixed: Mapping[int, int], free: Sequence[int], space: Space) -> bool:
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
