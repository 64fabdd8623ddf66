"""The ``accord`` command line: the Typer app, its global options and :func:`main`.

Commands live in :mod:`accord.cli.commands`, one module per group, and are
registered here in the order ``accord --help`` lists them. Engines, the file
adapters and matplotlib are imported inside the commands that need them, so
that every command (and ``--help``) starts fast.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from accord.cli.commands import (
    align,
    brief,
    design,
    draft,
    evaluate,
    interop,
    process,
    ripeness,
    robustness,
    scenario,
    search,
    serve,
    simulate,
    tournament,
)
from accord.cli.errors import fail, run_guarded
from accord.cli.options import start_clock

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
    context_settings={"max_content_width": 100, "terminal_width": 100, "help_option_names": ["-h", "--help"]},
)

COMMANDS = (
    scenario.scenarios,
    scenario.show,
    evaluate.evaluate,
    evaluate.compare,
    scenario.validate,
    scenario.init,
    scenario.schema,
    search.frontier,
    search.solve,
    search.zopa,
    search.amend,
    robustness.robustness,
    design.linkage,
    design.sequence,
    ripeness.ripeness,
    align.align,
    simulate.simulate,
    tournament.tournament,
    interop.export,
    interop.import_,
    draft.draft,
    brief.brief,
    serve.serve,
)
"""Every command, in the order of ``accord --help``."""

for _command in COMMANDS:
    app.command()(_command)

GROUPS = (process.app,)
"""Command groups (``accord process create`` ...), listed after the commands."""

for _group in GROUPS:
    app.add_typer(_group)


def _print_version(value: bool) -> None:
    if value:
        from accord.version import __version__

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


def command_names() -> tuple[str, ...]:
    """The names of the registered commands, in order."""
    commands = (c.name or c.callback.__name__ for c in app.registered_commands if c.callback is not None)
    groups = (g.typer_instance.info.name for g in app.registered_groups if g.typer_instance is not None)
    return (*commands, *(str(name) for name in groups))


def subcommand_names() -> tuple[str, ...]:
    """The commands of every group as ``GROUP COMMAND`` (``process create`` ...), in order."""
    out = []
    for g in app.registered_groups:
        if g.typer_instance is None:
            continue
        group = g.typer_instance
        out += [f"{group.info.name} {c.name}" for c in group.registered_commands]
    return tuple(out)


def _quiet_broken_pipe() -> int:
    """The reader of stdout went away (``accord compare x | head -1``): stop quietly.

    As Python's documentation recommends (library/signal, "Note on SIGPIPE"),
    stdout is pointed at devnull so that the interpreter's final flush raises
    nothing and prints no "Exception ignored" message.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (e.g. captured in tests)
        pass
    finally:
        os.close(devnull)
    return 1


def _usage_error(exc: Exception) -> None:
    """Turn click's usage errors (raised outside standalone mode) into our own; others pass.

    Typer vendors click in its newer releases, so the exceptions are recognised
    by what they offer (``format_message`` and ``exit_code``), not their module.
    """
    message, code = getattr(exc, "format_message", None), getattr(exc, "exit_code", None)
    if callable(message) and isinstance(code, int):
        fail(str(message()), exit_code=code)
    if type(exc).__name__ == "Abort":  # Ctrl-C at a prompt
        raise KeyboardInterrupt from None


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app with every error turned into a clean message (JSON under ``--json(l)``)."""
    as_json = any(a in ("--json", "--jsonl") for a in (sys.argv[1:] if argv is None else argv))

    def run() -> int:
        # Standalone mode lets click print usage errors itself (exit 2); under
        # --json they are raised instead and reported as JSON. Our own exceptions
        # pass through to run_guarded, which words them for users.
        try:
            out = app(args=argv, prog_name="accord", standalone_mode=not as_json)
            sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BrokenPipeError:
            return _quiet_broken_pipe()
        except Exception as exc:
            _usage_error(exc)
            raise
        return out if isinstance(out, int) else 0

    start_clock()
    try:
        code = run_guarded(run, as_json=as_json)
    finally:
        start_clock(on=False)
    if argv is None:
        sys.exit(code)
    return code
