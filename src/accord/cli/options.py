"""Every argument and option of the command line, declared once, and their parsing.

Commands annotate their parameters with these types; :func:`load_scenario`,
:func:`split_list`, :func:`parse_fixes`, :func:`check_plot` and
:func:`restrictions` turn the raw values into what the workbench takes.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypedDict

import typer

from accord.analysis.registry import SOLVERS
from accord.cli.errors import fail

if TYPE_CHECKING:
    from collections.abc import Mapping

    from accord.model import Scenario

# -- arguments ---------------------------------------------------------------------------

ScenarioArg = Annotated[
    str, typer.Argument(metavar="SCENARIO", help="Built-in scenario name or path to a scenario file.")
]
ValidateFileArg = Annotated[
    Path,
    typer.Argument(metavar="FILE", help="Scenario file (YAML or JSON) to check, or a built-in name."),
]
InitFileArg = Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the new scenario file.")]
AmendPlanArg = Annotated[
    str, typer.Argument(metavar="PLAN", help="Plan id, or PLAN@READING for a disputed reading.")
]

# -- options shared by several commands ----------------------------------------------------

JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON instead of tables.")]
PerspectiveOpt = Annotated[
    str | None,
    typer.Option("--perspective", "-p", help="Whose estimates to use (default: the scenario's default)."),
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
PlotOpt = Annotated[
    Path | None,
    typer.Option(
        "--plot",
        metavar="FILE",
        help="Also draw the frontier with the scenario's plans to FILE (.png or .svg; "
        "3+ parties: pairwise projections). Needs matplotlib.",
    ),
]

# -- options of one command ------------------------------------------------------------------

ShowPartyOpt = Annotated[
    str | None,
    typer.Option("--party", help="Show this party's profiles: weights, values, BATNA, red lines, rationale."),
]
ShowPlanOpt = Annotated[
    str | None, typer.Option("--plan", help="Show this plan's terms, readings, notes and sources.")
]
EvaluatePlansOpt = Annotated[
    list[str] | None,
    typer.Option("--plan", help="Plan id (or PLAN@READING); repeat for several. Default: all."),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")]
SchemaOutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to a file instead of stdout.")
]
RationalOpt = Annotated[
    bool, typer.Option("--rational", help="Only packages every party prefers to its BATNA.")
]
MaxPointsOpt = Annotated[
    int | None,
    typer.Option(
        "--max-points",
        min=1,
        help="List the exact frontier up to this size (default 100,000; 12,000 for 4+ parties); "
        "beyond it, proven-efficient packages only.",
    ),
]
ShowRowsOpt = Annotated[int, typer.Option("--show", min=0, help="Rows to print (tables only).")]
SolutionOpt = Annotated[
    str,
    typer.Option(
        "--solution",
        "-s",
        metavar="|".join(s.name for s in SOLVERS if s.family == "bargaining solution"),
        help="Nash (max product of surpluses), Kalai–Smorodinsky, egalitarian (max minimum "
        "surplus) or utilitarian (max sum).",
    ),
]
LotteriesOpt = Annotated[
    bool, typer.Option("--lotteries", help="Allow lotteries over packages (the convex hull).")
]
SamplesOpt = Annotated[
    int,
    typer.Option("--samples", min=100, help="Draws for a Monte Carlo share when exact counting is too big."),
]
SeedOpt = Annotated[int, typer.Option("--seed", help="Seed of the Monte Carlo draws.")]

# -- parsing ---------------------------------------------------------------------------------


def load_scenario(scenario: str) -> Scenario:
    """A built-in scenario name or a path to a scenario file -> Scenario."""
    from accord.scenarios import REGISTRY, resolve

    if scenario not in REGISTRY and not os.path.exists(scenario):
        known = ", ".join(sorted(REGISTRY))
        fail(f"no built-in scenario or file named {scenario!r} (built-in: {known})", "SCENARIO")
    try:
        return resolve(scenario)
    except Exception as exc:
        # Imported here: a built-in scenario served from the cache needs no file loader
        # (pydantic), and neither does --help.
        from accord.io import ScenarioFileError

        if not isinstance(exc, ScenarioFileError):
            raise
        errors = [p for p in exc.problems if p.severity == "error"]
        shown = "\n".join(p.render() for p in errors[:20])
        more = (
            f"\n... and {len(errors) - 20} more (run 'accord validate {scenario}')"
            if len(errors) > 20
            else ""
        )
        fail(f"{scenario} is not a valid scenario:\n{shown}{more}", "SCENARIO")


def split_list(value: str | None) -> tuple[str, ...] | None:
    """``"UA,RU"`` -> ``("UA", "RU")``; empty -> None."""
    if not value:
        return None
    items = tuple(v.strip() for v in value.split(",") if v.strip())
    return items or None


def parse_fixes(values: list[str] | None) -> dict[str, str]:
    """``["crimea=talks_15y"]`` -> ``{"crimea": "talks_15y"}``."""
    out: dict[str, str] = {}
    for v in values or []:
        issue, sep, option = v.partition("=")
        if not sep or not issue.strip() or not option.strip():
            fail(f"--fix takes ISSUE=OPTION, got {v!r}", "--fix")
        if issue.strip() in out:
            fail(f"--fix names issue {issue.strip()!r} twice", "--fix")
        out[issue.strip()] = option.strip()
    return out


def check_plot(plot: Path | None) -> None:
    """Refuse a plot that cannot be made (file type, no matplotlib), before any work is done."""
    if plot is None:
        return
    if plot.suffix.lower() not in (".png", ".svg"):
        fail(f"writes .png or .svg files, not {plot.name!r}", "--plot")
    try:
        # Found, not imported: the plot itself loads matplotlib once the work is done.
        found = importlib.util.find_spec("matplotlib") is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        fail("needs matplotlib: pip install 'accord[plot]'", "--plot")


class Restrictions(TypedDict):
    """The fields every search request shares (:class:`accord.workbench.records.SearchRequest`)."""

    scenario: Scenario
    perspective: str | None
    parties: tuple[str, ...] | None
    tables: tuple[str, ...] | None
    tracks: tuple[str, ...] | None
    fixes: Mapping[str, str]
    ignore_red_lines: bool
    time_limit: float | None


def restrictions(
    scenario: str,
    *,
    perspective: str | None,
    parties: str | None,
    tables: str | None,
    tracks: str | None,
    fix: list[str] | None,
    ignore_red_lines: bool,
    time_limit: float | None,
) -> Restrictions:
    """Load the scenario and parse the options every search shares."""
    return Restrictions(
        scenario=load_scenario(scenario),
        perspective=perspective,
        parties=split_list(parties),
        tables=split_list(tables),
        tracks=split_list(tracks),
        fixes=parse_fixes(fix),
        ignore_red_lines=ignore_red_lines,
        time_limit=time_limit,
    )
