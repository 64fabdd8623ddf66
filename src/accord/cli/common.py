"""Shared CLI plumbing: scenario resolution, clean errors, JSON output.

No traceback reaches a user: every command runs inside :func:`run_guarded`,
which turns known errors into one clear message and exit code 2 (bad input)
or 1 (a check that failed, e.g. ``validate`` finding errors).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Mapping
from typing import Any, NoReturn

from rich.console import Console

# Piped output (files, CI logs, doc examples) gets a fixed, roomy width instead of 80.
_WIDTH = None if sys.stdout.isatty() or "COLUMNS" in os.environ else 120
console = Console(highlight=False, soft_wrap=False, width=_WIDTH)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_BAD_INPUT = 2
EXIT_CHECK_FAILED = 1
EXIT_INTERNAL = 70


class UserError(Exception):
    """A problem with what the user asked for; ``field`` names the argument."""

    def __init__(self, message: str, field: str | None = None, exit_code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.exit_code = exit_code


def fail(message: str, field: str | None = None, exit_code: int = EXIT_BAD_INPUT) -> NoReturn:
    raise UserError(message, field, exit_code)


def load(scenario: str) -> Any:
    """A built-in scenario name or a path to a scenario file -> Scenario."""
    from accord.scenarios import REGISTRY, resolve

    if scenario not in REGISTRY and not os.path.exists(scenario):
        known = ", ".join(sorted(REGISTRY))
        fail(f"no built-in scenario or file named {scenario!r} (built-in: {known})", "SCENARIO")
    try:
        return resolve(scenario)
    except Exception as exc:
        # Imported here: a built-in scenario served from the cache needs no file loader.
        from accord.io import ScenarioFileError

        if not isinstance(exc, ScenarioFileError):
            raise
        errors = [p for p in exc.problems if p.severity == "error"]
        shown = "\n".join(p.render() for p in errors[:20])
        more = (
            f"\n... and {len(errors) - 20} more (run 'accord validate {scenario}')"
            if len(errors) > 20
            else ""
        )
        fail(f"{scenario} is not a valid scenario:\n{shown}{more}", "SCENARIO")


def split_list(value: str | None) -> list[str] | None:
    """``"UA,RU"`` -> ``["UA", "RU"]``; empty -> None."""
    if not value:
        return None
    items = [v.strip() for v in value.split(",") if v.strip()]
    return items or None


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


def print_json(data: Mapping[str, Any] | list[Any]) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n")


def r2(x: float) -> float:
    """Round for JSON output: enough digits to reproduce, no float noise."""
    return round(float(x), 6)


def run_guarded(func: Callable[[], Any]) -> int:
    """Run ``func`` and map every failure to a message and an exit code."""
    try:
        result = func()
        return int(result) if isinstance(result, int) else 0
    except UserError as exc:
        where = f"{exc.field}: " if exc.field else ""
        err_console.print(f"[bold red]error:[/] {where}{exc.message}", markup=True, highlight=False)
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
    from accord.space import SpaceError

    if isinstance(exc, SpaceError):
        err_console.print(f"[bold red]error:[/] {_flag(exc.field)}: {exc.message}")
        return EXIT_BAD_INPUT
    if isinstance(exc, ScenarioFileError | ScenarioInvalid):
        err_console.print(f"[bold red]error:[/] {exc}")
        return EXIT_BAD_INPUT
    if os.environ.get("ACCORD_DEBUG"):
        raise exc
    err_console.print(
        f"[bold red]internal error:[/] {type(exc).__name__}: {exc}\n"
        "This is a bug in accord. Set ACCORD_DEBUG=1 to see the traceback and please report it."
    )
    return EXIT_INTERNAL


def _flag(field: str) -> str:
    return {
        "parties": "--parties",
        "fix": "--fix",
        "tables": "--tables",
        "tracks": "--tracks",
        "perspective": "--perspective",
        "issues": "--fix",
        "options": "--fix",
    }.get(field, field)
