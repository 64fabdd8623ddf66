"""Whose estimates a computation used: the perspective and the parties that borrow another.

Every preference number is an estimate held by someone (design.md); outcomes carry
this record so that every renderer can say whose numbers it shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from accord.model import Scenario


@dataclass(frozen=True, slots=True, kw_only=True)
class Estimates:
    """The perspective of a computation and the rows estimated under another one.

    ``borrowed`` lists ``(party, perspective)`` for the parties that have no profile
    under ``perspective`` and use their default-perspective profile instead.
    """

    perspective: str
    name: str
    owner: str
    borrowed: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "borrowed", tuple((str(p), str(q)) for p, q in self.borrowed))

    @classmethod
    def of(cls, scenario: Scenario, perspective: str, rows: Iterable[tuple[str, str]]) -> Estimates:
        """The record for ``perspective`` of ``scenario``; ``rows`` are (party, perspective used)."""
        persp = scenario.perspective(perspective)
        borrowed = tuple((party, used) for party, used in rows if used != persp.id)
        return cls(perspective=persp.id, name=persp.name, owner=persp.owner, borrowed=borrowed)
