"""Preconditions to *enter* talks, as distinct from positions on the outcome (Rai 2023).

Milan Rai (2023), "Ukraine One Year On: time to negotiate peace" (Peace News):
parties state conditions for entering talks; these differ from what they will
accept at the end. A :class:`Precondition` held by some parties either names
terms (``requires``: issue -> options, met by conceding those terms before the
talks open: the agenda is restricted to them) or is text only (it cannot be met
inside the talks, so it keeps its holders out until dropped). A term
precondition keeps *another* party out when the concession crosses one of that
party's red lines outright. :func:`entry` says who is blocked and by what; the
use case re-runs the talks with each precondition dropped to show what changes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from accord.space import Space


@dataclass(frozen=True, slots=True, kw_only=True)
class Precondition:
    """A condition ``holder`` parties set for entering talks: text, and terms when it has them."""

    id: str
    holder: tuple[str, ...]
    condition: str = ""
    requires: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "holder", tuple(self.holder))
        object.__setattr__(
            self, "requires", MappingProxyType({k: tuple(v) for k, v in self.requires.items()})
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """Precondition ``precondition`` keeps ``parties`` out of the talks, for ``reason``."""

    precondition: str
    holder: tuple[str, ...]
    parties: tuple[str, ...]
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """Who may enter: the blocks, and the options each issue is restricted to by met preconditions."""

    blocks: tuple[Block, ...] = ()
    restricted: Mapping[int, frozenset[int]] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def open(self) -> bool:
        """Whether every party may enter."""
        return not self.blocks


def entry(space: Space, preconditions: Sequence[Precondition], dropped: Sequence[str] = ()) -> Entry:
    """Which preconditions (not ``dropped``) block whom, and the terms conceded to meet the rest."""
    blocks: list[Block] = []
    restricted: dict[int, frozenset[int]] = {}
    seated = space.parties
    for pre in preconditions:
        if pre.id in dropped or not set(pre.holder) & set(seated):
            continue
        if not pre.requires:
            holders = tuple(h for h in pre.holder if h in seated)
            blocks.append(
                Block(
                    precondition=pre.id,
                    holder=pre.holder,
                    parties=holders,
                    reason=f"text-only condition, not met inside the talks: {pre.condition}",
                )
            )
            continue
        terms = {
            space.issue_index(i): frozenset(space.option_index(i, o) for o in opts)
            for i, opts in pre.requires.items()
        }
        for i, allowed in terms.items():
            restricted[i] = restricted.get(i, allowed) & allowed
        vetoed = _vetoed(space, terms, pre.holder)
        if vetoed:
            blocks.append(
                Block(
                    precondition=pre.id,
                    holder=pre.holder,
                    parties=vetoed,
                    reason="conceding its terms before talks crosses their red lines",
                )
            )
    return Entry(blocks=tuple(blocks), restricted=MappingProxyType(restricted))


def _vetoed(space: Space, terms: Mapping[int, frozenset[int]], holder: Sequence[str]) -> tuple[str, ...]:
    """Parties (other than ``holder``) with a red line every package meeting ``terms`` crosses."""
    out = []
    for p, party in enumerate(space.parties):
        if party in holder:
            continue
        for clause in space.red_lines[p]:
            if all(m.issue in terms and not (terms[m.issue] & m.options) for m in clause.members):
                out.append(party)
                break
    return tuple(out)
