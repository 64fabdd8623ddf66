"""The transcript: one :class:`Event` per thing said or decided, and the reports delegations make.

A simulation's state carries its events as a tuple; each step returns a new
state with its events appended (design.md rule 8). An event says who acted
(``actor``), to whom it was addressed (``to``: empty means the whole table),
what kind of act it was (:data:`EVENT_KINDS`), and the package, the answer or
the text version concerned. Utilities are not part of an event: the recorder
(:mod:`accord.protocols.recorder`) computes them afterwards, as an observer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from accord.numeric import FloatArray
from accord.protocols.agenda import Mask, Package

EventKind = Literal[
    "enter",
    "blocked",
    "offer",
    "accept",
    "reject",
    "draft",
    "criticism",
    "report",
    "idea",
    "overlap",
    "provisional",
    "implement",
    "vote",
    "agreement",
    "breakdown",
]
"""What an event records: entering the talks (or being kept out by a precondition), an offer,
an answer, a mediator's draft text, a delegation's criticism of it, a report to the mediator,
an idea tried in one room, the overlap the mediator found, a table's provisional agreement,
an item implemented early, a final vote, and the end (agreement or breakdown)."""

EVENT_KINDS: tuple[str, ...] = EventKind.__args__  # type: ignore[attr-defined]
"""Every :data:`EventKind`, in order."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One act in a transcript.

    ``round`` counts from 1 (0 is the entry stage); ``actor`` is a party id or
    ``mediator``; ``to`` the addressees (empty: everyone at the table);
    ``package`` the package offered, drafted, criticised or voted on;
    ``accepted`` the answer of an ``accept``/``reject``/``vote``; ``version`` the
    number of a single text; ``table`` the table of an interlocking-tables run;
    ``issues`` what a report revealed or a criticism names; ``note`` a short reason.
    """

    round: int
    actor: str
    kind: EventKind
    to: tuple[str, ...] = ()
    package: Package | None = None
    accepted: bool | None = None
    version: int | None = None
    table: str = ""
    issues: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True, eq=False)
class Report:
    """What one delegation tells the mediator, and nothing more: its stated preferences.

    ``values[i]`` is the stated worth of each option of issue ``i`` (points on the
    party's 0-100 scale) or ``None`` for an issue it keeps to itself; ``batna`` the
    stated value of no agreement; ``red_lines`` the red lines it discloses. A
    mediator's model of a party is the union of the reports it received.
    """

    party: str
    values: tuple[FloatArray | None, ...]
    batna: float
    red_lines: tuple[Mask, ...] = ()

    @property
    def revealed(self) -> tuple[int, ...]:
        """The issues this report states values for."""
        return tuple(i for i, v in enumerate(self.values) if v is not None)
