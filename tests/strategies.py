"""Shared generators of random test inputs: small spaces and scenarios (hypothesis), seeded instances.

Random spaces: 2-4 parties, 1-6 issues of 1-4 options, half-integer contributions
(so that ties, the hard case for "one representative per utility vector", are
common), random constraints, red lines and fixed issues; linked spaces: the same
with dense two-issue if/then and excludes links (the MIP backend's case). Random scenarios: 1-4
issues with or without status quo, 1-3 parties, profiles, constraints, red lines
and plans, as domain objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType as M
from typing import Any

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
from accord.model.logic import Clause, Member, conjunction_forbidden, implication
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


@st.composite
def linked_spaces(draw: st.DrawFn, max_parties: int = 4, max_issues: int = 6) -> Space:
    """Spaces with dense links: many two-issue if/then and excludes clauses, some red lines.

    Half-integer contributions (ties common), 3-6 issues of 2-4 options, and
    between one and two links per issue, so that most issues share a component.
    """
    k = draw(st.integers(2, max_parties))
    n = draw(st.integers(3, max_issues))
    sizes = [draw(st.integers(2, 4)) for _ in range(n)]
    contrib = [
        np.array([[draw(st.integers(0, 8)) / 2 for _ in range(m)] for _ in range(k)], dtype=float)
        for m in sizes
    ]
    batna = [draw(st.integers(0, 3 * n)) / 2 for _ in range(k)]
    links = []
    for c in range(draw(st.integers(n, 2 * n))):
        a, b = draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True))
        oa, ob = draw(st.integers(0, sizes[a] - 1)), draw(st.integers(0, sizes[b] - 1))
        if draw(st.booleans()):  # if x_a = oa then x_b = ob
            links.append(implication([(a, frozenset({oa}))], (b, frozenset({ob})), sizes, f"link {c}"))
        else:  # not (x_a = oa and x_b = ob)
            links.append(conjunction_forbidden([(a, frozenset({oa})), (b, frozenset({ob}))], sizes, f"x{c}"))
    red_lines = []
    for p in range(k):
        i = draw(st.integers(0, n - 1))
        terms = [(i, frozenset({draw(st.integers(0, sizes[i] - 1))}))]
        red_lines.append(
            [conjunction_forbidden(terms, sizes, f"red line of P{p + 1}")] if draw(st.booleans()) else []
        )
    return Space.from_arrays(contrib, batna, constraints=links, red_lines=red_lines)


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


# -- live processes (accord.process) -----------------------------------------------------


@st.composite
def process_specs(draw: st.DrawFn) -> Any:
    """A small process: 2-4 parties (one may mediate), 1-4 issues of 2-3 options, maybe a table and NAUEA."""
    from accord.process import IssueSpec, ProcessSpec, TableSpec

    n_parties = draw(st.integers(2, 4))
    roles = [
        draw(st.sampled_from(["belligerent", "belligerent", "guarantor", "mediator"]))
        for _ in range(n_parties)
    ]
    parties = tuple((f"P{k}", role) for k, role in enumerate(roles))
    ids = [p for p, _ in parties]
    tables = ()
    if draw(st.booleans()):
        members = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=n_parties, unique=True))
        tables = (TableSpec(id="t", name="T", parties=tuple(members)),)
    n_issues = draw(st.integers(1, 4))
    issues = tuple(
        IssueSpec(
            id=f"i{k}",
            title=f"Issue {k}",
            options=tuple((f"o{j}", f"Option {j}") for j in range(draw(st.integers(2, 3)))),
            table="t" if tables and draw(st.booleans()) else None,
        )
        for k in range(n_issues)
    )
    nauea = draw(st.booleans())
    early = tuple(i.id for i in issues if nauea and draw(st.booleans()))
    return ProcessSpec(
        scenario_id="gen",
        title="Generated",
        issues=issues,
        parties=parties,
        tables=tables,
        nauea=nauea,
        early=early,
    )


@st.composite
def process_states(draw: st.DrawFn) -> Any:
    """A spec with 0-5 proposals and 0-12 responses, numbered in the order they happened."""
    from accord.process import ProcessState, Proposal, Response, ResponseKind

    spec = draw(process_specs())
    ids = spec.party_ids
    proposals = []
    for k in range(draw(st.integers(0, 5))):
        chosen = draw(st.lists(st.sampled_from([i.id for i in spec.issues]), min_size=1, unique=True))
        terms = {i: draw(st.sampled_from([o for o, _ in spec.issue(i).options])) for i in chosen}
        proposals.append(Proposal(id=k + 1, seq=k + 1, proposer=draw(st.sampled_from(ids)), terms=terms))
    responses = []
    if proposals:
        for k in range(draw(st.integers(0, 12))):
            responses.append(
                Response(
                    id=k + 1,
                    seq=k + 1,
                    proposal=draw(st.integers(1, len(proposals))),
                    party=draw(st.sampled_from(ids)),
                    kind=draw(st.sampled_from(list(ResponseKind))),
                )
            )
    return ProcessState(spec=spec, proposals=tuple(proposals), responses=tuple(responses))
