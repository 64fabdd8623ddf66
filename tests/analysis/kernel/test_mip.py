"""The MIP backend against brute force and the decomposition, on spaces with dense links.

Both backends must reach the optimum value of every solution (brute force over
every package, tests/analysis/reference.py); where several packages are
optimal the MIP's package is one of them (the backends may pick different ones,
docs/algorithms.md). The ZOPA's best package and the smallest amendment the same.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from tests.analysis.reference import SETTINGS, enumerate_feasible, objective
from tests.strategies import linked_spaces

from accord.analysis.amend import solve_amendment
from accord.analysis.bargaining import solve_bargaining
from accord.analysis.zopa import solve_zopa
from accord.space import TOL, Space


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-7 * max(1.0, abs(b))


@SETTINGS
@given(linked_spaces(), st.sampled_from(["nash", "ks", "egalitarian", "utilitarian"]))
def test_both_backends_reach_the_brute_force_optimum(space: Space, solution: str) -> None:
    _, utils = enumerate_feasible(space)
    surplus = utils - space.batna
    ir = surplus[(surplus > TOL).all(axis=1)]
    for backend in ("mip", "decomposition"):
        res = solve_bargaining(space, solution, backend=backend)
        assert res.provenance.parameters["backend"] == backend
        if utils.shape[0] == 0:
            assert res.status == "infeasible" and res.conflict
            continue
        if ir.shape[0] == 0:
            assert res.status == "no_zopa" and res.package is None
            continue
        assert res.status == "ok" and res.provenance.exact and res.package is not None
        assert space.feasible(res.package)
        mine = space.utility(res.package) - space.batna
        assert (mine > TOL).all()
        ideal = ir.max(axis=0) if solution == "ks" else None
        best = float(objective(solution, ir, ideal).max())
        assert _close(float(objective(solution, mine[None, :], ideal)[0]), best)


@SETTINGS
@given(linked_spaces())
def test_zopa_best_package_agrees(space: Space) -> None:
    _, utils = enumerate_feasible(space)
    for backend in ("mip", "decomposition"):
        res = solve_zopa(space, backend=backend)
        if utils.shape[0] == 0:
            assert res.status == "infeasible"
            continue
        best = float((utils - space.batna).min(axis=1).max())
        assert res.min_surplus is not None and _close(res.min_surplus, best)
        assert res.exists == (best > TOL)
        assert res.best is not None and space.feasible(res.best)


@SETTINGS
@given(linked_spaces(max_parties=3), st.data())
def test_smallest_amendment_agrees(space: Space, data: st.DataObject) -> None:
    plan = tuple(data.draw(st.integers(0, len(o) - 1)) for o in space.options)
    proposers = tuple(data.draw(st.lists(st.integers(0, len(space.parties) - 1), max_size=2, unique=True)))
    packages, utils = enumerate_feasible(space)
    surplus = utils - space.batna
    ok = (surplus > TOL).all(axis=1)
    results = [solve_amendment(space, plan, proposers=proposers, backend=b) for b in ("mip", "decomposition")]
    for res in results:
        if packages.shape[0] == 0:
            assert res.status == "infeasible"
            continue
        if not ok.any():
            assert res.status == "no_zopa"
            continue
        assert res.status == "ok" and res.provenance.exact and res.package is not None
        changes = (packages[ok] != np.array(plan)).sum(axis=1)
        assert len(res.changes) == changes.min()
        fewest = ok.nonzero()[0][changes == changes.min()]
        # The worst-off proposer's utility, else the least surplus (amend's tie-break).
        prop = list(proposers)
        score = utils[fewest][:, prop].min(axis=1) if prop else surplus[fewest].min(axis=1)
        got = space.utility(res.package)
        mine = got[prop].min() if prop else float((got - space.batna).min())
        assert _close(float(mine), float(score.max()))
