"""The ``process`` command group: create, verify, export and import live processes.

The store (:mod:`accord.store`) does the work; these commands parse options,
call it and print. ``--db`` takes a SQLite file path (default ``accord.db`` in
the working directory) or a SQLAlchemy URL such as
``postgresql+psycopg://user@host/db``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from accord.cli.errors import err_console, fail
from accord.cli.options import JsonOpt, ScenarioArg, load_scenario

if TYPE_CHECKING:
    from accord.store import Store

app = typer.Typer(
    name="process",
    help="Run a live peace process in a database: create, verify the audit trail, export, import.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL",
        help="Database: a SQLite file path or a URL (postgresql+psycopg://user@host/db). Default: accord.db.",
        show_default=False,
    ),
]
ProcessArg = Annotated[int, typer.Argument(metavar="PROCESS", help="The process id.", show_default=False)]


def _store(db: str | None) -> Store:
    from accord.store import StoreUnavailable, open_store

    try:
        return open_store(db)
    except StoreUnavailable as exc:
        fail(str(exc), "--db")


def _guard(exc: Exception, what: str) -> None:
    """Turn a store error into a clear message naming ``what``."""
    from accord.process import AccessDenied, Conflict, NotFound, ProcessError

    if isinstance(exc, ProcessError | NotFound | AccessDenied | Conflict):
        fail(str(exc).strip("'\""), what)
    raise exc


def create(
    scenario: ScenarioArg,
    db: DbOpt = None,
    mediator: Annotated[
        str, typer.Option("--mediator", help="The user who mediates (created if new).")
    ] = "mediator",
    as_json: JsonOpt = False,
) -> None:
    """Create a process from a scenario, with MEDIATOR as its first member."""
    from accord.process import ProcessSpec
    from accord.scenarios import REGISTRY, builtin_path

    s = load_scenario(scenario)
    source_path = builtin_path(scenario) if scenario in REGISTRY else Path(scenario)
    source = source_path.read_text(encoding="utf-8") if source_path.is_file() else ""
    store = _store(db)
    try:
        store.ensure_user(mediator)
        pid = store.create_process(ProcessSpec.from_scenario(s), creator=mediator, scenario_source=source)
    except Exception as exc:
        _guard(exc, "--mediator")
    _say(
        as_json,
        {"process": pid, "scenario": s.id, "mediator": mediator},
        f"Created process {pid} from {s.id}; mediator: {mediator}.",
    )


def verify(
    process: Annotated[
        int | None, typer.Argument(metavar="PROCESS", help="Process id (default: every process).")
    ] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Verify the hash-chained audit trail of one process or every process (exit 1 if any is broken)."""
    store = _store(db)
    ids = [process] if process is not None else list(store.process_ids())
    results = []
    for pid in ids:
        try:
            check = store.verify(pid)
        except Exception as exc:
            _guard(exc, "PROCESS")
        results.append(
            {
                "process": pid,
                "ok": check.ok,
                "entries": check.count,
                "first_broken": check.first_broken,
                "reason": check.reason,
            }
        )
    lines = [
        f"process {r['process']}: "
        + (
            f"ok ({r['entries']} entries)"
            if r["ok"]
            else f"BROKEN at entry {r['first_broken']}: {r['reason']}"
        )
        for r in results
    ]
    _say(as_json, {"processes": results}, "\n".join(lines) or "no processes")
    if not all(r["ok"] for r in results):
        raise typer.Exit(1)


def export(
    process: ProcessArg,
    out: Annotated[
        Path, typer.Option("--out", metavar="FILE", help="Where to write the JSON file (- for stdout).")
    ],
    db: DbOpt = None,
) -> None:
    """Export a whole process (members, proposals, private data, audit log) as one JSON file."""
    from accord.store.exchange import export_process

    store = _store(db)
    try:
        doc = export_process(store, process)
    except Exception as exc:
        _guard(exc, "PROCESS")
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    if str(out) == "-":
        sys.stdout.write(text + "\n")
        return
    try:
        out.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror or exc}", "--out")
    err_console.print(f"Process {process} written to {out}", markup=False, highlight=False)


def import_(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A JSON file 'accord process export' wrote.")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Import a process from an exported JSON file (its audit chain is verified first)."""
    from accord.store.exchange import import_process

    try:
        doc = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read {file}: {getattr(exc, 'strerror', None) or exc}", "FILE")
    except json.JSONDecodeError as exc:
        fail(f"{file}: line {exc.lineno}, column {exc.colno}: not JSON ({exc.msg})", "FILE")
    store = _store(db)
    try:
        pid = import_process(store, doc)
    except Exception as exc:
        _guard(exc, "FILE")
    _say(as_json, {"process": pid}, f"Imported {file} as process {pid}.")


def _say(as_json: bool, data: dict[str, Any], text: str) -> None:
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(text + "\n")


for _command, _name in ((create, "create"), (verify, "verify"), (export, "export"), (import_, "import")):
    app.command(_name)(_command)
del _command, _name
