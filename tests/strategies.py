"""Shared generators of random test inputs: small spaces and scenarios (hypothesis), seeded instances.

Random spaces: 2-4 parties, 1-6 issues of 1-4 options, half-integer contributions
(so that ties, the hard case for "one representative per utility vector", are
common), random constraints, red lines and fixed issues. Random scenarios: 1-4
issues with or without status quo, 1-3 parties, profiles, constraints, red lines
and plans, as domain objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType as M

import numpy as np
from hypothesis import assume
from hypothesis import strategies as st

from accord.model import (
    Constraint,
    Issue,
    OneOf,
    Option,
    Party,
    Perspective,
    Plan,
    Profile,
    RedLine,
    Role,
    Scenario,
    ScenarioInvalid,
    Term,
    freeze_condition,
)
from accord.model.logic import Clause, Member, conjunction_forbidden
from accord.space import Space


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


def random_space(k: int, n: int, m: int, seed: int, batna: float = 0.0) -> Space:
    """Uniform random linear-additive instance (the bench generator's model)."""
    rng = np.random.default_rng(seed)
    w = rng.random((k, n))
    w /= w.sum(axis=1, keepdims=True)
    v = rng.random((k, n, m))
    return Space.from_arrays([w[:, [i]] * v[:, i, :] for i in range(n)], [batna] * k)


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    n_issues = draw(st.integers(1, 4))
    issues = []
    for i in range(n_issues):
        n_opt = draw(st.integers(1, 3))
        opts = tuple(Option(id=f"o{k}") for k in range(n_opt))
        sq = draw(st.sampled_from([None, *[o.id for o in opts]]))
        issues.append(Issue(id=f"i{i}", title=f"I{i}", options=opts, status_quo=sq))
    parties = tuple(
        Party(id=f"P{p}", name=f"P{p}", role=Role.BELLIGERENT) for p in range(draw(st.integers(1, 3)))
    )

    def cond() -> Mapping[str, tuple[str, ...]]:
        chosen = draw(st.lists(st.sampled_from(issues), min_size=1, max_size=2, unique_by=lambda x: x.id))
        return freeze_condition(
            {
                iss.id: tuple(
                    draw(st.lists(st.sampled_from(iss.option_ids), min_size=1, max_size=2, unique=True))
                )
                for iss in chosen
            }
        )

    profiles = []
    for party in parties:
        weighted = draw(st.lists(st.sampled_from(issues), min_size=1, unique_by=lambda x: x.id))
        profiles.append(
            Profile(
                party=party.id,
                perspective="base",
                weights=M({iss.id: float(draw(st.integers(1, 9))) for iss in weighted}),
                values=M(
                    {
                        iss.id: M({o: float(draw(st.integers(0, 100))) for o in iss.option_ids})
                        for iss in weighted
                    }
                ),
                batna=float(draw(st.integers(0, 100))),
                red_lines=tuple(RedLine(terms=cond()) for _ in range(draw(st.integers(0, 2)))),
                rationale="random",
            )
        )
    constraints = tuple(
        Constraint(id=f"c{k}", kind="implies", if_=cond(), then=cond())
        for k in range(draw(st.integers(0, 2)))
    )
    plans = []
    for k in range(draw(st.integers(1, 3))):
        terms: dict[str, Term] = {}
        for iss in issues:
            kind = draw(st.sampled_from(["open", "option", "one_of"]))
            if kind == "option":
                terms[iss.id] = draw(st.sampled_from(iss.option_ids))
            elif kind == "one_of":
                # Provided in one of several forms (a list of one is that option).
                forms = draw(st.lists(st.sampled_from(iss.option_ids), min_size=1, unique=True))
                terms[iss.id] = OneOf(options=tuple(forms))
        plans.append(Plan(id=f"plan{k}", title=f"Plan {k}", terms=M(terms)))
    try:
        return Scenario(
            id="rand",
            title="random",
            issues=tuple(issues),
            parties=parties,
            perspectives=(Perspective(id="base"),),
            default_perspective="base",
            profiles=tuple(profiles),
            constraints=constraints,
            plans=tuple(plans),
        )
    except ScenarioInvalid:
        assume(False)
        raise
