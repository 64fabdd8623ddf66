"""Built-in scenarios, loaded by name (``accord show ukraine``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from accord.io import load_scenario
from accord.model import Scenario


@dataclass(frozen=True, slots=True)
class BuiltIn:
    name: str
    file: str
    summary: str


REGISTRY: dict[str, BuiltIn] = {
    b.name: b
    for b in (
        BuiltIn(
            "ukraine",
            "ukraine.yaml",
            "A negotiated end to the Russia–Ukraine war: the five essays and the plans of 2022–2025",
        ),
    )
}


def builtin_path(name: str) -> Path:
    entry = REGISTRY[name]
    return Path(str(resources.files("accord") / "scenarios" / entry.file))


@lru_cache(maxsize=8)
def load_builtin(name: str) -> Scenario:
    """A built-in scenario by name (KeyError for an unknown name)."""
    return load_scenario(builtin_path(name))


def resolve(name_or_path: str) -> Scenario:
    """A built-in name or a path to a scenario file."""
    if name_or_path in REGISTRY:
        return load_builtin(name_or_path)
    return load_scenario(name_or_path)
