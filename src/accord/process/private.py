"""A delegation's private material: its own estimated profile and its notes.

The profile is the delegation's estimate of its own preferences in the
scenario's terms (weights per issue, values per option on 0–100, the value of
no agreement, red lines), the same quantities a scenario profile holds
(``docs/format.md``). Only the delegation and the mediator may read it
(:mod:`accord.process.access`); :func:`check_profile` validates one against the
process's issues before the store keeps it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from accord.process.errors import ProcessError
from accord.process.model import ProcessSpec

PROFILE_KEYS = ("weights", "values", "batna", "red_lines", "rationale")
"""The fields a private profile may have."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PrivateProfile:
    """A delegation's private profile (``data`` as :func:`check_profile` accepts it) and its version."""

    party: str
    data: Mapping[str, Any] = field(default_factory=dict)
    version: int = 1
    updated_by: str = ""
    updated_at: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Note:
    """A private note of a delegation (or the mediator), numbered within the process."""

    id: int
    party: str
    author: str
    body: str
    version: int = 1
    created_at: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Membership:
    """A user's membership of a process: role, and the party of a delegation."""

    user: str
    role: str
    party: str | None = None


def _number(value: Any, where: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ProcessError(f"{where}: expected a number, got {value!r}")
    if not low <= value <= high:
        raise ProcessError(f"{where}: {value} is outside {low:g}..{high:g}")
    return float(value)


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ProcessError(f"{where}: expected a mapping")
    return value


def check_profile(spec: ProcessSpec, data: Mapping[str, Any]) -> dict[str, Any]:
    """The profile ``data`` normalised, or :class:`ProcessError` naming the first bad field."""
    extra = sorted(set(_mapping(data, "profile")) - set(PROFILE_KEYS))
    if extra:
        raise ProcessError(f"profile: unknown field {extra[0]!r}; fields: {', '.join(PROFILE_KEYS)}")
    out: dict[str, Any] = {"weights": {}, "values": {}, "batna": None, "red_lines": [], "rationale": ""}
    for issue, w in _mapping(data.get("weights", {}), "weights").items():
        spec.issue(str(issue))
        out["weights"][str(issue)] = _number(w, f"weights.{issue}", 0, 1e6)
    for issue, table in _mapping(data.get("values", {}), "values").items():
        options = dict(spec.issue(str(issue)).options)
        row = {}
        for option, v in _mapping(table, f"values.{issue}").items():
            if str(option) not in options:
                raise ProcessError(f"values.{issue}: no option {option!r}; options: {', '.join(options)}")
            row[str(option)] = _number(v, f"values.{issue}.{option}", 0, 100)
        out["values"][str(issue)] = row
    if data.get("batna") is not None:
        out["batna"] = _number(data["batna"], "batna", 0, 100)
    lines = data.get("red_lines", [])
    if not isinstance(lines, list):
        raise ProcessError("red_lines: expected a list of {issue: option} mappings")
    for n, line in enumerate(lines):
        terms = {str(k): str(v) for k, v in _mapping(line, f"red_lines[{n}]").items()}
        try:
            spec.check_terms(terms)
        except ProcessError as exc:
            raise ProcessError(f"red_lines[{n}]: {exc}") from None
        out["red_lines"].append(terms)
    rationale = data.get("rationale", "")
    if not isinstance(rationale, str):
        raise ProcessError("rationale: expected text")
    out["rationale"] = rationale
    return out
