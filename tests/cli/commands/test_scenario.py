"""The scenario commands (scenarios, show, validate, init, schema) run in-process."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from accord.cli.app import main

ROOT = Path(__file__).resolve().parents[3]
MINI = str(ROOT / "tests" / "data" / "mini.yaml")


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out, out.err


def test_show(capsys: Any) -> None:
    code, out, _ = run(capsys, "show", MINI)
    assert code == 0 and "Issues" in out and "line*" in out
    code, out, _ = run(capsys, "show", MINI, "--json")
    assert json.loads(out)["issues"][1]["options"] == ["1000", "5000", "none"]


def test_show_party_and_plan(capsys: Any) -> None:
    code, out, _ = run(capsys, "show", MINI, "--party", "A")
    assert code == 0
    assert "BATNA 45" in out and "estimates, not facts" in out
    assert "5000 0 (interpolated)" in out  # values the file did not give are marked
    assert "Red lines:" in out and "border=new" in out
    code, out, _ = run(capsys, "show", MINI, "--party", "A", "--json")
    data = json.loads(out)
    assert data[0]["weights"] == {"border": 3.0, "troops": 1.0} and data[0]["rationale"]
    code, out, _ = run(capsys, "show", MINI, "--plan", "p2")
    assert code == 0 and "Line of contact" in out and "Reading open-army" in out
    code, _, err = run(capsys, "show", MINI, "--party", "M")
    assert code == 2 and "no profiles for party 'M'" in err
    code, _, err = run(capsys, "show", MINI, "--plan", "zz")
    assert code == 2 and "no plan 'zz'" in err


def test_validate_ok_and_failing(capsys: Any, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "validate", MINI)
    assert code == 0 and "OK" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        Path(MINI).read_text(encoding="utf-8").replace("parties: [A, B]}", "parties: [A, Q]}"),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "validate", str(bad))
    assert code == 1
    assert f"{bad}:10:" in out and "unknown party 'Q'" in out
    code, out, _ = run(capsys, "validate", str(bad), "--json")
    data = json.loads(out)
    assert code == 1 and data["ok"] is False and data["problems"][0]["line"] == 10


def test_init_writes_a_valid_template(capsys: Any, tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    code, _, _ = run(capsys, "init", str(target))
    assert code == 0 and target.exists()
    code, _, _ = run(capsys, "validate", str(target))
    assert code == 0
    code, _, err = run(capsys, "init", str(target))
    assert code == 2 and "already exists" in err
    code, _, _ = run(capsys, "init", str(target), "--force")
    assert code == 0


def test_schema_matches_published_copy(capsys: Any) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["title"].startswith("accord scenario file")
    published = json.loads((ROOT / "docs" / "scenario.schema.json").read_text(encoding="utf-8"))
    assert published == schema, (
        "docs/scenario.schema.json is stale: run 'accord schema -o docs/scenario.schema.json'"
    )


def test_scenarios_lists_the_built_ins(capsys: Any) -> None:
    code, out, _ = run(capsys, "scenarios", "--json")
    assert code == 0
    (entry,) = json.loads(out)
    assert entry["name"] == "ukraine" and entry["parties"] > 2 and entry["summary"]
    code, out, _ = run(capsys, "scenarios")
    assert code == 0 and "ukraine" in out and "perspectives" in out


SHORT = """\
accord: 1
id: short
title: Written from a short example
parties:
  - {id: Україна, name: Ukraine, role: belligerent}
  - {id: 俄罗斯, name: Russia, role: belligerent}
issues:
  - {id: крим, title: Crimea, status_quo: ru, options: [{id: ru}, {id: ua}]}
profiles:
  - {party: Україна, perspective: mine, weights: {крим: 1}, values: {крим: {ru: 0, ua: 100}},
     batna: {value: 40, why: x}, rationale: x}
  - {party: 俄罗斯, perspective: mine, weights: {крим: 1}, values: {крим: {ru: 100, ua: 0}},
     batna: {value: 40, why: x}, rationale: x}
plans:
  - {id: план, title: P, terms: {крим: ua}}
"""


def test_validate_reads_stdin(capsys: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(SHORT.encode()), encoding="utf-8"))
    code, out, _ = run(capsys, "validate", "-", "--json")
    data = json.loads(out)
    assert code == 0 and data["file"] == "<stdin>" and data["ok"] is True


def test_undeclared_perspective_is_a_warning_validate_shows(capsys: Any, tmp_path: Path) -> None:
    path = tmp_path / "short.yaml"
    path.write_text(SHORT, encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0
    assert (
        f"{path}:10:" in out and "warning: profiles[0].perspective: perspective 'mine' is not declared" in out
    )
    assert "1 warning" in out
    code, out, _ = run(capsys, "evaluate", str(path), "--parties", "Україна,俄罗斯", "--json")
    data = json.loads(out)
    assert code == 0 and data["perspective"] == "mine" and data["parties"] == ["Україна", "俄罗斯"]
    assert data["plans"][0]["id"] == "план"


def test_a_scenario_without_issues_is_invalid(capsys: Any, tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text(
        "accord: 1\nid: empty\ntitle: Empty\nparties: [{id: A, name: A, role: belligerent}]\n"
        "issues: []\nperspectives: [{id: base}]\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1 and "OK" not in out
    assert f"{path}:5:1: error: issues: no issues declared" in out


def test_validate_checks_quotes_against_the_sources_directory(capsys: Any, tmp_path: Path) -> None:
    (tmp_path / "toy.txt").write_text("Made up, word for word.", encoding="utf-8")
    text = (ROOT / "tests" / "data" / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  toy: {title: Made up for tests}", "  toy: {title: Made up for tests, file: toy.txt}"
    )
    text = text.replace(
        "    proposer: M\n", "    proposer: M\n    quotes: [{source: toy, text: word for a word}]\n"
    )
    path = tmp_path / "q.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(path), "--sources", str(tmp_path))
    assert code != 0 and "plans[1].quotes[0].text: quote not found in toy.txt" in out
    code, out, _ = run(capsys, "validate", str(path), "--sources", str(tmp_path), "--json")
    assert code != 0 and any("quote not found" in p["message"] for p in json.loads(out)["problems"])
    path.write_text(text.replace("word for a word", "word for word"), encoding="utf-8")
    assert run(capsys, "validate", str(path), "--sources", str(tmp_path))[0] == 0
    code, _, err = run(capsys, "validate", str(path), "--sources", str(tmp_path / "nowhere"))
    assert code != 0 and "--sources" in err and "Traceback" not in err


def test_show_party_prints_the_batna_and_the_no_deal_utility(capsys: Any) -> None:
    features = str(ROOT / "tests" / "data" / "features.yaml")
    code, out, _ = run(capsys, "show", features, "--party", "A", "--json")
    (base, _other) = json.loads(out)
    # A under base: no deal = .75*40 + .25*100 = 55, BATNA anchored 10 below it
    assert code == 0 and base["no_deal"] == 55.0 and base["batna"] == 45.0
    assert base["batna_basis"] == {"kind": "no_deal", "offset": -10.0, "why": "the line is costly"}
    code, out, _ = run(capsys, "show", features, "--party", "A")
    assert code == 0 and "No deal (every issue at its status quo): 55.0; BATNA = no deal -10" in out
    assert "Why this BATNA: the line is costly" in out
