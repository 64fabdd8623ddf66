"""``accord draft``: files written atomically and never overwritten silently, a JSON manifest,
clean errors for bad options."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from accord.cli.app import main

MINI = str(Path(__file__).resolve().parents[2] / "data" / "mini.yaml")


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out, out.err


def test_markdown_to_stdout(capsys: Any) -> None:
    code, out, _ = run(capsys, "draft", "ukraine", "--plan", "parley-ceasefire", "--instrument", "ceasefire")
    assert code == 0
    assert "## Ceasefire Agreement" in out and "Political Settlement" not in out


def test_refuses_to_overwrite_without_force(capsys: Any, tmp_path: Path) -> None:
    target = tmp_path / "d.md"
    target.write_text("keep", encoding="utf-8")
    code, _, err = run(capsys, "draft", MINI, "--plan", "p1", "--out", str(target))
    assert code == 2 and "--force" in err
    assert target.read_text(encoding="utf-8") == "keep"
    code, _, _ = run(capsys, "draft", MINI, "--plan", "p1", "--out", str(target), "--force")
    assert code == 0 and target.read_text(encoding="utf-8").startswith("# Draft agreements")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.md"], "no temporary file left behind"


def test_json_manifest_lists_the_articles(capsys: Any, tmp_path: Path) -> None:
    target = tmp_path / "d.html"
    code, out, _ = run(
        capsys, "draft", "ukraine", "--plan", "kp-untaeu", "--format", "html", "--out", str(target), "--json"
    )
    assert code == 0 and target.exists()
    data = json.loads(out)
    assert data["out"] == str(target) and data["format"] == "html"
    kinds = [i["kind"] for i in data["instruments"]]
    assert kinds == ["ceasefire", "settlement"]
    for ins in data["instruments"]:
        for a in ins["articles"]:
            assert a["kind"] in ("provision", "bracketed", "implementation", "final")
            assert (a["issue"] is None) == (a["kind"] in ("implementation", "final"))
    assert data["landmines"], "kp-untaeu has disputed readings"


def test_terms_and_solution_packages(capsys: Any) -> None:
    code, out, _ = run(capsys, "draft", MINI, "--terms", "border=line", "--json")
    assert code == 0 and json.loads(out)["package"] == "draft"
    code, out, _ = run(capsys, "draft", MINI, "--solution", "nash", "--json")
    assert code == 0 and json.loads(out)["package"] == "draft"


@pytest.mark.parametrize(
    ("argv", "flag"),
    [
        (["--plan", "nope"], "--plan"),
        ([], "--plan"),
        (["--plan", "p1", "--terms", "border=line"], "--plan"),
        (["--plan", "p1", "--instrument", "treaty"], "--instrument"),
        (["--plan", "p1", "--format", "rtf"], "--format"),
        (["--plan", "p1", "--format", "pdf"], "--out"),
        (["--solution", "nope"], "--solution"),
        (["--plan", "p1", "--against", "nope"], "--against"),
    ],
)
def test_bad_options_are_clean_errors(capsys: Any, argv: list[str], flag: str, tmp_path: Path) -> None:
    code, out, err = run(capsys, "draft", MINI, *argv)
    assert code == 2 and out == ""
    assert flag in err
    assert not list(tmp_path.iterdir())


def test_bad_out_folder_is_a_clean_error(capsys: Any, tmp_path: Path) -> None:
    code, _, err = run(capsys, "draft", MINI, "--plan", "p1", "--out", str(tmp_path / "no" / "d.md"))
    assert code == 2 and "--out" in err
