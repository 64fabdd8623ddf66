"""Linkage across tables (accord.analysis.linkage) against brute force sharing no code with it."""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from tests.analysis.reference import SETTINGS
from tests.strategies import spaces

from accord.analysis.linkage import Arena, Offer, solve_linkage, trades
from accord.space import TOL, Space


def _with_status_quo(space: Space, data: st.DataObject) -> Space:
    sq = tuple(data.draw(st.sampled_from(sorted(d))) for d in space.domains)
    return replace(space, status_quo=sq)


def _arena_packages(
    space: Space, free: set[int], parties: list[int], fixed: dict[int, int]
) -> list[tuple[int, ...]]:
    """Brute force: feasible packages, ``free`` issues varying, ``fixed`` fixed, the rest at status quo."""
    choices = []
    for i, dom in enumerate(space.domains):
        if i in fixed:
            choices.append([fixed[i]])
        elif i in free:
            choices.append(sorted(dom))
        else:
            choices.append([space.status_quo[i]])
    out = []
    for pkg in itertools.product(*choices):
        if any(k not in space.domains[i] for i, k in enumerate(pkg)):
            continue
        if not all(c.satisfied_by(pkg) for c in space.constraints):
            continue
        if all(c.satisfied_by(pkg) for p in parties for c in space.red_lines[p]):
            out.append(pkg)
    return out


def _brute(
    space: Space, packages: list[tuple[int, ...]], parties: list[int], batna: np.ndarray
) -> tuple[int, float | None]:
    """How many packages every party accepts, and the largest product of surpluses among them."""
    best: float | None = None
    hits = 0
    for pkg in packages:
        u = np.array([sum(space.contrib[i][p, k] for i, k in enumerate(pkg)) for p in parties])
        s = u - batna
        if (s > TOL).all():
            hits += 1
            prod = math.prod(float(x) for x in s)
            best = prod if best is None or prod > best else best
    return hits, best


@st.composite
def arena_cases(draw: st.DrawFn) -> tuple[Space, Arena, Arena]:
    """A space with a status quo, two tables (a partition of its issues) and their arenas."""
    space = draw(spaces(max_parties=3, max_issues=5))
    sq = tuple(draw(st.sampled_from(sorted(d))) for d in space.domains)
    space = replace(space, status_quo=sq)
    n = len(space.issues)
    table = [draw(st.sampled_from(("a", "b"))) for _ in range(n)]
    parties = draw(st.lists(st.sampled_from(space.parties), min_size=1, unique=True))
    a_issues = tuple(i for i in range(n) if table[i] == "a")
    one = Arena(
        name="a",
        tables=("a",),
        issues=a_issues,
        parties=tuple(parties),
        issue_tables=tuple("a" for _ in a_issues),
    )
    both = Arena(
        name="a+b",
        tables=("a", "b"),
        issues=tuple(range(n)),
        parties=tuple(parties),
        issue_tables=tuple(table),
    )
    return space, one, both


@SETTINGS
@given(arena_cases())
def test_each_arena_equals_brute_force_and_adding_a_table_removes_no_package(
    case: tuple[Space, Arena, Arena],
) -> None:
    space, one, both = case
    res = solve_linkage(space, arenas=[one, both])
    rows = [space.parties.index(p) for p in one.parties]
    found = {}
    for arena, r in zip((one, both), res.arenas, strict=True):
        packages = _arena_packages(space, set(arena.issues), rows, {})
        hits, best = _brute(space, packages, rows, space.batna[rows])
        found[arena.name] = set(packages)
        assert r.zopa.n_feasible == len(packages)
        assert r.zopa.counting == "exact" and r.zopa.count == hits
        assert r.zopa.exists == (hits > 0)
        if best is None:
            assert r.surplus is None
        else:
            assert r.surplus is not None
            assert math.isclose(math.prod(r.surplus), best, rel_tol=1e-9, abs_tol=1e-9)
    # the monotonicity: every package feasible with table a alone stays feasible with a and b
    assert found["a"] <= found["a+b"]
    assert res.arenas[0].zopa.n_feasible <= res.arenas[1].zopa.n_feasible
    assert (res.arenas[0].zopa.count or 0) <= (res.arenas[1].zopa.count or 0)


def _brute_trades(space: Space, arena: Arena) -> set[tuple[str, str, int, int]]:
    rows = [space.parties.index(p) for p in arena.parties]
    out = set()
    cross = len(set(arena.issue_tables)) > 1
    table = dict(zip(arena.issues, arena.issue_tables, strict=True))

    def fav(i: int, p: int) -> int:
        dom = sorted(space.domains[i])
        top = max(space.contrib[i][p, k] for k in dom)
        return next(k for k in dom if space.contrib[i][p, k] == top)

    for x, p in enumerate(rows):
        for q in rows[x + 1 :]:
            for i in arena.issues:
                for j in arena.issues:
                    if i == j or (cross and table[i] == table[j]):
                        continue
                    ai, bi, aj, bj = fav(i, p), fav(i, q), fav(j, p), fav(j, q)
                    if ai == bi or aj == bj:
                        continue
                    c = space.contrib
                    # p gives q its favourite on i and gets its own on j, against the reverse exchange
                    gain_p = (c[j][p, aj] + c[i][p, bi]) - (c[j][p, bj] + c[i][p, ai])
                    gain_q = (c[i][q, bi] + c[j][q, aj]) - (c[i][q, ai] + c[j][q, bj])
                    if gain_p > TOL and gain_q > TOL:
                        out.add((space.parties[p], space.parties[q], i, j))
    return out


@SETTINGS
@given(arena_cases())
def test_trades_equal_brute_force(case: tuple[Space, Arena, Arena]) -> None:
    space, _, both = case
    for arena in (both, replace(both, issue_tables=tuple("" for _ in both.issues))):
        found = trades(space, arena)
        assert {(t.giver, t.taker, t.give, t.take) for t in found} == _brute_trades(space, arena)
        assert all(min(t.gains) > TOL for t in found)


@SETTINGS
@given(arena_cases(), st.data())
def test_an_offer_fixes_its_terms_and_moves_the_batna_only_when_executed_now(
    case: tuple[Space, Arena, Arena], data: st.DataObject
) -> None:
    space, _, both = case
    i = data.draw(st.integers(0, len(space.issues) - 1))
    k = data.draw(st.sampled_from(sorted(space.domains[i])))
    now = data.draw(st.booleans())
    offer = Offer(id="o", by=space.parties[0], terms=((i, k),), now=now)
    res = solve_linkage(space, arenas=[both], offers=[offer])
    r = res.offered[0]
    rows = [space.parties.index(p) for p in both.parties]
    sq = space.status_quo[i]
    assert sq is not None
    moved = np.array([space.contrib[i][p, k] - space.contrib[i][p, sq] for p in rows]) if now else 0.0
    batna = space.batna[rows] + moved
    assert np.allclose(r.batna, batna)
    packages = _arena_packages(space, set(both.issues), rows, {i: k})
    hits, _ = _brute(space, packages, rows, batna)
    assert r.zopa.count == hits and r.offer == "o"


def test_default_arena_is_every_issue_and_every_party() -> None:
    space = Space.from_arrays([[[0, 2], [2, 0]], [[1, 0], [0, 1]]], [0.5, 0.5])
    res = solve_linkage(space)
    (r,) = res.arenas
    assert r.arena.issues == (0, 1) and r.arena.parties == space.parties
    assert r.zopa.exists and res.status == "ok"
