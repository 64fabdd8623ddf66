"""What the model's checks read of a scenario, as a protocol.

A :class:`accord.model.Scenario` has every part; so does the
:class:`accord.model.checks.ScenarioDraft` the loader builds when no scenario
can be, which is why the checks and the quote walk take this protocol.
"""

from __future__ import annotations

from typing import Protocol

from accord.model.constraints import Constraint
from accord.model.elements import Issue, Party, Phase, Rule, Source, Table, Track
from accord.model.offers import Offer
from accord.model.plans import Plan
from accord.model.preferences import Perspective, Profile


class ScenarioParts(Protocol):
    """The parts of a scenario the checks read (a :class:`accord.model.Scenario` has them all)."""

    @property
    def sources(self) -> tuple[Source, ...]:
        """The documents cited."""
        ...

    @property
    def parties(self) -> tuple[Party, ...]:
        """The parties."""
        ...

    @property
    def tables(self) -> tuple[Table, ...]:
        """The negotiating tables."""
        ...

    @property
    def tracks(self) -> tuple[Track, ...]:
        """The tracks."""
        ...

    @property
    def phases(self) -> tuple[Phase, ...]:
        """The phases."""
        ...

    @property
    def rules(self) -> tuple[Rule, ...]:
        """The process rules."""
        ...

    @property
    def issues(self) -> tuple[Issue, ...]:
        """The issues."""
        ...

    @property
    def constraints(self) -> tuple[Constraint, ...]:
        """The constraints."""
        ...

    @property
    def perspectives(self) -> tuple[Perspective, ...]:
        """The perspectives."""
        ...

    @property
    def default_perspective(self) -> str | None:
        """The default perspective's id (``None``: none could be determined, not checked)."""
        ...

    @property
    def profiles(self) -> tuple[Profile, ...]:
        """The profiles."""
        ...

    @property
    def plans(self) -> tuple[Plan, ...]:
        """The plans."""
        ...

    @property
    def offers(self) -> tuple[Offer, ...]:
        """The unilateral offers (altercasting)."""
        ...
