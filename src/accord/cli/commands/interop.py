"""Interop commands: ``export`` and ``import`` (GENIUS XML)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from accord.cli.errors import fail
from accord.cli.options import ForceOpt, JsonOpt, ScenarioArg, load_scenario
from accord.cli.output import emit

FormatOpt = Annotated[
    Literal["genius"],
    typer.Option("--format", help="The file format (GENIUS XML: one domain, one utility space per party)."),
]
ExportDirOpt = Annotated[
    Path, typer.Option("--out", metavar="DIR", help="The directory to write the files into.")
]
ImportFileOpt = Annotated[
    Path, typer.Option("--out", metavar="FILE", help="The scenario file to write (.yaml, or .json for JSON).")
]
ExportPerspectiveOpt = Annotated[
    str | None,
    typer.Option(
        "--perspective", "-p", metavar="ID", help="Whose estimates to export (default: the scenario's)."
    ),
]
DirArg = Annotated[Path, typer.Argument(metavar="DIR", help="A directory of GENIUS XML files.")]


def export(
    scenario: ScenarioArg,
    out: ExportDirOpt,
    file_format: FormatOpt = "genius",
    perspective: ExportPerspectiveOpt = None,
    force: ForceOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Export a scenario (one perspective) as GENIUS XML: a domain and a utility space per party.

    Red lines, floors, constraints and status quos have no GENIUS form: the output lists what was left out.
    """
    from accord.io.genius import export_genius
    from accord.io.genius_files import write_export
    from accord.report.terminal.interop import print_written
    from accord.workbench.interop import InteropOutcome

    s = load_scenario(scenario)
    if perspective is not None and perspective not in {p.id for p in s.perspectives}:
        fail(
            f"no perspective {perspective!r}; known: {', '.join(p.id for p in s.perspectives)}",
            "--perspective",
        )
    result = export_genius(s, perspective)
    try:
        paths = write_export(result, out, force=force)
    except FileExistsError as exc:
        fail(f"would overwrite {exc}; use --force to overwrite", "--out")
    except OSError as exc:
        fail(f"cannot write to {out}: {exc.strerror or exc}", "--out")
    written = InteropOutcome(
        action="export", format=file_format, files=tuple(str(p) for p in paths), parties=result.parties,
        perspective=result.perspective, left_out=result.left_out,
    )  # fmt: skip
    emit(written, as_json=as_json, show=print_written)


def import_(
    directory: DirArg,
    out: ImportFileOpt,
    file_format: FormatOpt = "genius",
    force: ForceOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Import GENIUS XML files (one domain, one utility space per party) as a scenario file."""
    from accord.io.genius import GeniusError
    from accord.io.genius_files import read_genius_dir, scenario_text, write_atomic
    from accord.report.terminal.interop import print_written
    from accord.workbench.interop import InteropOutcome

    if out.exists() and not force:
        fail(f"{out} already exists; use --force to overwrite it", "--out")
    try:
        imported = read_genius_dir(directory)
    except GeniusError as exc:
        fail(str(exc), "DIR")
    except OSError as exc:
        fail(f"cannot read {directory}: {exc.strerror or exc}", "DIR")
    text, report = scenario_text(imported, out)
    if report.errors or report.scenario is None:
        fail(
            "the imported scenario is not valid:\n" + "\n".join(p.render() for p in report.errors[:20]), "DIR"
        )
    try:
        write_atomic(out, text)
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror or exc}", "--out")
    s = report.scenario
    written = InteropOutcome(
        action="import", format=file_format, files=(str(out),), parties=s.profiled_parties(),
        perspective=s.default_perspective, left_out=imported.notes,
    )  # fmt: skip
    emit(written, as_json=as_json, show=print_written)


import_.__name__ = "import"  # the command's name; ``import`` itself is a Python keyword
