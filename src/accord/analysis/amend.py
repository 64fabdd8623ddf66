"""The smallest amendment of a plan that every chosen party accepts.

Given a plan (open issues at their status quo), find a package that changes as
few issues of it as possible such that every party in ``must_accept`` prefers it
to its BATNA (surplus above :data:`accord.space.TOL`), no honoured red line of
theirs is crossed and every constraint holds. Among the amendments with that
few changes, take the one that costs the plan's proposers least: the highest
utility of the worst-off proposer (max-min over the proposers, so a joint
proposal is judged by the drafter it suits least, since a joint text binds all
its proposers and any one of them can withdraw it); without proposers, the one
with the largest minimum surplus.

Exact by iterative deepening on the number of changes ``c`` (Korf 1985,
"Depth-first iterative-deepening", Artificial Intelligence 27(1)); each budget
is searched over super-issues (:mod:`accord.analysis.kernel.budget`) with the number of
changes carried as one more coordinate: a partial package is dropped when it
has used more than ``c`` changes, when even the best use of the remaining
changes cannot make some party accept (each super-issue changed adds at most
its best gain and costs at least one change), or when another partial package
is at least as good for everybody with no more changes. The first budget with
an acceptable package is the least number of changes.

When no package at all is acceptable to every party (an empty ZOPA) no
amendment exists, and the result says so.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from accord.analysis.kernel.backend import BackendChoice, choose_backend, run_backend
from accord.analysis.kernel.budget import BudgetSearch, PairLookahead, stage_order, tie_score
from accord.analysis.kernel.graph import ClauseGraph, clause_graph
from accord.analysis.kernel.limits import SolverTimeLimit
from accord.analysis.kernel.mip import PackageMip, any_feasible
from accord.analysis.kernel.mipsolve import least_amendment
from accord.analysis.kernel.objectives import lagrange_weights, max_min_surplus
from accord.analysis.kernel.search import prepare
from accord.analysis.kernel.superissues import conflict_origins, decompose, project
from accord.analysis.registry import SOLVERS
from accord.analysis.results import AmendResult, Change
from accord.model import Term, term_options, term_text
from accord.numeric import TOL, FloatArray, IntArray
from accord.provenance import Status
from accord.space import Space, SpaceError

ALGORITHM = "iterative deepening on the number of changes, stage-wise search over super-issues"
"""What the amendment reports as its algorithm."""

MIP_ALGORITHM = (
    "three mixed-integer programs: fewest changes, then the worst-off proposer's utility "
    "(or the least surplus), then the total surplus (HiGHS branch and cut)"
)
"""What the amendment reports as its algorithm with the MIP backend."""

PAIRS_WHEN = 1_000
"""The pairwise look-ahead is built once an exact search has held this many partial packages."""

PAIRS_AHEAD = 3
"""The pairwise look-ahead is built for this many budgets beyond the current one."""


def complete_plan(space: Space, plan: Mapping[str, Term] | Sequence[int]) -> tuple[int, ...]:
    """Option indices of ``plan``.

    An issue the plan leaves open takes its status quo, or the one option its
    domain allows (a fixed issue). An issue the plan provides in one of several
    forms (:class:`accord.model.OneOf`) takes the one of them its domain allows.

    Raises :class:`SpaceError` (field ``plan``) for an unknown issue or option, an
    open issue with neither, or a form left open.
    """
    if not isinstance(plan, Mapping):
        pkg = tuple(int(x) for x in plan)
        if len(pkg) != len(space.issues) or any(
            not 0 <= x < n for x, n in zip(pkg, space.sizes, strict=False)
        ):
            raise SpaceError("plan", "a plan package needs one valid option index per issue")
        return pkg
    unknown = sorted(set(plan) - set(space.issues))
    if unknown:
        raise SpaceError(
            "plan", f"unknown issue(s) in the plan: {', '.join(unknown)}; known: {', '.join(space.issues)}"
        )
    out = []
    for i, issue in enumerate(space.issues):
        sq = space.status_quo[i]
        if issue in plan:
            out.append(_settled(space, i, plan[issue]))
        elif sq is not None:
            out.append(sq)
        elif len(space.domains[i]) == 1:
            out.append(next(iter(space.domains[i])))
        else:
            raise SpaceError(
                "plan",
                f"the plan leaves issue {issue!r} open and it has no status quo; hold it at one option",
            )
    return tuple(out)


def _settled(space: Space, i: int, term: Term) -> int:
    """The option index a plan's term settles issue ``i`` at (see :func:`complete_plan`)."""
    issue = space.issues[i]
    opts = []
    for o in term_options(term):
        try:
            opts.append(space.options[i].index(o))
        except ValueError:
            known = ", ".join(space.options[i])
            raise SpaceError("plan", f"unknown option {o!r} of {issue}; known: {known}") from None
    if len(opts) == 1:
        return opts[0]
    held = [k for k in opts if k in space.domains[i]]
    if len(held) == 1 and len(space.domains[i]) == 1:
        return held[0]
    raise SpaceError(
        "plan",
        f"the plan provides issue {issue!r} in one of several forms ({term_text(term)}); "
        "hold it at one of them",
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class _Amended:
    """What the search found: the fields of the result it becomes, bar the plan's."""

    status: Status
    package: tuple[int, ...] | None = None
    exact: bool = True
    lower_bound: int = 0
    conflict: tuple[str, ...] = ()
    note: str = ""


def solve_amendment(
    space: Space,
    plan: Mapping[str, Term] | Sequence[int],
    *,
    proposers: Sequence[int | str] = (),
    must_accept: Sequence[int | str] | None = None,
    ignore_red_lines: bool = False,
    time_limit: float | None = None,
    max_states: int = 2_000_000,
    backend: str = "auto",
) -> AmendResult:
    """The fewest issue changes to ``plan`` that make it acceptable to ``must_accept``.

    ``must_accept`` defaults to every party of ``space``; ``proposers`` (parties of
    ``space``, possibly not in ``must_accept``) break ties: the amendment whose
    worst-off proposer loses least wins.
    ``backend`` (``auto``, ``decomposition``, ``mip``;
    :mod:`accord.analysis.kernel.backend`) searches by iterative deepening over
    super-issues or by three MIPs (:func:`accord.analysis.kernel.mipsolve.least_amendment`).
    """
    t0 = time.perf_counter()
    deadline = None if time_limit is None else t0 + time_limit
    x0 = complete_plan(space, plan)
    must = _must(space, must_accept)
    props = _proposers(space, proposers)
    params: dict[str, object] = {
        "proposers": tuple(space.parties[p] for p in props),
        "must_accept": tuple(space.parties[p] for p in must),
        "ignore_red_lines": ignore_red_lines,
        "time_limit": time_limit,
        "max_states": max_states,
    }
    task = _Task(
        space=space, plan=x0, must=must, proposers=props, honour=not ignore_red_lines, deadline=deadline
    )
    found, choice = _run(task, backend, max_states)
    params["backend"], params["backend_reason"] = choice.name, choice.reason
    package = found.package
    return AmendResult(
        status=found.status,
        feasible=package is not None,
        parties=space.parties,
        must_accept=must,
        batna=space.batna.copy(),
        plan=x0,
        plan_utilities=space.utility(x0),
        package=package,
        utilities=None if package is None else space.utility(package),
        changes=() if package is None else _changes(space, x0, package),
        proposers=props,
        lower_bound=found.lower_bound,
        conflict=found.conflict,
        note=found.note,
        provenance=SOLVERS.get("amendment").provenance(
            ALGORITHM if choice.name == "decomposition" else MIP_ALGORITHM,
            parameters=params,
            started=t0,
            exact=found.exact,
        ),
    )


def _proposers(space: Space, proposers: Sequence[int | str]) -> tuple[int, ...]:
    """The proposers' rows, each once; :class:`SpaceError` otherwise."""
    props = tuple(_party(space, p) for p in proposers)
    if len(set(props)) != len(props):
        raise SpaceError("proposers", "a proposer is listed twice")
    return props


def _must(space: Space, must_accept: Sequence[int | str] | None) -> tuple[int, ...]:
    """The parties that must accept (default all), each once; :class:`SpaceError` otherwise."""
    must = (
        tuple(range(len(space.parties)))
        if must_accept is None
        else tuple(_party(space, p) for p in must_accept)
    )
    if not must or len(set(must)) != len(must):
        raise SpaceError("parties", "choose at least one party, each once")
    return must


def _run(task: _Task, backend: str, max_states: int) -> tuple[_Amended, BackendChoice]:
    """The amendment by the chosen backend (a limit stops either), and the backend that ran."""
    graph = clause_graph(task.space, red_lines=task.honour, red_line_parties=task.must)
    n_dims = len(task.must) + sum(p not in task.must for p in task.proposers)
    choice = choose_backend(backend, graph, n_dims)
    try:
        return run_backend(
            backend, choice, lambda: _amend_by_mip(task, graph), lambda: _amend(task, max_states)
        )
    except SolverTimeLimit as stop:
        return _Amended(status="limit", exact=False, note=str(stop)), choice


@dataclass(frozen=True, slots=True, kw_only=True)
class _Task:
    """What to amend: the plan's package, who must accept, the proposers, red lines, deadline."""

    space: Space
    plan: tuple[int, ...]
    must: tuple[int, ...]
    proposers: tuple[int, ...]
    honour: bool
    deadline: float | None


def _amend_by_mip(task: _Task, graph: ClauseGraph) -> _Amended:
    """The least amendment by MIP (:func:`~accord.analysis.kernel.mipsolve.least_amendment`)."""
    space, x0, must = task.space, task.plan, task.must
    if not graph.satisfiable:
        return _Amended(
            status="infeasible", note=_INFEASIBLE, conflict=conflict_origins(space, graph.clauses)
        )
    if _acceptable(space, x0, must, task.honour):
        return _Amended(status="ok", package=x0, note="the plan is already acceptable to every party")
    model = PackageMip(space, graph.clauses, deadline=task.deadline)
    answer, lower = least_amendment(model, x0, must, task.proposers)
    if answer.status == "none":
        if not any_feasible(space, graph.clauses, task.deadline):
            return _Amended(
                status="infeasible", note=_INFEASIBLE, conflict=conflict_origins(space, graph.clauses)
            )
        return _Amended(
            status="no_zopa", note="no amendment exists: no feasible package is acceptable to every party"
        )
    if answer.package is None:
        return _Amended(status="limit", exact=False, note=answer.note)
    n = _distance(answer.package, x0)
    return _Amended(
        status="ok",
        package=answer.package,
        exact=answer.exact,
        lower_bound=lower if not answer.exact else n,
        note=answer.note,
    )


_INFEASIBLE = "no package satisfies the constraints, red lines and restrictions together"
_NO_AMENDMENT = "no amendment exists: no feasible package is acceptable to every party"


def _amend(task: _Task, max_states: int) -> _Amended:
    """Decide whether an amendment exists (an acceptable package at all), then find the least one."""
    space, x0, must, props = task.space, task.plan, task.must, task.proposers
    honour, deadline = task.honour, task.deadline
    dims = list(must) + [p for p in props if p not in must]
    # One more coordinate per option: minus one where it departs from the plan.
    cost = [
        -(np.arange(len(opts)) != x0[i]).astype(np.float64)[:, None] for i, opts in enumerate(space.options)
    ]
    ext = decompose(
        space,
        red_lines=honour,
        red_line_parties=must,
        reduce=True,
        parties=dims,
        extra=cost,
        deadline=deadline,
    )
    if not ext.feasible:
        return _Amended(
            status="infeasible",
            note="no package satisfies the constraints, red lines and restrictions together",
            conflict=ext.conflict,
        )
    if _acceptable(space, x0, must, honour):
        return _Amended(status="ok", package=x0, note="the plan is already acceptable to every party")
    # An amendment exists exactly when some feasible package is acceptable to all.
    sub = project(ext, range(len(must)))
    prob = prepare(sub, space.batna[list(must)], deadline=deadline, max_states=max_states)
    lam = lagrange_weights(prob) if len(must) >= 3 else None
    best = max_min_surplus(prob, require_ir=False, lam=lam)
    if best.choice is None or best.value <= TOL:
        if not best.exact:
            return _Amended(
                status="limit",
                exact=False,
                note="stopped before deciding whether any package is acceptable to all",
            )
        short = (
            "" if best.choice is None else f" (the best package leaves a minimum surplus of {best.value:.3g})"
        )
        return _Amended(
            status="no_zopa",
            note="no amendment exists: no feasible package is acceptable to every party" + short,
        )
    search = BudgetSearch(
        ext=ext,
        order=tuple(stage_order(ext)),  # one order for every search and look-ahead
        keep_cost=tuple(_no_change(b.values[:, -1]) for b in ext.blocks),
        batna=space.batna[list(must)],
        k_must=len(must),
        prop_cols=tuple(dims.index(p) for p in props),
        deadline=deadline,
        max_states=max_states,
        lam=lam,
    )
    return _deepen(space, search, x0, must, prob.decomp.package(best.choice), honour)


def _deepen(
    space: Space,
    search: BudgetSearch,
    x0: tuple[int, ...],
    must: tuple[int, ...],
    fallback: tuple[int, ...],
    honour: bool,
) -> _Amended:
    """Budgets 1, 2, 3, ... up to the fallback's distance: the first success is the least."""
    ext = search.ext
    upper = _distance(fallback, x0)
    lower, exact, stop = 1, True, ""
    found: tuple[int, ...] | None = None
    pairs: list[PairLookahead] = []
    built_for = peak = 0
    for budget in range(1, upper + 1):
        if len(must) >= 3 and len(ext.blocks) > 2 and (budget > built_for if pairs else peak >= PAIRS_WHEN):
            # Once the search holds many partial packages, the pairwise look-ahead pays
            # for itself: exact, cheap to query, built for a few budgets ahead (its size
            # grows with the budget). It only drops packages no pair could accept, so the
            # result is the same with or without it.
            built_for = min(upper, budget + PAIRS_AHEAD)
            pairs = [
                PairLookahead(ext, search.order, a, b, search.batna, built_for)
                for a, b in itertools.combinations(range(len(must)), 2)
            ]
        quick, floor = _beam_floor(search, budget, pairs)
        outcome, peak = search.run(budget, floor=floor, pairs=pairs)
        if outcome is None:
            exact, stop = False, _stop_reason(search)
            if quick is not None and quick.shape[0]:
                # Fewest changes proven (smaller budgets were refuted); the tie-break is not.
                found = ext.package(quick)
            break
        if outcome.shape[0]:
            found = ext.package(outcome)
            break
        lower = budget + 1
    if found is None:
        # Exact: every smaller budget was refuted, so the fallback's distance is the least.
        greedy = None if exact else _greedy(space, x0, must, honour)
        found = fallback if greedy is None or _distance(greedy, x0) >= upper else greedy
    n = _distance(found, x0)
    if exact:
        return _Amended(status="ok", package=found, lower_bound=n)
    lower = min(lower, n)
    if lower == n:
        note = f"stopped ({stop}): {lower} change(s) is proven the least; the tie-break among them is not"
    else:
        note = f"stopped ({stop}); at least {lower} change(s) are needed, this amendment makes {n}"
    return _Amended(status="ok", package=found, exact=False, lower_bound=lower, note=note)


def _beam_floor(
    search: BudgetSearch, budget: int, pairs: Sequence[PairLookahead]
) -> tuple[IntArray | None, float | None]:
    """A beam search's amendment within ``budget`` changes, if any, and its score as a floor.

    All smaller budgets being refuted, the score of any amendment within this one
    is a floor that prunes the exact search.
    """
    quick, _ = search.run(budget, beam_width=64, pairs=pairs)
    if quick is None or not quick.shape[0]:
        return quick, None
    ext = search.ext
    u = ext.offset + sum(
        (b.values[c] for b, c in zip(ext.blocks, quick, strict=True)), np.zeros(ext.n_parties)
    )
    return quick, float(tie_score(u[None, :], search.batna, search.k_must, search.prop_cols)[0])


def _stop_reason(search: BudgetSearch) -> str:
    if search.deadline is not None and time.perf_counter() > search.deadline:
        return "time limit"
    return f"more than {search.max_states:,} partial packages"


def _changes(space: Space, x0: Sequence[int], found: Sequence[int]) -> tuple[Change, ...]:
    """The issues ``found`` changes from ``x0``, in issue order."""
    return tuple(
        Change(
            issue=i,
            issue_id=space.issues[i],
            before=x0[i],
            after=found[i],
            before_id=space.options[i][x0[i]],
            after_id=space.options[i][found[i]],
        )
        for i in range(len(x0))
        if found[i] != x0[i]
    )


def _party(space: Space, p: int | str) -> int:
    if isinstance(p, str):
        return space.party_index(p)
    if not 0 <= p < len(space.parties):
        raise SpaceError("parties", f"no party number {p}")
    return int(p)


def _acceptable(space: Space, pkg: Sequence[int], must: Sequence[int], honour: bool) -> bool:
    """Feasible (domains, constraints, red lines of ``must`` if honoured) and accepted by ``must``."""
    if not space.in_domains(pkg):
        return False
    if not all(c.satisfied_by(pkg) for c in space.clauses(red_lines=honour, parties=must)):
        return False
    s = space.utility(pkg) - space.batna
    return bool(all(s[p] > TOL for p in must))


def _no_change(minus_cost: FloatArray) -> int | None:
    zero = np.nonzero(minus_cost == 0)[0]
    return int(zero[0]) if zero.size else None


def _distance(a: Sequence[int], b: Sequence[int]) -> int:
    return sum(1 for x, y in zip(a, b, strict=True) if x != y)


def _greedy(space: Space, x0: Sequence[int], must: Sequence[int], honour: bool) -> tuple[int, ...] | None:
    """An acceptable amendment by changing one issue at a time (only when a limit stopped the proof)."""
    x = list(x0)
    cols = list(must)
    clauses = space.clauses(red_lines=honour, parties=must)
    for _ in range(len(x0)):
        if _acceptable(space, x, must, honour):
            return tuple(x)
        best, best_key = None, -np.inf
        for i in range(len(x)):
            for o in space.domains[i]:
                if o == x[i]:
                    continue
                y = list(x)
                y[i] = o
                key = float((space.utility(y)[cols] - space.batna[cols]).min())
                key -= 1e6 * sum(1 for c in clauses if not c.satisfied_by(y))
                if key > best_key:
                    best, best_key = y, key
        if best is None:
            return None
        x = best
    return tuple(x) if _acceptable(space, x, must, honour) else None
