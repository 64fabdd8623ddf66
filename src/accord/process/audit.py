"""The audit log: append-only entries, hash-chained so that any later edit is detected.

Each entry's hash is SHA-256 over a canonical JSON of its fields (sorted keys, no
whitespace, UTF-8) together with the previous entry's hash; the first entry
follows :data:`GENESIS`. This is the hash chain of Haber & Stornetta (1991, "How
to time-stamp a digital document", J. Cryptology 3(2)). :func:`verify_chain`
recomputes the chain and names the first entry that does not fit; given the
head hash and count recorded elsewhere (the store keeps them on the process row)
it also detects entries removed from the end.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

GENESIS = "0" * 64
"""The "previous hash" of the first entry."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditEntry:
    """One change: its number, time (ISO 8601, UTC), actor, action, target, detail and hashes."""

    seq: int
    at: str
    actor: str
    action: str
    target: str
    detail: Mapping[str, Any] = field(default_factory=dict)
    prev_hash: str = GENESIS
    hash: str = ""

    def payload(self) -> dict[str, Any]:
        """The fields the hash covers (everything but the hash itself)."""
        return {
            "seq": self.seq,
            "at": self.at,
            "actor": self.actor,
            "action": self.action,
            "target": self.target,
            "detail": dict(self.detail),
            "prev_hash": self.prev_hash,
        }


def canonical(payload: Mapping[str, Any]) -> bytes:
    """The canonical JSON bytes of ``payload``: sorted keys, no whitespace, UTF-8."""
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.encode("utf-8")


def entry_hash(entry: AuditEntry) -> str:
    """The SHA-256 hex digest of ``entry``'s canonical payload."""
    return hashlib.sha256(canonical(entry.payload())).hexdigest()


def next_entry(
    previous: AuditEntry | None, *, at: str, actor: str, action: str, target: str, detail: Mapping[str, Any]
) -> AuditEntry:
    """The entry that follows ``previous`` (or starts the chain), its hash filled in."""
    draft = AuditEntry(
        seq=1 if previous is None else previous.seq + 1,
        at=at,
        actor=actor,
        action=action,
        target=target,
        detail=dict(detail),
        prev_hash=GENESIS if previous is None else previous.hash,
    )
    return AuditEntry(**{**draft.payload(), "hash": entry_hash(draft)})


@dataclass(frozen=True, slots=True, kw_only=True)
class ChainCheck:
    """The verdict on a chain: ``ok``, how many entries, and the first broken one with why."""

    ok: bool
    count: int
    first_broken: int | None = None
    reason: str = ""


def verify_chain(
    entries: Sequence[AuditEntry], *, head: str | None = None, count: int | None = None
) -> ChainCheck:
    """Check ``entries`` (in stored order) link up from :data:`GENESIS`; name the first that does not.

    ``head`` and ``count``, when given, are the last hash and the number of
    entries recorded outside the log: a chain cut short at the end fails too.
    """
    prev = GENESIS
    for n, e in enumerate(entries, start=1):
        if e.seq != n:
            return ChainCheck(
                ok=False,
                count=len(entries),
                first_broken=n,
                reason=f"entry {n} is missing or out of order (found entry {e.seq} in its place)",
            )
        if e.prev_hash != prev:
            return ChainCheck(
                ok=False,
                count=len(entries),
                first_broken=n,
                reason=f"entry {n} does not follow entry {n - 1} (previous hash differs)",
            )
        if entry_hash(e) != e.hash:
            return ChainCheck(
                ok=False,
                count=len(entries),
                first_broken=n,
                reason=f"entry {n} was changed after it was written (hash differs)",
            )
        prev = e.hash
    if count is not None and count != len(entries):
        first = min(count, len(entries)) + 1
        return ChainCheck(
            ok=False,
            count=len(entries),
            first_broken=first,
            reason=f"the process records {count} entries, the log holds {len(entries)}",
        )
    if head is not None and head != prev:
        return ChainCheck(
            ok=False,
            count=len(entries),
            first_broken=len(entries) or None,
            reason="the last entry is not the head the process recorded",
        )
    return ChainCheck(ok=True, count=len(entries))
