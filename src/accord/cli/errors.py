"""Error reporting for the command line: one clear message and an exit code, never a traceback.

Every command runs inside :func:`run_guarded`, which turns known errors into one
message naming the argument at fault and exit code 2 (bad input) or 1 (a check
that failed, e.g. ``validate`` finding errors). Errors of the core name request
fields (``parties``, ``fix`` ...); :data:`FLAGS` maps them to the flags users typed.
"""

from __future__ import annotations

import os
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


def say_error(message: str, *, label: str = "error:") -> None:
    """Print ``label message`` on stderr, the label in bold red; ``message`` is printed as it is.

    User text (file names, values typed on the command line, titles) may hold square
    brackets: it is never read as markup.
    """
    err_console.print(Text.assemble((label, "bold red"), " ", message))


def run_guarded(func: Callable[[], Any]) -> int:
    """Run ``func`` and map every failure to a message and an exit code."""
    try:
        result = func()
        return int(result) if isinstance(result, int) else 0
    except UserError as exc:
        where = f"{exc.field}: " if exc.field else ""
        say_error(f"{where}{exc.message}")
        return exc.exit_code
    except KeyboardInterrupt:
        err_console.print("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence for users
        return _report(exc)


def _report(exc: Exception) -> int:
    # Imported only on failure, so that a fast path never loads the file adapters.
    from accord.io import ScenarioFileError
    from accord.model import ScenarioInvalid
    from accord.model.problems import SpaceError

    if isinstance(exc, SpaceError):
        say_error(f"{flag(exc.field)}: {exc.message}")
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
    )
    return EXIT_INTERNAL
