"""Frozen results of the package-search engines.

Every result carries one :class:`accord.provenance.Provenance` saying how it was
obtained (``algorithm``, ``citation``, ``parameters``, ``seed``), whether its
optimality is proven (``exact``) and, when a limit cut the search short, what was
proven instead (``gap`` or a bound); the same names are read-only properties of
the result. "No solution" is a result with a ``status`` saying why, never
``None``. Packages are option indices per issue of the space the engine was
given; ``Space.package_ids`` names them. Arrays are read-only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any, Literal

import numpy as np

from accord.analysis.registry import SOLVERS
from accord.numeric import TOL, FloatArray, IntArray, readonly
from accord.provenance import Provenance, Status

__all__ = [
    "SOLUTIONS",
    "SOLUTION_TITLES",
    "Acceptability",
    "AmendResult",
    "BargainingResult",
    "Change",
    "Evaluation",
    "FrontierResult",
    "IssueShare",
    "PartyVerdict",
    "PlanEvaluation",
    "Provenanced",
    "Status",
    "ZopaResult",
]

SOLUTIONS: tuple[str, ...] = tuple(s.name for s in SOLVERS if s.family == "bargaining solution")
"""Bargaining solutions by name (from :data:`accord.analysis.registry.SOLVERS`)."""

SOLUTION_TITLES: Mapping[str, str] = MappingProxyType(
    {s.name: s.title for s in SOLVERS if s.name in SOLUTIONS}
)
"""A one-line title per bargaining solution (from the registry)."""


class Provenanced:
    """Read-only views of a result's ``provenance`` under the names results used to carry."""

    __slots__ = ()
    provenance: Provenance

    @property
    def algorithm(self) -> str:
        """What ran (``provenance.algorithm``)."""
        return self.provenance.algorithm

    @property
    def parameters(self) -> Mapping[str, object]:
        """The options it ran with, read-only (``provenance.parameters``)."""
        return self.provenance.parameters

    @property
    def exact(self) -> bool:
        """Whether the answer is proven (``provenance.exact``)."""
        return self.provenance.exact

    @property
    def gap(self) -> float:
        """How far from proven the answer is (``provenance.gap``)."""
        return self.provenance.gap

    @property
    def seconds(self) -> float:
        """Wall-clock time of the engine call (``provenance.seconds``)."""
        return self.provenance.seconds

    @property
    def seed(self) -> int | None:
        """The random seed used, if any (``provenance.seed``)."""
        return self.provenance.seed


def freeze_fields(obj: Any) -> None:
    """Freeze the fields of the frozen dataclass ``obj`` (called from ``__post_init__``).

    Arrays become read-only (the same objects), lists tuples, and dicts read-only
    mappings, so that a result cannot be changed through what it holds.
    """
    for f in fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, np.ndarray):
            readonly(value)
        elif isinstance(value, list):
            object.__setattr__(obj, f.name, tuple(value))
        elif isinstance(value, dict):
            object.__setattr__(obj, f.name, MappingProxyType(value))


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class FrontierResult(Provenanced):
    """The efficient (Pareto) frontier of the feasible packages.

    ``utilities[j]`` is the utility vector of ``packages[j]``; one package per
    distinct vector. With ``individually_rational`` only packages acceptable to
    every party (surplus above TOL) are kept. ``exact`` is False when a limit
    stopped the enumeration: ``packages`` are then efficient packages proven by
    weighted sums (supported points), not the whole frontier.
    """

    status: Status
    parties: tuple[str, ...]
    packages: IntArray
    utilities: FloatArray
    batna: FloatArray
    individually_rational: bool
    provenance: Provenance
    n_feasible: int = 0
    conflict: tuple[str, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        freeze_fields(self)

    def __len__(self) -> int:
        return int(self.packages.shape[0])


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class BargainingResult(Provenanced):
    """A bargaining solution over pure packages, or over lotteries of packages.

    ``package`` is the solution (for a lottery: its most likely package);
    ``lottery`` lists ``(probability, package)`` for lottery solutions and is
    empty otherwise. ``utilities`` are (expected) utilities, ``surplus`` their
    excess over ``batna`` and ``objective`` the maximised value (the product of
    surpluses for Nash). ``ideal`` is the Kalai–Smorodinsky ideal point.
    ``gap`` bounds how much better the true optimum's objective can be (0 when
    exact; in log-product units for Nash).
    """

    solution: str
    lotteries: bool
    status: Status
    parties: tuple[str, ...]
    batna: FloatArray
    package: tuple[int, ...] | None
    utilities: FloatArray | None
    objective: float | None
    provenance: Provenance
    lottery: tuple[tuple[float, tuple[int, ...]], ...] = ()
    ideal: FloatArray | None = None
    conflict: tuple[str, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        freeze_fields(self)

    @property
    def surplus(self) -> FloatArray | None:
        """Utilities minus BATNA, per party (None without a solution)."""
        return None if self.utilities is None else readonly(self.utilities - self.batna)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class ZopaResult(Provenanced):
    """Zone of possible agreement: packages every chosen party prefers to its BATNA.

    ``exists``: some feasible package gives every party a surplus above TOL and
    crosses no honoured red line. ``best`` maximises the minimum surplus over all
    feasible packages (its ``min_surplus`` is negative or zero when there is no
    ZOPA: how far the closest package falls short). ``count`` is the exact number
    of acceptable packages when ``counting == "exact"``; with
    ``counting == "monte-carlo"`` ``share`` is an estimate from ``samples``
    uniform draws over the feasible packages (``seed``) with the 95% Wilson
    interval ``share_interval`` and ``count`` is None; ``counting == "not computed"``
    (the time limit ran out before the feasible packages were counted) leaves
    ``count``, ``n_feasible`` and ``share`` None, with the reason in ``note``. ``exact`` (from the
    provenance) equals ``best_exact``: whether the best package is proven; how the
    count was found is ``counting``'s to say.
    """

    status: Status
    parties: tuple[str, ...]
    batna: FloatArray
    exists: bool
    best: tuple[int, ...] | None
    best_utilities: FloatArray | None
    min_surplus: float | None
    best_exact: bool
    counting: Literal["exact", "monte-carlo", "not computed"]
    count: int | None
    n_feasible: int | None
    n_packages: int
    share: float | None
    share_interval: tuple[float, float] | None
    samples: int
    provenance: Provenance
    conflict: tuple[str, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        freeze_fields(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """One issue changed by an amendment (option indices and ids)."""

    issue: int
    issue_id: str
    before: int
    after: int
    before_id: str
    after_id: str


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class AmendResult(Provenanced):
    """The smallest amendment of a plan that every chosen party accepts.

    ``plan`` is the completed plan package (open issues at their status quo).
    ``feasible``: an amendment exists; then ``package`` is the amended plan,
    ``changes`` lists the issues changed and, among all amendments with as few
    changes, ``package`` gives the worst-off of ``proposers`` the most (or,
    without proposers, leaves the largest minimum surplus). ``exact`` is False when a
    limit stopped the proof: ``package`` is then the best found and
    ``lower_bound`` the proven least number of changes.
    """

    status: Status
    feasible: bool
    parties: tuple[str, ...]
    must_accept: tuple[int, ...]
    batna: FloatArray
    plan: tuple[int, ...]
    plan_utilities: FloatArray
    package: tuple[int, ...] | None
    utilities: FloatArray | None
    changes: tuple[Change, ...]
    proposers: tuple[int, ...]
    lower_bound: int
    provenance: Provenance
    conflict: tuple[str, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        freeze_fields(self)

    @property
    def n_changes(self) -> int | None:
        """How many issues the amendment changes (None when there is none)."""
        return len(self.changes) if self.feasible else None


# -- plan evaluation (accord.analysis.evaluate) ----------------------------------------

Acceptability = Literal["yes", "no", "depends"]


@dataclass(frozen=True, slots=True, kw_only=True)
class IssueShare:
    """One issue's part in a party's surplus (points on the 0-100 scale)."""

    issue: str
    option: str
    weight: float  # normalised weight (the party's weights sum to 1)
    value: float
    share: float


@dataclass(frozen=True, slots=True, kw_only=True)
class PartyVerdict:
    """One party's verdict on one plan: utility (or its range), surplus, red lines, why."""

    party: str
    perspective: str  # whose estimate these numbers are
    utility: float  # midpoint of utility_range when the plan is incomplete
    utility_range: tuple[float, float]
    batna: float
    surplus: float
    acceptability: Acceptability
    red_lines: tuple[str, ...]  # crossed by every completion of the plan
    red_lines_possible: tuple[str, ...]  # crossed by some completion only
    shares: tuple[IssueShare, ...]
    firm: bool
    spread: float

    def __post_init__(self) -> None:
        freeze_fields(self)

    @property
    def acceptable(self) -> bool:
        """True when the verdict is "yes"."""
        return self.acceptability == "yes"

    def weighs_for(self, n: int = 3) -> tuple[IssueShare, ...]:
        """The ``n`` issues pulling the surplus up most."""
        pos = sorted((s for s in self.shares if s.share > TOL), key=lambda s: -s.share)
        return tuple(pos[:n])

    def weighs_against(self, n: int = 3) -> tuple[IssueShare, ...]:
        """The ``n`` issues pulling the surplus down most."""
        neg = sorted((s for s in self.shares if s.share < -TOL), key=lambda s: s.share)
        return tuple(neg[:n])


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanEvaluation:
    """One plan variant judged by every party: the package, open issues, verdicts."""

    plan: str
    title: str
    proposers: tuple[str, ...]
    date: str
    reading: str | None
    package: Mapping[str, str | None]  # None: open with no status quo
    held_at_status_quo: tuple[str, ...]
    undetermined: tuple[str, ...]
    # Constraints in conflict when no completion meets them all: those every completion
    # breaks, else a minimal set no completion meets together; () when feasible.
    violations: tuple[str, ...]
    parties: tuple[PartyVerdict, ...]
    completions: int = 1  # packages the undecided issues allow (open, or provided in one of forms)
    exact: bool = True  # False: too many completions, verdicts from bounds
    # Issues the plan provides in one of several forms (which is disputed or unknown): the
    # options judged; their package entry is None like an undetermined issue's.
    forms: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        freeze_fields(self)

    @property
    def complete(self) -> bool:
        """True when no open issue is left undetermined (an issue provided in some form is not open)."""
        return not self.undetermined

    @property
    def unsettled(self) -> tuple[str, ...]:
        """The issues whose option is not known: undetermined, then those provided in one of forms."""
        return (*self.undetermined, *(f"the form of {i}" for i in self.forms))

    @property
    def acceptable_to_all(self) -> bool:
        """True when no constraint is broken and every party says "yes"."""
        return not self.violations and all(v.acceptability == "yes" for v in self.parties)

    @property
    def infeasible(self) -> bool:
        """True when no completion of the plan meets the constraints (``violations`` names them)."""
        return bool(self.violations)

    @property
    def blocked_by(self) -> tuple[str, ...]:
        """The parties whose verdict is "no"."""
        return tuple(v.party for v in self.parties if v.acceptability == "no")

    @property
    def undecided(self) -> tuple[str, ...]:
        """The parties whose verdict depends on the open issues."""
        return tuple(v.party for v in self.parties if v.acceptability == "depends")

    def verdict(self) -> str:
        """One sentence a reader can quote."""
        if self.acceptable_to_all:
            fragile = [v.party for v in self.parties if not v.firm]
            text = "acceptable to all"
            if fragile:
                text += " (fragile for " + ", ".join(fragile) + ": surplus within the estimate spread)"
            return text
        parts = []
        if self.violations:
            noun = "constraint " if len(self.violations) == 1 else "constraints "
            parts.append("infeasible: breaks " + noun + ", ".join(self.violations))
        for v in self.parties:
            if v.acceptability == "no":
                why = [f"surplus {v.surplus:+.1f}"] if v.surplus <= TOL else []
                why += [f"red line {r}" for r in v.red_lines]
                parts.append(f"blocked by {v.party} ({', '.join(why) or 'no completion acceptable'})")
        if self.undecided:
            parts.append(
                "undecided for "
                + ", ".join(self.undecided)
                + " until "
                + ", ".join(self.unsettled)
                + " settled"
            )
        return "; ".join(parts)


@dataclass(frozen=True, slots=True, kw_only=True)
class Evaluation(Provenanced):
    """Plans judged under one perspective, with how they were judged (``provenance``).

    ``provenance.algorithm`` says whether every plan's completions were enumerated
    or some plan was judged by per-issue bounds (``exact`` is False then).
    ``status`` is always ``"ok"``: every plan gets a verdict, and a plan nobody
    can accept is a verdict, not a failure of the evaluation.
    """

    scenario: str
    perspective: str
    parties: tuple[str, ...]
    plans: tuple[PlanEvaluation, ...]
    provenance: Provenance
    status: Status = "ok"
    method: str = (
        "additive utility u_p(x) = sum_i w_p,i v_p,i(x_i) / sum_i w_p,i; acceptable when "
        f"u_p > BATNA_p by more than {TOL:g} and no red line is crossed"
    )

    def __post_init__(self) -> None:
        freeze_fields(self)

    def plan(self, plan_id: str) -> PlanEvaluation:
        """The evaluation of the plan (or variant) ``plan_id``; KeyError when absent."""
        for p in self.plans:
            if p.plan == plan_id:
                return p
        raise KeyError(plan_id)

    def to_frame(self) -> object:
        """A pandas DataFrame, one row per plan and party (needs ``accord[pandas]``)."""
        import pandas as pd

        rows = [
            {
                "plan": pe.plan,
                "party": v.party,
                "perspective": v.perspective,
                "utility": v.utility,
                "utility_low": v.utility_range[0],
                "utility_high": v.utility_range[1],
                "batna": v.batna,
                "surplus": v.surplus,
                "acceptable": v.acceptable,
                "acceptability": v.acceptability,
                "red_lines": "; ".join(v.red_lines),
                "firm": v.firm,
            }
            for pe in self.plans
            for v in pe.parties
        ]
        return pd.DataFrame(rows)
