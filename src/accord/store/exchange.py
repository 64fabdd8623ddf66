"""A whole process as one JSON document: export, and import with the audit chain verified.

The document (``"accord_process": 1``) holds the process row, its members (and
their user names and display names; password hashes are left out: imported
users set a new password), sessions, proposals, responses, private profiles,
notes, text versions and the audit log. Items keep their numbers, so the audit
chain verifies in the new database. :func:`import_process` checks every field
(naming the first bad one, e.g. ``proposals[2].terms``), verifies the chain
against the recorded head and count and the creation entry's spec digest, and
writes everything in one transaction, or nothing. The file moves a process
between SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, select

from accord.process.access import Role
from accord.process.audit import AuditEntry, verify_chain
from accord.process.errors import ProcessError
from accord.process.model import InviteRole, ProcessSpec
from accord.process.private import check_profile
from accord.store import tables as t
from accord.store.base import StoreBase, digest, dumps
from accord.store.engine import reader

FORMAT = 1
"""The version of the export document (``"accord_process": 1``)."""

_INT, _STR, _OPT_STR, _OPT_INT, _ANY = "int", "str", "str?", "int?", "any"
SECTIONS: Mapping[str, Mapping[str, str]] = {
    "members": {"user": _STR, "display": _STR, "role": _STR, "party": _OPT_STR},
    "sessions": {
        "number": _INT,
        "date": _STR,
        "venue": _STR,
        "table": _OPT_STR,
        "phase": _OPT_STR,
        "participants": _ANY,
        "invitations": _ANY,
    },
    "proposals": {
        "number": _INT,
        "proposer": _STR,
        "author": _STR,
        "title": _STR,
        "note": _STR,
        "terms": _ANY,
        "session": _OPT_INT,
        "version": _INT,
        "created_at": _STR,
    },
    "responses": {
        "number": _INT,
        "proposal": _INT,
        "party": _STR,
        "author": _STR,
        "kind": _STR,
        "comment": _STR,
        "counter": _OPT_INT,
        "created_at": _STR,
    },
    "profiles": {"party": _STR, "data": _ANY, "version": _INT, "updated_by": _STR, "updated_at": _STR},
    "notes": {
        "number": _INT,
        "party": _STR,
        "author": _STR,
        "body": _STR,
        "version": _INT,
        "created_at": _STR,
    },
    "texts": {"number": _INT, "text": _STR, "author": _STR, "created_at": _STR},
    "audit": {
        "seq": _INT,
        "at": _STR,
        "actor": _STR,
        "action": _STR,
        "target": _STR,
        "detail": _ANY,
        "prev_hash": _STR,
        "hash": _STR,
    },
}
"""Each list section of the document: its fields and their types."""
PROCESS_FIELDS: Mapping[str, str] = {
    "title": _STR,
    "scenario_source": _STR,
    "phase": _OPT_STR,
    "created_by": _STR,
    "created_at": _STR,
    "audit_count": _INT,
    "audit_head": _STR,
    "version": _INT,
    "spec": _ANY,
}
_JSON_COLUMNS = {"participants", "invitations", "terms", "data", "detail"}
_RENAMED = {"table": "table_id"}


def export_process(store: StoreBase, process_id: int) -> dict[str, Any]:
    """The whole process ``process_id`` as a JSON-ready document (an operator's action: no access check)."""
    with reader(store.engine).connect() as conn:
        row = store._process_row(conn, process_id, lock=False)
        doc: dict[str, Any] = {"accord_process": FORMAT}
        doc["process"] = {k: row._mapping[k] for k in PROCESS_FIELDS if k != "spec"}
        doc["process"]["spec"] = json.loads(row.spec)
        users = {r.name: r.display for r in conn.execute(select(t.users)).all()}
        m = t.memberships.c
        members = conn.execute(select(t.memberships).where(m.process_id == process_id).order_by(m.id)).all()
        doc["members"] = [
            {"user": r.user_name, "display": users.get(r.user_name, ""), "role": r.role, "party": r.party}
            for r in members
        ]
        for name, table in _TABLES.items():
            order = table.c.seq if name == "audit" else table.c.id
            rows = conn.execute(select(table).where(table.c.process_id == process_id).order_by(order)).all()
            doc[name] = [_export_row(r._mapping, SECTIONS[name]) for r in rows]
    return doc


def _export_row(row: Mapping[Any, Any], fields: Mapping[str, str]) -> dict[str, Any]:
    out = {}
    for f in fields:
        value = row[_RENAMED.get(f, f)]
        out[f] = json.loads(value) if f in _JSON_COLUMNS else value
    return out


def import_process(store: StoreBase, doc: Any) -> int:
    """Add the process ``doc`` describes; its new id. :class:`ProcessError` names the first problem."""
    spec, process, doc = _check_document(doc)
    with store.engine.begin() as conn:
        key = conn.execute(
            t.processes.insert().values(
                scenario_id=spec.scenario_id,
                spec=dumps(spec.to_dict()),
                **{k: v for k, v in process.items() if k != "spec"},
            )
        ).inserted_primary_key
        assert key is not None
        pid = int(key[0])
        _import_members(conn, pid, doc["members"], store.clock())
        for name, table in _TABLES.items():
            for item in doc[name]:
                values = {_RENAMED.get(k, k): dumps(v) if k in _JSON_COLUMNS else v for k, v in item.items()}
                conn.execute(table.insert().values(process_id=pid, **values))
    return int(pid)


def _import_members(conn: Connection, pid: int, members: list[dict[str, Any]], now: str) -> None:
    known = {r.name for r in conn.execute(select(t.users.c.name)).all()}
    for m in members:
        if m["user"] not in known:
            conn.execute(
                t.users.insert().values(
                    name=m["user"], display=m["display"], password_hash="", created_at=now
                )
            )
            known.add(m["user"])
        conn.execute(
            t.memberships.insert().values(
                process_id=pid, user_name=m["user"], role=m["role"], party=m["party"]
            )
        )


def _check_document(doc: Any) -> tuple[ProcessSpec, dict[str, Any], dict[str, Any]]:
    """The spec, process fields and checked copy of ``doc`` after every structural and chain check."""
    if not isinstance(doc, dict) or doc.get("accord_process") != FORMAT:
        raise ProcessError(f'import: not an accord process export (expected "accord_process": {FORMAT})')
    doc = dict(doc)
    process = _check_fields(doc.get("process"), PROCESS_FIELDS, "process")
    try:
        spec = ProcessSpec.from_dict(process["spec"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ProcessError(f"import: process.spec is malformed ({type(exc).__name__}: {exc})") from None
    for name, fields in SECTIONS.items():
        items = doc.get(name)
        if not isinstance(items, list):
            raise ProcessError(f"import: {name}: expected a list")
        doc[name] = [_check_fields(item, fields, f"{name}[{n}]") for n, item in enumerate(items)]
    _check_references(spec, doc)
    _check_chain(spec, process, doc["audit"])
    return spec, process, doc


def _check_fields(item: Any, fields: Mapping[str, str], where: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise ProcessError(f"import: {where}: expected an object")
    missing = [f for f in fields if f not in item]
    extra = [f for f in item if f not in fields]
    if missing or extra:
        what = f"missing field {missing[0]!r}" if missing else f"unknown field {extra[0]!r}"
        raise ProcessError(f"import: {where}: {what}")
    for f, kind in fields.items():
        v = item[f]
        ok = {
            _INT: isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 2**31,
            _OPT_INT: v is None or (isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 2**31),
            _STR: isinstance(v, str),
            _OPT_STR: v is None or isinstance(v, str),
            _ANY: True,
        }[kind]
        if not ok:
            raise ProcessError(
                f"import: {where}.{f}: expected {kind.replace('?', ' or null')}, got {v!r:.60}"
            )
    return dict(item)


def _check_references(spec: ProcessSpec, doc: Mapping[str, Any]) -> None:
    """Numbers unique, roles and parties known, terms valid, responses on existing proposals."""
    for name in ("sessions", "proposals", "responses", "notes", "texts"):
        numbers = [x["number"] for x in doc[name]]
        if len(numbers) != len(set(numbers)):
            raise ProcessError(f"import: {name}: a number occurs twice")
    users = [m["user"] for m in doc["members"]]
    if len(users) != len(set(users)):
        raise ProcessError("import: members: a user occurs twice")
    for n, m in enumerate(doc["members"]):
        if m["role"] not in {str(r) for r in Role} or (
            m["party"] is not None and m["party"] not in spec.party_ids
        ):
            raise ProcessError(f"import: members[{n}]: unknown role or party")
    _check_proposals(spec, doc)
    _check_private_and_sessions(spec, doc)


def _check_proposals(spec: ProcessSpec, doc: Mapping[str, Any]) -> None:
    """Every proposal's terms valid; every response on (and countering) an existing proposal."""
    proposals = {p["number"] for p in doc["proposals"]}
    for n, p in enumerate(doc["proposals"]):
        if not isinstance(p["terms"], dict) or not all(isinstance(v, str) for v in p["terms"].values()):
            raise ProcessError(f"import: proposals[{n}].terms: expected an object of option ids")
        try:
            spec.check_terms(p["terms"])
        except ProcessError as exc:
            raise ProcessError(f"import: proposals[{n}].terms: {exc}") from None
    for n, r in enumerate(doc["responses"]):
        if r["proposal"] not in proposals or (r["counter"] is not None and r["counter"] not in proposals):
            raise ProcessError(f"import: responses[{n}]: no such proposal")


def _check_private_and_sessions(spec: ProcessSpec, doc: Mapping[str, Any]) -> None:
    """Profiles valid and one per party; sessions' participants and invitations well formed."""
    profile_parties = [p["party"] for p in doc["profiles"]]
    if len(profile_parties) != len(set(profile_parties)):
        raise ProcessError("import: profiles: a party occurs twice")
    for n, p in enumerate(doc["profiles"]):
        try:
            check_profile(spec, p["data"])
        except ProcessError as exc:
            raise ProcessError(f"import: profiles[{n}].data: {exc}") from None
    roles = {str(r) for r in InviteRole}
    for n, s in enumerate(doc["sessions"]):
        people, invited = s["participants"], s["invitations"]
        if not isinstance(people, list) or not all(isinstance(x, str) for x in people):
            raise ProcessError(f"import: sessions[{n}].participants: expected a list of party ids")
        if not isinstance(invited, list) or not all(_invitation_ok(i, roles) for i in invited):
            raise ProcessError(
                f"import: sessions[{n}].invitations: expected {{invitee, role, invited_by}} items"
            )


def _invitation_ok(item: Any, roles: set[str]) -> bool:
    return (
        isinstance(item, dict)
        and set(item) == {"invitee", "role", "invited_by"}
        and all(isinstance(v, str) for v in item.values())
        and item["role"] in roles
    )


def _check_chain(spec: ProcessSpec, process: Mapping[str, Any], audit: list[dict[str, Any]]) -> None:
    try:
        entries = [AuditEntry(**a) for a in audit]
        check = verify_chain(entries, head=process["audit_head"], count=process["audit_count"])
    except (TypeError, ValueError) as exc:
        raise ProcessError(f"import: audit: malformed entry ({exc})") from None
    if not check.ok:
        raise ProcessError(f"import: the audit chain does not verify: {check.reason}")
    first = entries[0].detail if entries else {}
    if not isinstance(first, Mapping) or first.get("spec_sha256") != digest(spec.to_dict()):
        raise ProcessError("import: process.spec differs from the spec the audit log recorded at creation")


_TABLES = {
    "sessions": t.sessions,
    "proposals": t.proposals,
    "responses": t.responses,
    "profiles": t.profiles,
    "notes": t.notes,
    "texts": t.texts,
    "audit": t.audit,
}
