"""The store's cost per write: accord's audited, locked, access-checked proposal against a plain insert.

Usage: python bench/bench_store.py [--db URL] [--n 300]

Peer: one SQLAlchemy Core INSERT of the same proposal row in its own
transaction (what any application would do at least). accord: ``Store.propose``
(one transaction: the process lock, the membership lookup, the access check,
the terms check, the insert, the audit entry with its SHA-256 chain link and
the head update). Also times ``Store.verify`` over the whole chain. Prints
median per-write times and the ratio. ``--db`` defaults to a fresh SQLite file;
give a PostgreSQL URL (an empty database) to measure there.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import accord
from accord.process import ProcessSpec, Role
from accord.store import open_store
from accord.store.tables import proposals


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=None)
    ap.add_argument("--n", type=int, default=300)
    args = ap.parse_args()
    url = args.db or str(Path(tempfile.mkdtemp()) / "bench.db")
    store = open_store(url)
    for user in ("med", "kyiv"):
        store.ensure_user(user)
    pid = store.create_process(ProcessSpec.from_scenario(accord.load("ukraine")), creator="med")
    store.add_member(pid, "med", member="kyiv", role=Role.DELEGATION, party="UA")
    other = store.create_process(
        ProcessSpec.from_scenario(accord.load("ukraine")), creator="med"
    )  # peer rows
    options = ["talks_15y", "ukraine", "un_referendum", "unresolved"]
    ours, peer = [], []
    for k in range(args.n):
        t0 = time.perf_counter()
        store.propose(pid, "kyiv", terms={"crimea": options[k % 4]})
        ours.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        with store.engine.begin() as conn:
            conn.execute(
                proposals.insert().values(
                    process_id=other,
                    number=k + 1,
                    proposer="UA",
                    author="kyiv",
                    title="",
                    note="",
                    terms=json.dumps({"crimea": options[k % 4]}),
                    session=None,
                    version=1,
                    created_at="now",
                )
            )
        peer.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    check = store.verify(pid)
    verify_s = time.perf_counter() - t0
    a, b = statistics.median(ours), statistics.median(peer)
    print(f"database: {store.engine.dialect.name}; {args.n} writes each")
    print(f"plain insert (peer)      median {b * 1e3:8.3f} ms")
    print(f"accord Store.propose     median {a * 1e3:8.3f} ms   ratio accord/peer {a / b:5.2f}")
    print(f"verify {check.count} audit entries: {verify_s * 1e3:.1f} ms (ok={check.ok})")
    store.close()


if __name__ == "__main__":
    main()
