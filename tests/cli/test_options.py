"""Parsing of the command line's options into what the workbench takes."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
import yaml

from accord.cli.errors import UserError
from accord.cli.options import check_plot, load_scenario, parse_fixes, restrictions, split_list

MINI = str(Path(__file__).resolve().parents[1] / "data" / "mini.yaml")


def test_split_list() -> None:
    assert split_list("UA, RU,,") == ("UA", "RU")
    assert split_list("") is None and split_list(None) is None and split_list(" , ") is None


def test_parse_fixes() -> None:
    assert parse_fixes(["crimea = talks", "x=y"]) == {"crimea": "talks", "x": "y"}
    assert parse_fixes(None) == {}
    for bad, needle in ((["crimea"], "takes ISSUE=OPTION"), (["a=b", "a=c"], "names issue 'a' twice")):
        with pytest.raises(UserError) as err:
            parse_fixes(bad)
        assert err.value.field == "--fix" and needle in err.value.message


def test_check_plot() -> None:
    check_plot(None)
    check_plot(Path("x.SVG"))
    with pytest.raises(UserError) as err:
        check_plot(Path("x.pdf"))
    assert err.value.field == "--plot"


def test_load_scenario_names_the_argument() -> None:
    assert load_scenario(MINI).id == "mini"
    with pytest.raises(UserError) as err:
        load_scenario("no-such-scenario")
    assert err.value.field == "SCENARIO" and "built-in: ukraine" in err.value.message


def test_restrictions() -> None:
    got = restrictions(
        MINI,
        perspective=None,
        parties="A,B",
        tables=None,
        tracks="ceasefire",
        fix=["troops=1000"],
        ignore_red_lines=True,
        time_limit=1.5,
    )
    assert got["scenario"].id == "mini" and got["parties"] == ("A", "B") and got["tables"] is None
    assert got["tracks"] == ("ceasefire",) and got["fixes"] == {"troops": "1000"}
    assert got["ignore_red_lines"] is True and got["time_limit"] == 1.5


@pytest.mark.parametrize(
    ("value", "flag"), [("A,A", "--parties"), ("UA, RU, UA", "--parties"), ("main,main", "--tables")]
)
def test_a_name_given_twice_is_an_error_naming_it(value: str, flag: str) -> None:
    with pytest.raises(UserError) as err:
        split_list(value, flag)
    assert err.value.field == flag and "twice" in err.value.message
    assert repr(value.split(",")[0].strip()) in err.value.message


def test_parties_given_twice_on_the_command_line() -> None:
    with pytest.raises(UserError) as err:
        restrictions(MINI, perspective=None, parties="A,B,A", tables=None, tracks=None, fix=None,
                     ignore_red_lines=False, time_limit=None)  # fmt: skip
    assert err.value.field == "--parties" and err.value.message == "names 'A' twice"


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_dash_reads_the_scenario_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    text = Path(MINI).read_text(encoding="utf-8")
    _stdin(monkeypatch, text.encode())
    assert load_scenario("-").id == "mini"
    as_json = json.dumps(yaml.safe_load(text), ensure_ascii=False)
    _stdin(monkeypatch, b"\xef\xbb\xbf" + as_json.encode())  # JSON, with a byte-order mark
    assert load_scenario("-").id == "mini"


def test_stdin_errors_name_stdin_and_the_line(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        Path(MINI)
        .read_text(encoding="utf-8")
        .replace("red_lines: [{border: new}]", "red_lines: [{border: nu}]")
    )
    _stdin(monkeypatch, text.encode())
    with pytest.raises(UserError) as err:
        load_scenario("-")
    assert err.value.field == "SCENARIO"
    assert "<stdin> is not a valid scenario" in err.value.message
    assert "<stdin>:40:18: error: profiles[0].red_lines[0].border: issue 'border' has no option 'nu'" in (
        err.value.message
    )
    _stdin(monkeypatch, b'{"accord": 1,\n "id": "x",\n}')
    with pytest.raises(UserError) as err:
        load_scenario("-")
    assert "<stdin>:3:1: error: (file): JSON syntax error" in err.value.message
    _stdin(monkeypatch, b"\xff\xfe")
    with pytest.raises(UserError) as err:
        load_scenario("-")
    assert "<stdin> is not UTF-8 text" in err.value.message


def test_plot_needs_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(UserError) as err:
        check_plot(Path("x.png"))
    assert err.value.field == "--plot" and err.value.message == "needs matplotlib: pip install 'accord[plot]'"
    check_plot(None)  # no plot asked for: nothing to check


@pytest.mark.parametrize("value", ["U A", "UA,R;U", "[UA]", "US.", "-x"])
def test_a_malformed_id_on_the_command_line_gets_the_id_rule(value: str) -> None:
    with pytest.raises(UserError) as err:
        split_list(value, "--parties")
    assert err.value.field == "--parties" and "is not a valid id; ids start with a letter or digit" in (
        err.value.message
    )


def test_ids_in_any_script_and_factions_pass_on_the_command_line() -> None:
    assert split_list("Україна, 俄罗斯,US.NSC", "--parties") == ("Україна", "俄罗斯", "US.NSC")
