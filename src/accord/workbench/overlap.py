"""The mediator's overlap view: ZOPA and candidate packages from the delegations' private profiles.

Each delegation of a live process (:mod:`accord.process`) enters its own
estimate of its preferences (:class:`accord.process.private.PrivateProfile`);
only the mediator sees them all. :func:`overlap` turns them into profiles of one
new perspective, :data:`PERSPECTIVE`, of the process's scenario, compiles the
space for the parties that entered one and runs two package-search engines: the
zone of possible agreement (:func:`accord.analysis.zopa.solve_zopa`) and the Nash
bargaining solution (:func:`accord.analysis.bargaining.solve_bargaining`, Nash
1950), whose packages are the candidates the mediator may choose to table.
Nothing here is shared with anyone: sharing is the mediator tabling a candidate
as a proposal.

What a private profile leaves out is stated, not hidden: an option of a weighted
issue without a value counts 0, a missing BATNA counts 0, a profile weighing no
issue is left out, and profiles that make the scenario invalid (a red line no
package avoids) give no overlap, with the reason (``assumptions``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from accord.analysis.results import BargainingResult, ZopaResult
from accord.model import Scenario, ScenarioInvalid
from accord.model.preferences import Perspective, Profile, RedLine
from accord.space import Space
from accord.workbench.records import SolveRequest, ZopaRequest
from accord.workbench.search import solve, zopa

PERSPECTIVE = "delegations-private"
"""The id of the perspective that holds the delegations' own estimates."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """A package the mediator could table: its terms, each party's utility and BATNA, and why."""

    label: str
    terms: Mapping[str, str]
    utilities: Mapping[str, float]
    batna: Mapping[str, float]

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", MappingProxyType(dict(self.terms)))
        object.__setattr__(self, "utilities", MappingProxyType(dict(self.utilities)))
        object.__setattr__(self, "batna", MappingProxyType(dict(self.batna)))


@dataclass(frozen=True, slots=True, kw_only=True)
class OverlapOutcome:
    """The overlap of the private profiles: ZOPA, candidates, and what was assumed or missing.

    ``parties``: those whose private profile was used; ``missing``: negotiators
    without one; ``zopa``/``nash`` are None when fewer than two profiles exist.
    """

    parties: tuple[str, ...]
    missing: tuple[str, ...]
    assumptions: tuple[str, ...] = ()
    zopa: ZopaResult | None = None
    nash: BargainingResult | None = None
    candidates: tuple[Candidate, ...] = ()
    space: Space | None = field(default=None, repr=False)


def private_profile(scenario: Scenario, party: str, data: Mapping[str, Any]) -> tuple[Profile, list[str]]:
    """A profile of ``party`` under :data:`PERSPECTIVE` from private ``data``, and what it assumed."""
    issues = {i.id: i for i in scenario.issues}
    weights = {k: float(w) for k, w in dict(data.get("weights", {})).items() if float(w) > 0}
    given = dict(data.get("values", {}))
    values: dict[str, dict[str, float]] = {}
    assumed: list[str] = []
    for issue in weights:
        row = dict(given.get(issue, {}))
        gaps = [o for o in issues[issue].option_ids if o not in row]
        if gaps:
            assumed.append(f"{party}: {issue} options without a value count 0 ({', '.join(gaps)})")
        values[issue] = {o: float(row.get(o, 0.0)) for o in issues[issue].option_ids}
    batna = data.get("batna")
    if batna is None:
        assumed.append(f"{party}: no BATNA given, counted 0")
    red_lines = tuple(RedLine(terms={k: (v,) for k, v in line.items()}) for line in data.get("red_lines", []))
    profile = Profile(
        party=party,
        perspective=PERSPECTIVE,
        weights=weights,
        values=values,
        batna=float(batna or 0.0),
        red_lines=red_lines,
        rationale=str(data.get("rationale", "")),
    )
    return profile, assumed


def with_private_profiles(
    scenario: Scenario, profiles: Mapping[str, Mapping[str, Any]]
) -> tuple[Scenario, list[str]]:
    """``scenario`` with the private profiles added under :data:`PERSPECTIVE`, and the assumptions made."""
    built, assumed = [], []
    for party, data in sorted(profiles.items()):
        if not any(float(w) > 0 for w in dict(data.get("weights") or {}).values()):
            assumed.append(f"{party}: the private profile weighs no issue, so it is left out")
            continue
        profile, notes = private_profile(scenario, party, data)
        built.append(profile)
        assumed += notes
    persp = Perspective(
        id=PERSPECTIVE,
        name="Delegations' private profiles",
        owner="the delegations (seen by the mediator only)",
        parties=tuple(p.party for p in built),
    )
    return replace(
        scenario, perspectives=(*scenario.perspectives, persp), profiles=(*scenario.profiles, *built)
    ), assumed


def overlap(
    scenario: Scenario, profiles: Mapping[str, Mapping[str, Any]], *, negotiators: Sequence[str] = ()
) -> OverlapOutcome:
    """ZOPA and the Nash candidate over the private ``profiles`` (party -> profile data)."""
    try:
        full, assumed = with_private_profiles(scenario, profiles)
    except ScenarioInvalid as exc:  # e.g. a red line no package can avoid: no overlap to compute
        reasons = tuple(
            f"the private profiles cannot be used: {p}" for p in exc.problems if p.severity == "error"
        )
        return OverlapOutcome(parties=(), missing=tuple(negotiators), assumptions=reasons)
    parties = tuple(p.party for p in full.profiles if p.perspective == PERSPECTIVE)
    missing = tuple(p for p in negotiators if p not in parties)
    if len(parties) < 2:
        return OverlapOutcome(parties=parties, missing=missing, assumptions=tuple(assumed))
    common: dict[str, Any] = {"scenario": full, "perspective": PERSPECTIVE, "parties": parties}
    z = zopa(ZopaRequest(**common, samples=2_000, seed=0))
    n = solve(SolveRequest(**common, solution="nash"))
    space = z.space
    weighed = {i for p in full.profiles if p.perspective == PERSPECTIVE for i in p.weights}
    candidates = []
    for label, package in (
        ("most balanced (max-min surplus)", z.result.best),
        ("Nash solution", n.result.package),
    ):
        if package is not None:
            candidates.append(_candidate(space, label, package, weighed))
    return OverlapOutcome(
        parties=parties,
        missing=missing,
        assumptions=tuple(assumed),
        zopa=z.result,
        nash=n.result,
        candidates=tuple(candidates),
        space=space,
    )


def _candidate(space: Space, label: str, package: tuple[int, ...], weighed: set[str]) -> Candidate:
    """The package as a candidate; its terms name only issues some delegation weighs (the rest stay open)."""
    utils = space.utility(package)
    return Candidate(
        label=label,
        terms={k: v for k, v in space.package_ids(package).items() if k in weighed},
        utilities={p: float(u) for p, u in zip(space.parties, utils, strict=True)},
        batna={p: float(b) for p, b in zip(space.parties, space.batna, strict=True)},
    )
