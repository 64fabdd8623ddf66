"""``accord export`` / ``accord import``: atomic writes, nothing overwritten unasked, clean errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from accord.cli.app import main


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out, out.err


def test_export_then_import_gives_a_valid_scenario(capsys: Any, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "export", "ukraine", "--out", str(tmp_path / "g"), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["action"] == "export" and len(data["files"]) == 1 + len(data["parties"])
    assert any("red line" in note for note in data["left_out"])
    code, out, _ = run(capsys, "import", str(tmp_path / "g"), "--out", str(tmp_path / "s.yaml"))
    assert code == 0 and "Imported" in out
    code, _, err = run(capsys, "validate", str(tmp_path / "s.yaml"))
    assert code == 0, err


def test_nothing_is_overwritten_without_force(capsys: Any, tmp_path: Path) -> None:
    target = tmp_path / "g"
    assert run(capsys, "export", "ukraine", "--out", str(target))[0] == 0
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    code, _, err = run(capsys, "export", "ukraine", "--out", str(target), "--perspective", "ru-government")
    assert code == 2 and "--force" in err
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    scenario = tmp_path / "s.yaml"
    scenario.write_text("keep me", encoding="utf-8")
    code, _, err = run(capsys, "import", str(target), "--out", str(scenario))
    assert code == 2 and "already exists" in err and scenario.read_text(encoding="utf-8") == "keep me"
    assert run(capsys, "import", str(target), "--out", str(scenario), "--force")[0] == 0
    assert scenario.read_text(encoding="utf-8") != "keep me"


def test_bad_genius_files_name_the_file_and_change_nothing(capsys: Any, tmp_path: Path) -> None:
    source = tmp_path / "g"
    source.mkdir()
    (source / "d.xml").write_text("<negotiation_template><utility_space>", encoding="utf-8")
    scenario = tmp_path / "s.yaml"
    code, out, err = run(capsys, "import", str(source), "--out", str(scenario), "--json")
    assert code == 2 and out == ""
    error = json.loads(err)["error"]
    assert "d.xml" in error["message"] and error["field"] == "DIR"
    assert not scenario.exists()
    code, _, err = run(capsys, "import", str(tmp_path / "nowhere"), "--out", str(scenario))
    assert code == 2 and "not a directory" in err


def test_an_unknown_perspective_lists_the_known_ones(capsys: Any, tmp_path: Path) -> None:
    code, _, err = run(capsys, "export", "ukraine", "--out", str(tmp_path), "--perspective", "nope")
    assert code == 2 and "ru-government" in err
    assert not any(tmp_path.iterdir())
