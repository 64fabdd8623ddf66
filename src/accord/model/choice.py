"""Whose estimate each party is judged by: one perspective for all, or one per party.

A user may judge Ukraine by Kyiv's stated view and Russia by Moscow's in one run
(issue 9, "Mixed perspectives"). A :class:`PerspectiveChoice` holds a default
perspective (``None``: the scenario's default) and per-party assignments; its
text form is the command line's::

    analyst-baseline                      every party under analyst-baseline
    UA=ua-government,RU=ru-government     those two; the rest under the default
    analyst-baseline,UA=ua-government     UA under ua-government; the rest under analyst-baseline

A party without a profile under the perspective it is assigned falls back to its
profile under the scenario's default perspective (:meth:`Scenario.profile`); the
compiled space records both the perspective asked for and the one used per row.
Pure Python, no numpy: the command line parses it before loading anything heavy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from accord.model.elements import ID_HINT, is_id
from accord.model.problems import SpaceError

if TYPE_CHECKING:
    from accord.model.scenario import Scenario

__all__ = ["PerspectiveChoice", "PerspectiveSpec"]

FIELD = "perspective"
"""The request field errors name (the command line's ``--perspective``)."""


def _no_pairs() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True, kw_only=True)
class PerspectiveChoice:
    """A default perspective (None: the scenario's) and perspectives assigned to parties.

    ``parties`` maps a party (``UA``) or a faction (``US.NSC``) to a perspective id;
    a faction without an entry of its own takes its party's. Construction checks
    the form of every id; :meth:`check` checks them against a scenario.
    """

    default: str | None = None
    parties: Mapping[str, str] = field(default_factory=_no_pairs)

    def __post_init__(self) -> None:
        object.__setattr__(self, "parties", MappingProxyType(dict(self.parties)))
        if self.default is not None and not is_id(self.default):
            raise SpaceError(FIELD, f"{self.default!r} is not a valid perspective id; {ID_HINT}")
        for holder, persp in self.parties.items():
            if not all(is_id(part) for part in holder.split(".", 1)):
                raise SpaceError(FIELD, f"{holder!r} is not a valid party id; {ID_HINT}")
            if not is_id(persp):
                raise SpaceError(FIELD, f"{persp!r} (for {holder}) is not a valid perspective id; {ID_HINT}")

    @classmethod
    def parse(cls, text: str) -> PerspectiveChoice:
        """``"base,UA=ua-gov,RU=ru-gov"`` -> a choice; a malformed item is a :class:`SpaceError`.

        Items are comma-separated: at most one bare perspective id (the default for
        the parties not named) and ``PARTY=PERSPECTIVE`` pairs, each party once.
        """
        default: str | None = None
        pairs: dict[str, str] = {}
        items = [item.strip() for item in text.split(",")]
        if not any(items):
            raise SpaceError(FIELD, "names no perspective; give an id or PARTY=PERSPECTIVE pairs")
        for item in items:
            if not item:
                raise SpaceError(FIELD, f"has an empty item in {text!r}")
            party, sep, persp = (part.strip() for part in item.partition("="))
            if not sep:
                if default is not None:
                    raise SpaceError(
                        FIELD, f"names two defaults ({default!r} and {item!r}); give parties as PARTY=ID"
                    )
                default = item
            elif not party or not persp:
                raise SpaceError(FIELD, f"takes PARTY=PERSPECTIVE, got {item!r}")
            elif party in pairs:
                raise SpaceError(FIELD, f"names party {party!r} twice")
            else:
                pairs[party] = persp
        return cls(default=default, parties=pairs)

    @classmethod
    def of(cls, value: PerspectiveSpec) -> PerspectiveChoice:
        """A choice from what the API accepts: None, an id or text form, a mapping, or a choice.

        A mapping's key ``"*"`` (if any) is the default; the other keys are parties.
        """
        if value is None:
            return cls()
        if isinstance(value, PerspectiveChoice):
            return value
        if isinstance(value, str):
            return cls.parse(value)
        if isinstance(value, Mapping):
            pairs = {str(k): str(v) for k, v in value.items() if k != "*"}
            default = value.get("*")
            return cls(default=None if default is None else str(default), parties=pairs)
        raise SpaceError(FIELD, f"takes a perspective id, PARTY=ID pairs or a mapping, not {value!r}")

    @property
    def mixed(self) -> bool:
        """Whether some party is assigned a perspective of its own."""
        return bool(self.parties)

    def text(self, scenario: Scenario | None = None) -> str:
        """The text form: the default (the scenario's when given and none was chosen), then the pairs."""
        default = self.default or (scenario.default_perspective if scenario is not None else None)
        items = [default] if default else []
        items += [f"{party}={persp}" for party, persp in self.parties.items()]
        return ",".join(items)

    def default_for(self, scenario: Scenario) -> str:
        """The perspective of the parties not named: the chosen default, else the scenario's."""
        return self.default or scenario.default_perspective

    def requested(self, scenario: Scenario, holder: str) -> str:
        """The perspective asked for ``holder`` (``US``, ``US.NSC``): its own, its party's or the default."""
        party = holder.partition(".")[0]
        return self.parties.get(holder) or self.parties.get(party) or self.default_for(scenario)

    def check(self, scenario: Scenario) -> None:
        """Every perspective and party named exists in ``scenario``; :class:`SpaceError` otherwise."""
        known = [p.id for p in scenario.perspectives]
        for persp in (self.default_for(scenario), *self.parties.values()):
            if persp not in known:
                raise SpaceError(FIELD, f"unknown perspective {persp!r}; known: {', '.join(known)}")
        parties = {p.id: p for p in scenario.parties}
        for holder in self.parties:
            party_id, _, faction = holder.partition(".")
            if party_id not in parties:
                raise SpaceError(FIELD, f"unknown party {party_id!r}; known: {', '.join(parties)}")
            factions = [f.id for f in parties[party_id].factions]
            if faction and faction not in factions:
                listing = ", ".join(factions) or "none"
                raise SpaceError(FIELD, f"unknown faction {faction!r} of {party_id}; known: {listing}")

    def as_dict(self, scenario: Scenario) -> dict[str, object]:
        """For provenance and JSON: ``{"default": id, "parties": {party: id}}``."""
        return {"default": self.default_for(scenario), "parties": dict(self.parties)}


PerspectiveSpec = PerspectiveChoice | str | Mapping[str, str] | None
"""What the API takes as a perspective: a choice, its text, ``{party: id}`` (``"*"``: default) or None."""
