"""Internal alignment of one party's factions (``accord align PARTY``).

Compiles the scenario once with the party's own row (its profile, or the
weighted aggregate of its factions that :mod:`accord.model.factions` derives)
and once per weighted faction with that faction's profile in the party's place,
then compares them with :func:`accord.analysis.align.solve_align`. The plans are
every plan and reading the robustness use case can judge (open forms as their
forms).
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.analysis.align import AlignResult, solve_align
from accord.analysis.robustness import OpenForms
from accord.model import Scenario
from accord.model.choice import PerspectiveChoice, PerspectiveSpec
from accord.model.factions import weighted_factions
from accord.space import Space, SpaceError, compile_space
from accord.workbench.estimates import Estimates
from accord.workbench.robustness import plan_packages

__all__ = ["AlignOutcome", "AlignRequest", "align"]


@dataclass(frozen=True, slots=True, kw_only=True)
class AlignRequest:
    """Compare ``party``'s factions under ``perspective``."""

    scenario: Scenario
    party: str
    perspective: PerspectiveSpec = None
    time_limit: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "perspective", PerspectiveChoice.of(self.perspective))
        with_factions = [p.id for p in self.scenario.parties if weighted_factions(p)]
        listing = ", ".join(with_factions) or "none in this scenario"
        if self.party not in {p.id for p in self.scenario.parties}:
            raise SpaceError("party", f"no party {self.party!r}; parties with factions: {listing}")
        if self.party not in with_factions:
            raise SpaceError(
                "party", f"{self.party} has no weighted factions to align; parties with factions: {listing}"
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class AlignOutcome:
    """The comparison, the aggregate space, the faction holders compared and whose estimates."""

    request: AlignRequest
    space: Space
    result: AlignResult
    shares: tuple[tuple[str, float], ...]
    estimates: Estimates
    skipped: tuple[tuple[str, str], ...] = ()


def align(request: AlignRequest) -> AlignOutcome:
    """Compile the party's aggregate and each faction's space and compare them."""
    s = request.scenario
    space = compile_space(s, perspective=request.perspective)
    if request.party not in space.parties:
        raise SpaceError("party", f"{request.party} has no profile under {space.perspective!r}")
    p = space.parties.index(request.party)
    shares = tuple((h.split(".", 1)[1], w) for h, w in weighted_factions(s.party(request.party)))
    profiles = {}
    for faction, _ in shares:
        holders = [f"{request.party}.{faction}" if k == p else q for k, q in enumerate(space.parties)]
        try:
            profiles[faction] = compile_space(
                s, perspective=request.perspective, parties=holders
            ).select_parties(holders)
        except (SpaceError, KeyError, ValueError) as exc:
            raise SpaceError(
                "party", f"faction {request.party}.{faction} has no usable profile: {exc}"
            ) from exc
    renamed = {k: _renamed(v, space) for k, v in profiles.items()}
    packages, skipped = plan_packages(space, s.plan_variants())
    plans = {k: (v.packages if isinstance(v, OpenForms) else (tuple(v),)) for k, v in packages.items()}
    result = solve_align(space, party=p, profiles=renamed, plans=plans, time_limit=request.time_limit)
    return AlignOutcome(
        request=request, space=space, result=result, shares=shares, estimates=Estimates.of(space),
        skipped=tuple(skipped),
    )  # fmt: skip


def _renamed(faction_space: Space, space: Space) -> Space:
    """The faction's space under the party's name (same parties and issues as ``space``)."""
    import dataclasses

    return dataclasses.replace(faction_space, parties=space.parties)
