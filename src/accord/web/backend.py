"""The web app's view of the database: the process store and the web's own login tables.

:meth:`Backend.open` opens the store on a database URL (``sqlite:///file.db`` or
``postgresql+psycopg://...``; its migrations run) and creates the login and
invitation tables of :mod:`accord.store.accounts` when missing. Every read and
write of a process goes through the store, which applies the access policy of
:mod:`accord.process.access` itself: the web layer adds no second policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from accord.process.access import Role
from accord.store import Store, open_store
from accord.store.accounts import CREATOR, Invitation, create_tables


@dataclass(frozen=True, slots=True)
class Backend:
    """An open database: the process ``store`` (its ``engine`` serves the login tables too)."""

    store: Store

    @classmethod
    def open(cls, url: str) -> Backend:
        """Open the store at ``url`` and create the login tables when missing."""
        store = open_store(url)
        create_tables(store.engine)
        return cls(store=store)

    @property
    def engine(self) -> Any:
        """The SQLAlchemy engine of the store."""
        return self.store.engine

    def join(self, invitation: Invitation, user: str) -> None:
        """Make ``user`` a member as the invitation says, in the name of the mediator who invited."""
        if invitation.role == CREATOR:
            return
        self.store.add_member(
            int(invitation.process),
            invitation.invited_by,
            member=user,
            role=Role(invitation.role),
            party=invitation.party,
        )
