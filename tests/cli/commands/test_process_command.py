"""``accord process create/verify/export/import``: JSON that parses, clear errors, exit codes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from accord.cli.app import main, subcommand_names

ROOT = Path(__file__).resolve().parents[3]
MINI = str(ROOT / "tests" / "data" / "mini.yaml")


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out, out.err


@pytest.mark.parametrize("scenario", [MINI, "ukraine", "template"])
def test_create_verify_export_import_round_trip_with_json(capsys: Any, tmp_path: Path, scenario: str) -> None:
    if scenario == "template":
        scenario = str(tmp_path / "template.yaml")
        assert main(["init", scenario]) == 0
        capsys.readouterr()
    db, copy, out = str(tmp_path / "a.db"), str(tmp_path / "b.db"), tmp_path / "p.json"
    code, text, _ = run(capsys, "process", "create", scenario, "--db", db, "--json")
    assert code == 0 and json.loads(text)["process"] == 1
    code, text, _ = run(capsys, "process", "verify", "--db", db, "--json")
    assert code == 0 and json.loads(text)["processes"][0]["ok"] is True
    assert run(capsys, "process", "export", "1", "--db", db, "--out", str(out))[0] == 0
    assert json.loads(out.read_text(encoding="utf-8"))["accord_process"] == 1
    code, text, _ = run(capsys, "process", "import", str(out), "--db", copy, "--json")
    assert code == 0 and json.loads(text) == {"process": 1}
    code, text, _ = run(capsys, "process", "verify", "1", "--db", copy, "--json")
    assert code == 0 and json.loads(text)["processes"][0]["entries"] == 1


def test_verify_names_the_first_broken_entry_and_exits_1(capsys: Any, tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    assert run(capsys, "process", "create", MINI, "--db", db)[0] == 0
    with sqlite3.connect(db) as conn:
        conn.execute("update audit set actor = 'mallory' where seq = 1")
    code, text, _ = run(capsys, "process", "verify", "--db", db, "--json")
    data = json.loads(text)["processes"][0]
    assert code == 1 and data["ok"] is False and data["first_broken"] == 1
    code, text, _ = run(capsys, "process", "verify", "--db", db)
    assert code == 1 and "BROKEN at entry 1" in text


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["process", "verify", "7"], "no process 7"),
        (["process", "export", "7", "--out", "x.json"], "no process 7"),
        (["process", "import", "missing.json"], "cannot read missing.json"),
        (["process", "import", "bad.json"], "line 1, column 2"),
        (["process", "import", "wrong.json"], "not an accord process export"),
        (["process", "create", "no-such-scenario"], "no built-in scenario or file"),
    ],
)
def test_bad_input_gets_one_clear_error(
    capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str], needle: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.json").write_text("{oops", encoding="utf-8")
    (tmp_path / "wrong.json").write_text('{"accord": 1}', encoding="utf-8")
    code, out, err = run(capsys, *argv, "--db", str(tmp_path / "a.db"))
    assert code == 2 and needle in out + err and "internal error" not in err


def test_an_unusable_database_url_is_a_db_error(capsys: Any, tmp_path: Path) -> None:
    code, _, err = run(capsys, "process", "verify", "--db", str(tmp_path / "no" / "dir" / "x.db"))
    assert code == 2 and "--db" in err and "cannot open database" in err


def test_every_subcommand_is_in_the_reference_and_the_howto() -> None:
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    howto = (ROOT / "docs" / "howto.md").read_text(encoding="utf-8")
    for name in subcommand_names():
        assert f"## accord {name}\n" in reference
        assert f"accord {name}" in howto
