"""The structural elements of a negotiation: who talks, where, on what.

Vocabulary follows the negotiation literature and the design notes
(``shared/design.md``): *parties* sit at *tables*; *issues* are grouped in
*tracks* (e.g. a ceasefire track before a political track, Parley Policy
Initiative 2022) and *phases* (prior preparations, pre-negotiations,
negotiations; Pickering 2022); *rules* are process principles such as
"nothing is agreed until everything is agreed".
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Literal, TypeVar

from accord.model.problems import ModelError

ID_PATTERN = r"^[^\W_][\w\-]{0,63}$"
"""Ids as a regular expression (Unicode-aware, as Python's ``re`` and pydantic's engine read it).

The authoritative rule is :func:`is_id`: a letter or digit of any script first,
then letters, combining marks, digits, ``_`` and ``-``, at most 64 in all, so
``UA``, ``Україна``, ``俄罗斯`` and ``भारत`` are ids and ``a b``, ``US.NSC``
(dots name factions) and ``-x`` are not.
"""
ID_HINT = (
    "ids start with a letter or digit (any script) and use only letters, digits, "
    "combining marks, '_' and '-' (no spaces, dots or other punctuation; at most 64)"
)
_ID_MAX = 64


def _id_char(ch: str, first: bool) -> bool:
    if ch in "_-":
        return not first
    category = unicodedata.category(ch)
    return category[0] in "LN" or (not first and category[0] == "M")


def is_id(value: object) -> bool:
    """Whether ``value`` is a well-formed id (see :data:`ID_PATTERN`)."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= _ID_MAX
        and all(_id_char(ch, k == 0) for k, ch in enumerate(value))
    )


def check_id(value: object, field: str = "id") -> None:
    """Raise :class:`ModelError` unless ``value`` is a well-formed id (:func:`is_id`)."""
    if not is_id(value):
        raise ModelError(field, f"{value!r} is not a valid id", ID_HINT)


def _check_ids(values: tuple[str, ...], field: str) -> None:
    for v in values:
        check_id(v, field)


K = TypeVar("K")
V = TypeVar("V")


def read_only(mapping: Mapping[K, V]) -> Mapping[K, V]:
    """A read-only copy of ``mapping``: later changes to the caller's dict do not show through."""
    return MappingProxyType(dict(mapping))


def freeze_tuples(obj: object, *names: str) -> None:
    """Turn the named sequence attributes of a frozen dataclass into tuples (in ``__post_init__``)."""
    for name in names:
        value = getattr(obj, name)
        if not isinstance(value, tuple):
            object.__setattr__(obj, name, tuple(value))


class Role(StrEnum):
    """What a party is to the conflict."""

    BELLIGERENT = "belligerent"
    MEDIATOR = "mediator"
    GUARANTOR = "guarantor"
    ORGANIZATION = "organization"
    OBSERVER = "observer"


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """A short verbatim quote from a declared source, backing a claim.

    ``text`` is the words as the source gives them; ``where`` locates them
    (e.g. "para 12"); ``claim`` says what they support. When the source declares
    a ``file``, :func:`accord.model.checks.check_quotes` checks that the text
    occurs in it.
    """

    source: str
    text: str
    where: str = ""
    claim: str = ""

    def __post_init__(self) -> None:
        check_id(self.source, "source")
        if not self.text.strip():
            raise ModelError("text", "a quote needs its verbatim text")


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """A document a number or an element is taken from (``file``: its text, for checking quotes)."""

    id: str
    title: str
    author: str = ""
    date: str = ""
    url: str = ""
    file: str = ""
    note: str = ""
    quotes: tuple[Quote, ...] = ()

    def __post_init__(self) -> None:
        freeze_tuples(self, "quotes")
        check_id(self.id)
        if not self.title.strip():
            raise ModelError("title", "a source needs a title")

    def cite(self) -> str:
        """A short human citation: author, title, date."""
        parts = [p for p in (self.author, f"\u201c{self.title}\u201d", self.date) if p]
        return ", ".join(parts)


@dataclass(frozen=True, slots=True, kw_only=True)
class Faction:
    """An internal faction of a party with a view of its own.

    Pickering (2022) notes that "up to 60 percent" of what must be resolved in a
    negotiation is internal, e.g. between the NSC, State and Defense in the US.
    ``weight`` (positive, optional) is its say in the party's decision: the
    party's profile can be derived from, or checked against, its weighted
    factions' (:mod:`accord.model.factions`).
    """

    id: str
    name: str = ""
    description: str = ""
    weight: float | None = None

    def __post_init__(self) -> None:
        check_id(self.id)
        if self.weight is not None and (
            not isinstance(self.weight, int | float) or not math.isfinite(self.weight) or self.weight <= 0
        ):
            raise ModelError("weight", f"a faction's weight must be a positive number, got {self.weight!r}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Party:
    """A party to the negotiation: a belligerent, mediator, guarantor, organization or observer.

    ``factions`` are its internal factions with views of their own; a profile may
    estimate a faction's preferences as ``US.NSC``.
    """

    id: str
    name: str
    role: Role
    factions: tuple[Faction, ...] = ()
    description: str = ""
    sources: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()

    def __post_init__(self) -> None:
        freeze_tuples(self, "factions", "sources", "quotes")
        check_id(self.id)
        if not isinstance(self.role, Role):
            raise ModelError("role", f"unknown role {self.role!r}", _role_hint())
        ids = [f.id for f in self.factions]
        dup = first_duplicate(ids)
        if dup is not None:
            raise ModelError("factions", f"faction id {dup!r} appears twice")
        _check_ids(self.sources, "sources")


def _role_hint() -> str:
    return "one of: " + ", ".join(r.value for r in Role)


@dataclass(frozen=True, slots=True, kw_only=True)
class Table:
    """A negotiating table: a forum with its own set of parties (USIP 2022)."""

    id: str
    name: str
    parties: tuple[str, ...]
    description: str = ""
    sources: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()

    def __post_init__(self) -> None:
        freeze_tuples(self, "parties", "sources", "quotes")
        check_id(self.id)
        _check_ids(self.parties, "parties")
        _check_ids(self.sources, "sources")


@dataclass(frozen=True, slots=True, kw_only=True)
class Track:
    """A stream of negotiation on a subset of issues, e.g. ceasefire vs political."""

    id: str
    name: str = ""
    description: str = ""
    sources: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()

    def __post_init__(self) -> None:
        freeze_tuples(self, "sources", "quotes")
        check_id(self.id)
        _check_ids(self.sources, "sources")


@dataclass(frozen=True, slots=True, kw_only=True)
class Phase:
    """A stage of the peace process, in the order declared."""

    id: str
    name: str = ""
    description: str = ""
    sources: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()

    def __post_init__(self) -> None:
        freeze_tuples(self, "sources", "quotes")
        check_id(self.id)
        _check_ids(self.sources, "sources")


RuleParam = str | float | bool | tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """A process principle in machine-readable form.

    ``kind`` names the principle (see :data:`accord.model.rules.RULE_KINDS`);
    ``params`` carries its settings (e.g. ``before``/``after`` for sequencing).
    """

    id: str
    kind: str
    description: str = ""
    exceptions: tuple[str, ...] = ()
    params: tuple[tuple[str, RuleParam], ...] = ()
    sources: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()

    def __post_init__(self) -> None:
        freeze_tuples(self, "exceptions", "params", "sources", "quotes")
        check_id(self.id)
        check_id(self.kind, "kind")
        _check_ids(self.exceptions, "exceptions")
        _check_ids(self.sources, "sources")

    def param(self, name: str, default: RuleParam | None = None) -> RuleParam | None:
        """The value of parameter ``name``, or ``default`` when the rule does not set it."""
        for key, value in self.params:
            if key == name:
                return value
        return default


@dataclass(frozen=True, slots=True, kw_only=True)
class Option:
    """One way an issue can be settled.

    On a numeric issue every option carries a ``level`` (e.g. a troop ceiling);
    ``level=None`` there means "no limit".
    """

    id: str
    label: str = ""
    description: str = ""
    level: float | None = None
    sources: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()

    def __post_init__(self) -> None:
        freeze_tuples(self, "sources", "quotes")
        check_id(self.id)
        if self.level is not None and not math.isfinite(self.level):
            raise ModelError("level", f"level {self.level!r} is not a finite number")
        _check_ids(self.sources, "sources")

    @property
    def text(self) -> str:
        """The label, or the id when the option has none."""
        return self.label or self.id


IssueKind = Literal["discrete", "numeric"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Issue:
    """A question the agreement must settle, with its options."""

    id: str
    title: str
    options: tuple[Option, ...]
    kind: IssueKind = "discrete"
    unit: str = ""
    table: str | None = None
    track: str | None = None
    phase: str | None = None
    status_quo: str | None = None
    description: str = ""
    categories: tuple[str, ...] = ()
    pax: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()

    def __post_init__(self) -> None:
        freeze_tuples(self, "options", "categories", "pax", "sources", "quotes")
        check_id(self.id)
        if len(self.options) < 1:
            raise ModelError("options", "an issue needs at least one option")
        dup = first_duplicate([o.id for o in self.options])
        if dup is not None:
            raise ModelError("options", f"option id {dup!r} appears twice")
        if self.kind == "numeric":
            levels = [o.level for o in self.options]
            if sum(1 for lv in levels if lv is None) > 1:
                raise ModelError("levels", "at most one level may be null (no limit)")
        if self.status_quo is not None and self.status_quo not in self.option_ids:
            raise ModelError(
                "status_quo",
                f"status_quo {self.status_quo!r} is not an option of issue {self.id!r}",
                "options: " + ", ".join(self.option_ids),
            )
        _check_ids(self.sources, "sources")

    @property
    def option_ids(self) -> tuple[str, ...]:
        """The ids of the options, in order."""
        return tuple(o.id for o in self.options)

    def option(self, option_id: str) -> Option:
        """The option called ``option_id`` (``KeyError`` if there is none)."""
        for o in self.options:
            if o.id == option_id:
                return o
        raise KeyError(option_id)

    def index(self, option_id: str) -> int:
        """The position of option ``option_id`` (``KeyError`` if there is none)."""
        for k, o in enumerate(self.options):
            if o.id == option_id:
                return k
        raise KeyError(option_id)


def level_id(level: float | int | None) -> str:
    """The option id of a numeric level: ``85000`` -> ``"85000"``, ``None`` -> ``"none"``."""
    if level is None:
        return "none"
    if float(level).is_integer():
        return str(int(level))
    return repr(float(level)).replace(".", "_").replace("-", "m")


def first_duplicate(items: list[str]) -> str | None:
    """The first item that appears a second time in ``items``, or ``None``."""
    seen: set[str] = set()
    for item in items:
        if item in seen:
            return item
        seen.add(item)
    return None
