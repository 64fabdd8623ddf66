"""Error reporting for the command line: one clear message and an exit code, never a traceback.

Every command runs inside :func:`run_guarded`, which turns known errors into one
message naming the argument at fault and exit code 2 (bad input) or 1 (a check
that failed, e.g. ``validate`` finding errors). Errors of the core name request
fields (``parties``, ``fix`` ...); :data:`FLAGS` maps them to the flags users typed.

Under ``--json`` or ``--jsonl`` (``run_guarded(..., as_json=True)``) every
error is one JSON object on stderr (stdout stays empty, as for every failed
command): ``{"error": {"kind": ..., "field": ..., "message": ..., "exit_code":
...}}`` with ``kind`` one of ``bad_input``, ``check_failed``, ``internal`` and
``interrupted``.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

from rich.text import Text

from accord.report.terminal import make_console

err_console = make_console(stderr=True)

EXIT_BAD_INPUT = 2
EXIT_CHECK_FAILED = 1
EXIT_INTERNAL = 70

FLAGS = {
    "parties": "--parties",
    "party": "--party",
    "fix": "--fix",
    "tables": "--tables",
    "tracks": "--tracks",
    "perspective": "--perspective",
    "issues": "--fix",
    "options": "--fix",
    "plan": "--plan",
    "plans": "--plan",
    "backend": "--backend",
}
"""Request field (as the core names it) -> command-line flag."""


class UserError(Exception):
    """A problem with what the user asked for; ``field`` names the argument."""

    def __init__(self, message: str, field: str | None = None, exit_code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.exit_code = exit_code


def fail(message: str, field: str | None = None, exit_code: int = EXIT_BAD_INPUT) -> NoReturn:
    """Stop the command with ``message`` about argument ``field``."""
    raise UserError(message, field, exit_code)


def flag(field: str) -> str:
    """The flag of request field ``field`` (the field itself when no flag is known)."""
    return FLAGS.get(field, field)


@contextmanager
def fields(**overrides: str) -> Iterator[None]:
    """Name request fields by this command's arguments (e.g. ``plan="PLAN"``) in errors raised inside."""
    from accord.model.problems import SpaceError  # the model only: no numpy for --help

    try:
        yield
    except SpaceError as exc:
        raise UserError(exc.message, overrides.get(exc.field) or flag(exc.field)) from None


_json_mode = False
"""True while :func:`run_guarded` runs a command given ``--json``: errors are JSON on stderr."""


def say_error(message: str, *, label: str = "error:", field: str | None = None, exit_code: int = 2) -> None:
    """Print ``label field: message`` on stderr, the label in bold red; ``message`` is printed as it is.

    Under ``--json`` the error is instead one JSON object on stderr (see the
    module's docstring). User text (file names, values typed on the command
    line, titles) may hold square brackets: it is never read as markup.
    """
    if _json_mode:
        kind = {EXIT_BAD_INPUT: "bad_input", EXIT_CHECK_FAILED: "check_failed", 130: "interrupted"}
        error = {"kind": kind.get(exit_code, "internal"), "field": field, "message": message,
                 "exit_code": exit_code}  # fmt: skip
        sys.stderr.write(json.dumps({"error": error}, ensure_ascii=False) + "\n")
        sys.stderr.flush()
        return
    where = f"{field}: " if field else ""
    err_console.print(Text.assemble((label, "bold red"), " ", where, message))


def run_guarded(func: Callable[[], Any], *, as_json: bool = False) -> int:
    """Run ``func`` and map every failure to a message and an exit code (JSON on stderr with ``as_json``)."""
    global _json_mode  # one command runs per process; the flag only shapes its error output
    _json_mode = as_json
    try:
        result = func()
        return int(result) if isinstance(result, int) else 0
    except UserError as exc:
        say_error(exc.message, field=exc.field, exit_code=exc.exit_code)
        return exc.exit_code
    except KeyboardInterrupt:
        if _json_mode:
            say_error("interrupted", exit_code=130)
        else:
            err_console.print("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence for users
        return _report(exc)
    finally:
        _json_mode = False


def _report(exc: Exception) -> int:
    # Imported only on failure, so that a fast path never loads the file adapters.
    from accord.io import ScenarioFileError
    from accord.model import ScenarioInvalid
    from accord.model.problems import SpaceError

    if isinstance(exc, SpaceError):
        say_error(exc.message, field=flag(exc.field))
        return EXIT_BAD_INPUT
    if isinstance(exc, ScenarioFileError | ScenarioInvalid):
        say_error(str(exc))
        return EXIT_BAD_INPUT
    if os.environ.get("ACCORD_DEBUG"):
        raise exc
    say_error(
        f"{type(exc).__name__}: {exc}\n"
        "This is a bug in accord. Set ACCORD_DEBUG=1 to see the traceback and please report it.",
        label="internal error:",
        exit_code=EXIT_INTERNAL,
    )
    return EXIT_INTERNAL
