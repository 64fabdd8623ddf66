"""The access policy, checked exhaustively against a matrix written out here by hand."""

from __future__ import annotations

import itertools

import pytest

from accord.process import AccessDenied, Action, Actor, Resource, Role, may, require

R, C, U, D = "read", "create", "update", "delete"
# role -> resource -> {action: "all" | "own"}; what issue 13 asks for, written independently.
EXPECTED: dict[str, dict[str, dict[str, str]]] = {
    "mediator": {
        "process": {R: "all", U: "all"},
        "membership": {R: "all", C: "all", U: "all", D: "all"},
        "session": {R: "all", C: "all", U: "all", D: "all"},
        "proposal": {R: "all", C: "all", U: "own"},
        "response": {R: "all"},
        "text": {R: "all", C: "all"},
        "profile": {R: "all"},
        "note": {R: "all", C: "own", U: "own", D: "own"},
        "audit": {R: "all"},
    },
    "delegation": {
        "process": {R: "all"},
        "membership": {R: "all"},
        "session": {R: "all"},
        "proposal": {R: "all", C: "own", U: "own"},
        "response": {R: "all", C: "own"},
        "text": {R: "all"},
        "profile": {R: "own", C: "own", U: "own"},
        "note": {R: "own", C: "own", U: "own", D: "own"},
    },
    "observer": {
        "process": {R: "all"},
        "session": {R: "all"},
        "proposal": {R: "all"},
        "response": {R: "all"},
        "text": {R: "all"},
    },
}

ACTORS = {
    "mediator": Actor(user="m", role=Role.MEDIATOR, party="TR"),
    "delegation": Actor(user="d", role=Role.DELEGATION, party="UA"),
    "observer": Actor(user="o", role=Role.OBSERVER),
}
OWNERS = ("UA", "RU", "TR", "mediator", None)


@pytest.mark.parametrize(
    ("role", "resource", "action", "owner"),
    list(itertools.product(ACTORS, [str(r) for r in Resource], [str(a) for a in Action], OWNERS)),
)
def test_every_role_resource_action_and_owner(
    role: str, resource: str, action: str, owner: str | None
) -> None:
    actor = ACTORS[role]
    grant = EXPECTED[role].get(resource, {}).get(action)
    own = owner is not None and owner == actor.party
    expected = grant == "all" or (grant == "own" and own)
    assert may(actor, Action(action), Resource(resource), owner=owner) is expected
    if expected:
        require(actor, Action(action), Resource(resource), owner=owner)
    else:
        with pytest.raises(AccessDenied, match=role):
            require(actor, Action(action), Resource(resource), owner=owner)


def test_no_one_but_the_owner_and_the_mediator_reads_a_private_profile() -> None:
    readers = [
        a.role
        for a in (*ACTORS.values(), Actor(user="r", role=Role.DELEGATION, party="RU"))
        if may(a, Action.READ, Resource.PROFILE, owner="UA")
    ]
    assert sorted(readers) == ["delegation", "mediator"]


def test_a_delegation_needs_a_party() -> None:
    with pytest.raises(ValueError, match="party"):
        Actor(user="x", role=Role.DELEGATION)


def test_the_policy_table_in_the_docs_is_the_policy() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "process.md").read_text(encoding="utf-8")
    rows = {}
    for line in doc.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] in {str(r) for r in Resource}:
            rows[cells[0]] = cells[1:]
    assert set(rows) == {str(r) for r in Resource}
    for resource, cells in rows.items():
        for role, cell in zip(("mediator", "delegation", "observer"), cells, strict=True):
            documented = (
                {}
                if cell == "—"
                else dict(
                    (part.replace(" (own)", ""), "own" if "(own)" in part else "all")
                    for part in cell.split(", ")
                )
            )
            assert documented == EXPECTED[role].get(resource, {}), (resource, role)
