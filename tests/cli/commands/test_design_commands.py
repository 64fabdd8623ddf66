"""``accord linkage`` and ``accord sequence`` in-process: JSON, 80-column tables, plots, bad input."""

from __future__ import annotations

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


def test_linkage_json_names_each_table_and_the_linked_set(capsys: Any) -> None:
    code, out, _ = run(capsys, "linkage", "ukraine", "--tables", "bilateral,strategic", "--json")
    assert code == 0
    data = json.loads(out)
    assert [a["arena"] for a in data["arenas"]] == ["bilateral", "strategic", "bilateral+strategic"]
    linked = data["arenas"][-1]
    assert set(linked["parties"]) == {"RU", "UA", "US"}
    for t in linked["trades"]:
        assert min(t["gains"].values()) > 0
    for a in data["arenas"]:
        assert (a["nash_surplus"] is not None) == a["zopa"]


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["linkage", "ukraine", "--tables", "nowhere"], "known: bilateral, europe, strategic"),
        (["linkage", "ukraine", "--tables", "bilateral,bilateral"], "twice"),
        (["sequence", "ukraine", "--plot", "x.gif"], ".png or .svg"),
    ],
)
def test_bad_input_is_one_clear_error(capsys: Any, argv: list[str], needle: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and needle in err and not out


def test_tables_fit_80_columns(capsys: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from accord.cli import output

    monkeypatch.setattr(output.console, "width", 80)
    for command in ("linkage", "sequence"):
        code, out, _ = run(capsys, command, MINI)
        assert code == 0
        assert max(len(line) for line in out.splitlines()) <= 80


def test_plots_are_written(capsys: Any, tmp_path: Path) -> None:
    for command in ("linkage", "sequence"):
        path = tmp_path / f"{command}.png"
        code, _, err = run(capsys, command, MINI, "--plot", str(path))
        assert code == 0 and path.stat().st_size > 0 and "Plot written" in err
