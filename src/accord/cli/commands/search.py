"""Package-search commands: ``frontier``, ``solve``, ``zopa``, ``amend``.

Each parses the shared restrictions (:func:`accord.cli.options.restrictions`),
runs one use case of :mod:`accord.workbench.search` and renders its outcome as
tables or JSON, with an optional frontier plot.
"""

from __future__ import annotations

from accord.cli.errors import fail, fields
from accord.cli.options import (
    AmendPlanArg,
    BaseOpt,
    FixOpt,
    IgnoreRedLinesOpt,
    JsonlOpt,
    JsonOpt,
    LotteriesOpt,
    MaxPointsOpt,
    PartiesOpt,
    PerspectiveOpt,
    PlotOpt,
    RationalOpt,
    SamplesOpt,
    ScenarioArg,
    SeedOpt,
    SetOpt,
    ShowRowsOpt,
    SolutionOpt,
    TablesOpt,
    TermsOpt,
    TimeLimitOpt,
    TracksOpt,
    add_draft,
    check_plot,
    restrictions,
)
from accord.cli.output import draw, emit


def frontier(
    scenario: ScenarioArg,
    parties: PartiesOpt = None,
    tables: TablesOpt = None,
    tracks: TracksOpt = None,
    fix: FixOpt = None,
    perspective: PerspectiveOpt = None,
    ignore_red_lines: IgnoreRedLinesOpt = False,
    rational: RationalOpt = False,
    max_points: MaxPointsOpt = None,
    show: ShowRowsOpt = 25,
    time_limit: TimeLimitOpt = None,
    as_json: JsonOpt = False,
    jsonl: JsonlOpt = False,
    plot: PlotOpt = None,
) -> None:
    """Efficient frontier: the packages no other package improves on for every party."""
    from accord.report.terminal.search import print_frontier
    from accord.report.views.search import Hints
    from accord.workbench import search
    from accord.workbench.records import FrontierRequest

    check_plot(plot)
    if as_json and jsonl:
        fail("choose one of --json and --jsonl", "--jsonl")
    shared = restrictions(scenario, perspective=perspective, parties=parties, tables=tables, tracks=tracks,
                          fix=fix, ignore_red_lines=ignore_red_lines, time_limit=time_limit)  # fmt: skip
    outcome = search.frontier(FrontierRequest(**shared, rational=rational, max_points=max_points))
    hints = Hints(more_rows="--show N, or --json for all", all_columns="--json lists every package")
    table = lambda c, o: print_frontier(c, o, show=show, hints=hints)  # noqa: E731
    emit(outcome, as_json=as_json, jsonl=jsonl, show=table)
    draw(plot, outcome)


def solve(
    scenario: ScenarioArg,
    solution: SolutionOpt = "nash",
    lotteries: LotteriesOpt = False,
    parties: PartiesOpt = None,
    tables: TablesOpt = None,
    tracks: TracksOpt = None,
    fix: FixOpt = None,
    perspective: PerspectiveOpt = None,
    ignore_red_lines: IgnoreRedLinesOpt = False,
    time_limit: TimeLimitOpt = None,
    as_json: JsonOpt = False,
    plot: PlotOpt = None,
) -> None:
    """A bargaining solution: the package (or lottery) a fairness standard picks."""
    from accord.analysis.results import SOLUTIONS
    from accord.report.terminal.search import print_solution
    from accord.workbench import search
    from accord.workbench.records import SolveRequest

    if solution not in SOLUTIONS:
        fail(f"unknown solution {solution!r}; choose one of {', '.join(SOLUTIONS)}", "--solution")
    check_plot(plot)
    shared = restrictions(scenario, perspective=perspective, parties=parties, tables=tables, tracks=tracks,
                          fix=fix, ignore_red_lines=ignore_red_lines, time_limit=time_limit)  # fmt: skip
    outcome = search.solve(SolveRequest(**shared, solution=solution, lotteries=lotteries))
    emit(outcome, as_json=as_json, show=print_solution)
    draw(plot, outcome)


def zopa(
    scenario: ScenarioArg,
    parties: PartiesOpt = None,
    tables: TablesOpt = None,
    tracks: TracksOpt = None,
    fix: FixOpt = None,
    perspective: PerspectiveOpt = None,
    ignore_red_lines: IgnoreRedLinesOpt = False,
    samples: SamplesOpt = 200_000,
    seed: SeedOpt = 0,
    time_limit: TimeLimitOpt = None,
    as_json: JsonOpt = False,
    plot: PlotOpt = None,
) -> None:
    """Zone of possible agreement: is there a package every party prefers to its BATNA, and how many?"""  # noqa: D400
    from accord.report.terminal.search import print_zopa
    from accord.workbench import search
    from accord.workbench.records import ZopaRequest

    check_plot(plot)
    shared = restrictions(scenario, perspective=perspective, parties=parties, tables=tables, tracks=tracks,
                          fix=fix, ignore_red_lines=ignore_red_lines, time_limit=time_limit)  # fmt: skip
    outcome = search.zopa(ZopaRequest(**shared, samples=samples, seed=seed))
    emit(outcome, as_json=as_json, show=print_zopa)
    draw(plot, outcome)


def amend(
    scenario: ScenarioArg,
    plan: AmendPlanArg = None,
    terms: TermsOpt = None,
    base: BaseOpt = None,
    edits: SetOpt = None,
    parties: PartiesOpt = None,
    tables: TablesOpt = None,
    tracks: TracksOpt = None,
    fix: FixOpt = None,
    perspective: PerspectiveOpt = None,
    ignore_red_lines: IgnoreRedLinesOpt = False,
    time_limit: TimeLimitOpt = None,
    as_json: JsonOpt = False,
    plot: PlotOpt = None,
) -> None:
    """Smallest amendment: the fewest issue changes that make a plan acceptable to every party.

    Ties go to the amendment that costs the plan's worst-off proposer least.
    """
    from accord.report.terminal.search import print_amendment
    from accord.workbench import search
    from accord.workbench.records import AmendRequest

    check_plot(plot)
    if (plan is None) == (not terms and base is None):
        fail("name a plan, or a draft with --terms or --base (with --set), but not both", "PLAN")
    shared = restrictions(scenario, perspective=perspective, parties=parties, tables=tables, tracks=tracks,
                          fix=fix, ignore_red_lines=ignore_red_lines, time_limit=time_limit)  # fmt: skip
    shared["scenario"], draft = add_draft(shared["scenario"], terms, base, edits)
    with fields(plan="PLAN"):
        outcome = search.amend(AmendRequest(**shared, plan=plan or draft or ""))
    emit(outcome, as_json=as_json, show=print_amendment)
    draw(plot, outcome)
