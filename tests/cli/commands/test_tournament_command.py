"""``accord tournament``: JSON that parses, a table at 80 columns, clean errors."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from accord.cli.app import main
from accord.cli.commands.tournament import split_specs

MINI = str(Path(__file__).resolve().parents[2] / "data" / "mini.yaml")


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out, out.err


def test_json_has_a_row_per_cell_and_every_match(capsys: Any) -> None:
    code, out, err = run(
        capsys, "tournament", MINI, "--seeds", "2", "--protocols", "single-text,alternating-offers",
        "--strategies", "linear;boulware(e=0.2)", "--json",
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert len(data["summary"]) == 4 and len(data["matches"]) == 8
    assert [s["spawn_key"] for s in data["seeds"]] == [[0], [1]]
    assert all(0 <= row["agreement_rate"] <= 1 for row in data["summary"])


def test_the_table_fits_80_columns() -> None:
    from rich.console import Console

    from accord.report.terminal.tournament import print_tournament
    from accord.scenarios import load_builtin
    from accord.workbench.tournament import TournamentRequest, tournament

    request = TournamentRequest(
        scenario=load_builtin("ukraine"), seeds=1, protocols=("single-text", "alternating-offers"),
        strategies=("everything-on-the-table", "boulware(e=0.2)"),
        perspectives=("analyst-baseline", "ru-government"),
        drop=("ua-decree", "ua-summit-preconditions"), benchmarks=False,
    )  # fmt: skip
    buf = io.StringIO()
    print_tournament(Console(file=buf, width=80, markup=False, highlight=False), tournament(request))
    lines = buf.getvalue().splitlines()
    assert any("everything-on-the-table" in line for line in lines)
    assert max(len(line) for line in lines) <= 80


def test_bad_options_are_named(capsys: Any, tmp_path: Path) -> None:
    for argv, flag in [
        (["--seeds", "0"], "--seeds"),
        (["--protocols", "nope"], "--protocols"),
        (["--strategies", "nope"], "--strategies"),
        (["--strategies", "boulware(zz=1)"], "--strategies"),
        (["--perspectives", "nope"], "--perspectives"),
        (["--plot", str(tmp_path / "x.gif")], "--plot"),
    ]:
        code, _, err = run(capsys, "tournament", MINI, "--seeds", "1", *argv)
        assert code == 2 and flag in err, (argv, err)


def test_specs_split_outside_parentheses() -> None:
    assert split_specs("boulware(e=0.2,x=1), conceder;linear") == (
        "boulware(e=0.2,x=1)",
        "conceder",
        "linear",
    )
    assert split_specs(None) == ()
