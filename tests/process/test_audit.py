"""The hash-chained audit log: a clean chain verifies, any edit, deletion or reordering is named."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from accord.process import GENESIS, AuditEntry, next_entry, verify_chain

details = st.dictionaries(
    st.text(max_size=5), st.one_of(st.integers(), st.text(max_size=8), st.none()), max_size=3
)
steps = st.lists(
    st.tuples(st.text(min_size=1, max_size=6), st.text(min_size=1, max_size=6), details),
    min_size=1,
    max_size=8,
)


def build(items: list[tuple[str, str, dict[str, object]]]) -> list[AuditEntry]:
    out: list[AuditEntry] = []
    for n, (actor, action, detail) in enumerate(items):
        out.append(
            next_entry(
                out[-1] if out else None,
                at=f"2026-01-01T00:00:{n:02d}",
                actor=actor,
                action=action,
                target="t",
                detail=detail,
            )
        )
    return out


def sha(payload: dict[str, object]) -> str:
    """SHA-256 of the sorted, compact JSON, computed here independently of accord."""
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@settings(max_examples=100, deadline=None)
@given(steps)
def test_a_written_chain_verifies_and_links_as_documented(
    items: list[tuple[str, str, dict[str, object]]],
) -> None:
    chain = build(items)
    assert verify_chain(chain, head=chain[-1].hash, count=len(chain)).ok
    prev = GENESIS
    for n, e in enumerate(chain, start=1):
        assert e.seq == n and e.prev_hash == prev
        fields = {
            "seq": e.seq,
            "at": e.at,
            "actor": e.actor,
            "action": e.action,
            "target": e.target,
            "detail": dict(e.detail),
            "prev_hash": e.prev_hash,
        }
        assert e.hash == sha(fields)
        prev = e.hash


@settings(max_examples=150, deadline=None)
@given(steps, st.data())
def test_editing_any_entry_is_named(
    items: list[tuple[str, str, dict[str, object]]], data: st.DataObject
) -> None:
    chain = build(items)
    k = data.draw(st.integers(0, len(chain) - 1))
    field = data.draw(st.sampled_from(["actor", "action", "target", "at", "detail"]))
    new = {"forged": True} if field == "detail" else getattr(chain[k], field) + "x"
    tampered = [*chain[:k], replace(chain[k], **{field: new}), *chain[k + 1 :]]
    check = verify_chain(tampered, head=chain[-1].hash, count=len(chain))
    assert not check.ok and check.first_broken == k + 1


@settings(max_examples=150, deadline=None)
@given(steps, st.data())
def test_rehashing_an_edited_entry_breaks_the_next_link_or_the_head(
    items: list[tuple[str, str, dict[str, object]]], data: st.DataObject
) -> None:
    chain = build(items)
    k = data.draw(st.integers(0, len(chain) - 1))
    forged = replace(chain[k], actor=chain[k].actor + "x")
    forged = replace(
        forged,
        hash=sha(
            {
                **{f: getattr(forged, f) for f in ("seq", "at", "actor", "action", "target", "prev_hash")},
                "detail": dict(forged.detail),
            }
        ),
    )
    tampered = [*chain[:k], forged, *chain[k + 1 :]]
    check = verify_chain(tampered, head=chain[-1].hash, count=len(chain))
    assert not check.ok and check.first_broken == (k + 2 if k + 1 < len(chain) else k + 1)


@settings(max_examples=150, deadline=None)
@given(steps, st.data())
def test_deleting_any_entry_is_named(
    items: list[tuple[str, str, dict[str, object]]], data: st.DataObject
) -> None:
    chain = build(items)
    k = data.draw(st.integers(0, len(chain) - 1))
    check = verify_chain([*chain[:k], *chain[k + 1 :]], head=chain[-1].hash, count=len(chain))
    assert not check.ok and check.first_broken == k + 1


@settings(max_examples=150, deadline=None)
@given(steps.filter(lambda s: len(s) >= 2), st.data())
def test_swapping_two_entries_is_named(
    items: list[tuple[str, str, dict[str, object]]], data: st.DataObject
) -> None:
    chain = build(items)
    i = data.draw(st.integers(0, len(chain) - 2))
    j = data.draw(st.integers(i + 1, len(chain) - 1))
    swapped = list(chain)
    swapped[i], swapped[j] = swapped[j], swapped[i]
    check = verify_chain(swapped, head=chain[-1].hash, count=len(chain))
    assert not check.ok and check.first_broken == i + 1


def test_an_empty_chain_verifies_and_a_missing_head_does_not() -> None:
    assert verify_chain([]).ok
    assert not verify_chain([], count=1).ok
