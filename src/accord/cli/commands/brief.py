"""Briefing command: ``brief`` (a scenario's plans, verdicts, frontier and amendments for diplomats)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from accord.cli.commands.draft import write_atomically
from accord.cli.errors import fail, fields
from accord.cli.options import JsonOpt, PerspectiveOpt, ScenarioArg, load_scenario, parse_perspective

BriefFormatOpt = Annotated[str, typer.Option("--format", metavar="html|pdf", help="Document format.")]
BriefOutOpt = Annotated[
    Path | None, typer.Option("--out", metavar="FILE", help="Write the briefing here (needed unless --json).")
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite an existing --out file.")]
LimitOpt = Annotated[
    float, typer.Option("--time-limit", min=0.1, help="Seconds of amendment search per plan.")
]


def brief(
    scenario: ScenarioArg,
    fmt: BriefFormatOpt = "html",
    out: BriefOutOpt = None,
    force: ForceOpt = False,
    perspective: PerspectiveOpt = None,
    time_limit: LimitOpt = 2.0,
    as_json: JsonOpt = False,
) -> None:
    """Write a briefing on a scenario for diplomats, as HTML or PDF.

    Plans compared, verdicts per perspective with their sensitivity, a frontier
    plot, the smallest amendment of each plan, the sources.

    Numbers are the perspectives' estimates, not forecasts. --json prints a manifest
    (sections, plans, figures) and, without --out, writes nothing.
    """
    from accord.report.documents import MissingDependency
    from accord.report.documents.brief import brief_data, render_brief_html, render_brief_pdf
    from accord.report.json import dumps
    from accord.workbench import briefing

    if fmt not in ("html", "pdf"):
        fail("choose one of html, pdf", "--format")
    if out is None and not as_json:
        fail("the briefing is written to a file: add --out FILE", "--out")
    if out is not None and out.exists() and not force:
        fail(f"{out} exists; add --force to overwrite it", "--out")
    choice = parse_perspective(perspective)
    s = load_scenario(scenario)
    with fields(perspective="--perspective"):
        result = briefing.brief(briefing.BriefRequest(scenario=s, perspective=choice, time_limit=time_limit))
    if out is not None:
        try:
            data = render_brief_html(result).encode() if fmt == "html" else render_brief_pdf(result)
        except ModuleNotFoundError as exc:
            fail(
                str(MissingDependency(f"the {fmt} format needs {exc.name}: pip install 'accord[docs]'")),
                "--format",
            )
        write_atomically(out, data, force=force)
    if as_json:
        print(dumps({"out": str(out) if out else None, "format": fmt, **brief_data(result)}))
