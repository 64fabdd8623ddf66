"""Output that never breaks: bracketed user text reaches the terminal as written, through the real commands.

Reproducers from issue 8: a title with ``[/]`` crashed most commands with a
traceback (the error reporter too), ``[sic]``/``[draft]`` vanished, a file
``v[final].yaml`` was reported as ``v.yaml``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from accord.cli.app import main

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.yaml"


@pytest.fixture
def bracketed(tmp_path: Path) -> Path:
    text = MINI.read_text(encoding="utf-8")
    text = text.replace("title: A two-issue toy conflict", 'title: "A [/] toy [sic] conflict"')
    text = text.replace("title: Line of contact", 'title: "Line of contact [draft] [and/or]"')
    path = tmp_path / "v[final].yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err and "internal error" not in out.err
    return code, out.out, out.err


@pytest.mark.parametrize("command", ["show", "evaluate", "compare", "frontier", "solve", "zopa"])
def test_bracketed_titles_print_as_written(capsys: Any, bracketed: Path, command: str) -> None:
    code, out, _ = _run(capsys, command, str(bracketed))
    assert code == 0
    assert "A [/] toy [sic] conflict" in out
    if command in {"show", "evaluate"}:
        assert "Line of contact [draft] [and/or]" in out


def test_bracketed_file_names_print_as_written(capsys: Any, bracketed: Path) -> None:
    code, out, _ = _run(capsys, "validate", str(bracketed))
    assert code == 0 and "v[final].yaml: OK" in out
    code, out, err = _run(capsys, "validate", str(bracketed.parent / "x[/]" / "y[/].yaml"))
    assert code != 0 and "x[/]/y[/].yaml" in out + err


def test_bracketed_values_in_errors_print_as_written(capsys: Any) -> None:
    code, _, err = _run(capsys, "evaluate", str(MINI), "--plan", "p[/]")
    assert code == 2 and "p[/]" in err


def test_json_of_bracketed_text_parses(capsys: Any, bracketed: Path) -> None:
    code, out, _ = _run(capsys, "evaluate", str(bracketed), "--json")
    assert code == 0
    data = json.loads(out)
    assert next(p["title"] for p in data["plans"] if p["id"] == "p2") == "Line of contact [draft] [and/or]"
