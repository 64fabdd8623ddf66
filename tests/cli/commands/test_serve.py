"""``accord serve``: prints the URL and the first mediator's one-time link, and serves the pages."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("uvicorn", reason="the workbench needs the web extra: pip install 'accord[web]'")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(db: str, port: int, cwd: Path) -> subprocess.Popen[str]:
    code = "from accord.cli.app import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--db", db, "--port", str(port)],
        cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _get(url: str) -> int:
    import httpx

    deadline = time.monotonic() + 60
    while True:
        try:
            return httpx.get(url, timeout=5).status_code
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _stop(proc: subprocess.Popen[Any]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_serve_prints_url_and_first_login_link_then_serves(tmp_path: Path) -> None:
    port = _free_port()
    proc = _start("sqlite:///accord.db", port, tmp_path)
    try:
        assert proc.stdout is not None
        first, second = proc.stdout.readline(), proc.stdout.readline()
        assert first.startswith(f"accord workbench at http://127.0.0.1:{port}")
        link = second.split("open ", 1)[1].split(" ", 1)[0]
        assert link.startswith(f"http://127.0.0.1:{port}/invite/")
        assert _get(f"http://127.0.0.1:{port}/login") == 200
        assert _get(link) == 200
        assert _get(f"http://127.0.0.1:{port}/invite/not-a-token") == 404
    finally:
        _stop(proc)
    assert (tmp_path / "accord.db").exists()  # the default: a SQLite file in the working directory


def test_serve_bad_database_url_is_one_clear_error(tmp_path: Path) -> None:
    proc = _start("nosuchdriver://x/y", _free_port(), tmp_path)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 2
    assert "cannot open the database" in err and "--db" in err and "Traceback" not in out + err
