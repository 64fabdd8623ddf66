"""The sequencing designs a scenario's rules declare, as stages of issue indices.

From the rules (Parley 2022; Pickering 2022):

- ``comprehensive``: one stage of every issue (nothing agreed until everything is
  agreed), always compared against;
- ``sequence`` rules: the tracks or phases they order, earliest first (a
  topological order of all ``before``/``after`` pairs); issues in none of them
  join the last stage. ``pressure_until_settlement`` with ``on`` (parties) and
  ``points`` (a number) adds a variant in which the pressure is lifted after the
  first stage instead: those parties' fallback rises by ``points`` at every later
  stage up to the ``until`` stage;
- ``issue-by-issue``: each issue its own binding stage;
- ``nothing_agreed_until_everything_agreed`` with ``exceptions``: the exceptions
  implemented early, then the rest as one package.

A rule that cannot be staged (an ordered track or phase without issues, a cycle,
a non-numeric ``points``) is a :class:`~accord.space.SpaceError` naming the rule
and the field.
"""

from __future__ import annotations

from graphlib import CycleError, TopologicalSorter

from accord.analysis.sequence import Design, Stage, comprehensive
from accord.model import Rule, Scenario
from accord.space import Space, SpaceError

__all__ = ["designs_of"]


def _members(scenario: Scenario, name: str) -> list[int]:
    """The issues of track or phase ``name``."""
    tracks = {t.id for t in scenario.tracks}
    attr = "track" if name in tracks else "phase"
    return [k for k, i in enumerate(scenario.issues) if getattr(i, attr) == name]


def _order(scenario: Scenario, rules: list[Rule]) -> list[str]:
    """The tracks or phases the sequence rules order, earliest first; a cycle is an error."""
    graph: dict[str, set[str]] = {}
    for rule in rules:
        before, after = rule.param("before"), rule.param("after")
        for field, value in (("before", before), ("after", after)):
            if not isinstance(value, str) or not _members(scenario, value):
                raise SpaceError(
                    "rules",
                    f"rule {rule.id!r}, field {field!r}: track or phase {value!r} "
                    "has no issues, so there is nothing to negotiate at that stage",
                )
        graph.setdefault(str(after), set()).add(str(before))
        graph.setdefault(str(before), set())
    try:
        return list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        cycle = " -> ".join(str(x) for x in exc.args[1])
        ids = ", ".join(r.id for r in rules)
        raise SpaceError(
            "rules",
            f"sequence rules ({ids}) form a cycle: {cycle}; fields 'before'/'after' "
            "must give the tracks or phases an order",
        ) from None


def _sequenced(scenario: Scenario, space: Space, rules: list[Rule]) -> list[Stage]:
    """The stages of the sequence rules; issues in no ordered group join the last stage."""
    order = _order(scenario, rules)
    placed: set[int] = set()
    stages = []
    for name in order:
        issues = [k for k in _members(scenario, name) if k not in placed]
        placed.update(issues)
        if issues:
            stages.append(Stage(name=name, issues=tuple(issues)))
    rest = [k for k in range(len(space.issues)) if k not in placed]
    if rest:
        last = stages[-1]
        stages[-1] = Stage(name=f"{last.name} and the rest", issues=last.issues + tuple(rest))
    return stages


def _points(rule: Rule) -> float | None:
    raw = rule.param("points")
    if raw is None:
        return None
    try:
        return float(str(raw))
    except ValueError:
        raise SpaceError(
            "rules", f"rule {rule.id!r}, field 'points': {raw!r} is not a number of points"
        ) from None


def _lifted(space: Space, stages: list[Stage], rule: Rule) -> list[Stage] | None:
    """The stages with the pressure of ``rule`` lifted after the first (None: it declares no effect)."""
    points, on, until = _points(rule), rule.param("on"), rule.param("until")
    if points is None or not on:
        return None
    parties = (on,) if isinstance(on, str) else tuple(on) if isinstance(on, tuple) else ()
    shift = tuple(points if p in parties else 0.0 for p in space.parties)
    names = [s.name.removesuffix(" and the rest") for s in stages]
    last = names.index(str(until)) if until in names else len(stages) - 1
    return [
        s if k == 0 or k > last else Stage(name=s.name, issues=s.issues, shift=shift)
        for k, s in enumerate(stages)
    ]


def _sequence_designs(scenario: Scenario, space: Space) -> list[Design]:
    rules = [r for r in scenario.rules if r.kind == "sequence"]
    if not rules:
        return []
    stages = _sequenced(scenario, space, rules)
    title = " first, then ".join(s.name for s in stages)
    ids = tuple(r.id for r in rules)
    pressure = [r for r in scenario.rules if r.kind == "pressure_until_settlement"]
    kept = f"; pressure kept until {pressure[0].param('until')}" if pressure else ""
    out = [
        Design(
            name="sequenced",
            title=title[0].upper() + title[1:] + kept,
            stages=tuple(stages),
            rules=ids + tuple(r.id for r in pressure),
        )
    ]
    for k, rule in enumerate(pressure):
        lifted = _lifted(space, stages, rule)
        if lifted is not None and len(stages) > 1:
            out.append(
                Design(
                    name="pressure-lifted" + (f"-{k + 1}" if k else ""),
                    title=f"As sequenced, but the pressure of {rule.id} lifted after {stages[0].name}",
                    stages=tuple(lifted),
                    rules=(*ids, rule.id),
                )
            )
    return out


def _early(scenario: Scenario, space: Space) -> list[Design]:
    out = []
    for rule in scenario.rules:
        if rule.kind != "nothing_agreed_until_everything_agreed" or not rule.exceptions:
            continue
        early = tuple(space.issue_index(i) for i in rule.exceptions)
        rest = tuple(k for k in range(len(space.issues)) if k not in early)
        stages = [Stage(name="early: " + ", ".join(rule.exceptions), issues=early)]
        if rest:
            stages.append(Stage(name="everything else", issues=rest))
        out.append(
            Design(
                name=f"early-{rule.id}",
                title=f"Exceptions to {rule.id} implemented early",
                stages=tuple(stages),
                rules=(rule.id,),
            )
        )
    return out


def designs_of(scenario: Scenario, space: Space) -> tuple[Design, ...]:
    """The comprehensive design, the sequenced ones, early implementation, and issue by issue."""
    nauea = tuple(r.id for r in scenario.rules if r.kind == "nothing_agreed_until_everything_agreed")
    base = comprehensive(space)
    first = Design(
        name=base.name,
        title=base.title + (f" ({', '.join(nauea)})" if nauea else ""),
        stages=base.stages,
        rules=nauea,
    )
    by_issue = Design(
        name="issue-by-issue",
        title="Issue by issue, each agreement binding at once",
        stages=tuple(Stage(name=i, issues=(k,)) for k, i in enumerate(space.issues)),
    )
    return (first, *_sequence_designs(scenario, space), *_early(scenario, space), by_issue)
