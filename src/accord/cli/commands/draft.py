"""Drafting commands: ``draft`` (agreements from a package)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from accord.cli.errors import fail, fields
from accord.cli.options import (
    JsonOpt,
    PerspectiveOpt,
    ScenarioArg,
    TermsOpt,
    load_with_draft,
    parse_perspective,
)

DraftPlanOpt = Annotated[str | None, typer.Option("--plan", help="Draft this plan (or PLAN@READING).")]
DraftSolutionOpt = Annotated[
    str | None,
    typer.Option("--solution", metavar="NAME", help="Draft a bargaining solution's package (nash, ...)."),
]
InstrumentOpt = Annotated[
    str,
    typer.Option("--instrument", metavar="ceasefire|settlement|both", help="Which instrument(s) to draft."),
]
FormatOpt = Annotated[str, typer.Option("--format", metavar="md|html|docx|pdf", help="Document format.")]
OutOpt = Annotated[
    Path | None, typer.Option("--out", metavar="FILE", help="Write the document here (md: default stdout).")
]
OverwriteOpt = Annotated[bool, typer.Option("--force", help="Overwrite an existing --out file.")]
AgainstOpt = Annotated[
    str | None,
    typer.Option("--against", metavar="PLAN", help="Mark what changed since this earlier version (a plan)."),
]


def write_atomically(path: Path, data: bytes, *, force: bool) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder; refuse to overwrite."""
    if path.exists() and not force:
        fail(f"{path} exists; add --force to overwrite it", "--out")
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}", "--out")


def draft(
    scenario: ScenarioArg,
    plan: DraftPlanOpt = None,
    terms: TermsOpt = None,
    solution: DraftSolutionOpt = None,
    instrument: InstrumentOpt = "both",
    fmt: FormatOpt = "md",
    out: OutOpt = None,
    force: OverwriteOpt = False,
    against: AgainstOpt = None,
    perspective: PerspectiveOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Draft agreements from a package: a ceasefire agreement and a political settlement.

    Unagreed issues stay in [brackets] with who proposed each alternative; a plan's
    disputed readings are listed as land mines; --against marks the changes from an
    earlier version. --json prints a manifest of the articles.
    """
    from accord.report.documents import FORMATS, MissingDependency, manifest, render
    from accord.report.json import dumps
    from accord.workbench import documents

    if sum(x is not None for x in (plan, terms, solution)) != 1:
        fail("name one package: --plan ID, --terms ISSUE=OPTION,... or --solution NAME", "--plan")
    kinds = {"both": documents.INSTRUMENT_KINDS, "ceasefire": ("ceasefire",), "settlement": ("settlement",)}
    if instrument not in kinds or fmt not in FORMATS:
        bad = "--instrument" if instrument not in kinds else "--format"
        fail(f"choose one of {', '.join(kinds if bad == '--instrument' else FORMATS)}", bad)
    if out is None and fmt != "md" and not as_json:
        fail(f"the {fmt} format is written to a file: add --out FILE", "--out")
    choice = parse_perspective(perspective)
    s, package = load_with_draft(scenario, terms, None, None)
    request = documents.DocumentRequest(
        scenario=s,
        package=plan or package,
        solution=solution,
        instruments=kinds[instrument],
        perspective=choice,
        against=against,
    )
    with fields(solution="--solution", package="--plan", against="--against"):
        result = documents.draft_document(request)
    try:
        data = render(result, fmt) if (out is not None or not as_json) else b""
    except MissingDependency as exc:
        fail(str(exc), "--format")
    if out is not None:
        write_atomically(out, data, force=force)
    if as_json:
        print(dumps(manifest(result, str(out) if out else None, fmt)))
    elif out is None:
        print(data.decode(), end="")
