"""Internal alignment: where a party's factions disagree, and what closing the gap changes outside.

Pickering (2022) puts "up to 60 percent" of what a negotiation must resolve
inside the parties (in the US: the NSC, State and Defense) and asks each party to
settle it in *prior preparations*. The engine takes several *profiles* of one
party, each a compiled space that differs from the others only in that party's
row (its weights, values, BATNA and red lines): the weighted aggregate of its
factions (Harsanyi 1955, :mod:`accord.model.factions`) and each faction's own.

- **Issue by issue**: each profile's normalised weight of the issue and its
  value of each option; the *gap* of an issue is the largest difference between
  two profiles' values of one option (among the profiles that weigh the issue),
  and its *stake* the largest difference between two profiles' contributions
  ``w_i v_i(o)`` of one option to utility (points on the 0–100 scale: weights and
  values together).
- **Outside**: per profile, as if the party spoke with that voice: whether a
  ZOPA exists and its size (largest minimum surplus,
  :func:`accord.analysis.zopa.solve_zopa`), the party's surplus at the Nash
  bargaining solution (:func:`accord.analysis.nash.solve_nash`; Nash 1950), and
  which plans the party accepts (u > BATNA by more than TOL, no red line).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from accord.analysis.nash import solve_nash
from accord.analysis.registry import SOLVERS
from accord.analysis.results import Provenanced
from accord.analysis.zopa import solve_zopa
from accord.numeric import TOL
from accord.provenance import Provenance, Status
from accord.space import Space

__all__ = ["AlignResult", "IssueGap", "ProfileOptions", "issue_gaps", "solve_align"]


@dataclass(frozen=True, slots=True, kw_only=True)
class IssueGap:
    """One issue: each profile's weight (share of its total) and values of the options, the gap and stake."""

    issue: str
    options: tuple[str, ...]
    weights: tuple[float, ...]
    values: tuple[tuple[float, ...], ...]
    gap: float
    stake: float


@dataclass(frozen=True, slots=True, kw_only=True)
class ProfileOptions:
    """The party's external options under one profile: ZOPA, its Nash surplus, the plans it accepts.

    ``accepts[m]`` is the share of the plan's forms it accepts (1.0 or 0.0 for
    a plan with one package).
    """

    profile: str
    batna: float
    exists: bool
    size: float | None
    nash_surplus: float | None
    nash_package: tuple[int, ...] | None
    accepts: tuple[float, ...]
    exact: bool


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class AlignResult(Provenanced):
    """The issues by stake (largest first), and the party's options under each profile."""

    status: Status
    party: str
    profiles: tuple[str, ...]
    issues: tuple[IssueGap, ...]
    plans: tuple[str, ...]
    options: tuple[ProfileOptions, ...]
    provenance: Provenance

    def __post_init__(self) -> None:
        for name in ("profiles", "issues", "plans", "options"):
            object.__setattr__(self, name, tuple(getattr(self, name)))


def _row(space: Space, p: int) -> tuple[np.ndarray, list[np.ndarray]]:
    """Party ``p``'s normalised weights (per issue) and values (per issue, per option) in ``space``."""
    if space.weights is None:
        return np.ones(len(space.issues)) / max(1, len(space.issues)), [c[p].copy() for c in space.contrib]
    w = np.array(space.weights[p], dtype=np.float64)
    values = [c[p] / w[i] if w[i] > 0 else np.full(c.shape[1], np.nan) for i, c in enumerate(space.contrib)]
    return w / w.sum() if w.sum() > 0 else w, values


def issue_gaps(spaces: Sequence[Space], p: int) -> tuple[IssueGap, ...]:
    """Each issue's weights, values, gap and stake across the profiles (row ``p`` of each space), by stake."""
    rows = [_row(s, p) for s in spaces]
    out = []
    for i, issue in enumerate(spaces[0].issues):
        values = np.array([v[i] for _, v in rows])  # profiles x options
        weighed = ~np.isnan(values).any(axis=1)
        gap = float(np.max(np.ptp(values[weighed], axis=0))) if weighed.sum() > 1 else 0.0
        points = np.array([s.contrib[i][p] for s in spaces])
        weights = tuple(float(w[i]) for w, _ in rows)
        out.append(
            IssueGap(
                issue=issue,
                options=spaces[0].options[i],
                weights=weights,
                values=tuple(tuple(float(x) for x in row) for row in values),
                gap=gap,
                stake=float(np.max(np.ptp(points, axis=0))) if points.size else 0.0,
            )
        )
    return tuple(sorted(out, key=lambda g: (-g.stake, g.issue)))


def _accepts(space: Space, p: int, forms: Sequence[Sequence[int]]) -> float:
    ok = [bool(space.utility(f)[p] - space.batna[p] > TOL) and not space.crossed(f, p) for f in forms]
    return float(sum(ok)) / len(ok)


def _options(
    name: str, space: Space, p: int, plans: Sequence[Sequence[Sequence[int]]], time_limit: float | None
) -> ProfileOptions:
    zopa = solve_zopa(space, count_states=0, samples=1, time_limit=time_limit)
    nash = solve_nash(space, time_limit=time_limit) if zopa.exists else None
    surplus = None
    if nash is not None and nash.utilities is not None:
        surplus = float(nash.utilities[p] - space.batna[p])
    return ProfileOptions(
        profile=name,
        batna=float(space.batna[p]),
        exists=zopa.exists,
        size=zopa.min_surplus,
        nash_surplus=surplus,
        nash_package=nash.package if nash is not None else None,
        accepts=tuple(_accepts(space, p, forms) for forms in plans),
        exact=zopa.best_exact and (nash is None or nash.provenance.exact),
    )


def solve_align(
    space: Space,
    *,
    party: int = 0,
    profiles: Mapping[str, Space] | None = None,
    plans: Mapping[str, Sequence[Sequence[int]]] | None = None,
    time_limit: float | None = None,
) -> AlignResult:
    """Compare ``space`` (the party's aggregate profile) with ``profiles`` (name -> space with another row).

    ``plans`` maps a plan name to its forms (complete packages; one for a plan
    without open forms); default: the status-quo package.
    """
    t0 = time.perf_counter()
    named = {"aggregate": space, **dict(profiles or {})}
    for name, other in named.items():
        if other.parties != space.parties or other.issues != space.issues:
            raise ValueError(f"profile {name!r}: its space must have the same parties and issues")
    if plans is None:
        sq = tuple(
            s if s is not None else min(d) for s, d in zip(space.status_quo, space.domains, strict=True)
        )
        plans = {"status quo": (sq,)}
    forms = list(plans.values())
    options = tuple(_options(n, s, party, forms, time_limit) for n, s in named.items())
    exact = all(o.exact for o in options)
    return AlignResult(
        status="ok" if exact else "limit",
        party=space.parties[party],
        profiles=tuple(named),
        issues=issue_gaps(list(named.values()), party),
        plans=tuple(plans),
        options=options,
        provenance=SOLVERS.get("alignment").provenance(
            "issue-by-issue gaps between profiles; ZOPA (maximin) and Nash solution under each",
            parameters={"party": space.parties[party], "profiles": tuple(named), "time_limit": time_limit},
            started=t0,
            exact=exact,
        ),
    )
