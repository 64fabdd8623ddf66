"""Whose estimates a computation used: the perspective(s) and the parties that fall back.

Every preference number is an estimate held by someone (design.md); outcomes carry
this record so that every renderer can say whose numbers it shows: one
perspective for every party, or a mixed choice that assigns some parties their own
(issue 9), and the parties with no profile under the perspective asked for, whose
rows use the scenario's default perspective instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the record itself needs no numpy
    from accord.space import Space


@dataclass(frozen=True, slots=True, kw_only=True)
class Estimates:
    """The perspective(s) of a computation and the rows estimated under another one.

    ``perspective`` is the choice in text form (one id, or ``DEFAULT,PARTY=ID,...``);
    ``default`` the perspective of the parties assigned none, with its ``name`` and
    ``owner``. ``assigned`` lists ``(party, perspective)`` for the parties assigned a
    perspective of their own; ``borrowed`` lists ``(party, perspective used)`` for the
    parties that have no profile under the perspective asked for and fall back to
    their default-perspective profile.
    """

    perspective: str
    name: str
    owner: str
    default: str = ""
    assigned: tuple[tuple[str, str], ...] = ()
    borrowed: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "default", self.default or self.perspective)
        for name in ("assigned", "borrowed"):
            pairs = tuple((str(p), str(q)) for p, q in getattr(self, name))
            object.__setattr__(self, name, pairs)

    @property
    def mixed(self) -> bool:
        """Whether some party is judged under a perspective of its own."""
        return bool(self.assigned)

    @property
    def fallbacks(self) -> tuple[str, ...]:
        """The parties that fell back to the default perspective."""
        return tuple(p for p, _ in self.borrowed)

    @classmethod
    def of(cls, space: Space) -> Estimates:
        """Whose estimates ``space`` holds, from its rows (perspective asked for and used)."""
        rows = zip(space.parties, space.requested, space.perspectives, strict=True)
        assigned: list[tuple[str, str]] = []
        borrowed: list[tuple[str, str]] = []
        for party, asked, used in rows:
            if asked != space.perspective:
                assigned.append((party, asked))
            if used != asked:
                borrowed.append((party, used))
        return cls(
            perspective=space.choice,
            name=space.perspective_name,
            owner=space.perspective_owner,
            default=space.perspective,
            assigned=tuple(assigned),
            borrowed=tuple(borrowed),
        )
