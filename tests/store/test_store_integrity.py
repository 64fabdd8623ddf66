"""Tamper detection in the database, crash safety under kill -9, export and import (fuzzed)."""

from __future__ import annotations

import copy
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from tests.store.helpers import seeded, ukraine_spec

from accord.process import ProcessError
from accord.store import Store, open_store
from accord.store.exchange import export_process, import_process

ROOT = Path(__file__).resolve().parents[2]


def _busy(store: Store) -> int:
    pid = seeded(store)
    p = store.propose(pid, "kyiv", terms={"crimea": "talks_15y", "humanitarian_pause": "corridors"})
    store.respond(pid, "moscow", p.id, "accept")
    store.set_profile(pid, "kyiv", {"weights": {"crimea": 8}, "batna": 40, "rationale": "ours"})
    store.add_note(pid, "moscow", "private")
    store.save_text(pid, "med")
    return pid


def _sql(store: Store, statement: str, **params: Any) -> None:
    with store.engine.begin() as conn:
        conn.execute(text(statement), params)


@pytest.mark.parametrize("seq", [1, 4, 7])
def test_editing_an_audit_row_in_the_database_is_named(store: Store, seq: int) -> None:
    pid = _busy(store)
    assert store.verify(pid).ok
    _sql(store, "update audit set actor = 'mallory' where process_id = :p and seq = :s", p=pid, s=seq)
    check = store.verify(pid)
    assert not check.ok and check.first_broken == seq


@pytest.mark.parametrize("seq", [2, 5, 10])
def test_deleting_an_audit_row_is_named(store: Store, seq: int) -> None:
    pid = _busy(store)
    last = store.verify(pid).count
    assert last == 10
    _sql(store, "delete from audit where process_id = :p and seq = :s", p=pid, s=seq)
    check = store.verify(pid)
    assert not check.ok and check.first_broken == seq


def test_reordering_audit_rows_is_named(store: Store) -> None:
    pid = _busy(store)
    _sql(store, "update audit set seq = 100 where process_id = :p and seq = 3", p=pid)
    _sql(store, "update audit set seq = 3 where process_id = :p and seq = 4", p=pid)
    _sql(store, "update audit set seq = 4 where process_id = :p and seq = 100", p=pid)
    check = store.verify(pid)
    assert not check.ok and check.first_broken == 3


def test_changing_the_process_spec_is_detected(store: Store) -> None:
    pid = _busy(store)
    _sql(store, "update processes set spec = replace(spec, 'Crimea', 'Krym') where id = :p", p=pid)
    check = store.verify(pid)
    assert not check.ok and check.first_broken == 1


WRITER = textwrap.dedent(
    """
    import sys
    from accord.store import open_store
    store = open_store(sys.argv[1])
    pid = int(sys.argv[2])
    options = ["talks_15y", "ukraine", "un_referendum", "unresolved"]
    n = 0
    while True:
        p = store.propose(pid, "kyiv", terms={"crimea": options[n % 4]}, title=f"p{n}")
        store.add_note(pid, "kyiv", f"note {n}")
        print(p.id, flush=True)
        n += 1
    """
)


def test_kill_9_while_writing_loses_no_committed_data_and_the_chain_verifies(
    store: Store, db_url: str
) -> None:
    pid = seeded(store)
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, db_url, str(pid)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert proc.stdout is not None
    committed: list[int] = []
    deadline = time.monotonic() + 120
    while len(committed) < 25 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        committed.append(int(line))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)
    committed += [int(x) for x in proc.stdout.read().split()]
    assert len(committed) >= 25, "the writer did not get going"
    reopened = open_store(db_url)
    stored = {p.id for p in reopened.proposals(pid, "kyiv")}
    assert set(committed) <= stored
    check = reopened.verify(pid)
    assert check.ok, check.reason
    reopened.close()


def test_export_then_import_elsewhere_keeps_everything(store: Store, tmp_path: Path) -> None:
    pid = _busy(store)
    doc = json.loads(json.dumps(export_process(store, pid)))
    other = open_store(str(tmp_path / "other.db"))
    other.create_process(ukraine_spec(), creator=_first_user(other))  # the target holds a process already
    new = import_process(other, doc)
    assert other.verify(new).ok
    assert other.proposals(new, "kyiv") == store.proposals(pid, "kyiv")
    assert other.profiles(new, "med") == store.profiles(pid, "med")
    assert other.notes(new, "med") == store.notes(pid, "med")
    assert other.texts(new, "watcher") == store.texts(pid, "watcher")
    assert export_process(other, new) == doc
    other.close()


def _first_user(store: Store) -> str:
    store.ensure_user("someone")
    return "someone"


def test_an_export_with_a_tampered_log_or_content_is_refused_and_adds_nothing(store: Store) -> None:
    pid = _busy(store)
    doc = export_process(store, pid)
    for mutate, needle in (
        (lambda d: d["audit"][3].update(actor="mallory"), "entry 4 was changed"),
        (lambda d: d["audit"].pop(), "records 10 entries"),
        (lambda d: d["process"]["spec"]["issues"][0].update(title="Other"), "spec differs"),
        (lambda d: d["proposals"][0]["terms"].update(crimea="moon"), "no option 'moon'"),
        (lambda d: d["profiles"][0]["data"].update(batna=1000), r"profiles\[0\].data: batna"),
        (lambda d: d.update(accord_process=2), "not an accord process export"),
        (lambda d: d["responses"][0].update(proposal=42), r"responses\[0\]: no such proposal"),
        (lambda d: d["members"][0].update(role="king"), r"members\[0\]"),
    ):
        bad = copy.deepcopy(doc)
        mutate(bad)
        before = store.process_ids()
        with pytest.raises(ProcessError, match=needle):
            import_process(store, bad)
        assert store.process_ids() == before


def _mutations() -> st.SearchStrategy[Any]:
    leaf = st.one_of(
        st.none(), st.booleans(), st.integers(-3, 2**40), st.text(max_size=4), st.floats(allow_nan=True)
    )
    return st.recursive(
        leaf,
        lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=4), c, max_size=3),
        max_leaves=6,
    )


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for k, v in enumerate(doc):
            out += _paths(v, (*prefix, k))
    return out


@pytest.fixture(scope="module")
def fuzz_target(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, dict[str, Any]]:
    s = open_store(str(tmp_path_factory.mktemp("fuzz") / "fuzz.db"))
    pid = _busy(s)
    return s, export_process(s, pid)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_fuzzed_imports_are_imported_whole_or_refused_cleanly(
    fuzz_target: tuple[Store, dict[str, Any]], data: st.DataObject
) -> None:
    store, doc = fuzz_target
    bad = copy.deepcopy(doc)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(bad)))
        value = data.draw(_mutations())
        if not path:
            bad = value
            continue
        holder = bad
        for step in path[:-1]:
            holder = holder[step]
        if data.draw(st.booleans()) and isinstance(holder, dict):
            holder.pop(path[-1], None)
        else:
            holder[path[-1]] = value
    before = store.process_ids()
    try:
        pid = import_process(store, bad)
    except ProcessError as exc:
        assert str(exc).startswith("import: ")
        assert store.process_ids() == before
    else:
        assert store.verify(pid).ok


@pytest.mark.parametrize("value", [float("inf"), float("nan"), 3, ["x"]])
def test_an_import_with_a_number_for_a_table_id_is_refused_cleanly(
    fuzz_target: tuple[Store, dict[str, Any]], value: Any
) -> None:
    """Found by the fuzz test above: a non-finite number at ``issues[i].table`` reached the
    JSON encoder (a ValueError, not a refusal) when the audit digest of the spec was checked."""
    store, doc = fuzz_target
    bad = copy.deepcopy(doc)
    bad["process"]["spec"]["issues"][0]["table"] = value
    before = store.process_ids()
    with pytest.raises(ProcessError, match=r"^import: "):
        import_process(store, bad)
    assert store.process_ids() == before
