"""The mediator's overlap view against a brute-force reference over every package.

Small random scenarios carry public ("base") profiles whose rationale is a
marker; the delegations' private profiles are drawn as the web API takes them
(weights, possibly partial values, an optional BATNA, red lines). The reference
enumerates every package with ``itertools.product`` and scores it straight from
the private data by the documented rule (docs/format.md: normalised weights,
u = sum of w_i / W * v_i; an option without a value counts 0, a missing BATNA 0;
a red line is crossed when every one of its terms holds). It shares no code with
:mod:`accord.workbench.overlap` or the engines. Invariants: the ZOPA (exists,
best minimum surplus, exact count), the Nash candidate's product of surpluses,
each candidate's utilities, and that nothing of a profile the mediator was not
given (another delegation's, or the public ones) enters.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.model import Issue, Option, Party, Perspective, Profile, Role, Scenario
from accord.workbench.overlap import overlap

MARKER = "PUBLIC-PROFILE-MARKER"


def _scenario(n_options: list[int], n_parties: int) -> Scenario:
    issues = tuple(
        Issue(id=f"i{i}", title=f"I{i}", options=tuple(Option(id=f"o{k}") for k in range(n)))
        for i, n in enumerate(n_options)
    )
    parties = tuple(Party(id=f"P{p}", name=f"P{p}", role=Role.BELLIGERENT) for p in range(n_parties))
    public = tuple(
        Profile(
            party=p.id,
            perspective="base",
            weights={issues[0].id: 1.0},
            values={issues[0].id: {o: 50.0 + 7 * k for k, o in enumerate(issues[0].option_ids)}},
            batna=3.0,
            rationale=MARKER,
        )
        for p in parties
    )
    return Scenario(
        id="ov",
        title="overlap",
        issues=issues,
        parties=parties,
        perspectives=(Perspective(id="base"),),
        default_perspective="base",
        profiles=public,
    )


@st.composite
def cases(draw: st.DrawFn) -> tuple[Scenario, dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """A scenario, the private profiles the mediator is given, and those it is not."""
    n_options = draw(st.lists(st.integers(1, 3), min_size=1, max_size=3))
    scenario = _scenario(n_options, draw(st.integers(2, 4)))
    profiles: dict[str, dict[str, Any]] = {}
    for party in scenario.parties:
        weights = {i.id: draw(st.integers(0, 5)) for i in scenario.issues if draw(st.booleans())}
        values = {
            i: {o: draw(st.integers(0, 100)) for o in scenario.issue(i).option_ids if draw(st.booleans())}
            for i in weights
        }
        data: dict[str, Any] = {"weights": weights, "values": values, "rationale": f"SECRET-{party.id}"}
        if draw(st.booleans()):
            data["batna"] = draw(st.integers(0, 100))
        lines = draw(st.lists(st.sampled_from(scenario.issues), max_size=1))
        data["red_lines"] = [{iss.id: draw(st.sampled_from(iss.option_ids))} for iss in lines]
        profiles[party.id] = data
    kept = draw(st.lists(st.sampled_from(sorted(profiles)), unique=True))
    given_ = {p: profiles[p] for p in kept}
    withheld = {p: d for p, d in profiles.items() if p not in given_}
    return scenario, given_, withheld


def _utility(data: dict[str, Any], terms: dict[str, str]) -> float:
    weights = {i: float(w) for i, w in data["weights"].items() if w > 0}
    total = sum(weights.values())
    return sum(w / total * float(data["values"].get(i, {}).get(terms[i], 0)) for i, w in weights.items())


def _crosses(data: dict[str, Any], terms: dict[str, str]) -> bool:
    return any(all(terms[i] == o for i, o in line.items()) for line in data["red_lines"])


def _reference(
    scenario: Scenario, used: dict[str, dict[str, Any]]
) -> list[tuple[dict[str, str], list[float]]]:
    """Every package that crosses no red line of a used profile, with each used party's surplus."""
    ids = [i.id for i in scenario.issues]
    rows = []
    for combo in itertools.product(*(i.option_ids for i in scenario.issues)):
        terms = dict(zip(ids, combo, strict=True))
        if any(_crosses(d, terms) for d in used.values()):
            continue
        rows.append(
            (terms, [_utility(d, terms) - float(d.get("batna") or 0) for _, d in sorted(used.items())])
        )
    return rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_overlap_matches_brute_force_and_uses_only_the_given_profiles(case: Any) -> None:
    scenario, given_, withheld = case
    negotiators = tuple(p.id for p in scenario.parties)
    out = overlap(scenario, given_, negotiators=negotiators)
    used = {p: d for p, d in given_.items() if any(w > 0 for w in d["weights"].values())}
    rows = _reference(scenario, used)
    if not rows and out.parties == ():  # a red line no package avoids: refused, with the reason
        assert out.zopa is None and any("cannot be used" in a for a in out.assumptions)
        return
    assert out.parties == tuple(sorted(used))
    assert out.missing == tuple(p for p in negotiators if p not in used)
    shown = repr((out.parties, out.missing, out.assumptions, out.candidates))
    for secret in [MARKER, *(f"SECRET-{p}" for p in withheld)]:
        assert secret not in shown
    if len(used) < 2:
        assert out.zopa is None and out.nash is None and out.candidates == ()
        return
    assert out.space is not None and out.space.parties == tuple(sorted(used))
    assert out.zopa is not None and out.nash is not None
    best = max((min(s) for _, s in rows), default=None)
    if best is None:
        assert out.zopa.best is None or not out.zopa.exists
        return
    assert math.isclose(out.zopa.min_surplus, best, abs_tol=1e-7)
    if abs(best) > 1e-6:
        assert out.zopa.exists == (best > 0)
    if out.zopa.counting == "exact":
        assert out.zopa.count == sum(min(s) > 1e-9 for _, s in rows)
    for cand in out.candidates:
        assert set(cand.terms) <= {i for d in used.values() for i, w in d["weights"].items() if w > 0}
        terms = {i.id: cand.terms.get(i.id, i.option_ids[0]) for i in scenario.issues}
        for party, data in used.items():
            assert math.isclose(cand.utilities[party], _utility(data, terms), abs_tol=1e-7)
            assert cand.batna[party] == float(data.get("batna") or 0)
    ir = [math.prod(s) for _, s in rows if min(s) > 1e-6]
    if ir and out.nash.objective is not None:
        assert math.isclose(out.nash.objective, max(ir), rel_tol=1e-6, abs_tol=1e-7)
