"""The store on SQLite and PostgreSQL: round trips, statuses, optimistic locking, schema, CLI-free."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import text
from tests.store.helpers import seeded

from accord.process import Conflict, Invitation, InviteRole, IssueState, NotFound, ProcessError, issue_status
from accord.store import Store, StoreUnavailable, open_store
from accord.store.engine import make_engine
from accord.store.tables import metadata


def test_a_process_round_trips_sessions_proposals_responses_and_status(store: Store) -> None:
    pid = seeded(store)
    s = store.add_session(
        pid,
        "med",
        date="2026-03-01",
        venue="Istanbul",
        table="bilateral",
        participants=["UA", "RU"],
        invitations=[Invitation(invitee="UN", role=InviteRole.MONITORING, invited_by="UA")],
    )
    assert store.sessions(pid, "watcher") == (s,)
    p = store.propose(
        pid, "kyiv", terms={"humanitarian_pause": "corridors", "crimea": "talks_15y"}, session=s.id
    )
    store.respond(pid, "moscow", p.id, "accept")
    assert store.proposals(pid, "watcher") == (p,)
    status = issue_status(store.state(pid, "brussels"))
    assert status.of("humanitarian_pause").state is IssueState.AGREED
    assert status.of("crimea").state is IssueState.PROVISIONAL
    assert store.verify(pid).ok and store.verify(pid).count == 1 + 4 + 3


def test_text_versions_are_numbered_and_diffable(store: Store) -> None:
    from accord.process import diff_text

    pid = seeded(store)
    store.propose(pid, "kyiv", terms={"crimea": "talks_15y"})
    v1 = store.save_text(pid, "med")
    store.propose(pid, "moscow", terms={"crimea": "russia_de_jure"})
    v2 = store.save_text(pid, "med")
    assert [v.number for v in store.texts(pid, "kyiv")] == [1, 2]
    assert "+[Recognised de jure as Russian \u2014 proposed by RU]" in diff_text(v1, v2).splitlines()


def test_a_stale_edit_gets_a_conflict_and_changes_nothing(store: Store) -> None:
    pid = seeded(store)
    p = store.propose(pid, "kyiv", terms={"crimea": "talks_15y"})
    store.edit_proposal(pid, "kyiv", p.id, expected_version=p.version, terms={"crimea": "ukraine"})
    before = store.verify(pid).count
    with pytest.raises(Conflict, match="changed by someone else"):
        store.edit_proposal(pid, "kyiv", p.id, expected_version=p.version, terms={"crimea": "un_referendum"})
    (now,) = store.proposals(pid, "kyiv")
    assert now.terms == {"crimea": "ukraine"} and now.version == 2
    assert store.verify(pid).count == before


def test_answered_terms_are_fixed_but_the_title_is_not(store: Store) -> None:
    pid = seeded(store)
    p = store.propose(pid, "kyiv", terms={"crimea": "talks_15y"})
    store.respond(pid, "moscow", p.id, "comment", comment="thinking")
    p = store.edit_proposal(pid, "kyiv", p.id, expected_version=1, terms={"crimea": "ukraine"})
    store.respond(pid, "moscow", p.id, "reject")
    with pytest.raises(ProcessError, match="has been answered"):
        store.edit_proposal(pid, "kyiv", p.id, expected_version=p.version, terms={"crimea": "un_referendum"})
    edited = store.edit_proposal(pid, "kyiv", p.id, expected_version=p.version, title="Crimea returned")
    assert edited.terms == {"crimea": "ukraine"} and edited.title == "Crimea returned"


def test_two_writers_racing_on_one_version_one_wins_one_conflicts(store: Store, db_url: str) -> None:
    pid = seeded(store)
    p = store.propose(pid, "kyiv", terms={"crimea": "talks_15y"})
    other = open_store(db_url)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def edit(s: Store, option: str) -> None:
        barrier.wait()
        try:
            s.edit_proposal(pid, "kyiv", p.id, expected_version=1, terms={"crimea": option})
            outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")

    threads = [
        threading.Thread(target=edit, args=(s, o)) for s, o in ((store, "ukraine"), (other, "un_referendum"))
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    other.close()
    assert sorted(outcomes) == ["conflict", "ok"]
    assert store.proposals(pid, "kyiv")[0].version == 2 and store.verify(pid).ok


def test_bad_input_is_refused_with_its_reason_and_changes_nothing(store: Store) -> None:
    pid = seeded(store)
    before = store.verify(pid).count
    cases: list[tuple[Any, str]] = [
        (lambda: store.propose(pid, "kyiv", terms={"crimea": "moon"}), "no option 'moon'"),
        (lambda: store.propose(pid, "kyiv", terms={"atlantis": "x"}), "no issue 'atlantis'"),
        (lambda: store.propose(pid, "kyiv", terms={}), "at least one term"),
        (lambda: store.respond(pid, "moscow", 99, "accept"), "no proposal 99"),
        (lambda: store.respond(pid, "moscow", 1, "maybe"), "no response 'maybe'"),
        (lambda: store.add_session(pid, "med", date="d", venue="v", table="moon"), "no table 'moon'"),
        (lambda: store.set_profile(pid, "kyiv", {"batna": 400}), "batna"),
        (lambda: store.set_profile(pid, "kyiv", {"values": {"crimea": {"moon": 3}}}), "no option 'moon'"),
        (lambda: store.set_phase(pid, "med", "armistice", expected_version=1), "no phase 'armistice'"),
    ]
    for call, needle in cases:
        with pytest.raises((ProcessError, NotFound), match=needle):
            call()
    assert store.verify(pid).count == before


def test_ids_of_another_process_are_not_found(store: Store) -> None:
    first, second = seeded(store), seeded(store)
    p = store.propose(first, "kyiv", terms={"crimea": "talks_15y"})
    assert store.proposals(second, "kyiv") == ()
    with pytest.raises(NotFound):
        store.respond(second, "moscow", p.id, "accept")
    store.create_user("stranger")
    with pytest.raises(NotFound):
        store.proposals(first, "stranger")


def test_the_phase_moves_under_optimistic_locking(store: Store) -> None:
    pid = seeded(store)
    info = store.process(pid, "med")
    assert info.phase == "prior_preparations"
    moved = store.set_phase(pid, "med", "pre_negotiations", expected_version=info.version)
    assert moved.phase == "pre_negotiations" and moved.version == info.version + 1
    with pytest.raises(Conflict):
        store.set_phase(pid, "med", "negotiations", expected_version=info.version)


def test_the_migrated_schema_is_the_declared_one(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    open_store(db_url).close()
    engine = make_engine(db_url)
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
        assert conn.execute(text("select version_num from alembic_version")).scalar() == "0001"
    engine.dispose()
    assert diffs == []


def test_an_unreachable_database_is_a_clear_error(tmp_path: Any) -> None:
    with pytest.raises(StoreUnavailable, match="cannot open database"):
        open_store(str(tmp_path / "no" / "such" / "dir" / "x.db"))
    with pytest.raises(StoreUnavailable, match="cannot open database"):
        open_store("nosuchdriver://x")


@pytest.mark.parametrize("date", ["", "d", "2026-13-01", "2026-02-30", "1 Feb 2026", "2026/02/01"])
def test_a_session_date_that_is_no_iso_date_is_refused_naming_the_field(store: Store, date: str) -> None:
    pid = seeded(store)
    before = store.process(pid, "med").audit_count
    with pytest.raises(ProcessError, match=r"^date: "):
        store.add_session(pid, "med", date=date, venue="Geneva")
    assert store.sessions(pid, "med") == () and store.process(pid, "med").audit_count == before
    assert store.add_session(pid, "med", date="2026-02-28", venue="Geneva").date == "2026-02-28"


def test_sqlite_reads_do_not_wait_for_a_writer_and_see_the_last_commit(tmp_path: Any) -> None:
    """Reads begin deferred (no write lock): with another writer's lock held they still answer."""
    import sqlite3

    path = tmp_path / "r.db"
    store = open_store(str(path))
    try:
        pid = seeded(store)
        store.add_session(pid, "med", date="2026-03-01", venue="Istanbul")
        holder = sqlite3.connect(path, isolation_level=None, timeout=0)
        holder.execute("BEGIN IMMEDIATE")  # a writer holds the lock (BEGIN IMMEDIATE here would wait 30 s)
        holder.execute("UPDATE sessions SET venue = 'uncommitted'")
        try:
            assert [s.venue for s in store.sessions(pid, "med")] == ["Istanbul"]
            assert store.process(pid, "med").audit_count >= 1
        finally:
            holder.execute("ROLLBACK")
            holder.close()
    finally:
        store.close()
