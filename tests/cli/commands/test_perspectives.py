"""--perspective in every command that takes it: one id, PARTY=ID pairs, a default, clean errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from accord.cli.app import main

MIXED = str(Path(__file__).resolve().parents[2] / "data" / "mixed.yaml")

COMMANDS = [
    ["evaluate"],
    ["compare"],
    ["frontier"],
    ["solve"],
    ["zopa", "--samples", "1000"],
    ["amend", "p2"],
]


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out, out.err


def _rows(command: str, data: dict[str, Any]) -> dict[str, str]:
    """Whose estimate each party's row is, as the command's JSON says."""
    if command in ("evaluate", "compare"):
        return {party: v["perspective"] for pe in data["plans"] for party, v in pe["parties"].items()}
    return dict(data["estimates_by"])


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: a[0])
def test_every_command_takes_a_mixed_choice(capsys: Any, argv: list[str]) -> None:
    code, out, _ = run(capsys, argv[0], MIXED, *argv[1:], "--perspective", "A=a-view,B=b-view", "--json")
    assert code == 0
    data = json.loads(out)
    assert _rows(argv[0], data) == {"A": "a-view", "B": "b-view"}
    assert data["estimates"]["assigned"] == {"A": "a-view", "B": "b-view"}
    assert data["estimates"]["fallbacks"] == {}


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: a[0])
def test_a_bare_id_is_the_default_for_the_rest(capsys: Any, argv: list[str]) -> None:
    code, out, _ = run(capsys, argv[0], MIXED, *argv[1:], "-p", "b-view,A=a-view", "--json")
    assert code == 0
    assert _rows(argv[0], json.loads(out)) == {"A": "a-view", "B": "b-view"}


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: a[0])
def test_fallbacks_are_listed_in_json_and_tables(capsys: Any, argv: list[str]) -> None:
    code, out, _ = run(capsys, argv[0], MIXED, *argv[1:], "-p", "a-view", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["estimates"]["fallbacks"] == {"B": "base"}
    assert _rows(argv[0], data) == {"A": "a-view", "B": "base"}
    code, out, _ = run(capsys, argv[0], MIXED, *argv[1:], "-p", "a-view")
    assert code == 0
    assert "Fell back to the default perspective" in " ".join(out.split())


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("A=nowhere", "unknown perspective 'nowhere'"),
        ("Z=a-view", "unknown party 'Z'"),
        ("A=a-view,A=b-view", "names party 'A' twice"),
        ("A=", "takes PARTY=PERSPECTIVE"),
        ("base,a-view", "names two defaults"),
    ],
)
@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: a[0])
def test_bad_choice_is_one_clear_line_naming_the_option(
    capsys: Any, argv: list[str], value: str, message: str
) -> None:
    code, out, err = run(capsys, argv[0], MIXED, *argv[1:], "--perspective", value)
    assert code == 2 and out == ""
    assert err.startswith("error: --perspective: ")
    assert message in err


def test_mixed_table_names_each_partys_perspective(capsys: Any) -> None:
    code, out, _ = run(capsys, "evaluate", MIXED, "-p", "A=a-view,B=b-view", "--plan", "p1")
    assert code == 0
    text = " ".join(out.split())
    assert "Perspectives: A a-view, B b-view; the rest base" in text
    assert "estimate by" in out
    assert "flips if A's BATNA rises by 40.0; stated spread 5" in text
