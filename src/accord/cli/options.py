"""Every argument and option of the command line, declared once, and their parsing.

Commands annotate their parameters with these types; :func:`load_scenario`,
:func:`split_list`, :func:`parse_fixes`, :func:`check_plot` and
:func:`restrictions` turn the raw values into what the workbench takes.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypedDict

import typer

from accord.analysis.registry import SOLVERS
from accord.cli.errors import fail, fields

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from accord.model import Scenario
    from accord.model.choice import PerspectiveChoice
    from accord.workbench.drafts import Draft
    from accord.workbench.scenario import CheckedFile, Finding

# -- arguments ---------------------------------------------------------------------------

ScenarioArg = Annotated[
    str,
    typer.Argument(
        metavar="SCENARIO",
        help="Built-in scenario name, path to a scenario file, or - to read one from standard input.",
    ),
]
ValidateFileArg = Annotated[
    Path,
    typer.Argument(
        metavar="FILE",
        help="Scenario file (YAML or JSON) to check, a built-in name, or - for standard input.",
    ),
]
InitFileArg = Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the new scenario file.")]
AmendPlanArg = Annotated[
    str | None,
    typer.Argument(
        metavar="PLAN",
        help="Plan id, or PLAN@READING for a disputed reading (or a draft: --terms, --base/--set).",
        show_default=False,
    ),
]

# -- options shared by several commands ----------------------------------------------------

JsonOpt = Annotated[
    bool,
    typer.Option(
        "--json", help="Print machine-readable JSON instead of tables (indented at a terminal, else compact)."
    ),
]
JsonlOpt = Annotated[
    bool,
    typer.Option(
        "--jsonl",
        help="Print JSON Lines, written as produced: a header, one line per package, a summary.",
    ),
]
PerspectiveOpt = Annotated[
    str | None,
    typer.Option(
        "--perspective",
        "-p",
        metavar="ID|PARTY=ID,...",
        help="Whose estimates to use: one perspective for every party, or PARTY=ID pairs "
        "(UA=ua-government,RU=ru-government) with an optional bare ID as the default for the "
        "rest (default: the scenario's default).",
    ),
]
PartiesOpt = Annotated[
    str | None,
    typer.Option(
        "--parties",
        help="Comma-separated parties (factions as US.NSC); default: all with profiles "
        "(searches: all but mediators and observers).",
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
        help="Stop every stage of the search so that the command ends after about this long (start-up and "
        "loading count), and report the best found with its proven gap.",
    ),
]
BackendOpt = Annotated[
    str,
    typer.Option(
        "--backend",
        metavar="auto|decomposition|mip",
        help="Search by super-issues and branch and bound (decomposition), by a mixed-integer program "
        "(mip, HiGHS), or let accord choose from the constraint graph and the number of parties (auto).",
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

TermsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--terms",
        metavar="ISSUE=OPTION,...",
        help="A draft package to test without editing the file (repeatable or comma-separated); "
        "it shows as plan 'draft'.",
    ),
]
BaseOpt = Annotated[
    str | None,
    typer.Option(
        "--base", metavar="PLAN", help="A draft that varies this plan (or PLAN@READING); edit it with --set."
    ),
]
SetOpt = Annotated[
    list[str] | None,
    typer.Option("--set", metavar="ISSUE=OPTION", help="Change one issue of the --base plan (repeatable)."),
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
SourcesDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--sources",
        metavar="DIR",
        help="Check every quote against its source's file, found in DIR.",
        file_okay=False,
    ),
]
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
        help="List the exact frontier up to this size (default 100,000; 800,000 for 4+ parties); "
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


STDIN = "-"
"""The SCENARIO (or FILE) that reads the scenario from standard input."""

STDIN_NAME = "<stdin>"
"""How errors name standard input."""


def read_stdin() -> str:
    """Standard input as text (UTF-8, a byte-order mark dropped); a bad encoding fails on SCENARIO."""
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        fail(f"{STDIN_NAME} is not UTF-8 text (byte {exc.start})", "SCENARIO")


def check_source(scenario: str | Path, sources: Path | None = None) -> CheckedFile:
    """Check a scenario file, or standard input for ``-`` (YAML or JSON), reporting every problem.

    With ``sources`` the quotes are checked against the source files in that directory.
    """
    from accord.io import check_file, check_text

    if str(scenario) == STDIN:
        text = read_stdin()
        # No file name to tell JSON by: JSON opens with '{' (YAML rarely does), and gets JSON's errors.
        return check_text(text, name=STDIN_NAME, json_syntax=text.lstrip().startswith("{"), sources=sources)
    return check_file(scenario, sources=sources)


def load_scenario(scenario: str) -> Scenario:
    """A built-in scenario name, a path to a scenario file, or ``-`` (standard input) -> Scenario."""
    from accord.scenarios import REGISTRY, resolve

    if scenario != STDIN and scenario not in REGISTRY and not os.path.exists(scenario):
        known = ", ".join(sorted(REGISTRY))
        fail(f"no built-in scenario or file named {scenario!r} (built-in: {known})", "SCENARIO")
    if scenario == STDIN:
        checked = check_source(STDIN)
        errors = [p for p in checked.problems if p.severity == "error"]
        if checked.scenario is not None and not errors:
            return checked.scenario
        _invalid(STDIN_NAME, errors)
    try:
        return resolve(scenario)
    except Exception as exc:
        # Imported here: a built-in scenario served from the cache needs no file loader
        # (pydantic), and neither does --help.
        from accord.io import ScenarioFileError

        if not isinstance(exc, ScenarioFileError):
            raise
        _invalid(scenario, [p for p in exc.problems if p.severity == "error"])


def _invalid(scenario: str, errors: Sequence[Finding]) -> NoReturn:
    shown = "\n".join(p.render() for p in errors[:20])
    more = f"\n... and {len(errors) - 20} more (run 'accord validate {scenario}')" if len(errors) > 20 else ""
    fail(f"{scenario} is not a valid scenario:\n{shown}{more}", "SCENARIO")


def split_list(value: str | None, flag: str | None = None) -> tuple[str, ...] | None:
    """``"UA,RU"`` -> ``("UA", "RU")``; empty -> None; a malformed id or one given twice fails on ``flag``."""
    if not value:
        return None
    from accord.model.elements import ID_HINT, is_id

    items = tuple(v.strip() for v in value.split(",") if v.strip())
    for k, item in enumerate(items):
        # Factions are named PARTY.FACTION; every part is an id.
        if not all(is_id(part) for part in item.split(".", 1)):
            fail(f"{item!r} is not a valid id; {ID_HINT}", flag)
        if item in items[:k]:
            fail(f"names {item!r} twice", flag)
    return items or None


def parse_perspective(value: str | None) -> PerspectiveChoice | None:
    """``"base,UA=ua-gov"`` -> a choice (None: the default); a malformed one fails on --perspective.

    Whether the perspectives and parties exist is checked against the scenario later.
    """
    if value is None:
        return None
    from accord.model.choice import PerspectiveChoice

    with fields():
        return PerspectiveChoice.parse(value)


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


def parse_pairs(values: list[str] | None, flag: str) -> dict[str, str]:
    """``["a=x,b=y", "c=z"]`` -> ``{"a": "x", "b": "y", "c": "z"}``; errors name ``flag``."""
    out: dict[str, str] = {}
    for value in values or []:
        for item in value.split(","):
            issue, sep, option = (part.strip() for part in item.partition("="))
            if not sep or not issue or not option:
                fail(f"takes ISSUE=OPTION, got {item.strip()!r}", flag)
            if issue in out:
                fail(f"names issue {issue!r} twice", flag)
            out[issue] = option
    return out


def parse_draft(terms: list[str] | None, base: str | None, edits: list[str] | None) -> Draft | None:
    """``--terms`` (a new package) or ``--base`` with ``--set`` (a variation) -> a draft, or None."""
    from accord.workbench.drafts import Draft

    if terms and base is not None:
        fail("give either a new package (--terms) or a variation (--base with --set), not both", "--terms")
    if edits and base is None:
        fail("changes a plan: name it with --base PLAN", "--set")
    if terms:
        return Draft(terms=parse_pairs(terms, "--terms"))
    if base is not None:
        return Draft(terms=parse_pairs(edits, "--set"), base=base)
    return None


def load_with_draft(
    scenario: str, terms: list[str] | None, base: str | None, edits: list[str] | None
) -> tuple[Scenario, str | None]:
    """The scenario with the command line's draft added, and the draft's plan id (None: no draft)."""
    parse_draft(terms, base, edits)  # a malformed draft fails before the file is read
    return add_draft(load_scenario(scenario), terms, base, edits)


def add_draft(
    s: Scenario, terms: list[str] | None, base: str | None, edits: list[str] | None
) -> tuple[Scenario, str | None]:
    """``s`` with the command line's draft added, checked like a file's plan, and its id (None: no draft)."""
    from accord.workbench.drafts import with_draft

    draft = parse_draft(terms, base, edits)
    if draft is None:
        return s, None
    with fields(terms="--terms", set="--set", base="--base"):
        drafted = with_draft(s, draft)
    return drafted.scenario, drafted.plan_id


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
    perspective: PerspectiveChoice | None
    parties: tuple[str, ...] | None
    tables: tuple[str, ...] | None
    tracks: tuple[str, ...] | None
    fixes: Mapping[str, str]
    ignore_red_lines: bool
    time_limit: float | None


_STARTED: list[float] = []
"""When :func:`accord.cli.app.main` began the running command (empty outside it)."""


def start_clock(on: bool = True) -> None:
    """Mark the start of a command (or, with ``on=False``, its end): ``--time-limit`` counts from here."""
    _STARTED[:] = [time.perf_counter()] if on else []


def engine_limit(time_limit: float | None) -> float | None:
    """What is left of ``time_limit`` for the engines once the command's own start-up and loading ran.

    The limit binds the whole command, not only its engines: modules imported
    and the scenario read since :func:`start_clock` count against it.
    """
    if time_limit is None or not _STARTED:
        return time_limit
    return max(0.0, time_limit - (time.perf_counter() - _STARTED[0]))


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
    choice = parse_perspective(perspective)
    loaded = load_scenario(scenario)
    return Restrictions(
        scenario=loaded,
        perspective=choice,
        parties=split_list(parties, "--parties"),
        tables=split_list(tables, "--tables"),
        tracks=split_list(tracks, "--tracks"),
        fixes=parse_fixes(fix),
        ignore_red_lines=ignore_red_lines,
        time_limit=engine_limit(time_limit),
    )
