"""Problems found in a scenario, reported all at once rather than one by one.

A :class:`Problem` names *where* (a path of keys and list indices into the
scenario, e.g. ``("issues", 3, "options", 1, "id")``), *what* and a *hint*.
The file loader turns the path into a file name and line number; the domain
model itself knows nothing about files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PathPart = str | int
Path = tuple[PathPart, ...]
Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """One thing wrong (or suspicious) in a scenario."""

    path: Path
    message: str
    hint: str = ""
    severity: Severity = "error"
    # An id this problem refers to but could not resolve; the loader uses it to
    # drop follow-on errors about items that already failed to parse.
    ref: str | None = None

    def where(self) -> str:
        """The path as a dotted field name: ``issues[3].options[1].id``."""
        return format_path(self.path)


def format_path(path: Path) -> str:
    """A path as a dotted field name: ``("issues", 3, "id")`` -> ``issues[3].id``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


class ModelError(ValueError):
    """A domain object was constructed with an invalid value.

    ``field`` names the offending attribute so callers can attach a location.
    """

    def __init__(self, field: str, message: str, hint: str = "") -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.hint = hint


class ScenarioInvalid(ValueError):
    """A scenario failed its checks; ``problems`` lists every error found."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        head = "; ".join(f"{p.where()}: {p.message}" for p in errors[:3])
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        super().__init__(f"{len(errors)} problem(s) in scenario: {head}{more}")


class SpaceError(ValueError):
    """A request names something the scenario does not have, or cannot be met.

    ``field`` names the request field at fault (``parties``, ``fix``, ...). It
    lives in the model (no numpy) so that use cases which only look things up
    can raise it without loading the compiled form; :mod:`accord.space`
    re-exports it.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
