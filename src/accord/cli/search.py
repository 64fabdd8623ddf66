"""Package-search commands: ``frontier``, ``solve``, ``zopa``, ``amend``.

Each compiles the scenario under a perspective for the chosen parties (with
tables, tracks and fixed issues as restrictions), runs one engine of
:mod:`accord.analysis` and renders its frozen result as rich tables or JSON.
Engines and plotting are imported inside the commands so that ``accord --help``
stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from accord.cli.common import console, err_console, fail, load, parse_fixes, print_json, r2, split_list

if TYPE_CHECKING:
    from accord.analysis.results import AmendResult, BargainingResult, FrontierResult, ZopaResult
    from accord.model import Scenario
    from accord.report.plots import Mark
    from accord.space import Space

COMMANDS = ("frontier", "solve", "zopa", "amend")

ScenarioArg = Annotated[
    str, typer.Argument(metavar="SCENARIO", help="Built-in scenario name or path to a scenario file.")
]
PartiesOpt = Annotated[
    str | None,
    typer.Option(
        "--parties", help="Comma-separated parties (factions as US.NSC); default: all with profiles."
    ),
]
TablesOpt = Annotated[
    str | None,
    typer.Option("--tables", help="Comma-separated tables; issues elsewhere are held at their status quo."),
]
TracksOpt = Annotated[
    str | None,
    typer.Option("--tracks", help="Comma-separated tracks; issues elsewhere are held at their status quo."),
]
FixOpt = Annotated[
    list[str] | None,
    typer.Option("--fix", metavar="ISSUE=OPTION", help="Hold an issue at an option (repeatable)."),
]
PerspectiveOpt = Annotated[
    str | None,
    typer.Option("--perspective", "-p", help="Whose estimates to use (default: the scenario's default)."),
]
IgnoreRedLinesOpt = Annotated[
    bool, typer.Option("--ignore-red-lines", help="Search packages that cross red lines too.")
]
TimeLimitOpt = Annotated[
    float | None,
    typer.Option(
        "--time-limit",
        min=0.0,
        metavar="SECONDS",
        help="Stop the proof after this long and report the best found with its proven gap.",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON instead of tables.")]
PlotOpt = Annotated[
    Path | None,
    typer.Option(
        "--plot",
        metavar="FILE",
        help="Also draw the frontier with the scenario's plans to FILE (.png or .svg; "
        "3+ parties: pairwise projections). Needs matplotlib.",
    ),
]


def register(app: typer.Typer) -> None:
    """Add the search commands to ``app`` (once, however often called)."""
    present = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    if present & set(COMMANDS):
        return
    app.command("frontier")(frontier)
    app.command("solve")(solve)
    app.command("zopa")(zopa)
    app.command("amend")(amend)


# -- commands -----------------------------------------------------------------------


def frontier(
    scenario: ScenarioArg,
    parties: PartiesOpt = None,
    tables: TablesOpt = None,
    tracks: TracksOpt = None,
    fix: FixOpt = None,
    perspective: PerspectiveOpt = None,
    ignore_red_lines: IgnoreRedLinesOpt = False,
    rational: Annotated[
        bool, typer.Option("--rational", help="Only packages every party prefers to its BATNA.")
    ] = False,
    max_points: Annotated[
        int | None,
        typer.Option(
            "--max-points",
            min=1,
            help="List the exact frontier up to this size (default 100,000; 12,000 for 4+ parties); "
            "beyond it, proven-efficient packages only.",
        ),
    ] = None,
    show: Annotated[int, typer.Option("--show", min=0, help="Rows to print (tables only).")] = 25,
    time_limit: TimeLimitOpt = None,
    as_json: JsonOpt = False,
    plot: PlotOpt = None,
) -> None:
    """Efficient frontier: the packages no other package improves on for every party."""
    from accord.analysis.frontier import solve_frontier

    _check_plot(plot)
    s, space = _space(scenario, perspective, parties, tables, tracks, fix)
    res = solve_frontier(
        space,
        ignore_red_lines=ignore_red_lines,
        individually_rational=rational,
        time_limit=time_limit,
        max_points=max_points,
    )
    if as_json:
        print_json(frontier_json(s, space, res))
    else:
        print_frontier(s, space, res, show=show)
    if plot is not None:
        _plot(plot, s, space, res, [], "Efficient frontier")


def solve(
    scenario: ScenarioArg,
    solution: Annotated[
        str,
        typer.Option(
            "--solution",
            "-s",
            metavar="nash|ks|egalitarian|utilitarian",
            help="Nash (max product of surpluses), Kalai–Smorodinsky, egalitarian (max minimum "
            "surplus) or utilitarian (max sum).",
        ),
    ] = "nash",
    lotteries: Annotated[
        bool, typer.Option("--lotteries", help="Allow lotteries over packages (the convex hull).")
    ] = False,
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
    from accord.analysis.bargaining import solve_bargaining
    from accord.analysis.results import SOLUTIONS

    if solution not in SOLUTIONS:
        fail(f"unknown solution {solution!r}; choose one of {', '.join(SOLUTIONS)}", "--solution")
    _check_plot(plot)
    s, space = _space(scenario, perspective, parties, tables, tracks, fix)
    res = solve_bargaining(
        space, solution, lotteries=lotteries, ignore_red_lines=ignore_red_lines, time_limit=time_limit
    )
    if as_json:
        print_json(solution_json(s, space, res))
    else:
        print_solution(s, space, res)
    if plot is not None:
        extra = _result_mark(solution, res.utilities)
        _plot(plot, s, space, None, extra, f"{solution} solution", ignore_red_lines=ignore_red_lines)


def zopa(
    scenario: ScenarioArg,
    parties: PartiesOpt = None,
    tables: TablesOpt = None,
    tracks: TracksOpt = None,
    fix: FixOpt = None,
    perspective: PerspectiveOpt = None,
    ignore_red_lines: IgnoreRedLinesOpt = False,
    samples: Annotated[
        int,
        typer.Option(
            "--samples", min=100, help="Draws for a Monte Carlo share when exact counting is too big."
        ),
    ] = 200_000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the Monte Carlo draws.")] = 0,
    time_limit: TimeLimitOpt = None,
    as_json: JsonOpt = False,
    plot: PlotOpt = None,
) -> None:
    """Zone of possible agreement: is there a package every party prefers to its BATNA, and how many?"""
    from accord.analysis.zopa import solve_zopa

    _check_plot(plot)
    s, space = _space(scenario, perspective, parties, tables, tracks, fix)
    res = solve_zopa(
        space, ignore_red_lines=ignore_red_lines, time_limit=time_limit, samples=samples, seed=seed
    )
    if as_json:
        print_json(zopa_json(s, space, res))
    else:
        print_zopa(s, space, res)
    if plot is not None:
        _plot(plot, s, space, None, _result_mark("largest minimum surplus", res.best_utilities), "ZOPA",
              ignore_red_lines=ignore_red_lines)  # fmt: skip


def amend(
    scenario: ScenarioArg,
    plan: Annotated[
        str, typer.Argument(metavar="PLAN", help="Plan id, or PLAN@READING for a disputed reading.")
    ],
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

    Ties go to the amendment that costs the plan's proposer least.
    """
    from accord.analysis.amend import solve_amendment
    from accord.space import SpaceError, compile_space

    _check_plot(plot)
    s = load(scenario)
    try:
        variant = s.plan_variant(plan)
    except KeyError:
        fail(f"no plan {plan!r} in {s.id}; plans: {', '.join(v.id for v in s.plan_variants())}", "PLAN")
    chosen = split_list(parties) or list(s.profiled_parties())
    proposer = variant.plan.proposer
    extra = []
    note = ""
    if proposer is not None and proposer not in chosen:
        # The proposer's utility breaks ties, so it joins the space without having to accept.
        if s.profile(proposer, perspective) is not None:
            extra = [proposer]
        else:
            note = f"the proposer {proposer} has no profile, so ties are broken by the least surplus"
    space = compile_space(
        s,
        perspective=perspective,
        parties=[*chosen, *extra],
        tables=split_list(tables),
        tracks=split_list(tracks),
        fixed=parse_fixes(fix),
    )
    try:
        res = solve_amendment(
            space,
            dict(variant.terms),
            proposer=proposer if proposer in space.parties else None,
            must_accept=chosen,
            ignore_red_lines=ignore_red_lines,
            time_limit=time_limit,
        )
    except SpaceError as exc:
        fail(exc.message, "PLAN" if exc.field == "plan" else exc.field)
    if as_json:
        print_json(amend_json(s, space, res, variant.id, note))
    else:
        print_amend(s, space, res, variant.id, variant.title, note)
    if plot is not None:
        view = space.select_parties(chosen) if extra else space
        marks = _result_mark(
            "amended " + variant.id, None if res.utilities is None else res.utilities[: len(chosen)]
        )
        _plot(
            plot,
            s,
            view,
            None,
            marks,
            f"Smallest amendment of {variant.id}",
            ignore_red_lines=ignore_red_lines,
        )


# -- shared plumbing -------------------------------------------------------------------


def _space(
    scenario: str,
    perspective: str | None,
    parties: str | None,
    tables: str | None,
    tracks: str | None,
    fix: list[str] | None,
) -> tuple[Scenario, Space]:
    from accord.space import compile_space

    s = load(scenario)
    space = compile_space(
        s,
        perspective=perspective,
        parties=split_list(parties),
        tables=split_list(tables),
        tracks=split_list(tracks),
        fixed=parse_fixes(fix),
    )
    return s, space


def _check_plot(plot: Path | None) -> None:
    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        fail(f"writes .png or .svg files, not {plot.name!r}", "--plot")


def _package(space: Space, package: tuple[int, ...] | None) -> dict[str, str] | None:
    return None if package is None else space.package_ids(package)


def _by_party(space: Space, values: Any) -> dict[str, float] | None:
    if values is None:
        return None
    return {p: r2(v) for p, v in zip(space.parties, values, strict=True)}


def _meta(s: Scenario, space: Space) -> dict[str, Any]:
    return {
        "scenario": s.id,
        "perspective": space.perspective,
        "estimates_by": dict(zip(space.parties, space.perspectives, strict=True)),
        "parties": list(space.parties),
        "batna": _by_party(space, space.batna),
    }


def _estimate_note(s: Scenario, space: Space) -> str:
    persp = s.perspective(space.perspective)
    owner = f", held by {persp.owner}" if persp.owner else ""
    note = (
        f"Perspective: [bold]{persp.id}[/] ({persp.name or persp.id}{owner}). "
        "Utilities and BATNAs are estimates on a 0–100 scale, not facts or forecasts."
    )
    borrowed = [f"{p} ({q})" for p, q in zip(space.parties, space.perspectives, strict=True) if q != persp.id]
    if borrowed:
        note += " Without a profile under this perspective: " + ", ".join(borrowed) + "."
    return note


def _status_line(status: str, conflict: tuple[str, ...], note: str) -> None:
    if status == "infeasible":
        console.print(Text("No feasible package: these conditions conflict:", style="bold red"))
        for c in conflict:
            console.print(Text(f"  • {c}", style="red"))
    elif note:
        console.print(Text(note, style="yellow" if status != "ok" else "dim"))


def _spreads(s: Scenario, space: Space) -> list[float]:
    """Per party of ``space``: the stated spread of its estimate (values plus BATNA)."""
    out = []
    for holder, perspective in zip(space.parties, space.perspectives, strict=True):
        prof = s.profile(holder, perspective or None)
        out.append(0.0 if prof is None else prof.spread.values + prof.spread.batna)
    return out


FRAGILE_NOTE = "~ fragile: the surplus is within the estimate's stated spread, so the verdict could flip."


def _fragile(s: Scenario, space: Space, utilities: Any) -> dict[str, bool] | None:
    """Per party: is the surplus within its estimate's stated spread (the verdict could flip)?"""
    if utilities is None:
        return None
    spreads = _spreads(s, space)
    return {
        party: bool(abs(float(utilities[p] - space.batna[p])) <= spreads[p])
        for p, party in enumerate(space.parties)
    }


def _print_parties(
    s: Scenario, space: Space, utilities: Any, *, before: Any = None, ideal: Any = None
) -> None:
    """The party table, and what "~" means when a verdict is fragile."""
    spreads = _spreads(s, space)
    console.print(_party_table(space, utilities, spreads=spreads, before=before, ideal=ideal))
    if any(abs(float(utilities[p] - space.batna[p])) <= spreads[p] for p in range(len(space.parties))):
        console.print(FRAGILE_NOTE, style="dim")


def _party_table(
    space: Space, utilities: Any, *, spreads: list[float], before: Any = None, ideal: Any = None
) -> Table:
    t = Table(show_edge=False, pad_edge=False, header_style="bold")
    t.add_column("party")
    if before is not None:
        t.add_column("before", justify="right")
    t.add_column("utility", justify="right")
    t.add_column("BATNA", justify="right")
    t.add_column("surplus", justify="right")
    t.add_column("", justify="center")
    if ideal is not None:
        t.add_column("ideal", justify="right")
    t.add_column("estimate by")
    for p, party in enumerate(space.parties):
        s_p = float(utilities[p] - space.batna[p])
        ok = s_p > 1e-9
        row: list[str | Text] = [party]
        if before is not None:
            row.append(f"{before[p]:.1f}")
        fragile = " ~" if abs(s_p) <= spreads[p] else ""
        row += [f"{utilities[p]:.1f}", f"{space.batna[p]:.1f}", f"{s_p:+.1f}{fragile}"]
        row.append(Text("✓", style="green") if ok else Text("✗", style="red"))
        if ideal is not None:
            row.append(f"{ideal[p]:.1f}")
        row.append(space.perspectives[p])
        t.add_row(*row)
    return t


def _package_table(space: Space, package: tuple[int, ...], *, only: list[int] | None = None) -> Table:
    t = Table(show_edge=False, pad_edge=False, header_style="bold")
    t.add_column("issue")
    t.add_column("option")
    t.add_column("")
    for i in only if only is not None else range(len(space.issues)):
        k = package[i]
        sq = space.status_quo[i]
        flag = "" if sq is None or sq == k else "changes status quo"
        t.add_row(space.issue_titles[i], f"{space.option_labels[i][k]} [dim]({space.options[i][k]})[/]", flag)
    return t


# -- frontier rendering --------------------------------------------------------------


def frontier_json(s: Scenario, space: Space, res: FrontierResult) -> dict[str, Any]:
    return {
        **_meta(s, space),
        "status": res.status,
        "exact": res.exact,
        "individually_rational": res.individually_rational,
        "algorithm": res.algorithm,
        "parameters": dict(res.parameters),
        "n_feasible": res.n_feasible,
        "conflict": list(res.conflict),
        "note": res.note,
        "seconds": round(res.seconds, 4),
        "points": [
            {"utilities": _by_party(space, u), "package": space.package_ids(tuple(int(x) for x in p))}
            for p, u in zip(res.packages, res.utilities, strict=True)
        ],
    }


def print_frontier(s: Scenario, space: Space, res: FrontierResult, *, show: int) -> None:
    kind = "individually rational " if res.individually_rational else ""
    exact = "exact" if res.exact else "not exact"
    console.print(
        f"[bold]Efficient frontier[/] of {s.title} ([cyan]{s.id}[/]): {len(res)} {kind}packages ({exact})"
    )
    console.print(_estimate_note(s, space))
    _status_line(res.status, res.conflict, res.note)
    if len(res) == 0:
        return
    console.print(f"{res.n_feasible:,} feasible packages in all.", style="dim")
    pk = res.packages
    varying = [i for i in range(len(space.issues)) if len(set(pk[:, i].tolist())) > 1]
    t = Table(show_edge=False, pad_edge=False, header_style="bold")
    t.add_column("#", justify="right")
    for p, party in enumerate(space.parties):
        t.add_column(f"{party}\n(BATNA {space.batna[p]:.0f})", justify="right")
    t.add_column("all accept", justify="center")
    shown_issues = varying[:8]
    for i in shown_issues:
        t.add_column(space.issues[i])
    for j in range(min(show, len(res))):
        u = res.utilities[j]
        ok = bool((u - space.batna > 1e-9).all())
        row: list[str | Text] = [str(j + 1), *(f"{x:.1f}" for x in u)]
        row.append(Text("✓", style="green") if ok else Text("✗", style="red"))
        row += [space.options[i][pk[j, i]] for i in shown_issues]
        t.add_row(*row)
    console.print(t)
    if len(res) > show:
        console.print(f"... {len(res) - show} more (--show N, or --json for all).", style="dim")
    if len(varying) > len(shown_issues):
        console.print(
            f"{len(varying)} issues vary along the frontier; the table shows {len(shown_issues)} "
            "(--json lists every package).",
            style="dim",
        )


# -- solution rendering ---------------------------------------------------------------


def solution_json(s: Scenario, space: Space, res: BargainingResult) -> dict[str, Any]:
    return {
        **_meta(s, space),
        "solution": res.solution,
        "lotteries": res.lotteries,
        "status": res.status,
        "exact": res.exact,
        "gap": r2(res.gap) if res.gap != float("inf") else None,
        "package": _package(space, res.package),
        "utilities": _by_party(space, res.utilities),
        "surplus": _by_party(space, res.surplus),
        "fragile": _fragile(s, space, res.utilities),
        "objective": None if res.objective is None else r2(res.objective),
        "ideal": _by_party(space, res.ideal),
        "lottery": [
            {
                "probability": r2(p),
                "package": space.package_ids(pkg),
                "utilities": _by_party(space, space.utility(pkg)),
            }
            for p, pkg in res.lottery
        ],
        "algorithm": res.algorithm,
        "parameters": dict(res.parameters),
        "conflict": list(res.conflict),
        "note": res.note,
        "seconds": round(res.seconds, 4),
    }


def print_solution(s: Scenario, space: Space, res: BargainingResult) -> None:
    from accord.analysis.results import SOLUTION_TITLES

    over = "lotteries over packages" if res.lotteries else "pure packages"
    console.print(f"[bold]{SOLUTION_TITLES[res.solution]}[/] over {over} — {s.title} ([cyan]{s.id}[/])")
    console.print(_estimate_note(s, space))
    _status_line(res.status, res.conflict, res.note)
    if res.status == "no_zopa":
        console.print(
            Text("No package gives every party more than its BATNA: no solution.", style="bold red")
        )
        return
    if res.package is None or res.utilities is None:
        return
    proof = "optimality proven" if res.exact else f"best found; proven gap {res.gap:.3g}"
    console.print(f"Objective {res.objective:.4g} ({proof}; {res.algorithm}).", style="dim")
    _print_parties(s, space, res.utilities, ideal=res.ideal)
    if res.lotteries and len(res.lottery) > 1:
        pkgs = [pkg for _, pkg in res.lottery]
        differ = [i for i in range(len(space.issues)) if len({p[i] for p in pkgs}) > 1]
        t = Table(title="The lottery", show_edge=False, pad_edge=False, header_style="bold")
        t.add_column("probability", justify="right")
        for i in differ:
            t.add_column(space.issues[i])
        for p, pkg in res.lottery:
            t.add_row(f"{p:.3f}", *(space.options[i][pkg[i]] for i in differ))
        console.print(t)
        console.print("Other issues as in the most likely package:", style="dim")
    console.print(_package_table(space, res.package))


# -- ZOPA rendering ------------------------------------------------------------------------


def zopa_json(s: Scenario, space: Space, res: ZopaResult) -> dict[str, Any]:
    return {
        **_meta(s, space),
        "status": res.status,
        "exists": res.exists,
        "best": {
            "package": _package(space, res.best),
            "utilities": _by_party(space, res.best_utilities),
            "fragile": _fragile(s, space, res.best_utilities),
            "min_surplus": None if res.min_surplus is None else r2(res.min_surplus),
            "exact": res.best_exact,
        },
        "counting": res.counting,
        "count": res.count,
        "n_feasible": res.n_feasible,
        "n_packages": res.n_packages,
        "share": None if res.share is None else r2(res.share),
        "share_interval": None if res.share_interval is None else [r2(x) for x in res.share_interval],
        "samples": res.samples,
        "seed": res.seed,
        "algorithm": res.algorithm,
        "parameters": dict(res.parameters),
        "conflict": list(res.conflict),
        "note": res.note,
        "seconds": round(res.seconds, 4),
    }


def print_zopa(s: Scenario, space: Space, res: ZopaResult) -> None:
    console.print(f"[bold]Zone of possible agreement[/] — {s.title} ([cyan]{s.id}[/])")
    console.print(_estimate_note(s, space))
    _status_line(res.status, res.conflict, "" if res.counting == "monte-carlo" else res.note)
    if res.status == "infeasible":
        return
    if res.exists:
        if res.counting == "exact" and res.count is not None:
            console.print(
                Text(
                    f"ZOPA: yes. {res.count:,} of {res.n_feasible:,} feasible packages "
                    f"({100 * (res.share or 0):.3g}%) give every party more than its BATNA.",
                    style="bold green",
                )
            )
        elif res.share_interval is not None:
            lo, hi = res.share_interval
            console.print(
                Text(
                    f"ZOPA: yes. About {100 * (res.share or 0):.3g}% of {res.n_feasible:,} feasible packages "
                    f"give every party more than its BATNA (Monte Carlo estimate from {res.samples:,} draws, "
                    f"seed {res.seed}; 95% interval {100 * lo:.3g}–{100 * hi:.3g}%).",
                    style="bold green",
                )
            )
    else:
        console.print(
            Text("ZOPA: no. No feasible package gives every party more than its BATNA.", style="bold red")
        )
    if res.best is None or res.best_utilities is None:
        return
    short = "" if res.min_surplus is None else f" (least surplus {res.min_surplus:+.2f})"
    console.print(f"The package with the largest minimum surplus{short}:")
    _print_parties(s, space, res.best_utilities)
    console.print(_package_table(space, res.best))


# -- amendment rendering ----------------------------------------------------------------------


def amend_json(s: Scenario, space: Space, res: AmendResult, plan: str, note: str) -> dict[str, Any]:
    must = list(res.must_accept)
    return {
        **_meta(s, space),
        "plan": plan,
        "status": res.status,
        "feasible": res.feasible,
        "exact": res.exact,
        "must_accept": [space.parties[p] for p in must],
        "proposer": None if res.proposer is None else space.parties[res.proposer],
        "changes": [{"issue": c.issue_id, "from": c.before_id, "to": c.after_id} for c in res.changes],
        "n_changes": res.n_changes,
        "lower_bound": res.lower_bound,
        "plan_package": space.package_ids(res.plan),
        "plan_utilities": _by_party(space, res.plan_utilities),
        "package": _package(space, res.package),
        "utilities": _by_party(space, res.utilities),
        "fragile": _fragile(s, space, res.utilities),
        "algorithm": res.algorithm,
        "parameters": dict(res.parameters),
        "conflict": list(res.conflict),
        "note": "; ".join(x for x in (res.note, note) if x),
        "seconds": round(res.seconds, 4),
    }


def print_amend(s: Scenario, space: Space, res: AmendResult, plan: str, title: str, note: str) -> None:
    who = "" if res.proposer is None else f" (proposer {space.parties[res.proposer]})"
    console.print(f"[bold]Smallest amendment[/] of [cyan]{plan}[/] — {title}{who}")
    console.print(_estimate_note(s, space))
    _status_line(res.status, res.conflict, res.note)
    if note:
        console.print(Text(note, style="dim"))
    if not res.feasible or res.package is None or res.utilities is None:
        if res.status == "no_zopa":
            console.print(Text("No amendment exists: no feasible package is acceptable to every party.",
                               style="bold red"))  # fmt: skip
        return
    proof = "proven minimal" if res.exact else f"not proven minimal; at least {res.lower_bound} needed"
    n = len(res.changes)
    console.print(Text(f"{n} change{'s' if n != 1 else ''} ({proof}):", style="bold green"))
    if res.changes:
        t = Table(show_edge=False, pad_edge=False, header_style="bold")
        t.add_column("issue")
        t.add_column("from")
        t.add_column("to")
        for c in res.changes:
            i = c.issue
            t.add_row(
                space.issue_titles[i],
                f"{space.option_labels[i][c.before]} [dim]({c.before_id})[/]",
                f"{space.option_labels[i][c.after]} [dim]({c.after_id})[/]",
            )
        console.print(t)
    _print_parties(s, space, res.utilities, before=res.plan_utilities)
    outside = [space.parties[p] for p in range(len(space.parties)) if p not in res.must_accept]
    if outside:
        console.print(f"{', '.join(outside)} shown for the tie-break only; need not accept.", style="dim")


# -- plots ------------------------------------------------------------------------------------------


def _result_mark(label: str, utilities: Any) -> list[Mark]:
    from accord.report.plots import Mark

    return [] if utilities is None else [Mark(label=label, utilities=utilities, kind="result")]


def _plan_marks(s: Scenario, space: Space) -> list[Mark]:
    from accord.analysis.amend import complete_plan
    from accord.report.plots import Mark
    from accord.space import SpaceError

    marks = []
    for v in s.plan_variants():
        try:
            pkg = complete_plan(space, dict(v.terms))
        except SpaceError:
            continue  # the plan leaves an issue open that has no status quo
        # Readings of disputed plans are drawn unlabelled, to keep the plot legible.
        kind = "plan" if v.reading is None else "reading"
        marks.append(Mark(label=v.id, utilities=space.utility(pkg), kind=kind))
    return marks


def _plot(
    path: Path,
    s: Scenario,
    space: Space,
    res: FrontierResult | None,
    marks: list[Mark],
    what: str,
    *,
    ignore_red_lines: bool = False,
) -> None:
    from accord.analysis.frontier import solve_frontier
    from accord.report.plots import PlotError, plot_frontier

    front = res if res is not None else solve_frontier(space, ignore_red_lines=ignore_red_lines)
    try:
        plot_frontier(
            path,
            parties=space.parties,
            frontier=front.utilities,
            batna=space.batna,
            marks=[*_plan_marks(s, space), *marks],
            title=f"{what} — {s.title}",
            subtitle=f"estimates under perspective {space.perspective}"
            + ("" if front.exact else "; frontier not exact (supported points)"),
        )
    except PlotError as exc:
        fail(str(exc), "--plot")
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}", "--plot")
    err_console.print(f"Plot written to {path}")
