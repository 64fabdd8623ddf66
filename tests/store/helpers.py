"""A process on ``ukraine`` with a mediator, two delegations and an observer, for the store tests."""

from __future__ import annotations

from functools import cache

import accord
from accord.process import ProcessSpec, Role
from accord.store import Store


@cache
def ukraine_spec() -> ProcessSpec:
    return ProcessSpec.from_scenario(accord.load("ukraine"))


USERS = {
    "med": (Role.MEDIATOR, None),
    "kyiv": (Role.DELEGATION, "UA"),
    "moscow": (Role.DELEGATION, "RU"),
    "brussels": (Role.DELEGATION, "EU"),
    "watcher": (Role.OBSERVER, None),
}


def seeded(store: Store) -> int:
    """A new process with every user of :data:`USERS` a member; its id."""
    for name in USERS:
        store.ensure_user(name)
    pid = store.create_process(ukraine_spec(), creator="med")
    for name, (role, party) in USERS.items():
        if name != "med":
            store.add_member(pid, "med", member=name, role=role, party=party)
    return pid
