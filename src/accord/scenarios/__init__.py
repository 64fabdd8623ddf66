"""Built-in scenarios and their registry, loaded by name (``accord show ukraine``).

:data:`SCENARIOS` is a :class:`accord.registry.Registry` of :class:`ScenarioSpec`
(name, title, citation, file); :data:`REGISTRY` is the same entries as a read-only
mapping by name, kept for callers written before the registry.

A validated built-in scenario is cached as a pickle in the user's cache
directory (``$ACCORD_CACHE_DIR``, else ``$XDG_CACHE_HOME/accord``, else
``~/.cache/accord``), keyed by the SHA-256 of the scenario file and accord's
version, so an edited file or a new release never meets a stale copy. The
cache saves parsing and validating the file on every command, which is most of
the start-up time of ``accord evaluate ukraine``. Any problem with the cache
(unwritable, corrupt) falls back to a normal load; set ``ACCORD_NO_CACHE=1`` to
skip it.
"""

from __future__ import annotations

import copyreg
import hashlib
import os
import pickle
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from accord.model import Scenario
from accord.registry import Registry
from accord.version import __version__

# Bump when the pickled form of the domain objects changes, so no cache written by an
# older layout is ever read back.
_PICKLE_LAYOUT = "model 5: Scenario.offers, drafting and timelines"


@dataclass(frozen=True, slots=True, kw_only=True)
class ScenarioSpec:
    """A built-in scenario: its name, a one-line title, what it is drawn from, its file.

    ``file`` is the scenario file's name inside the ``accord.scenarios`` package.
    """

    name: str
    title: str
    citation: str
    file: str

    @property
    def summary(self) -> str:
        """The one-line title (the name ``accord scenarios --json`` shows it under)."""
        return self.title

    @property
    def path(self) -> Path:
        """Where the scenario file is installed."""
        return Path(str(resources.files("accord") / "scenarios" / self.file))


SCENARIOS: Registry[ScenarioSpec] = Registry("built-in scenario")
"""Every built-in scenario, in the order ``accord scenarios`` lists them."""

SCENARIOS.register(
    ScenarioSpec(
        name="ukraine",
        title="A negotiated end to the Russia–Ukraine war: the five essays and the plans of 2022–2025",
        citation="Kanninen & Patomäki 2023; USIP 2022; Parley Policy Initiative 2022; Rai 2023; "
        "Pickering 2022; peace plans of 2022–2025",
        file="ukraine.yaml",
    )
)

REGISTRY: Mapping[str, ScenarioSpec] = MappingProxyType({spec.name: spec for spec in SCENARIOS})
"""The built-in scenarios by name, read-only (the entries of :data:`SCENARIOS`)."""


def _mappingproxy(items: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(items)


def _reduce_mappingproxy(m: MappingProxyType[Any, Any]) -> tuple[Any, tuple[dict[Any, Any]]]:
    return _mappingproxy, (dict(m),)


# Domain objects hold read-only mappings; teach pickle to rebuild them.
copyreg.pickle(MappingProxyType, _reduce_mappingproxy)


def builtin_path(name: str) -> Path:
    """Where the built-in scenario ``name`` is installed (``KeyError`` for an unknown name)."""
    return REGISTRY[name].path


def cache_dir() -> Path:
    """Where validated built-in scenarios are cached (see the module docstring)."""
    if os.environ.get("ACCORD_CACHE_DIR"):
        return Path(os.environ["ACCORD_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "accord"


def _cache_file(name: str, data: bytes) -> Path:
    key = hashlib.sha256(data + f"|accord {__version__}|py pickle 5|{_PICKLE_LAYOUT}".encode()).hexdigest()[
        :32
    ]
    return cache_dir() / f"{name}-{key}.pickle"


@lru_cache(maxsize=8)
def load_builtin(name: str) -> Scenario:
    """A built-in scenario by name (KeyError for an unknown name)."""
    path = builtin_path(name)
    if os.environ.get("ACCORD_NO_CACHE"):
        return _load_file(path)
    data = path.read_bytes()
    cached = _cache_file(name, data)
    try:
        scenario = pickle.loads(cached.read_bytes())
        if isinstance(scenario, Scenario):
            return scenario
    except Exception:  # a missing or unreadable cache only costs a reload
        pass
    scenario = _load_file(path)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename, so a concurrent reader never sees half a file.
        with tempfile.NamedTemporaryFile(dir=cached.parent, delete=False, suffix=".tmp") as tmp:
            tmp.write(pickle.dumps(scenario, protocol=5))
        os.replace(tmp.name, cached)
    except Exception:  # read-only home, full disk: run without the cache
        pass
    return scenario


def _load_file(path: Path) -> Scenario:
    # Imported here, not at the top: the file loader pulls in pydantic, which a
    # command served from the cache never needs (it is most of the start-up time).
    from accord.io import load_scenario

    return load_scenario(path)


def resolve(name_or_path: str) -> Scenario:
    """A built-in name or a path to a scenario file."""
    if name_or_path in REGISTRY:
        return load_builtin(name_or_path)
    return _load_file(Path(name_or_path))
