"""Process designs from the scenario: linkage across tables and sequencing of stages.

Use cases of ``accord linkage`` and ``accord sequence``.

The engines (:mod:`accord.analysis.linkage`, :mod:`accord.analysis.sequence`)
read a compiled space and arenas or designs given as issue indices; this module
derives those from the scenario: who sits at which table, the
``interlocking_tables``, ``sequence``, ``nothing_agreed_until_everything_agreed``
and ``pressure_until_settlement`` rules, the tracks and the phases. A rule that
cannot be staged is a :class:`~accord.space.SpaceError` naming the rule and field.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.analysis.linkage import Arena, LinkageResult, Offer, solve_linkage
from accord.analysis.sequence import Design, SequenceResult, solve_sequence
from accord.model import Scenario
from accord.model.choice import PerspectiveChoice, PerspectiveSpec
from accord.space import Space, SpaceError, compile_space
from accord.workbench.estimates import Estimates
from accord.workbench.staging import designs_of

__all__ = [
    "LinkageOutcome",
    "LinkageRequest",
    "SequenceOutcome",
    "SequenceRequest",
    "arenas_of",
    "linkage",
    "sequence",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkageRequest:
    """Linkage of ``tables`` (None: every table, and each interlocking set) under ``perspective``."""

    scenario: Scenario
    perspective: PerspectiveSpec = None
    tables: tuple[str, ...] | None = None
    time_limit: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "tables", tuple(self.tables) if self.tables else None)
        object.__setattr__(self, "perspective", PerspectiveChoice.of(self.perspective))


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkageOutcome:
    """The linkage result, the space, whose estimates, and notes (parties not judged, issues held)."""

    request: LinkageRequest
    space: Space
    result: LinkageResult
    estimates: Estimates
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "notes", tuple(self.notes))


def _arena(scenario: Scenario, space: Space, name: str, tables: tuple[str, ...]) -> Arena:
    """The arena of ``tables``: their issues vary, their profiled parties judge."""
    issues = [k for k, i in enumerate(scenario.issues) if i.table in tables]
    if not issues:
        raise SpaceError("tables", f"table(s) {', '.join(tables)} have no issues to negotiate")
    seated = dict.fromkeys(p for t in tables for p in scenario.table(t).parties if p in space.parties)
    if not seated:
        raise SpaceError("tables", f"no party seated at {', '.join(tables)} has a profile to judge with")
    return Arena(
        name=name,
        tables=tables,
        issues=tuple(issues),
        parties=tuple(seated),
        issue_tables=tuple(scenario.issues[k].table or "" for k in issues),
    )


def arenas_of(scenario: Scenario, space: Space, tables: tuple[str, ...] | None) -> tuple[Arena, ...]:
    """Each table alone, then the chosen set together (or each ``interlocking_tables`` rule's set).

    Without chosen tables and without such a rule, every table together.
    Unknown tables are a :class:`SpaceError` on ``tables`` listing the known ones.
    """
    known = [t.id for t in scenario.tables]
    if not known and tables:
        raise SpaceError("tables", f"scenario {scenario.id!r} declares no tables")
    if not known:
        return ()
    for t in tables or ():
        if t not in known:
            raise SpaceError("tables", f"unknown table {t!r}; known: {', '.join(known)}")
    chosen = tuple(dict.fromkeys(tables)) if tables else tuple(known)
    sets: list[tuple[str, tuple[str, ...]]] = []
    if tables:
        sets = [("+".join(chosen), chosen)] if len(chosen) > 1 else []
    else:
        for rule in scenario.rules:
            if rule.kind == "interlocking_tables":
                listed = rule.param("tables")
                sets.append((rule.id, tuple(listed) if isinstance(listed, tuple) else known_tuple(known)))
        if not sets and len(chosen) > 1:
            sets = [("all tables", chosen)]
    arenas = [_arena(scenario, space, t, (t,)) for t in chosen]
    return tuple(arenas + [_arena(scenario, space, name, ts) for name, ts in sets])


def _unheld(space: Space, arena: Arena) -> list[str]:
    """The issues outside ``arena`` that have no status quo to hold them at."""
    inside = set(arena.issues)
    return [i for k, i in enumerate(space.issues) if k not in inside and space.status_quo[k] is None]


def _holdable(space: Space, arenas: tuple[Arena, ...]) -> tuple[list[Arena], list[str]]:
    """The arenas whose outside issues all have a status quo; the others as notes.

    When none is left: one arena of every issue, judged by every party.
    """
    kept, notes = [], []
    for a in arenas:
        missing = _unheld(space, a)
        if missing:
            notes.append(f"{a.name} not analysed: {', '.join(missing)} must be held but has no status quo")
        else:
            kept.append(a)
    if not kept:
        kept = [
            Arena(name="all issues", tables=(), issues=tuple(range(len(space.issues))), parties=space.parties)
        ]
    return kept, notes


def known_tuple(known: list[str]) -> tuple[str, ...]:
    """Every table, as a tuple (an ``interlocking_tables`` rule without a list links them all)."""
    return tuple(known)


def _notes(scenario: Scenario, space: Space, *, tabled: bool) -> list[str]:
    notes = []
    unjudged = sorted({p for t in scenario.tables for p in t.parties if p not in space.parties})
    if unjudged:
        notes.append(f"not judged (no profile, or a mediator or observer): {', '.join(unjudged)}")
    loose = [i.id for i in scenario.issues if i.table is None]
    if loose and tabled:
        notes.append(f"on no table, held at their status quo: {', '.join(loose)}")
    return notes


def linkage(request: LinkageRequest) -> LinkageOutcome:
    """The ZOPA, Nash surpluses and value-creating trades of each table alone and together."""
    s = request.scenario
    space = compile_space(s, perspective=request.perspective, parties=s.negotiating_parties())
    arenas, skipped = _holdable(space, arenas_of(s, space, request.tables))
    offers = tuple(
        Offer(
            id=o.id,
            by=o.by,
            now=o.executed == "now",
            terms=tuple((space.issue_index(i), space.option_index(i, k)) for i, k in o.terms),
        )
        for o in s.offers
    )
    result = solve_linkage(space, arenas=arenas, offers=offers, time_limit=request.time_limit)
    notes = [*skipped, *_notes(s, space, tabled=any(a.tables for a in arenas))]
    if not s.tables:
        notes.append("the scenario declares no tables: every issue is negotiated at one")
    return LinkageOutcome(
        request=request, space=space, result=result, estimates=Estimates.of(space), notes=tuple(notes)
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class SequenceRequest:
    """Compare the designs the scenario's rules, tracks and phases declare, under ``perspective``."""

    scenario: Scenario
    perspective: PerspectiveSpec = None
    time_limit: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "perspective", PerspectiveChoice.of(self.perspective))


@dataclass(frozen=True, slots=True, kw_only=True)
class SequenceOutcome:
    """The sequencing result, the space, whose estimates, the designs compared and those skipped.

    ``skipped`` lists ``(design, reason)``: a design of several stages holds issues at their
    status quo, so it is skipped when some issue has none.
    """

    request: SequenceRequest
    space: Space
    result: SequenceResult
    estimates: Estimates
    designs: tuple[Design, ...]
    skipped: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "designs", tuple(self.designs))
        object.__setattr__(self, "skipped", tuple(self.skipped))


def sequence(request: SequenceRequest) -> SequenceOutcome:
    """Every design derived from the scenario, stage by stage, against one comprehensive package."""
    s = request.scenario
    space = compile_space(s, perspective=request.perspective, parties=s.negotiating_parties())
    designs = designs_of(s, space)
    loose = [i for k, i in enumerate(space.issues) if space.status_quo[k] is None]
    staged = tuple(d for d in designs if len(d.stages) == 1 or not loose)
    skipped = tuple(
        (d.name, f"needs a status quo to hold {', '.join(loose)} at") for d in designs if d not in staged
    )
    result = solve_sequence(space, designs=staged, time_limit=request.time_limit)
    return SequenceOutcome(
        request=request,
        space=space,
        result=result,
        estimates=Estimates.of(space),
        designs=staged,
        skipped=skipped,
    )
