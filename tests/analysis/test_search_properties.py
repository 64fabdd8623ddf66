"""Package search equals brute-force enumeration on small random spaces.

Random spaces: 2-4 parties, 1-6 issues of 1-4 options, half-integer contributions
(so that ties, the hard case for "one representative per utility vector", are
common), random constraints, red lines and fixed issues. The reference here
enumerates every package and applies the definitions directly; it shares no
code with the engines beyond :class:`accord.space.Space` itself.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from unittest import mock

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from accord.analysis import amend as amend_module
from accord.analysis.amend import solve_amendment
from accord.analysis.bargaining import solve_bargaining
from accord.analysis.components import decompose
from accord.analysis.frontier import solve_frontier
from accord.analysis.maxima import maxima
from accord.analysis.sampling import count_feasible
from accord.analysis.zopa import _count_meet_in_middle, solve_zopa
from accord.logic import Clause, Member, conjunction_forbidden
from accord.space import TOL, Space

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def spaces(draw: st.DrawFn, max_parties: int = 4, max_issues: int = 6) -> Space:
    k = draw(st.integers(2, max_parties))
    n = draw(st.integers(1, max_issues))
    sizes = [draw(st.integers(1, 4)) for _ in range(n)]
    contrib = [
        np.array([[draw(st.integers(0, 8)) / 2 for _ in range(m)] for _ in range(k)], dtype=float)
        for m in sizes
    ]
    batna = [draw(st.integers(0, 3 * n)) / 2 for _ in range(k)]

    def options(i: int) -> frozenset[int]:
        return frozenset(
            draw(st.lists(st.integers(0, sizes[i] - 1), min_size=1, max_size=sizes[i], unique=True))
        )

    constraints = []
    for c in range(draw(st.integers(0, 3))):
        issues = draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=min(3, n), unique=True))
        constraints.append(Clause(tuple(Member(i, options(i)) for i in issues), f"constraint c{c}"))
    red_lines = []
    for p in range(k):
        lines = []
        for _ in range(draw(st.integers(0, 2))):
            issues = draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=min(2, n), unique=True))
            terms = [(i, frozenset({draw(st.integers(0, sizes[i] - 1))})) for i in issues]
            lines.append(conjunction_forbidden(terms, sizes, f"red line of P{p + 1}: test"))
        red_lines.append(lines)
    space = Space.from_arrays(contrib, batna, constraints=constraints, red_lines=red_lines)
    if draw(st.booleans()):
        i = draw(st.integers(0, n - 1))
        doms = list(space.domains)
        doms[i] = options(i)
        space = replace(space, domains=tuple(doms))
    return space


def enumerate_feasible(space: Space, *, red_lines: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Every feasible package and its utilities, by brute force."""
    rows = [
        p
        for p in itertools.product(*(sorted(d) for d in space.domains))
        if space.feasible(p, red_lines=red_lines)
    ]
    packages = np.array(rows, dtype=np.int64).reshape(-1, len(space.issues))
    utils = space.utilities(packages) if rows else np.zeros((0, len(space.parties)))
    return packages, utils


def pareto(utils: np.ndarray) -> np.ndarray:
    """Distinct non-dominated utility vectors, straight from the definition."""
    if utils.shape[0] == 0:
        return utils
    weak = (utils[None, :, :] >= utils[:, None, :] - TOL).all(axis=2)
    strict = (utils[None, :, :] > utils[:, None, :] + TOL).any(axis=2)
    undominated = utils[~(weak & strict).any(axis=1)]
    out: list[np.ndarray] = []
    for u in undominated:
        if not any(np.all(np.abs(u - v) <= TOL) for v in out):
            out.append(u)
    return np.array(out)


def same_vectors(a: np.ndarray, b: np.ndarray) -> bool:
    if a.shape[0] != b.shape[0]:
        return False
    return all(np.any(np.all(np.abs(b - u) <= 1e-7, axis=1)) for u in a)


def objective(solution: str, surplus: np.ndarray, ideal_gain: np.ndarray | None = None) -> np.ndarray:
    if solution == "nash":
        return np.log(surplus).sum(axis=1)
    if solution == "utilitarian":
        return surplus.sum(axis=1)
    if solution == "egalitarian":
        return surplus.min(axis=1)
    assert ideal_gain is not None
    return (surplus / ideal_gain).min(axis=1)


# -- frontier -------------------------------------------------------------------


@SETTINGS
@given(spaces())
def test_frontier_equals_brute_force(space: Space) -> None:
    packages, utils = enumerate_feasible(space)
    res = solve_frontier(space)
    if packages.shape[0] == 0:
        assert res.status == "infeasible" and res.conflict and len(res) == 0
        return
    assert res.exact and res.status == "ok"
    assert same_vectors(pareto(utils), res.utilities)
    assert res.n_feasible == packages.shape[0]
    for pkg, u in zip(res.packages, res.utilities, strict=True):
        assert space.feasible(pkg)
        np.testing.assert_allclose(space.utility(pkg), u, atol=1e-12)
    # Mutually undominated, one per distinct vector.
    u = res.utilities
    weak = (u[None, :, :] >= u[:, None, :] - TOL).all(axis=2)
    np.fill_diagonal(weak, False)
    assert not weak.any()


@SETTINGS
@given(spaces())
def test_individually_rational_frontier_equals_brute_force(space: Space) -> None:
    _, utils = enumerate_feasible(space)
    res = solve_frontier(space, individually_rational=True)
    if utils.shape[0] == 0:
        assert res.status == "infeasible"
        return
    ir = utils[(utils - space.batna > TOL).all(axis=1)]
    assert same_vectors(pareto(ir), res.utilities)
    assert res.status == ("ok" if ir.shape[0] else "no_zopa")


@SETTINGS
@given(spaces(), st.booleans())
def test_ignoring_red_lines_enlarges_the_feasible_set(space: Space, ignore: bool) -> None:
    _, utils = enumerate_feasible(space, red_lines=not ignore)
    res = solve_frontier(space, ignore_red_lines=ignore)
    if utils.shape[0] == 0:
        assert res.status == "infeasible"
        return
    assert same_vectors(pareto(utils), res.utilities)


# -- bargaining solutions over pure packages --------------------------------------


@SETTINGS
@given(spaces(), st.sampled_from(["nash", "ks", "egalitarian", "utilitarian"]))
def test_pure_solutions_equal_brute_force(space: Space, solution: str) -> None:
    _, utils = enumerate_feasible(space)
    res = solve_bargaining(space, solution)
    if utils.shape[0] == 0:
        assert res.status == "infeasible" and res.conflict
        return
    surplus = utils - space.batna
    ir = surplus[(surplus > TOL).all(axis=1)]
    if ir.shape[0] == 0:
        assert res.status == "no_zopa" and res.package is None
        return
    assert res.status == "ok" and res.exact and res.package is not None
    assert space.feasible(res.package)
    mine = space.utility(res.package) - space.batna
    assert (mine > TOL).all()
    ideal = ir.max(axis=0) if solution == "ks" else None
    best = objective(solution, ir, ideal).max()
    got = objective(solution, mine[None, :], ideal)[0]
    assert abs(got - best) <= 1e-9 * max(1.0, abs(best))
    if solution == "ks":
        assert res.ideal is not None
        np.testing.assert_allclose(res.ideal - space.batna, ideal, atol=1e-9)


# -- over lotteries -------------------------------------------------------------


def lp_over_points(points: np.ndarray, batna: np.ndarray, solution: str) -> float | None:
    """Egalitarian / KS / utilitarian over the convex hull of ``points`` cut to u >= batna,
    by an LP over explicit mixing weights (independent of the engine's formulation)."""
    n, k = points.shape
    s = points - batna

    def solve(c: np.ndarray, a_ub: np.ndarray, b_ub: np.ndarray, n_extra: int) -> np.ndarray | None:
        a_eq = np.hstack([np.ones((1, n)), np.zeros((1, n_extra))])
        bounds = [(0, None)] * n + [(None, None)] * n_extra
        r = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=[1.0], bounds=bounds, method="highs")
        return None if r.status != 0 else r.x

    def maximin(scale: np.ndarray) -> float | None:
        # max t : sum_j w_j s_jp * scale_p >= t
        a_ub = np.hstack([-(s * scale).T, np.ones((k, 1))])
        x = solve(np.concatenate([np.zeros(n), [-1.0]]), a_ub, np.zeros(k), 1)
        return None if x is None else float(x[-1])

    if solution == "egalitarian":
        return maximin(np.ones(k))
    rational = (-s.T, np.zeros(k))
    if solution == "utilitarian":
        x = solve(-s.sum(axis=1), rational[0], rational[1], 0)
        return None if x is None else float(x @ s.sum(axis=1))
    ideal = np.zeros(k)
    for p in range(k):
        x = solve(-s[:, p], rational[0], rational[1], 0)
        if x is None:
            return None
        ideal[p] = x @ s[:, p]
    return maximin(1.0 / ideal)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spaces(max_issues=5), st.sampled_from(["ks", "egalitarian", "utilitarian"]))
def test_linear_lottery_solutions_equal_brute_force(space: Space, solution: str) -> None:
    _, utils = enumerate_feasible(space)
    res = solve_bargaining(space, solution, lotteries=True)
    if utils.shape[0] == 0:
        assert res.status == "infeasible"
        return
    egal = lp_over_points(utils, space.batna, "egalitarian")
    if egal is None or egal <= TOL:
        assert res.status == "no_zopa"
        return
    assert res.status == "ok" and res.utilities is not None
    assert all(space.feasible(p) for _, p in res.lottery)
    assert abs(sum(p for p, _ in res.lottery) - 1.0) <= 1e-9
    expected = lp_over_points(utils, space.batna, solution)
    assert expected is not None
    s = res.utilities - space.batna
    got = {"egalitarian": s.min(), "utilitarian": s.sum()}.get(solution, res.objective)
    assert abs(float(got) - expected) <= 1e-6 * max(1.0, abs(expected))  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spaces(max_issues=5))
def test_nash_over_lotteries_is_optimal(space: Space) -> None:
    """First-order optimality on the hull, checked against every feasible package:
    for concave f = sum log(u - batna), x is optimal iff grad f(x) . (v - x) <= 0 for all v."""
    _, utils = enumerate_feasible(space)
    res = solve_bargaining(space, "nash", lotteries=True)
    if utils.shape[0] == 0:
        assert res.status == "infeasible"
        return
    egal = lp_over_points(utils, space.batna, "egalitarian")
    if egal is None or egal <= TOL:
        assert res.status == "no_zopa"
        return
    assert res.status == "ok" and res.exact and res.utilities is not None
    x = res.utilities
    grad = 1.0 / (x - space.batna)
    assert float(((utils - x) @ grad).max()) <= 1e-6
    # And it is at least as good as every pure package acceptable to all.
    s = utils - space.batna
    pure = s[(s > TOL).all(axis=1)]
    if pure.shape[0]:
        assert np.log(x - space.batna).sum() >= np.log(pure).sum(axis=1).max() - 1e-9


# -- ZOPA -------------------------------------------------------------------------


@SETTINGS
@given(spaces())
def test_zopa_equals_brute_force(space: Space) -> None:
    packages, utils = enumerate_feasible(space)
    res = solve_zopa(space)
    if packages.shape[0] == 0:
        assert res.status == "infeasible" and not res.exists and res.conflict
        return
    surplus = utils - space.batna
    acceptable = (surplus > TOL).all(axis=1)
    assert res.exists == bool(acceptable.any())
    assert res.counting == "exact" and res.count == int(acceptable.sum())
    assert res.n_feasible == packages.shape[0]
    assert res.share == res.count / packages.shape[0]
    assert res.min_surplus is not None
    assert abs(res.min_surplus - surplus.min(axis=1).max()) <= 1e-9
    assert res.best is not None and space.feasible(res.best)


@SETTINGS
@given(spaces(max_parties=2))
def test_meet_in_the_middle_count_equals_brute_force(space: Space) -> None:
    _, utils = enumerate_feasible(space)
    decomp = decompose(space)
    if not decomp.feasible:
        return
    count = _count_meet_in_middle(decomp, space.batna)
    assert count == int((utils - space.batna > TOL).all(axis=1).sum())


@SETTINGS
@given(spaces(), st.booleans())
def test_count_feasible_equals_brute_force(space: Space, red_lines: bool) -> None:
    packages, _ = enumerate_feasible(space, red_lines=red_lines)
    assert count_feasible(space, red_lines=red_lines) == packages.shape[0]


# -- amendment --------------------------------------------------------------------


def check_amendment(space: Space, data: st.DataObject) -> None:
    plan = tuple(data.draw(st.integers(0, len(o) - 1)) for o in space.options)
    proposer = data.draw(st.one_of(st.none(), st.integers(0, len(space.parties) - 1)))
    packages, utils = enumerate_feasible(space)
    res = solve_amendment(space, plan, proposer=proposer)
    if packages.shape[0] == 0:
        assert res.status == "infeasible" and not res.feasible
        return
    acceptable = (utils - space.batna > TOL).all(axis=1)
    if not acceptable.any():
        assert not res.feasible and res.status == "no_zopa"
        return
    assert res.feasible and res.exact and res.package is not None
    assert space.feasible(res.package)
    assert (space.utility(res.package) - space.batna > TOL).all()
    changes = (packages != np.array(plan)).sum(axis=1)
    fewest = changes[acceptable].min()
    assert len(res.changes) == fewest
    assert [c.issue for c in res.changes] == [i for i in range(len(plan)) if res.package[i] != plan[i]]
    shortest = acceptable & (changes == fewest)
    if proposer is not None:
        best = utils[shortest, proposer].max()
        assert abs(space.utility(res.package)[proposer] - best) <= 1e-9
    else:
        # Without a proposer, ties go to the largest least surplus.
        best = (utils[shortest] - space.batna).min(axis=1).max()
        assert abs(float((space.utility(res.package) - space.batna).min()) - best) <= 1e-9


@SETTINGS
@given(spaces(), st.data())
def test_amendment_equals_brute_force(space: Space, data: st.DataObject) -> None:
    check_amendment(space, data)


@SETTINGS
@given(spaces(), st.data())
def test_amendment_with_pairwise_look_ahead_equals_brute_force(space: Space, data: st.DataObject) -> None:
    """The pairwise look-ahead (built only for big searches) may change speed, never results."""
    with (
        mock.patch.object(amend_module, "_PAIRS_WHEN", 0),
        mock.patch.object(amend_module, "_PAIRS_AHEAD", 0),
    ):
        check_amendment(space, data)


# -- maxima --------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 6).flatmap(
        lambda k: st.lists(st.lists(st.integers(0, 4), min_size=k, max_size=k), min_size=1, max_size=900)
    ),
    st.booleans(),
)
def test_maxima_equal_the_definition(rows: list[list[int]], jitter: bool) -> None:
    """Maxima of integer points, optionally with rounding-sized noise that must not matter."""
    pts = np.array(rows, dtype=float)
    noisy = pts + (np.random.default_rng(len(rows)).random(pts.shape) * 1e-12 if jitter else 0.0)
    got = noisy[maxima(noisy)]
    assert same_vectors(pareto(pts), np.round(got))


@settings(max_examples=120, deadline=None)
@given(st.integers(3, 5), st.integers(100, 700), st.integers(0, 2**32 - 1), st.sampled_from([0, 1, 2]))
def test_maxima_with_many_distinct_values_equal_the_definition(
    k: int, n: int, seed: int, digits: int
) -> None:
    """Many distinct values per coordinate: the 3-D merge sweep and the k-D bitset sweep
    (few values go level by level instead, covered above). One index per distinct vector,
    the lowest among equals; ``digits`` sets how many ties there are."""
    rng = np.random.default_rng(seed)
    pts = np.round(rng.random((n, k)) * 100, digits)
    if seed % 2:
        pts[:, -1] = np.round(300 - pts[:, :-1].sum(axis=1) + rng.random(n) * 20, digits)  # many maxima
    idx = maxima(pts + rng.random(pts.shape) * 1e-12)
    want = pareto(pts)
    assert len(idx) == len(want) and same_vectors(want, pts[idx])
    for i in idx:
        assert i == np.nonzero((pts == pts[i]).all(axis=1))[0].min()
