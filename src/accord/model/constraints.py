"""Logical links between options of different issues.

A :data:`Condition` is a conjunction of memberships: ``{"donbas": ("un_admin",),
"dmz": ("yes",)}`` holds for a package whose ``donbas`` option is ``un_admin``
*and* whose ``dmz`` option is ``yes``. Listing several options for one issue
means "any of these".

Two kinds of constraint:

* ``implies``: when ``if_`` holds, ``then`` must hold too;
* ``excludes``: ``if_`` must never hold as a whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from accord.model.elements import Quote, check_id, freeze_tuples
from accord.model.problems import ModelError

Condition = Mapping[str, tuple[str, ...]]
ConstraintKind = Literal["implies", "excludes"]


def freeze_condition(cond: Mapping[str, str | tuple[str, ...] | list[str]]) -> Condition:
    """Normalise a condition: single options become 1-tuples; read-only."""
    out: dict[str, tuple[str, ...]] = {}
    for issue, opts in cond.items():
        check_id(issue, "issue")
        values = (opts,) if isinstance(opts, str) else tuple(opts)
        if not values:
            raise ModelError(issue, "a condition needs at least one option")
        for v in values:
            check_id(v, issue)
        out[issue] = values
    return MappingProxyType(out)


def condition_text(cond: Condition) -> str:
    """``donbas=un_admin and dmz=yes|partial``."""
    return " and ".join(f"{i}={'|'.join(opts)}" for i, opts in cond.items())


def copy_condition(cond: Condition) -> Condition:
    """A read-only copy of ``cond`` (no validation; a single option becomes a 1-tuple)."""
    return MappingProxyType(
        {issue: (opts,) if isinstance(opts, str) else tuple(opts) for issue, opts in cond.items()}
    )


def condition_holds(cond: Condition, package: Mapping[str, str]) -> bool:
    """Whether ``package`` (``{issue: option}``) meets every membership of ``cond``."""
    return all(package.get(issue) in opts for issue, opts in cond.items())


@dataclass(frozen=True, slots=True, kw_only=True)
class Constraint:
    """A hard logical link between options of different issues (see the module docstring).

    ``implies``: whenever ``if_`` holds, ``then`` must hold; ``excludes``: ``if_``
    must never hold as a whole. ``why`` says why, citing ``sources``.
    """

    id: str
    kind: ConstraintKind
    if_: Condition
    then: Condition = field(default_factory=lambda: MappingProxyType({}))
    why: str = ""
    sources: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "if_", copy_condition(self.if_))
        object.__setattr__(self, "then", copy_condition(self.then))
        freeze_tuples(self, "sources", "quotes")
        check_id(self.id)
        if self.kind not in ("implies", "excludes"):
            raise ModelError("kind", f"unknown constraint kind {self.kind!r}", "implies or excludes")
        if not self.if_:
            raise ModelError("if", "a constraint needs a non-empty condition")
        if self.kind == "implies" and not self.then:
            raise ModelError("then", "an 'implies' constraint needs a 'then' condition")
        if self.kind == "excludes" and self.then:
            raise ModelError("then", "an 'excludes' constraint takes no 'then'")

    def holds(self, package: Mapping[str, str]) -> bool:
        """Whether ``package`` (``{issue: option}``) satisfies the constraint."""
        if not condition_holds(self.if_, package):
            return True
        if self.kind == "excludes":
            return False
        return condition_holds(self.then, package)

    def text(self) -> str:
        """``if A then B`` or ``not (A)``, in the condition notation of :func:`condition_text`."""
        if self.kind == "excludes":
            return f"not ({condition_text(self.if_)})"
        return f"if {condition_text(self.if_)} then {condition_text(self.then)}"
