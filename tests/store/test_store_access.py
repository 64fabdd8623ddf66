"""Every store operation tried by every role: allowed ones work, the rest are refused and change nothing.

The expectations are written out here per operation (who may do it), from the
roles issue 13 describes; private profiles and notes must never reach another
delegation or the observer (0 leaks).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from tests.store.helpers import USERS, seeded

from accord.process import AccessDenied, Conflict, NotFound
from accord.store import Store

ALL = set(USERS)
MEMBERS_BUT_OBSERVER = ALL - {"watcher"}
DELEGATIONS = {"kyiv", "moscow", "brussels"}


def _setup(store: Store) -> tuple[int, dict[str, Any]]:
    pid = seeded(store)
    ids = {
        "kyiv_proposal": store.propose(pid, "kyiv", terms={"crimea": "talks_15y"}).id,
        "med_proposal": store.propose(pid, "med", terms={"crimea": "un_referendum"}).id,
        "kyiv_note": store.add_note(pid, "kyiv", "Our fallback is the referendum.").id,
        "moscow_note": store.add_note(pid, "moscow", "Hold firm on Crimea.").id,
    }
    store.set_profile(pid, "kyiv", {"weights": {"crimea": 8}, "batna": 40})
    store.set_profile(pid, "moscow", {"weights": {"crimea": 9}, "batna": 30})
    return pid, ids


# operation -> (call, users allowed); every call is made by `user` in process `pid`
OPERATIONS: dict[str, tuple[Callable[[Store, int, str, dict[str, Any]], Any], set[str]]] = {
    "read process": (lambda s, p, u, i: s.process(p, u), ALL),
    "read members": (lambda s, p, u, i: s.members(p, u), MEMBERS_BUT_OBSERVER),
    "read sessions": (lambda s, p, u, i: s.sessions(p, u), ALL),
    "read proposals": (lambda s, p, u, i: s.proposals(p, u), ALL),
    "read responses": (lambda s, p, u, i: s.responses(p, u), ALL),
    "read state": (lambda s, p, u, i: s.state(p, u), ALL),
    "read texts": (lambda s, p, u, i: s.texts(p, u), ALL),
    "read audit": (lambda s, p, u, i: s.audit(p, u), {"med"}),
    "read profiles": (lambda s, p, u, i: s.profiles(p, u), MEMBERS_BUT_OBSERVER),
    "read notes": (lambda s, p, u, i: s.notes(p, u), MEMBERS_BUT_OBSERVER),
    "set phase": (lambda s, p, u, i: s.set_phase(p, u, "negotiations", expected_version=1), {"med"}),
    "add member": (lambda s, p, u, i: s.add_member(p, u, member="newcomer", role="observer"), {"med"}),
    "add session": (lambda s, p, u, i: s.add_session(p, u, date="2026-05-01", venue="Geneva"), {"med"}),
    "propose": (lambda s, p, u, i: s.propose(p, u, terms={"crimea": "ukraine"}), {"med"} | DELEGATIONS),
    "edit kyiv's proposal": (
        lambda s, p, u, i: s.edit_proposal(p, u, i["kyiv_proposal"], expected_version=1, title="x"),
        {"kyiv"},
    ),
    "edit the mediator's proposal": (
        lambda s, p, u, i: s.edit_proposal(p, u, i["med_proposal"], expected_version=1, title="x"),
        {"med"},
    ),
    "respond": (lambda s, p, u, i: s.respond(p, u, i["med_proposal"], "accept"), DELEGATIONS),
    "save text": (lambda s, p, u, i: s.save_text(p, u), {"med"}),
    "write own profile": (
        lambda s, p, u, i: s.set_profile(p, u, {"batna": 50}, expected_version=1),
        {"kyiv", "moscow"},
    ),
    "create a profile": (lambda s, p, u, i: s.set_profile(p, u, {"batna": 50}), {"brussels"}),
    "add a note": (lambda s, p, u, i: s.add_note(p, u, "n"), {"med"} | DELEGATIONS),
    "edit kyiv's note": (
        lambda s, p, u, i: s.edit_note(p, u, i["kyiv_note"], "y", expected_version=1),
        {"kyiv"},
    ),
    "delete moscow's note": (
        lambda s, p, u, i: s.delete_note(p, u, i["moscow_note"], expected_version=1),
        {"moscow"},
    ),
}


# allowed by the policy, refused by the state of the item: these already have a profile
REFUSED_BY_STATE = {("create a profile", "kyiv"), ("create a profile", "moscow")}


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_every_operation_with_every_role(store: Store, operation: str) -> None:
    call, allowed = OPERATIONS[operation]
    store.ensure_user("newcomer")
    for user in sorted(USERS):
        pid, ids = _setup(store)
        before = store.verify(pid).count
        if user in allowed:
            call(store, pid, user, ids)
        else:
            refusal = Conflict if (operation, user) in REFUSED_BY_STATE else (AccessDenied, NotFound)
            with pytest.raises(refusal):
                call(store, pid, user, ids)
            assert store.verify(pid).count == before, (operation, user)
        assert store.verify(pid).ok


def test_private_material_never_leaks(store: Store) -> None:
    pid, _ = _setup(store)
    assert {p.party for p in store.profiles(pid, "med")} == {"UA", "RU"}
    assert {n.party for n in store.notes(pid, "med")} == {"UA", "RU"}
    for user, party in (("kyiv", "UA"), ("moscow", "RU"), ("brussels", "EU")):
        assert {p.party for p in store.profiles(pid, user)} <= {party}
        assert {n.party for n in store.notes(pid, user)} <= {party}
    assert {p.party for p in store.profiles(pid, "kyiv")} == {"UA"}
    text = (
        repr(store.state(pid, "watcher"))
        + repr(store.proposals(pid, "moscow"))
        + repr(store.texts(pid, "moscow"))
    )
    assert "fallback is the referendum" not in text and "batna" not in text
