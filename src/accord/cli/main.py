"""The ``accord`` command line.

Heavy modules (scipy, matplotlib) are imported inside the commands that need
them so that every command starts fast.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer

from accord.cli import common
from accord.cli.common import console, fail, load, print_json, split_list

app = typer.Typer(
    name="accord",
    help="Design, test, simulate and draft peace negotiations.\n\n"
    "SCENARIO is a built-in name (see 'accord scenarios') or a path to a YAML/JSON scenario file. "
    "Every preference number is an estimate: outputs say whose.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    # A fixed help width keeps docs/cli.md (generated from --help) reproducible.
    context_settings={"max_content_width": 100, "terminal_width": 100},
)

ScenarioArg = Annotated[
    str, typer.Argument(metavar="SCENARIO", help="Built-in scenario name or path to a scenario file.")
]
PerspectiveOpt = Annotated[
    str | None,
    typer.Option("--perspective", "-p", help="Whose estimates to use (default: the scenario's default)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON instead of tables.")]
PartiesOpt = Annotated[
    str | None,
    typer.Option(
        "--parties", help="Comma-separated parties (factions as US.NSC); default: all with profiles."
    ),
]


def _print_version(value: bool) -> None:
    if value:
        from accord import __version__

        print(f"accord {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print accord's version and exit."
        ),
    ] = False,
) -> None:
    # The help text is the app's; this callback only carries the global options.
    pass


@app.command()
def scenarios(as_json: JsonOpt = False) -> None:
    """List the built-in scenarios."""
    from accord.scenarios import REGISTRY, load_builtin

    rows = []
    for name, entry in REGISTRY.items():
        s = load_builtin(name)
        rows.append(
            {
                "name": name,
                "title": s.title,
                "summary": entry.summary,
                "issues": len(s.issues),
                "parties": len(s.parties),
                "plans": len(s.plans),
                "perspectives": len(s.perspectives),
            }
        )
    if as_json:
        print_json(rows)
        return
    from rich.table import Table

    t = Table(header_style="bold", show_edge=False)
    for c in ("name", "title", "parties", "issues", "plans", "perspectives"):
        t.add_column(c)
    for r in rows:
        t.add_row(
            str(r["name"]),
            str(r["title"]),
            str(r["parties"]),
            str(r["issues"]),
            str(r["plans"]),
            str(r["perspectives"]),
        )
    console.print(t)


@app.command()
def show(
    scenario: ScenarioArg,
    party: Annotated[
        str | None,
        typer.Option(
            "--party", help="Show this party's profiles: weights, values, BATNA, red lines, rationale."
        ),
    ] = None,
    plan: Annotated[
        str | None, typer.Option("--plan", help="Show this plan's terms, readings, notes and sources.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Show a scenario: parties, tables, tracks, rules, issues, perspectives, plans."""
    from accord.cli import views

    s = load(scenario)
    if party is not None:
        profiles = [p for p in s.profiles if p.party == party]
        if not profiles:
            known = ", ".join(s.profiled_parties())
            fail(f"no profiles for party {party!r}; parties with profiles: {known}", "--party")
        if as_json:
            print_json([views.profile_json(p) for p in profiles])
        else:
            views.print_profiles(console, s, profiles)
    elif plan is not None:
        try:
            chosen = s.plan(plan)
        except KeyError:
            fail(f"no plan {plan!r}; plans: {', '.join(p.id for p in s.plans)}", "--plan")
        if as_json:
            print_json(views.plan_detail_json(chosen))
        else:
            views.print_plan(console, s, chosen)
    elif as_json:
        print_json(views.scenario_json(s))
    else:
        views.print_scenario(console, s)


@app.command()
def evaluate(
    scenario: ScenarioArg,
    plan: Annotated[
        list[str] | None,
        typer.Option("--plan", help="Plan id (or PLAN@READING); repeat for several. Default: all."),
    ] = None,
    perspective: PerspectiveOpt = None,
    parties: PartiesOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Evaluate plans: utility, BATNA, surplus, red lines and verdict per party."""
    from accord.analysis.evaluate import evaluate_plans
    from accord.cli.views import evaluation_json, print_evaluation

    s = load(scenario)
    try:
        ev = evaluate_plans(s, perspective=perspective, plans=plan, parties=split_list(parties))
    except KeyError as exc:
        fail(str(exc.args[0]), "--plan")
    if as_json:
        print_json(evaluation_json(ev))
    else:
        print_evaluation(console, s, ev, detail=bool(plan))


@app.command()
def compare(
    scenario: ScenarioArg,
    perspective: PerspectiveOpt = None,
    parties: PartiesOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Compare all plans: plans x parties verdicts, plans x issues terms, verdict per perspective."""
    from accord.analysis.evaluate import evaluate_across_perspectives, evaluate_plans
    from accord.cli.views import compare_json, print_compare

    s = load(scenario)
    chosen = split_list(parties)
    ev = evaluate_plans(s, perspective=perspective, parties=chosen)
    across = evaluate_across_perspectives(s, parties=chosen)
    if as_json:
        print_json(compare_json(s, ev, across))
    else:
        print_compare(console, s, ev, across)


@app.command()
def validate(
    file: Annotated[
        Path,
        typer.Argument(metavar="FILE", help="Scenario file (YAML or JSON) to check, or a built-in name."),
    ],
    as_json: JsonOpt = False,
) -> None:
    """Check a scenario file and report every problem with file, line, field and hint."""
    from accord.io import check_file
    from accord.scenarios import REGISTRY, builtin_path

    if not file.exists() and str(file) in REGISTRY:
        file = builtin_path(str(file))
    report = check_file(file)
    if as_json:
        print_json(
            {
                "file": str(file),
                "ok": report.ok,
                "problems": [
                    {
                        "line": p.line,
                        "column": p.column,
                        "field": p.field,
                        "message": p.message,
                        "hint": p.hint,
                        "severity": p.severity,
                    }
                    for p in report.problems
                ],
            }
        )
    else:
        for p in report.problems:
            style = "red" if p.severity == "error" else "yellow"
            console.print(p.render(), style=style, markup=False, soft_wrap=True)
        if report.ok and report.scenario is not None:
            s = report.scenario
            warn = f", {len(report.warnings)} warning(s)" if report.warnings else ""
            console.print(
                f"{file}: OK — {len(s.parties)} parties, {len(s.issues)} issues, {len(s.plans)} plans, "
                f"{len(s.profiles)} profiles under {len(s.perspectives)} perspective(s){warn}",
                markup=False,
                soft_wrap=True,  # one line whatever the path's length: scripts and tests read it
            )
        else:
            console.print(
                f"{file}: {len(report.errors)} error(s), {len(report.warnings)} warning(s)",
                markup=False,
                soft_wrap=True,
            )
    if not report.ok:
        raise typer.Exit(common.EXIT_CHECK_FAILED)


@app.command()
def init(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the new scenario file.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented scenario template for a new conflict."""
    if file.exists() and not force:
        fail(f"{file} already exists; use --force to overwrite it", "FILE")
    text = (resources.files("accord") / "io" / "template.yaml").read_text(encoding="utf-8")
    try:
        file.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {file}: {exc.strerror or exc}", "FILE")
    console.print(f"Wrote {file}. Edit it, then run: accord validate {file}", markup=False, soft_wrap=True)


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to a file instead of stdout.")
    ] = None,
) -> None:
    """Print the JSON Schema of the scenario file format."""
    from accord.io import json_schema

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


def _register_extensions() -> None:
    from accord.cli import search

    search.register(app)


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app with every error turned into a clean message."""
    _register_extensions()

    def run() -> int:
        # Standalone mode lets click print usage errors itself (exit 2); our own
        # exceptions pass through to run_guarded, which words them for users.
        try:
            app(args=argv, prog_name="accord", standalone_mode=True)
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        return 0

    code = common.run_guarded(run)
    if argv is None:
        sys.exit(code)
    return code


if __name__ == "__main__":  # pragma: no cover
    main()
