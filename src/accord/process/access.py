"""Who may do what: the one access policy the store and the web app both enforce.

Three roles (issue 13): the *mediator* sees everything; a *delegation* sees and
edits its own private profile and notes and sees the shared material (sessions,
proposals, responses, the rolling text); an *observer* reads the shared
material only. The policy is data (:data:`POLICY`): for each role, resource and
action, whether it is granted for every item (``ALL``), only for the actor's
own party's items (``OWN``), or not at all (absent). A delegation's private
profile and notes are therefore visible only to it and to the mediator
(Pickering 2022 on confidentiality of the talks).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from accord.process.errors import AccessDenied


class Role(StrEnum):
    """A member's role in a process."""

    MEDIATOR = "mediator"
    DELEGATION = "delegation"
    OBSERVER = "observer"


class Resource(StrEnum):
    """What a member may act on."""

    PROCESS = "process"
    MEMBERSHIP = "membership"
    SESSION = "session"
    PROPOSAL = "proposal"
    RESPONSE = "response"
    TEXT = "text"
    PROFILE = "profile"
    NOTE = "note"
    AUDIT = "audit"


class Action(StrEnum):
    """What a member may do."""

    READ = "read"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class Grant(StrEnum):
    """How far a permission reaches: every item, or only the actor's own party's."""

    ALL = "all"
    OWN = "own"


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """A user acting in a process: their role and, for a delegation, its party."""

    user: str
    role: Role
    party: str | None = None

    def __post_init__(self) -> None:
        if self.role is Role.DELEGATION and not self.party:
            raise ValueError("a delegation member needs a party")


R, C, U, D = Action.READ, Action.CREATE, Action.UPDATE, Action.DELETE
ALL, OWN = Grant.ALL, Grant.OWN

_TABLE: dict[tuple[Role, Resource], dict[Action, Grant]] = {
    (Role.MEDIATOR, Resource.PROCESS): {R: ALL, U: ALL},
    (Role.MEDIATOR, Resource.MEMBERSHIP): {R: ALL, C: ALL, U: ALL, D: ALL},
    (Role.MEDIATOR, Resource.SESSION): {R: ALL, C: ALL, U: ALL, D: ALL},
    (Role.MEDIATOR, Resource.PROPOSAL): {R: ALL, C: ALL, U: OWN},
    (Role.MEDIATOR, Resource.RESPONSE): {R: ALL},
    (Role.MEDIATOR, Resource.TEXT): {R: ALL, C: ALL},
    (Role.MEDIATOR, Resource.PROFILE): {R: ALL},
    (Role.MEDIATOR, Resource.NOTE): {R: ALL, C: OWN, U: OWN, D: OWN},
    (Role.MEDIATOR, Resource.AUDIT): {R: ALL},
    (Role.DELEGATION, Resource.PROCESS): {R: ALL},
    (Role.DELEGATION, Resource.MEMBERSHIP): {R: ALL},
    (Role.DELEGATION, Resource.SESSION): {R: ALL},
    (Role.DELEGATION, Resource.PROPOSAL): {R: ALL, C: OWN, U: OWN},
    (Role.DELEGATION, Resource.RESPONSE): {R: ALL, C: OWN},
    (Role.DELEGATION, Resource.TEXT): {R: ALL},
    (Role.DELEGATION, Resource.PROFILE): {R: OWN, C: OWN, U: OWN},
    (Role.DELEGATION, Resource.NOTE): {R: OWN, C: OWN, U: OWN, D: OWN},
    (Role.OBSERVER, Resource.PROCESS): {R: ALL},
    (Role.OBSERVER, Resource.SESSION): {R: ALL},
    (Role.OBSERVER, Resource.PROPOSAL): {R: ALL},
    (Role.OBSERVER, Resource.RESPONSE): {R: ALL},
    (Role.OBSERVER, Resource.TEXT): {R: ALL},
}
del R, C, U, D, ALL, OWN

POLICY = MappingProxyType({k: MappingProxyType(v) for k, v in _TABLE.items()})
"""(role, resource) -> {action: grant}; a missing entry means no permission."""

MEDIATOR_PARTY = "mediator"
"""The owner recorded for items the mediator creates (proposals, notes) when it holds no party."""


def owner_of(actor: Actor) -> str:
    """The owner an item the actor creates is recorded under: its party, or :data:`MEDIATOR_PARTY`."""
    return actor.party or MEDIATOR_PARTY


def grant_of(actor: Actor, action: Action, resource: Resource) -> Grant | None:
    """How far ``actor``'s permission to ``action`` the ``resource`` reaches (``None``: not at all)."""
    grants = POLICY.get((actor.role, resource))
    return None if grants is None else grants.get(action)


def may(actor: Actor, action: Action, resource: Resource, *, owner: str | None = None) -> bool:
    """Whether ``actor`` may ``action`` the ``resource`` item owned by ``owner`` (a party id).

    ``owner`` matters only where the grant is ``OWN``: then it must equal the
    actor's own owner (:func:`owner_of`). A ``None`` owner never satisfies ``OWN``.
    """
    grant = grant_of(actor, action, resource)
    if grant is Grant.ALL:
        return True
    return grant is Grant.OWN and owner is not None and owner == owner_of(actor)


def require(actor: Actor, action: Action, resource: Resource, *, owner: str | None = None) -> None:
    """Raise :class:`AccessDenied` unless :func:`may` allows it."""
    if not may(actor, action, resource, owner=owner):
        whose = f" of {owner}" if owner else ""
        raise AccessDenied(f"a {actor.role} ({actor.user}) may not {action} this {resource}{whose}")


def visible(actor: Actor, resource: Resource, owner: str | None) -> bool:
    """Whether ``actor`` may read a ``resource`` item owned by ``owner`` (the filter the store applies)."""
    return may(actor, Action.READ, resource, owner=owner)
