"""The simulation use case: compile the scenario, seat the delegations, run a protocol, measure it.

:func:`simulate` compiles the scenario under the chosen perspective for its
negotiating parties, reads what the simulator needs from the scenario (its
tables and their parties, the nothing-agreed-until-everything-agreed rule's
early-implementation exceptions, the ``precondition`` rules), computes the
benchmarks once (the Nash solution, :func:`accord.analysis.nash.solve_nash`, and
the efficient frontier, :func:`accord.analysis.frontier.solve_frontier`, within
a time limit) and calls :func:`accord.protocols.simulate`. When preconditions
block entry it re-runs the talks with each blocking precondition dropped (and,
when several block, with all dropped: :data:`ALL`), so that users see what
dropping it would change (Rai 2023).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from accord.model import Scenario
from accord.model.choice import PerspectiveChoice, PerspectiveSpec
from accord.protocols import Precondition, Reference, SimulationResult
from accord.protocols import simulate as run_protocol
from accord.space import Space, SpaceError, compile_space
from accord.workbench.estimates import Estimates

FRONTIER_SECONDS = 2.0
"""How long the frontier benchmark may take; past it the frontier lists supported efficient packages."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SimulateRequest:
    """One simulated negotiation on ``scenario``: the protocol, each seat's strategy, the seed.

    ``strategies`` maps a party id (or ``mediator``) to ``"name(k=v)"``; ``drop``
    lists preconditions (rule ids) to drop; ``benchmarks=False`` skips the Nash and
    frontier distances (for speed).
    """

    scenario: Scenario
    protocol: str = "single-text"
    strategies: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    seed: int = 0
    deadline: int | None = None
    perspective: PerspectiveSpec = None
    parties: tuple[str, ...] | None = None
    drop: tuple[str, ...] = ()
    benchmarks: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "strategies", MappingProxyType(dict(self.strategies)))
        object.__setattr__(self, "perspective", PerspectiveChoice.of(self.perspective))
        object.__setattr__(self, "parties", tuple(self.parties) if self.parties else None)
        object.__setattr__(self, "drop", tuple(self.drop))

    def compile(self) -> Space:
        """The space of the negotiating parties (or those requested) under the perspective."""
        parties = self.parties or self.scenario.negotiating_parties()
        return compile_space(self.scenario, perspective=self.perspective, parties=parties)


@dataclass(frozen=True, slots=True, kw_only=True)
class SimulateOutcome:
    """The simulation, the space it ran on, whose estimates, and the runs with each block dropped."""

    request: SimulateRequest
    space: Space
    estimates: Estimates
    result: SimulationResult
    preconditions: tuple[Precondition, ...] = ()
    if_dropped: Mapping[str, SimulationResult] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "if_dropped", MappingProxyType(dict(self.if_dropped)))

    @property
    def scenario(self) -> Scenario:
        """The scenario simulated."""
        return self.request.scenario


def preconditions(scenario: Scenario) -> tuple[Precondition, ...]:
    """The scenario's ``precondition`` rules as the simulator's preconditions (``requires`` when given)."""
    out = []
    for rule in scenario.rules:
        if rule.kind != "precondition":
            continue
        holder = rule.param("holder", ())
        requires = rule.param("requires", None)
        out.append(
            Precondition(
                id=rule.id,
                holder=tuple(holder) if isinstance(holder, tuple | list) else (str(holder),),
                condition=str(rule.param("condition", "") or rule.description),
                requires=_terms(requires),
            )
        )
    return tuple(out)


def _terms(requires: object) -> Mapping[str, tuple[str, ...]]:
    """A ``requires`` parameter (``issue=option`` texts; an issue may repeat) as issue -> options."""
    items = (requires,) if isinstance(requires, str) else requires if isinstance(requires, tuple) else ()
    out: dict[str, tuple[str, ...]] = {}
    for item in items:
        issue, _, option = str(item).partition("=")
        out[issue] = (*out.get(issue, ()), option)
    return out


ALL = "(all)"
"""The key of the what-if run with every precondition dropped."""


def reference(space: Space) -> Reference:
    """The Nash solution's utilities and the (individually rational) frontier, within time limits."""
    from accord.analysis.frontier import solve_frontier
    from accord.analysis.nash import solve_nash

    nash = solve_nash(space, time_limit=FRONTIER_SECONDS)
    front = solve_frontier(space, individually_rational=True, time_limit=FRONTIER_SECONDS)
    return Reference(
        nash=nash.utilities if nash.status == "ok" else None,
        frontier=front.utilities,
        frontier_exact=front.provenance.exact,
    )


def simulate(request: SimulateRequest) -> SimulateOutcome:
    """Run the request's protocol (:func:`accord.protocols.simulate`) and the what-ifs of its blocks."""
    s = request.scenario
    space = request.compile()
    tables = tuple((t.id, t.parties, tuple(i.id for i in s.issues if i.table == t.id)) for t in s.tables)
    early = tuple(
        i
        for r in s.rules
        if r.kind == "nothing_agreed_until_everything_agreed"
        for i in r.exceptions
        if i in space.issues
    )
    pre = preconditions(s)
    unknown = [d for d in request.drop if d not in {p.id for p in pre}]
    if unknown:
        known = ", ".join(p.id for p in pre) or "none"
        raise SpaceError("drop", f"no precondition {', '.join(unknown)}; the scenario's: {known}")
    ref = reference(space) if request.benchmarks else None

    def run(dropped: tuple[str, ...]) -> SimulationResult:
        return run_protocol(
            space,
            request.protocol,
            dict(request.strategies),
            seed=request.seed,
            deadline=request.deadline,
            tables=tables,
            early=early,
            preconditions=pre,
            dropped=dropped,
            reference=ref,
        )

    result = run(request.drop)
    what_if = {b.precondition: run((*request.drop, b.precondition)) for b in result.blocks}
    if len(what_if) > 1:
        what_if[ALL] = run(tuple(p.id for p in pre))
    return SimulateOutcome(
        request=request,
        space=space,
        estimates=Estimates.of(space),
        result=result,
        preconditions=pre,
        if_dropped=what_if,
    )
