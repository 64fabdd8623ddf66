"""Scenario commands: ``scenarios``, ``show``, ``validate``, ``init``, ``schema``."""

from __future__ import annotations

import json
import sys
from importlib import resources

import typer

from accord.cli.errors import EXIT_CHECK_FAILED, fail
from accord.cli.options import (
    STDIN,
    STDIN_NAME,
    ForceOpt,
    InitFileArg,
    JsonOpt,
    ScenarioArg,
    SchemaOutputOpt,
    ShowPartyOpt,
    ShowPlanOpt,
    SourcesDirOpt,
    ValidateFileArg,
    check_source,
    load_scenario,
)
from accord.cli.output import console, emit


def scenarios(as_json: JsonOpt = False) -> None:
    """List the built-in scenarios."""
    from accord.report.terminal.scenario import print_catalogue
    from accord.scenarios import REGISTRY, load_builtin
    from accord.workbench.scenario import Catalogue, CatalogueEntry

    entries = (CatalogueEntry.of(name, entry.summary, load_builtin(name)) for name, entry in REGISTRY.items())
    emit(Catalogue(entries=tuple(entries)), as_json=as_json, show=print_catalogue)


def show(
    scenario: ScenarioArg,
    party: ShowPartyOpt = None,
    plan: ShowPlanOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show a scenario: parties, tables, tracks, rules, issues, perspectives, plans."""
    from accord.report.terminal import scenario as terminal
    from accord.workbench import scenario as workbench

    s = load_scenario(scenario)
    if party is not None:
        emit(workbench.party_profiles(s, party), as_json=as_json, show=terminal.print_profiles)
    elif plan is not None:
        emit(workbench.plan_detail(s, plan), as_json=as_json, show=terminal.print_plan)
    else:
        emit(workbench.ScenarioOutcome(scenario=s), as_json=as_json, show=terminal.print_scenario)


def validate(file: ValidateFileArg, as_json: JsonOpt = False, sources: SourcesDirOpt = None) -> None:
    """Check a scenario file and report every problem with file, line, field and hint.

    With --sources DIR, every quote whose source names a file is checked against that
    file in DIR (whitespace, quote marks and dashes normalised).
    """
    from accord.report.terminal.scenario import print_validation
    from accord.scenarios import REGISTRY, builtin_path
    from accord.workbench.scenario import Validation

    if not file.exists() and str(file) in REGISTRY:
        file = builtin_path(str(file))
    name = STDIN_NAME if str(file) == STDIN else str(file)
    if sources is not None and not sources.is_dir():
        fail(f"no directory {str(sources)!r}", "--sources")
    outcome = Validation.of(name, check_source(file, sources))
    emit(outcome, as_json=as_json, show=print_validation)
    if not outcome.ok:
        raise typer.Exit(EXIT_CHECK_FAILED)


def init(file: InitFileArg, force: ForceOpt = False) -> None:
    """Write a commented scenario template for a new conflict."""
    if file.exists() and not force:
        fail(f"{file} already exists; use --force to overwrite it", "FILE")
    text = (resources.files("accord") / "io" / "template.yaml").read_text(encoding="utf-8")
    try:
        file.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {file}: {exc.strerror or exc}", "FILE")
    console.print(f"Wrote {file}. Edit it, then run: accord validate {file}", markup=False, soft_wrap=True)


def schema(output: SchemaOutputOpt = None) -> None:
    """Print the JSON Schema of the scenario file format."""
    from accord.io import json_schema

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
