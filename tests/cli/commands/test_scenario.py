"""The scenario commands (scenarios, show, validate, init, schema) run in-process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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
