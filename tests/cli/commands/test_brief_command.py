"""``accord brief``: files written atomically, a manifest, bad input refused with nothing written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import accord
from accord.cli.app import main

ROOT = Path(__file__).resolve().parents[3]
MINI = str(ROOT / "tests" / "data" / "mini.yaml")


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out, out.err


def test_html_and_manifest(capsys: Any, tmp_path: Path) -> None:
    pytest.importorskip("jinja2")
    out = tmp_path / "brief.html"
    code, stdout, err = run(capsys, "brief", MINI, "--format", "html", "--out", str(out), "--json")
    assert code == 0, err
    data = json.loads(stdout)
    s = accord.load(MINI)
    assert data["out"] == str(out) and data["format"] == "html"
    assert data["sections"] == ["plans", "verdicts", "frontier", "amendments", "sources"]
    assert [p["id"] for p in data["plans"]] == [p.id for p in s.plans]
    assert sorted(v["perspective"] for v in data["verdicts"]) == sorted(p.id for p in s.perspectives)
    assert data["figure"]["parties"] == list(s.negotiating_parties()[:2])
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not [p for p in tmp_path.iterdir() if p.name != "brief.html"]  # no temporary file left


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        (["--perspective", "nowhere"], "unknown perspective 'nowhere'"),
        (["--format", "docx"], "choose one of html, pdf"),
        (["--time-limit", "0"], "--time-limit"),
    ],
)
def test_bad_input_writes_nothing(capsys: Any, tmp_path: Path, extra: list[str], needle: str) -> None:
    out = tmp_path / "brief.html"
    code, _, err = run(capsys, "brief", MINI, "--out", str(out), *extra)
    assert code != 0 and needle in err
    assert not list(tmp_path.iterdir())


def test_existing_file_is_kept_without_force(capsys: Any, tmp_path: Path) -> None:
    pytest.importorskip("jinja2")
    out = tmp_path / "brief.html"
    out.write_text("keep me", encoding="utf-8")
    code, _, err = run(capsys, "brief", MINI, "--out", str(out))
    assert code != 0 and "--force" in err
    assert out.read_text(encoding="utf-8") == "keep me"
    code, _, err = run(capsys, "brief", MINI, "--out", str(out), "--force")
    assert code == 0, err
    assert out.read_text(encoding="utf-8") != "keep me"


def test_out_is_required_without_json(capsys: Any) -> None:
    code, _, err = run(capsys, "brief", MINI)
    assert code != 0 and "--out" in err
