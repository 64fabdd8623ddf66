"""Every engine entry point of :mod:`accord.analysis`, declared as data.

:data:`SOLVERS` lists each engine with its title, the published source it
implements, its maturity, its options (with defaults) and the type of result it
returns. The command line's choices (``SOLUTIONS``), ``docs/algorithms.md`` and
the conformance suite enumerate it (rule of the house 6). Entry points are named
``"module:function"`` and imported on first use, so that listing the engines
loads none of them (``accord evaluate`` does not pay for the search engines).
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, cast

from accord.provenance import Provenance
from accord.registry import Registry

if TYPE_CHECKING:
    import numpy as np

Maturity = Literal["stable", "experimental"]
"""``stable``: tested against brute force and oracles; ``experimental``: not yet."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Option:
    """One keyword option of an entry point: its name, default and meaning."""

    name: str
    default: object
    help: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SolverSpec:
    """One engine entry point, as data.

    ``entry`` and ``result`` name the function and its result class as
    ``"module:name"``; :attr:`function` and :attr:`result_type` import them.
    ``problem`` says what the function takes first (a compiled ``Space`` or a
    ``Scenario``); ``needs`` names arguments without a default (``plan``);
    ``seeded`` entry points take ``rng``, a ``numpy.random.Generator``.
    """

    name: str
    title: str
    citation: str
    maturity: Maturity
    family: str
    entry: str
    result: str
    options: tuple[Option, ...] = ()
    problem: Literal["space", "scenario"] = "space"
    needs: tuple[str, ...] = ()
    seeded: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "options", tuple(self.options))
        object.__setattr__(self, "needs", tuple(self.needs))

    @property
    def function(self) -> Callable[..., Any]:
        """The entry point itself (imported on first use)."""
        return cast("Callable[..., Any]", _resolve(self.entry))

    @property
    def result_type(self) -> type:
        """The class of the result the entry point returns."""
        return cast("type", _resolve(self.result))

    @property
    def defaults(self) -> Mapping[str, object]:
        """Option names and their default values, read-only."""
        return MappingProxyType({o.name: o.default for o in self.options})

    def provenance(
        self,
        algorithm: str,
        *,
        parameters: Mapping[str, object],
        started: float,
        exact: bool = True,
        gap: float = 0.0,
        seed: int | None = None,
    ) -> Provenance:
        """The provenance of one call of this entry point, begun at ``started``.

        ``started`` is a ``time.perf_counter()`` reading taken when the call
        began; the citation is this spec's, so every engine cites its source the
        same way.
        """
        return Provenance(
            algorithm=algorithm,
            citation=self.citation,
            parameters=parameters,
            seed=seed,
            exact=exact,
            gap=gap,
            seconds=time.perf_counter() - started,
        )

    def run(self, problem: Any, *, rng: np.random.Generator | None = None, **options: object) -> Any:
        """Call the entry point on ``problem`` with default options, bar ``options`` (for conformance tests).

        ``problem`` is a ``Space`` (or a ``Scenario`` when ``self.problem`` says
        so). A needed ``plan`` is every issue at its status quo, else at the first
        option its domain allows; ``rng`` is passed to seeded entry points.
        ``options`` must be among the spec's :attr:`options`.
        """
        unknown = set(options) - {o.name for o in self.options}
        if unknown:
            raise TypeError(f"{self.name} has no option(s) {', '.join(sorted(unknown))}")
        kwargs: dict[str, object] = dict(options)
        if "plan" in self.needs:
            kwargs["plan"] = tuple(
                sq if sq is not None else min(dom)
                for sq, dom in zip(problem.status_quo, problem.domains, strict=True)
            )
        if self.seeded:
            kwargs["rng"] = rng
        return self.function(problem, **kwargs)


def _resolve(ref: str) -> object:
    module, _, name = ref.partition(":")
    return getattr(importlib.import_module(module), name)


_BACKEND = Option(
    name="backend",
    default="auto",
    help="decomposition (super-issues, branch and bound), mip (HiGHS), or auto: mip for large "
    "linked components",
)

_SOLUTION_OPTIONS = (
    Option(name="lotteries", default=False, help="solve over lotteries of packages"),
    Option(name="ignore_red_lines", default=False, help="search packages that cross red lines too"),
    Option(name="time_limit", default=None, help="seconds for every stage; then the best found and its gap"),
    Option(name="max_states", default=2_000_000, help="most partial packages held at once"),
    _BACKEND,
)

SOLVERS: Registry[SolverSpec] = Registry("solver")
"""The engine entry points, in the order the command line lists them."""

for _spec in (
    SolverSpec(
        name="nash",
        title="Nash bargaining solution (max product of surpluses; Nash 1950)",
        citation='Nash (1950), "The Bargaining Problem", Econometrica 18(2)',
        maturity="stable",
        family="bargaining solution",
        entry="accord.analysis.nash:solve_nash",
        result="accord.analysis.results:BargainingResult",
        options=_SOLUTION_OPTIONS,
    ),
    SolverSpec(
        name="ks",
        title="Kalai–Smorodinsky solution (max of the minimum share of the ideal gain; "
        "Kalai & Smorodinsky 1975)",
        citation='Kalai & Smorodinsky (1975), "Other solutions to Nash\'s bargaining problem", '
        "Econometrica 43(3)",
        maturity="stable",
        family="bargaining solution",
        entry="accord.analysis.kalai_smorodinsky:solve_kalai_smorodinsky",
        result="accord.analysis.results:BargainingResult",
        options=_SOLUTION_OPTIONS,
    ),
    SolverSpec(
        name="egalitarian",
        title="egalitarian solution (max of the minimum surplus; Kalai 1977)",
        citation='Kalai (1977), "Proportional solutions to bargaining situations: interpersonal '
        'utility comparisons", Econometrica 45(7)',
        maturity="stable",
        family="bargaining solution",
        entry="accord.analysis.egalitarian:solve_egalitarian",
        result="accord.analysis.results:BargainingResult",
        options=_SOLUTION_OPTIONS,
    ),
    SolverSpec(
        name="utilitarian",
        title="utilitarian solution (max sum of utilities; Harsanyi 1955)",
        citation='Harsanyi (1955), "Cardinal welfare, individualistic ethics, and interpersonal '
        'comparisons of utility", Journal of Political Economy 63(4)',
        maturity="stable",
        family="bargaining solution",
        entry="accord.analysis.utilitarian:solve_utilitarian",
        result="accord.analysis.results:BargainingResult",
        options=_SOLUTION_OPTIONS,
    ),
    SolverSpec(
        name="frontier",
        title="efficient (Pareto) frontier of the feasible packages",
        citation='Kung, Luccio & Preparata (1975), "On finding the maxima of a set of vectors", '
        'J. ACM 22(4); Klamroth & Wiecek (2000), "Dynamic programming approaches to the multiple '
        'criteria knapsack problem", Naval Research Logistics 47(1)',
        maturity="stable",
        family="frontier",
        entry="accord.analysis.frontier:solve_frontier",
        result="accord.analysis.results:FrontierResult",
        options=(
            Option(name="ignore_red_lines", default=False, help="search packages that cross red lines too"),
            Option(name="individually_rational", default=False, help="keep packages acceptable to all"),
            Option(name="time_limit", default=None, help="seconds before falling back to supported points"),
            Option(name="max_points", default=None, help="largest partial frontier (default by party count)"),
        ),
    ),
    SolverSpec(
        name="zopa",
        title="zone of possible agreement: existence, best package by minimum surplus, size",
        citation='Raiffa (1982), "The Art and Science of Negotiation"; Wilson (1927), "Probable '
        'inference, the law of succession, and statistical inference", JASA 22(158)',
        maturity="stable",
        family="zone of agreement",
        entry="accord.analysis.zopa:solve_zopa",
        result="accord.analysis.results:ZopaResult",
        options=(
            Option(name="ignore_red_lines", default=False, help="search packages that cross red lines too"),
            Option(name="time_limit", default=None, help="seconds for the search and the exact count"),
            Option(name="max_states", default=2_000_000, help="most partial packages held by the search"),
            Option(
                name="count_states", default=250_000, help="most undecided partial packages when counting"
            ),
            Option(
                name="samples", default=200_000, help="Monte Carlo draws when counting exactly is too big"
            ),
            Option(name="seed", default=0, help="seed of the draws when no rng is given"),
            _BACKEND,
        ),
        seeded=True,
    ),
    SolverSpec(
        name="amendment",
        title="smallest amendment of a plan that every chosen party accepts",
        citation='Korf (1985), "Depth-first iterative-deepening: an optimal admissible tree search", '
        "Artificial Intelligence 27(1)",
        maturity="stable",
        family="amendment",
        entry="accord.analysis.amend:solve_amendment",
        result="accord.analysis.results:AmendResult",
        options=(
            Option(name="proposers", default=(), help="parties whose worst-off member's loss breaks ties"),
            Option(name="must_accept", default=None, help="parties that must accept (default all)"),
            Option(name="ignore_red_lines", default=False, help="search packages that cross red lines too"),
            Option(name="time_limit", default=None, help="seconds for the proof"),
            Option(name="max_states", default=2_000_000, help="most partial packages held at once"),
            _BACKEND,
        ),
        needs=("plan",),
    ),
    SolverSpec(
        name="evaluation",
        title="plan evaluation: who accepts which plan, by how much, and why",
        citation='Fisher & Ury (1981), "Getting to Yes" (BATNA); Keeney & Raiffa (1976), '
        '"Decisions with Multiple Objectives" (additive utility)',
        maturity="stable",
        family="evaluation",
        entry="accord.analysis.evaluate:evaluate_plans",
        result="accord.analysis.results:Evaluation",
        options=(
            Option(name="perspective", default=None, help="whose estimates (default the scenario's)"),
            Option(name="plans", default=None, help="plan or variant ids (default all)"),
            Option(name="parties", default=None, help="parties to judge (default all profiled)"),
        ),
        problem="scenario",
    ),
    SolverSpec(
        name="robustness",
        title="robustness: probability each plan is acceptable over the stated spreads, with Sobol indices",
        citation='Wilson (1927), "Probable inference, the law of succession, and statistical inference", '
        'JASA 22(158); Saltelli et al. (2010), "Variance based sensitivity analysis of model output", '
        'Comput. Phys. Commun. 181(2); Jansen (1999), "Analysis of variance designs for model output", '
        "Comput. Phys. Commun. 117(1-2)",
        maturity="stable",
        family="robustness",
        entry="accord.analysis.robustness:solve_robustness",
        result="accord.analysis.robustness:RobustnessResult",
        options=(
            Option(name="plans", default=None, help="plan name -> complete package (default the status quo)"),
            Option(name="samples", default=2_000, help="Monte Carlo draws"),
            Option(name="seed", default=None, help="seed of the draws (default drawn from rng, else 0)"),
            Option(name="sensitivity", default=True, help="also estimate Sobol indices (a second matrix)"),
            Option(name="chunk_size", default=5_000, help="draws per chunk, each with its own child seed"),
        ),
        seeded=True,
    ),
    SolverSpec(
        name="linkage",
        title="linkage: ZOPA, Nash surpluses and value-creating trades per table and across tables",
        citation='USIP (2022), "Two essentials for a peace process in Ukraine"; Raiffa (1982), '
        '"The Art and Science of Negotiation", ch. 10 (logrolling); Nash (1950), "The Bargaining '
        'Problem", Econometrica 18(2)',
        maturity="stable",
        family="process design",
        entry="accord.analysis.linkage:solve_linkage",
        result="accord.analysis.linkage:LinkageResult",
        options=(
            Option(name="arenas", default=None, help="tables negotiated together (default: every issue)"),
            Option(name="offers", default=(), help="unilateral offers whose effect to measure"),
            Option(name="time_limit", default=None, help="seconds in all, shared by ZOPA and Nash searches"),
            Option(
                name="samples", default=200_000, help="Monte Carlo draws when exact counting exceeds limits"
            ),
            Option(name="seed", default=0, help="seed of those draws"),
            Option(name="max_trades", default=10, help="value-creating trades listed per arena"),
        ),
    ),
    SolverSpec(
        name="sequence",
        title="sequence: staged agreements (ceasefire first, issue by issue, early measures) vs one package",
        citation='Parley Policy Initiative (2022), "Toward a Negotiating Strategy for Ukraine"; '
        'Pickering (2022), "The three phases of ending a war"; Nash (1950), Econometrica 18(2)',
        maturity="stable",
        family="process design",
        entry="accord.analysis.sequence:solve_sequence",
        result="accord.analysis.sequence:SequenceResult",
        options=(
            Option(name="designs", default=None, help="designs (default: comprehensive and issue by issue)"),
            Option(name="time_limit", default=None, help="seconds in all, shared by the stages' searches"),
        ),
    ),
    SolverSpec(
        name="ripeness",
        title="ripeness: months with a ZOPA as the BATNAs move, and who gains by waiting",
        citation='Zartman (2000), "Ripeness: the hurting stalemate and beyond", in Stern & Druckman (eds.), '
        '"International Conflict Resolution after the Cold War"; Nash (1950), "The Bargaining Problem", '
        "Econometrica 18(2)",
        maturity="experimental",
        family="process",
        entry="accord.analysis.ripeness:solve_ripeness",
        result="accord.analysis.ripeness:RipenessResult",
        options=(
            Option(name="schedule", default=None, help="(month, BATNA vector) pairs (default: now only)"),
            Option(name="time_limit", default=None, help="seconds per engine run (unproven months marked)"),
        ),
    ),
    SolverSpec(
        name="alignment",
        title="internal alignment: a party's factions issue by issue, and its options under each",
        citation='Pickering (2022), prior preparations; Harsanyi (1955), "Cardinal welfare, individualistic '
        'ethics, and interpersonal comparisons of utility", J. Polit. Econ. 63(4)',
        maturity="experimental",
        family="process",
        entry="accord.analysis.align:solve_align",
        result="accord.analysis.align:AlignResult",
        options=(
            Option(name="party", default=0, help="index of the party whose factions are compared"),
            Option(name="profiles", default=None, help="profile name -> space with that row (default: none)"),
            Option(
                name="plans", default=None, help="plan name -> complete package (default: the status quo)"
            ),
            Option(name="time_limit", default=None, help="seconds per engine run"),
        ),
    ),
):
    SOLVERS.register(_spec)
