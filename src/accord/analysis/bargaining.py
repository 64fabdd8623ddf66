"""Bargaining solutions: the frame the four solutions share, and a dispatcher by name.

Disagreement point: the BATNA of every party (``space.batna``); the surplus of a
package is its utility minus the BATNA. Each solution has its own module citing
its source: :mod:`.nash` (Nash 1950), :mod:`.kalai_smorodinsky` (Kalai &
Smorodinsky 1975), :mod:`.egalitarian` (Kalai 1977) and :mod:`.utilitarian`
(Harsanyi 1955); :func:`solve_bargaining` calls one of them by its name in
:data:`accord.analysis.registry.SOLVERS`.

Over pure packages every solution is restricted to individually rational
packages (every surplus above :data:`accord.numeric.TOL`); when there is none the
result says there is no ZOPA. Each is found exactly by the branch and bound of
:mod:`accord.analysis.kernel.search` with the Lagrangian bounds of
:mod:`accord.analysis.kernel.objectives`. Over lotteries (``lotteries=True``) the
feasible set is the convex hull of all feasible packages' utility vectors, cut to
the individually rational region ``u >= batna`` (:mod:`accord.analysis.kernel.lp`).

:func:`solve_with` is the frame: it decomposes the space, hands the search
problem to the solution's method for pure packages or for lotteries, and builds
the :class:`~accord.analysis.results.BargainingResult` once from what it found.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from accord.analysis.kernel.backend import choose_backend, run_backend
from accord.analysis.kernel.graph import ClauseGraph, clause_graph
from accord.analysis.kernel.limits import SolverTimeLimit
from accord.analysis.kernel.lp import LpSolution, egalitarian_lp, lottery_of
from accord.analysis.kernel.mip import PackageMip, any_feasible
from accord.analysis.kernel.mipsolve import MipAnswer
from accord.analysis.kernel.objectives import lagrange_weights
from accord.analysis.kernel.search import NEG, Best, SearchProblem, prepare
from accord.analysis.kernel.staircase import Staircase, applies, staircase
from accord.analysis.kernel.superissues import conflict_origins, decompose
from accord.analysis.registry import SOLVERS
from accord.analysis.results import SOLUTIONS, BargainingResult
from accord.numeric import TOL, FloatArray, IntArray
from accord.provenance import Status
from accord.space import Space, SpaceError

PURE_ALGORITHM = "branch and bound over super-issues (dominance, individual rationality, Lagrangian bounds)"
"""What the pure-package methods report as their algorithm."""

MIP_ALGORITHM = "mixed-integer programming over one-hot option binaries (HiGHS branch and cut)"
"""What the MIP methods of the linear and maximin solutions report as their algorithm."""

LINEAR_LOTTERY_ALGORITHM = "linear programming over super-issue option probabilities (HiGHS)"
"""What the lottery methods of the linear solutions report as their algorithm."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Found:
    """What a solution method found: the fields of the result it becomes, bar the frame's."""

    status: Status
    algorithm: str
    package: tuple[int, ...] | None = None
    utilities: FloatArray | None = None
    objective: float | None = None
    lottery: tuple[tuple[float, tuple[int, ...]], ...] = ()
    ideal: FloatArray | None = None
    exact: bool = True
    gap: float = 0.0
    note: str = ""


Method = Callable[[SearchProblem, Space], Found]
"""A solution method: from the prepared search problem (and its space) to what it found."""

MipMethod = Callable[[PackageMip], Found]
"""A solution method of the MIP backend: from the model of the feasible packages to what it found."""


StaircaseMethod = Callable[[Staircase, Space], Found]
"""A pure method for two parties with no linking clause: from the exact frontier to what it found."""


@dataclass(frozen=True, slots=True)
class Methods:
    """A solution's methods: over pure packages and lotteries (decomposition), and by MIP.

    ``staircase``, when given, answers over pure packages from the two-party frontier
    (:mod:`accord.analysis.kernel.staircase`) whenever that applies and fits in
    :data:`STAIRCASE_STATES`: a maximum of a monotone objective lies on the frontier.
    """

    pure: Method
    lottery: Method
    mip: MipMethod
    staircase: StaircaseMethod | None = None


STAIRCASE_STATES = 20_000
"""Two parties: answer from the listed frontier when every stage keeps at most this many points."""


def solve_with(
    space: Space,
    name: str,
    *,
    methods: Methods,
    lotteries: bool,
    ignore_red_lines: bool,
    time_limit: float | None,
    max_states: int,
    backend: str = "auto",
) -> BargainingResult:
    """Run the solution ``name`` (one of ``methods``) on ``space`` and build its result.

    ``backend`` (``auto``, ``decomposition``, ``mip``) picks the decomposition
    or the MIP (:mod:`accord.analysis.kernel.backend`); ``auto`` also falls back to
    the MIP when a linked component proves too large to list. ``time_limit``
    (seconds) covers every stage: when it runs out the best package found is
    returned with ``exact=False`` and its proven ``gap``.
    """
    t0 = time.perf_counter()
    deadline = None if time_limit is None else t0 + time_limit
    graph = clause_graph(space, red_lines=not ignore_red_lines)
    choice = choose_backend(backend, graph, len(space.parties), lotteries=lotteries)
    conflict: tuple[str, ...] = ()
    try:
        (found, conflict), choice = run_backend(
            backend, choice, lambda: _by_mip(space, graph, methods.mip, deadline),
            lambda: _by_decomposition(space, graph, methods, lotteries, deadline, max_states),
        )  # fmt: skip
    except SolverTimeLimit as stop:
        found = Found(status="limit", algorithm="stopped by the time limit", exact=False, note=str(stop))
    params: dict[str, object] = {
        "solution": name,
        "lotteries": lotteries,
        "ignore_red_lines": ignore_red_lines,
        "time_limit": time_limit,
        "max_states": max_states,
        "backend": choice.name,
        "backend_reason": choice.reason,
    }
    return BargainingResult(
        solution=name,
        lotteries=lotteries,
        status=found.status,
        parties=space.parties,
        batna=space.batna.copy(),
        package=found.package,
        utilities=found.utilities,
        objective=found.objective,
        lottery=found.lottery,
        ideal=found.ideal,
        conflict=conflict,
        note=found.note,
        provenance=SOLVERS.get(name).provenance(
            found.algorithm, parameters=params, started=t0, exact=found.exact, gap=found.gap
        ),
    )


def _by_decomposition(
    space: Space,
    graph: ClauseGraph,
    methods: Methods,
    lotteries: bool,
    deadline: float | None,
    max_states: int,
) -> tuple[Found, tuple[str, ...]]:
    """The solution by super-issues and branch and bound (or the lottery programs), and any conflict."""
    if not lotteries and methods.staircase is not None and applies(space, graph):
        front = staircase(space, graph, max_states=min(max_states, STAIRCASE_STATES), deadline=deadline)
        if front is not None:
            return methods.staircase(front, space), ()
    decomp = decompose(space, reduce=True, graph=graph, deadline=deadline)
    if not decomp.feasible:
        return INFEASIBLE, decomp.conflict
    prob = prepare(decomp, space.batna.copy(), deadline=deadline, max_states=max_states)
    return (methods.lottery if lotteries else methods.pure)(prob, space), ()


def _by_mip(
    space: Space, graph: ClauseGraph, method: MipMethod, deadline: float | None
) -> tuple[Found, tuple[str, ...]]:
    """The solution by the MIP backend, and the conflict when no package is feasible at all."""
    if not graph.satisfiable:
        return INFEASIBLE, conflict_origins(space, graph.clauses)
    found = method(PackageMip(space, graph.clauses, deadline=deadline))
    if found.status == "no_zopa" and not any_feasible(space, graph.clauses, deadline):
        return INFEASIBLE, conflict_origins(space, graph.clauses)
    return found, ()


INFEASIBLE = Found(
    status="infeasible",
    algorithm="decomposition",
    note="no package satisfies the constraints, red lines and restrictions together",
)
"""No feasible package: the result of every method."""


def solve_bargaining(
    space: Space,
    solution: str = "nash",
    *,
    lotteries: bool = False,
    ignore_red_lines: bool = False,
    time_limit: float | None = None,
    max_states: int = 2_000_000,
    backend: str = "auto",
) -> BargainingResult:
    """The ``solution`` (``nash``, ``ks``, ``egalitarian``, ``utilitarian``) of ``space``.

    Over pure packages by default; over lotteries of packages with ``lotteries``.
    ``time_limit`` (seconds) bounds the proof: when it runs out the best package
    found is returned with ``exact=False`` and its proven ``gap``. ``backend``:
    ``auto``, ``decomposition`` or ``mip`` (see :func:`solve_with`). The solution
    is looked up in :data:`accord.analysis.registry.SOLVERS`.
    """
    if solution not in SOLUTIONS:
        raise SpaceError("solution", f"unknown solution {solution!r}; choose one of {', '.join(SOLUTIONS)}")
    result: BargainingResult = SOLVERS.get(solution).function(
        space, lotteries=lotteries, ignore_red_lines=ignore_red_lines, time_limit=time_limit,
        max_states=max_states, backend=backend,
    )  # fmt: skip
    return result


def rationality_weights(prob: SearchProblem) -> FloatArray | None:
    """Lagrangian weights for the individual-rationality test (three or more parties; else None)."""
    return lagrange_weights(prob) if prob.k >= 3 else None


def pure_found(
    prob: SearchProblem,
    space: Space,
    best: Best,
    objective: Callable[[FloatArray], float],
    *,
    ideal: FloatArray | None = None,
) -> Found:
    """What the branch and bound's ``best`` means: a package, a limit, or no ZOPA.

    ``objective`` gives the reported value from the solution's surpluses.
    """
    if best.choice is None or best.value == NEG:
        if not best.exact:
            return Found(status="limit", algorithm=PURE_ALGORITHM, exact=False, gap=best.gap, note=best.note)
        return no_zopa()
    package = prob.decomp.package(best.choice)
    u = space.utility(package)
    return Found(
        status="ok",
        algorithm=PURE_ALGORITHM,
        package=package,
        utilities=u,
        objective=objective(u - prob.batna),
        ideal=ideal,
        exact=best.exact,
        gap=best.gap,
        note=best.note,
    )


def no_zopa() -> Found:
    """No individually rational package: the result of a pure method."""
    return Found(
        status="no_zopa",
        algorithm=PURE_ALGORITHM,
        note="no feasible package gives every party more than its BATNA (no ZOPA)",
    )


LOTTERY_NO_ZOPA = Found(
    status="no_zopa",
    algorithm="linear programming (HiGHS)",
    note="no lottery over feasible packages gives every party more than its BATNA (no ZOPA)",
)
"""No individually rational lottery: the result of a lottery method."""


def rational_lottery(prob: SearchProblem) -> LpSolution | None:
    """The egalitarian lottery when it gives every party a surplus above TOL, else None (no ZOPA)."""
    egal = egalitarian_lp(prob)
    return egal if egal is not None and egal.value > TOL else None


def lottery_found(
    prob: SearchProblem,
    space: Space,
    lottery: Sequence[tuple[float, IntArray]],
    *,
    objective: float,
    algorithm: str = LINEAR_LOTTERY_ALGORITHM,
    ideal: FloatArray | None = None,
    exact: bool = True,
    gap: float = 0.0,
    note: str = "",
) -> Found:
    """The explicit lottery (super-issue choices) as packages, most likely first."""
    packages = [(float(p), prob.decomp.package(ch)) for p, ch in lottery if p > 1e-15]
    packages.sort(key=lambda x: -x[0])
    u_exact = sum((p * space.utility(pk) for p, pk in packages), np.zeros(prob.k))
    return Found(
        status="ok",
        algorithm=algorithm,
        package=packages[0][1],
        utilities=u_exact,
        objective=objective,
        lottery=tuple(packages),
        ideal=ideal,
        exact=exact,
        gap=gap,
        note=note,
    )


def linear_lottery_found(
    prob: SearchProblem,
    space: Space,
    z: tuple[FloatArray, ...],
    *,
    objective: float,
    ideal: FloatArray | None = None,
) -> Found:
    """The lottery with option probabilities ``z`` (comonotone coupling) as the solution."""
    return lottery_found(prob, space, lottery_of(z), objective=objective, ideal=ideal)


def mip_found(
    space: Space,
    answer: MipAnswer,
    objective: Callable[[FloatArray], float],
    *,
    algorithm: str = MIP_ALGORITHM,
    ideal: FloatArray | None = None,
) -> Found:
    """What a MIP search's ``answer`` means: a package, a limit, or no ZOPA.

    ``objective`` gives the reported value from the solution's surpluses.
    """
    if answer.status == "none":
        return replace(no_zopa(), algorithm=algorithm)
    if answer.package is None:
        return Found(status="limit", algorithm=algorithm, exact=False, gap=answer.gap, note=answer.note)
    u = space.utility(answer.package)
    return Found(
        status="ok",
        algorithm=algorithm,
        package=answer.package,
        utilities=u,
        objective=objective(u - space.batna),
        ideal=ideal,
        exact=answer.exact,
        gap=answer.gap,
        note=answer.note,
    )
