"""A throwaway PostgreSQL cluster for the store and web tests (fixture ``pg_cluster`` in tests/conftest.py).

The cluster is created with ``initdb`` from ``/usr/lib/postgresql/*/bin`` in a
temporary directory, listens only on a unix socket there (and on a free
loopback port number, for its socket name), and is stopped at the end of the
session. PostgreSQL refuses to run as root, so as root it runs as the
``postgres`` OS user. When no server can be started the PostgreSQL cases skip
and say why.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(argv: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return argv
    return ["runuser", "-u", "postgres", "--", *argv]


class Cluster:
    """A running throwaway PostgreSQL cluster; :meth:`url` makes a fresh database."""

    def __init__(self) -> None:
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not bins:
            raise RuntimeError("no initdb under /usr/lib/postgresql/*/bin (install postgresql)")
        self.bin = Path(bins[-1]).parent
        self.dir = Path(tempfile.mkdtemp(prefix="accord-pg-"))
        self.dir.chmod(0o755)
        if os.geteuid() == 0:
            try:
                entry = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError(
                    "running as root and there is no 'postgres' user to run the server"
                ) from None
            os.chown(self.dir, entry.pw_uid, entry.pw_gid)
        self.port = _free_port()
        data = self.dir / "data"
        self._run([str(self.bin / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"])
        options = f"-p {self.port} -k {self.dir} -c listen_addresses='' -c fsync=off"
        self._run(
            [
                str(self.bin / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(self.dir / "log"),
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
        self.counter = itertools.count()

    def _run(self, argv: list[str]) -> None:
        done = subprocess.run(_as_postgres(argv), capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{Path(argv[0]).name} failed: {(done.stderr or done.stdout).strip()[-400:]}")

    def base(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.dir}&port={self.port}"

    def url(self) -> str:
        from sqlalchemy import create_engine, text

        name = f"t{next(self.counter)}"
        engine = create_engine(self.base("postgres"), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}"))
        engine.dispose()
        return self.base(name)

    def stop(self) -> None:
        subprocess.run(
            _as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate", "stop"]),
            capture_output=True,
            check=False,
            timeout=60,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


def start() -> Iterator[Cluster | str]:
    """The body of the session fixture ``pg_cluster``: the running cluster, or why none could start."""
    try:
        cluster = Cluster()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        yield f"PostgreSQL could not be started: {exc}"
        return
    try:
        yield cluster
    finally:
        cluster.stop()


def fresh_url(request: pytest.FixtureRequest) -> str:
    """A new, empty database in the session's cluster (SQLAlchemy URL); skips, saying why, without one."""
    cluster = request.getfixturevalue("pg_cluster")
    if isinstance(cluster, str):
        pytest.skip(cluster)
    return str(cluster.url())
