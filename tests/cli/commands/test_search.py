"""The search commands (frontier, solve, zopa, amend) run in-process: JSON shapes,
tables that say whose estimates they show, clean errors, plots."""

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


def test_frontier_json_shape(capsys: Any) -> None:
    code, out, _ = run(capsys, "frontier", MINI, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["exact"] is True
    # mini.yaml by hand: (100, 0), (75, 50), (30, 80); the new border is A's red line.
    points = {(p["utilities"]["A"], p["utilities"]["B"]): p["package"] for p in data["points"]}
    assert points == {
        (100.0, 0.0): {"border": "old", "troops": "none"},
        (75.0, 50.0): {"border": "old", "troops": "1000"},
        (30.0, 80.0): {"border": "line", "troops": "1000"},
    }
    assert data["estimates_by"] == {"A": "base", "B": "base"}


def test_frontier_options(capsys: Any) -> None:
    code, out, _ = run(capsys, "frontier", MINI, "--json", "--rational")
    assert code == 0
    assert [p["utilities"] for p in json.loads(out)["points"]] == [{"A": 75.0, "B": 50.0}]
    _code, out, _ = run(capsys, "frontier", MINI, "--json", "--ignore-red-lines")
    packages = [p["package"] for p in json.loads(out)["points"]]
    assert {"border": "new", "troops": "1000"} in packages


def test_frontier_table_says_whose_estimates(capsys: Any) -> None:
    code, out, _ = run(capsys, "frontier", MINI)
    assert code == 0
    assert "Efficient frontier" in out and "estimates" in out and "Perspective: base" in out


@pytest.mark.parametrize("solution", ["nash", "ks", "egalitarian", "utilitarian"])
def test_solve_json_shape(capsys: Any, solution: str) -> None:
    code, out, _ = run(capsys, "solve", MINI, "--solution", solution, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["exact"] is True
    # Only (old, 1000) is acceptable to both in mini.yaml.
    assert data["package"] == {"border": "old", "troops": "1000"}
    assert data["utilities"] == {"A": 75.0, "B": 50.0}


def test_solve_lotteries(capsys: Any) -> None:
    code, out, _ = run(capsys, "solve", MINI, "--solution", "egalitarian", "--lotteries", "--json")
    data = json.loads(out)
    assert data["lotteries"] is True and data["exact"] is True
    assert sum(x["probability"] for x in data["lottery"]) == pytest.approx(1.0)
    code, out, _ = run(capsys, "solve", MINI, "--lotteries")
    assert code == 0 and "lotteries over packages" in out


def test_zopa(capsys: Any) -> None:
    code, out, _ = run(capsys, "zopa", MINI, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["exists"] is True and data["counting"] == "exact"
    assert data["count"] == 1 and data["n_feasible"] == 6
    assert data["best"]["package"] == {"border": "old", "troops": "1000"}
    _code, out, _ = run(capsys, "zopa", MINI)
    assert "ZOPA: yes" in out and "estimates" in out


def test_amend_json_shape(capsys: Any) -> None:
    code, out, _ = run(capsys, "amend", MINI, "p1", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["feasible"] is True and data["proposers"] == ["A"]
    assert data["changes"] == [{"issue": "troops", "from": "none", "to": "1000"}]
    assert data["package"] == {"border": "old", "troops": "1000"}
    assert data["utilities"] == {"A": 75.0, "B": 50.0}


def test_verdicts_within_the_estimate_spread_are_marked_fragile(capsys: Any, tmp_path: Path) -> None:
    """B's surplus in the amended plan is 10 points; a stated spread of 8 + 5 makes it fragile."""
    code, out, _ = run(capsys, "amend", MINI, "p1", "--json")
    assert code == 0 and json.loads(out)["fragile"] == {"A": False, "B": False}
    text = Path(MINI).read_text(encoding="utf-8")
    unsure = text.replace("    batna: 40\n", "    batna: 40\n    spread: {values: 8, batna: 5}\n")
    assert unsure != text
    path = tmp_path / "unsure.yaml"
    path.write_text(unsure, encoding="utf-8")
    for argv in (["amend", str(path), "p1"], ["solve", str(path)], ["zopa", str(path)]):
        code, out, _ = run(capsys, *argv, "--json")
        data = json.loads(out)
        fragile = data["best"]["fragile"] if argv[0] == "zopa" else data["fragile"]
        assert code == 0 and fragile == {"A": False, "B": True}, argv
        code, out, _ = run(capsys, *argv)
        assert code == 0 and "+10.0 ~" in out and "~ fragile" in out, argv


def test_amend_without_zopa_says_so(capsys: Any) -> None:
    code, out, _ = run(capsys, "amend", MINI, "p1", "--fix", "troops=none", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["feasible"] is False and data["status"] == "no_zopa" and data["changes"] == []
    _code, out, _ = run(capsys, "amend", MINI, "p1", "--fix", "troops=none")
    assert "No amendment exists" in out


def test_contradictory_fix_names_the_conflict(capsys: Any) -> None:
    code, out, _ = run(capsys, "solve", MINI, "--fix", "border=new", "--json")
    assert code == 0  # an answer, not an error: the result names the conflict
    data = json.loads(out)
    assert data["status"] == "infeasible" and data["package"] is None
    assert set(data["conflict"]) == {"red line of A: border=new", "border fixed at new"}
    _code, out, _ = run(capsys, "frontier", MINI, "--fix", "border=new")
    assert "No feasible package" in out and "red line of A" in out


@pytest.mark.parametrize(
    ("argv", "field"),
    [
        (["frontier", MINI, "--parties", "A,ZZ"], "--parties"),
        (["solve", MINI, "--fix", "border=moon"], "--fix"),
        (["solve", MINI, "--fix", "nowhere=x"], "--fix"),
        (["solve", MINI, "--solution", "fairest"], "--solution"),
        (["zopa", MINI, "--perspective", "nobody"], "--perspective"),
        (["amend", MINI, "p9"], "PLAN"),
        (["amend", MINI, "p2@open-army"], "PLAN"),
        (["frontier", MINI, "--plot", "out.pdf"], "--plot"),
        (["frontier", MINI, "--tracks", "nope"], "--tracks"),
    ],
)
def test_bad_input_is_one_clear_line(capsys: Any, argv: list[str], field: str) -> None:
    code, _out, err = run(capsys, *argv)
    assert code == 2
    assert f"error: {field}:" in err
    assert len(err.strip().splitlines()) == 1


def test_plot_files(capsys: Any, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    png = tmp_path / "front.png"
    code, _, err = run(capsys, "frontier", MINI, "--plot", str(png))
    assert code == 0 and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and "Plot written" in err
    svg = tmp_path / "amend.svg"
    code, out, _ = run(capsys, "amend", MINI, "p1", "--json", "--plot", str(svg))
    assert code == 0 and "<svg" in svg.read_text(encoding="utf-8")
    json.loads(out)  # stdout stays pure JSON


@pytest.mark.parametrize(
    "argv",
    [
        ["frontier", "ukraine"],
        ["solve", "ukraine"],
        ["solve", "ukraine", "--solution", "ks"],
        ["solve", "ukraine", "--solution", "egalitarian", "--parties", "UA,RU"],
        ["solve", "ukraine", "--solution", "utilitarian", "--lotteries"],
        ["zopa", "ukraine"],
        ["amend", "ukraine", "istanbul-2022"],
    ],
)
def test_builtin_scenario(capsys: Any, argv: list[str]) -> None:
    code, out, _ = run(capsys, *argv, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["scenario"] == "ukraine"
    assert data.get("exact", data.get("best", {}).get("exact")) is True or argv[0] == "frontier"
    assert data["seconds"] >= 0.0  # reported; how long is for the benchmarks, not for tests


def test_plot_of_one_party_is_a_clear_error(capsys: Any, tmp_path: Path) -> None:
    """A space of one party (here B, with the proposer A only breaking ties) has no frontier to draw."""
    pytest.importorskip("matplotlib")
    png = tmp_path / "one.png"
    code, _, err = run(capsys, "amend", MINI, "p1", "--parties", "B", "--plot", str(png))
    assert code == 2 and "error: --plot: a frontier plot needs at least two parties" in err
    code, _, err = run(capsys, "frontier", MINI, "--parties", "A", "--plot", str(png))
    assert code == 2 and "internal error" not in err and not png.exists()


def test_amend_a_draft(capsys: Any) -> None:
    code, out, _ = run(capsys, "amend", MINI, "--terms", "border=new,troops=none", "--json")
    assert code == 0
    assert json.loads(out)["plan"] == "draft"
    code, out, _ = run(capsys, "amend", MINI, "--base", "p2", "--set", "border=new")
    assert code == 0 and "Smallest amendment of draft — Draft: p2 with border=new" in out


def test_frontier_jsonl_streams_the_json_points(capsys: Any) -> None:
    code, out, _ = run(capsys, "frontier", MINI, "--jsonl")
    assert code == 0
    lines = [json.loads(x) for x in out.splitlines()]
    assert [x["kind"] for x in lines] == ["header", "point", "point", "point", "summary"]
    _code, doc, _ = run(capsys, "frontier", MINI, "--json")
    assert [{k: v for k, v in p.items() if k != "kind"} for p in lines[1:-1]] == json.loads(doc)["points"]
    assert lines[-1]["count"] == 3 and lines[-1]["exact"] is True


def test_json_is_compact_off_a_terminal(capsys: Any) -> None:
    _code, out, _ = run(capsys, "solve", MINI, "--json")
    assert out.count("\n") == 1 and ": " not in out


def test_frontier_json_and_jsonl_exclude_each_other(capsys: Any) -> None:
    code, out, err = run(capsys, "frontier", MINI, "--json", "--jsonl")
    assert code != 0 and out == "" and "--jsonl" in err
