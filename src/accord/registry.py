"""Registries: named specs declared as data, looked up as ``"name(key=value)"``.

Rule of the house 6 (``shared/design.md``): solutions, rule kinds, built-in
scenarios (and later protocols, strategies, stability concepts) are registries,
not lists. The command line's choices, the web menus, ``docs/algorithms.md`` and
one conformance suite all enumerate a registry, so adding an entry is one module
and one spec. The lookup syntax follows OpenSpiel's ``load_game("name(k=v)")``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Generic, Protocol, TypeVar

_CALL = re.compile(r"^\s*([A-Za-z_][\w.-]*)\s*(?:\((.*)\))?\s*$", re.DOTALL)


class Spec(Protocol):
    """What every registry entry declares: a unique name, a title and a citation."""

    @property
    def name(self) -> str:
        """The unique name users type."""
        ...

    @property
    def title(self) -> str:
        """A one-line human title."""
        ...

    @property
    def citation(self) -> str:
        """The published source (author, year, title) or ``""`` for data entries."""
        ...


S = TypeVar("S", bound=Spec)


class RegistryError(KeyError):
    """An unknown name, a duplicate registration or a malformed ``name(k=v)`` text."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True, slots=True)
class Lookup(Generic[S]):
    """The result of :meth:`Registry.parse`: the spec and the keyword arguments given."""

    spec: S
    kwargs: Mapping[str, object]


class Registry(Generic[S]):
    """An ordered, append-only collection of specs keyed by ``spec.name``.

    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Colour:
    ...     name: str
    ...     title: str
    ...     citation: str = ""
    >>> colours = Registry[Colour]("colour")
    >>> _ = colours.register(Colour("red", "Red"))
    >>> colours.names
    ('red',)
    >>> colours.parse("red(shade=2)").kwargs["shade"]
    2
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._specs: dict[str, S] = {}

    def register(self, spec: S) -> S:
        """Add ``spec``; a second spec with the same name is an error."""
        if spec.name in self._specs:
            raise RegistryError(f"{self.kind} {spec.name!r} is already registered")
        self._specs[spec.name] = spec
        return spec

    @property
    def names(self) -> tuple[str, ...]:
        """Registered names in registration order."""
        return tuple(self._specs)

    def specs(self) -> tuple[S, ...]:
        """Registered specs in registration order."""
        return tuple(self._specs.values())

    def get(self, name: str) -> S:
        """The spec called ``name`` (a ``name(k=v)`` text is accepted, its arguments ignored)."""
        return self.parse(name).spec

    def parse(self, text: str) -> Lookup[S]:
        """Split ``"name(k=v, ...)"`` into the spec and its keyword arguments.

        Values are Python literals (numbers, strings, booleans, tuples); anything
        else is a :class:`RegistryError` naming the text.
        """
        m = _CALL.match(text)
        if m is None:
            raise RegistryError(f"{self.kind} {text!r}: expected NAME or NAME(key=value, ...)")
        name, args = m.group(1), m.group(2)
        spec = self._specs.get(name)
        if spec is None:
            raise RegistryError(f"unknown {self.kind} {name!r}; known: {', '.join(self._specs) or 'none'}")
        return Lookup(spec, MappingProxyType(_kwargs(text, args) if args else {}))

    def __contains__(self, name: object) -> bool:
        return name in self._specs

    def __iter__(self) -> Iterator[S]:
        return iter(self._specs.values())

    def __len__(self) -> int:
        return len(self._specs)


def _kwargs(text: str, args: str) -> dict[str, object]:
    try:
        call = ast.parse(f"f({args})", mode="eval").body
    except SyntaxError as exc:
        raise RegistryError(f"{text!r}: arguments are not key=value literals") from exc
    if not isinstance(call, ast.Call) or call.args or any(k.arg is None for k in call.keywords):
        raise RegistryError(f"{text!r}: arguments must be key=value")
    out: dict[str, object] = {}
    for kw in call.keywords:
        try:
            out[str(kw.arg)] = ast.literal_eval(kw.value)
        except ValueError as exc:
            raise RegistryError(f"{text!r}: {kw.arg} is not a literal value") from exc
    return out
