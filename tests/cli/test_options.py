"""Parsing of the command line's options into what the workbench takes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

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


def test_plot_needs_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(UserError) as err:
        check_plot(Path("x.png"))
    assert err.value.field == "--plot" and err.value.message == "needs matplotlib: pip install 'accord[plot]'"
    check_plot(None)  # no plot asked for: nothing to check
