"""Load test of the web workbench: concurrent users on loopback against ``accord serve``.

Usage::

    python bench/bench_web.py                      # 50 users for 60 s on a temporary SQLite file
    python bench/bench_web.py --users 20 --seconds 15
    python bench/bench_web.py --db postgresql+psycopg://user@host/db

It prepares one ``ukraine`` process through the store (a mediator, delegations
of UA and RU, observers: every user a member), starts ``accord serve`` in a
separate process (one uvicorn worker), logs every user in, then lets each user
loop over a realistic mix for ``--seconds``: read the status (JSON), open the
proposals page (HTML), list the texts; delegations also propose (1 in 10),
answer a proposal (1 in 10) and add a private note (1 in 20); the mediator also
saves a text version (1 in 10) and opens the overlap view (1 in 20). Every
request's latency is recorded; an error is any status outside 2xx/3xx or a
transport failure. Prints the request count, throughput, errors, and p50/p95/max
latency overall and per kind. There is no peer to compare with: the figure
that matters is 0 errors and the p95.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

PASSWORD = "bench password 123"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(db: str, users: int) -> tuple[int, list[tuple[str, str | None]]]:
    """One ukraine process with ``users`` members: (name, party or None) for each."""
    from accord.process import Role
    from accord.store import open_store
    from accord.web.security import hash_password
    from accord.web.service import builtin_source, create_process

    store = open_store(db)
    digest = hash_password(PASSWORD)
    store.create_user("med", password_hash=digest)
    pid = create_process(store, "med", builtin_source("ukraine"), "ukraine")
    members: list[tuple[str, str | None]] = [("med", "mediator")]
    for k in range(users - 1):
        party = ("UA", "RU", None)[k % 3]
        name = f"user{k}"
        store.create_user(name, password_hash=digest)
        role = Role.OBSERVER if party is None else Role.DELEGATION
        store.add_member(pid, "med", member=name, role=role, party=party)
        members.append((name, party))
    store.propose(pid, "user0", terms={"crimea": "talks_15y"}, title="seed proposal")
    store.set_profile(
        pid, "user0", {"weights": {"crimea": 8}, "values": {"crimea": {"ukraine": 100}}, "batna": 20}
    )
    store.set_profile(pid, "user1", {"weights": {"crimea": 8}, "values": {"crimea": {"russia_de_jure": 100}},
                                     "batna": 10})  # fmt: skip
    store.close()
    return pid, members


def start_server(db: str, port: int, cwd: Path) -> subprocess.Popen[str]:
    code = "from accord.cli.app import main; main()"
    return subprocess.Popen([sys.executable, "-c", code, "serve", "--db", db, "--port", str(port)],
                            cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip


async def wait_ready(base: str) -> None:
    import httpx

    async with httpx.AsyncClient() as client:
        for _ in range(300):
            try:
                if (await client.get(f"{base}/login")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError("the server did not start")


def plan(party: str | None, rng: random.Random) -> str:
    """The next action of a user with ``party`` (``mediator``, a party id, or None for an observer)."""
    x = rng.random()
    if party == "mediator":
        return "save_text" if x < 0.1 else "overlap" if x < 0.15 else rng.choice(("status", "page", "texts"))
    if party is not None:
        if x < 0.1:
            return "propose"
        if x < 0.2:
            return "respond"
        if x < 0.25:
            return "note"
    return rng.choice(("status", "page", "texts"))


async def act(client: Any, kind: str, pid: int, rng: random.Random) -> Any:
    api = f"/api/processes/{pid}"
    if kind == "status":
        return await client.get(f"{api}/status")
    if kind == "page":
        return await client.get(f"/p/{pid}/proposals")
    if kind == "texts":
        return await client.get(f"{api}/texts")
    if kind == "propose":
        option = rng.choice(("talks_15y", "ukraine", "russia_de_jure", "un_referendum"))
        return await client.post(f"{api}/proposals", json={"terms": {"crimea": option}, "title": "bench"})
    if kind == "respond":
        return await client.post(f"{api}/proposals/1/responses", json={"kind": "comment", "comment": "bench"})
    if kind == "note":
        return await client.post(f"{api}/notes", json={"body": "bench note"})
    if kind == "save_text":
        return await client.post(f"{api}/texts")
    return await client.get(f"{api}/overlap")


async def login(base: str, name: str) -> Any:
    import httpx

    client = httpx.AsyncClient(base_url=base, timeout=60)
    reply = await client.post("/api/login", json={"name": name, "password": PASSWORD})
    reply.raise_for_status()
    client.headers["X-CSRF-Token"] = reply.json()["csrf"]
    return client


async def user(client: Any, party: str | None, pid: int, until: float, seed: int,
               record: dict[str, list[float]], errors: list[str]) -> None:  # fmt: skip
    import httpx

    rng = random.Random(seed)
    try:
        while time.monotonic() < until:
            kind = plan(party, rng)
            t0 = time.perf_counter()
            try:
                reply = await act(client, kind, pid, rng)
                ok = reply.status_code < 400
                why = f"{kind}: {reply.status_code} {reply.text[:120]}"
            except httpx.HTTPError as exc:
                ok, why = False, f"{kind}: {type(exc).__name__}"
            record[kind].append(time.perf_counter() - t0)
            if not ok:
                errors.append(why)
    finally:
        await client.aclose()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


async def run(
    base: str, members: list[tuple[str, str | None]], pid: int, seconds: float
) -> tuple[Any, list[str]]:
    record: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    clients = await asyncio.gather(*(login(base, n) for n, _ in members))  # logins are not timed
    until = time.monotonic() + seconds
    tasks = [
        user(c, p, pid, until, k, record, errors)
        for k, (c, (_, p)) in enumerate(zip(clients, members, strict=True))
    ]
    await asyncio.gather(*tasks)
    return record, errors


def report(record: dict[str, list[float]], errors: list[str], seconds: float, users: int) -> None:
    every = [v for vs in record.values() for v in vs]
    print(f"users {users}, {seconds:.0f} s: {len(every)} requests, {len(every) / seconds:.1f}/s, "
          f"{len(errors)} errors")  # fmt: skip
    print(f"{'kind':<10} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind, vs in sorted(record.items()) + [("all", every)]:
        print(f"{kind:<10} {len(vs):>6} {pct(vs, 0.5):>8.1f} {pct(vs, 0.95):>8.1f} {max(vs) * 1000:>8.1f}")
    for why in sorted(set(errors))[:10]:
        print("error:", why)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--db", default=None, help="database URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="accord-bench-web-"))
    db = args.db or f"sqlite:///{work / 'bench.db'}"
    pid, members = prepare(db, args.users)
    port = free_port()
    server = start_server(db, port, work)
    base = f"http://127.0.0.1:{port}"
    try:
        asyncio.run(wait_ready(base))
        record, errors = asyncio.run(run(base, members, pid, args.seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(record, errors, args.seconds, args.users)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
