"""A process with every role in it, built through the store, for the web tests.

Users: ``med`` (mediator), ``kyiv`` (delegation of UA), ``moscow`` (delegation
of RU), ``obs`` (observer), ``outsider`` (mediator of another process only).
Each delegation's private profile and note carry a marker (``SECRET-UA-...``)
so that a test can look for them in every response.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi.testclient import TestClient

from accord.process import Role
from accord.web.security import hash_password
from accord.web.service import builtin_source, create_process

PASSWORD = "correct horse battery"
USERS = ("med", "kyiv", "moscow", "obs", "outsider")
MARKERS = {
    "UA": ("SECRET-UA-PROFILE", "SECRET-UA-NOTE"),
    "RU": ("SECRET-RU-PROFILE", "SECRET-RU-NOTE"),
    "mediator": ("SECRET-MEDIATOR-NOTE",),
}


@dataclass
class World:
    """The app, the process ids and a logged-in client per user (``anon``: nobody)."""

    app: Any
    pid: int
    other: int
    clients: dict[str, TestClient]

    @property
    def store(self) -> Any:
        return self.app.state.backend.store

    def audit_count(self, pid: int | None = None) -> int:
        return int(
            self.store.process(pid or self.pid, "med" if pid in (None, self.pid) else "outsider").audit_count
        )


def client(app: Any, name: str | None) -> TestClient:
    c = TestClient(app, raise_server_exceptions=False)
    if name is not None:
        reply = c.post("/api/login", json={"name": name, "password": PASSWORD})
        assert reply.status_code == 200, reply.text
        c.headers["X-CSRF-Token"] = reply.json()["csrf"]
    return c


def profile(party: str) -> dict[str, Any]:
    mine = {"UA": "ukraine", "RU": "russia_de_jure"}[party]
    return {
        "weights": {"crimea": 8, "donbas": 5},
        "values": {"crimea": {mine: 100, "talks_15y": 55}},
        "batna": 20,
        "rationale": MARKERS[party][0],
    }


def build(app: Any) -> World:
    store = app.state.backend.store
    for name in USERS:
        store.create_user(name, password_hash=hash_password(PASSWORD))
    text = builtin_source("ukraine")
    pid = create_process(store, "med", text, "ukraine")
    other = create_process(store, "outsider", text, "ukraine")
    store.add_member(pid, "med", member="kyiv", role=Role.DELEGATION, party="UA")
    store.add_member(pid, "med", member="moscow", role=Role.DELEGATION, party="RU")
    store.add_member(pid, "med", member="obs", role=Role.OBSERVER)
    for user, party in (("kyiv", "UA"), ("moscow", "RU")):
        store.set_profile(pid, user, profile(party))
        store.add_note(pid, user, MARKERS[party][1])
    store.add_note(pid, "med", MARKERS["mediator"][0])
    store.propose(pid, "kyiv", terms={"crimea": "talks_15y"}, title="UA opening")
    store.save_text(pid, "med")
    store.propose(pid, "moscow", terms={"crimea": "russia_de_jure"}, title="RU opening")
    store.save_text(pid, "med")
    store.add_session(pid, "med", date="2026-01-10", venue="Istanbul")
    clients = {name: client(app, name) for name in USERS}
    clients["anon"] = client(app, None)
    return World(app=app, pid=pid, other=other, clients=clients)
