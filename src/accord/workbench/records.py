"""Requests and outcomes of the package searches, and the verdict rules they share.

The records live apart from the use cases (:mod:`accord.workbench.search`) so that
renderers can name them without loading the search engines. The rules: each
party's stated spread, whether a verdict is *fragile* (its surplus within that
spread, so another reading of the estimate could flip it) and who breaks an
amendment's ties.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from accord.analysis.results import AmendResult, BargainingResult, FrontierResult, ZopaResult
from accord.analysis.sensitivity import FlipDistances, flip_distances
from accord.model import Scenario
from accord.model.choice import PerspectiveChoice, PerspectiveSpec
from accord.numeric import FloatArray
from accord.space import Space, compile_space
from accord.workbench.estimates import Estimates

FRAGILE_NOTE = "~ fragile: the surplus is within the estimate's stated spread, so the verdict could flip."


def _names(value: Sequence[str] | None) -> tuple[str, ...] | None:
    # An empty selection means "the default", as it does on the command line.
    return tuple(value) if value else None


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchRequest:
    """What every search shares: whose estimates, which parties, which restrictions.

    ``perspective`` is one id for every party or a mixed choice (held as a
    :class:`accord.model.choice.PerspectiveChoice`); ``tables``/``tracks`` hold the
    issues outside them at their status quo; ``fixes`` holds issues at options
    (issue id -> option id). ``backend`` (``auto``, ``decomposition``, ``mip``) is
    the solutions', ZOPA's and amendment's search backend
    (:mod:`accord.analysis.kernel.backend`); the frontier does not use it.
    """

    scenario: Scenario
    perspective: PerspectiveSpec = None
    parties: tuple[str, ...] | None = None
    tables: tuple[str, ...] | None = None
    tracks: tuple[str, ...] | None = None
    fixes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    ignore_red_lines: bool = False
    time_limit: float | None = None
    backend: str = "auto"

    def __post_init__(self) -> None:
        for name in ("parties", "tables", "tracks"):
            object.__setattr__(self, name, _names(getattr(self, name)))
        object.__setattr__(self, "fixes", MappingProxyType(dict(self.fixes)))
        object.__setattr__(self, "perspective", PerspectiveChoice.of(self.perspective))

    def compile(self, parties: Sequence[str] | None = None) -> Space:
        """The space of this request: for ``parties``, else the requested ones, else the negotiators.

        The negotiators are the scenario's negotiating parties: mediators and
        observers judge plans but hold no veto.
        """
        return compile_space(
            self.scenario,
            perspective=self.perspective,
            parties=parties if parties is not None else (self.parties or self.scenario.negotiating_parties()),
            tables=self.tables,
            tracks=self.tracks,
            fixed=dict(self.fixes),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class FrontierRequest(SearchRequest):
    """The efficient frontier; ``rational``: only packages every party prefers to its BATNA."""

    rational: bool = False
    max_points: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SolveRequest(SearchRequest):
    """A bargaining solution by name, over pure packages or (``lotteries``) their lotteries."""

    solution: str = "nash"
    lotteries: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ZopaRequest(SearchRequest):
    """The zone of possible agreement; ``samples``/``seed`` drive a Monte Carlo share."""

    samples: int = 200_000
    seed: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class AmendRequest(SearchRequest):
    """The smallest amendment of ``plan`` (a plan id or PLAN@READING)."""

    plan: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchOutcome:
    """What every search returns besides its result.

    ``space`` holds whose estimates each row is and their stated spreads (see
    :class:`accord.space.Space`); ``estimates`` words the perspective for people.
    """

    request: SearchRequest
    space: Space
    estimates: Estimates

    @property
    def scenario(self) -> Scenario:
        """The scenario searched."""
        return self.request.scenario

    def fragile(self, utilities: FloatArray | None) -> Mapping[str, bool] | None:
        """Per party, whether the surplus of ``utilities`` lies within the stated spread.

        Such a verdict is *fragile*: another reading of the estimate could flip it.
        """
        if utilities is None:
            return None
        flags = self.space.fragile(utilities)
        return MappingProxyType({party: bool(flags[p]) for p, party in enumerate(self.space.parties)})

    def flips(self, package: Sequence[int] | None) -> tuple[FlipDistances, ...] | None:
        """Per party (space order), how far each estimate must move to flip its verdict on ``package``."""
        return None if package is None else flip_distances(self.space, package)


@dataclass(frozen=True, slots=True, kw_only=True)
class FrontierOutcome(SearchOutcome):
    """The efficient frontier of a request."""

    request: FrontierRequest
    result: FrontierResult


@dataclass(frozen=True, slots=True, kw_only=True)
class SolveOutcome(SearchOutcome):
    """A bargaining solution of a request."""

    request: SolveRequest
    result: BargainingResult


@dataclass(frozen=True, slots=True, kw_only=True)
class ZopaOutcome(SearchOutcome):
    """The zone of possible agreement of a request."""

    request: ZopaRequest
    result: ZopaResult


@dataclass(frozen=True, slots=True, kw_only=True)
class AmendOutcome(SearchOutcome):
    """The smallest amendment of a plan.

    ``variant``/``title`` name the plan amended; ``must_accept`` the parties that
    must accept it (the space may also hold the plan's proposers, whose utilities
    only break ties); ``note`` says how ties were broken when a proposer has no profile.
    """

    request: AmendRequest
    result: AmendResult
    variant: str
    title: str
    must_accept: tuple[str, ...]
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "must_accept", tuple(self.must_accept))

    @property
    def accepting_space(self) -> Space:
        """The space of the parties that must accept (without tie-break-only proposers)."""
        if len(self.must_accept) == len(self.space.parties):
            return self.space
        return self.space.select_parties(self.must_accept)


def estimates(space: Space) -> Estimates:
    """Whose estimates ``space`` holds: its perspective(s) and the rows that fall back to the default."""
    return Estimates.of(space)


def proposer_tiebreak(
    scenario: Scenario, proposers: Sequence[str], chosen: Sequence[str], perspective: PerspectiveSpec
) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """Who joins the space only to break ties, the proposers that break them, and a note.

    Among amendments with equally few changes the one whose worst-off proposer
    loses least wins, so a proposer outside the accepting parties joins the space
    (without having to accept); a proposer without a profile cannot, and is left
    out of the tie-break (the note says so); with none left, ties go to the
    largest least surplus.
    """
    choice = PerspectiveChoice.of(perspective)
    missing = tuple(
        p for p in proposers if p not in chosen and scenario.profile(p, choice.requested(scenario, p)) is None
    )
    used = tuple(p for p in proposers if p not in missing)
    extra = tuple(p for p in used if p not in chosen)
    if not missing:
        return extra, used, ""
    names = ", ".join(missing)
    who = f"the proposer {names} has" if len(missing) == 1 else f"the proposers {names} have"
    rest = (
        "ties are broken by the least surplus"
        if not used
        else "ties are broken by the worst-off of " + ", ".join(used)
    )
    return extra, used, f"{who} no profile, so {rest}"
