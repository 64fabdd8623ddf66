"""``accord robustness`` in-process: JSON parses, tables fit, bad input is a clear error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from accord.cli.app import main

ROOT = Path(__file__).resolve().parents[3]
MINI = str(ROOT / "tests" / "data" / "mini.yaml")
SPREAD = str(ROOT / "tests" / "data" / "spread.yaml")


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out, out.err


def test_json_parses_and_matches_the_deterministic_verdicts(capsys: Any) -> None:
    code, out, _ = run(capsys, "robustness", MINI, "--samples", "200", "--seed", "3", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["samples"] == 200 and data["seed"] == 3
    assert data["child_seeds"]["entropy"] == 3
    plans = {p["plan"]: p for p in data["plans"]}
    # mini states no spreads: every probability is the verdict of `accord evaluate`.
    code, out, _ = run(capsys, "evaluate", MINI, "--json")
    for plan in json.loads(out)["plans"]:
        if plan["id"] in plans:
            assert plans[plan["id"]]["all"] == (1.0 if plan["acceptable_to_all"] else 0.0)
    assert data["skipped"][0]["plan"] == "p2@open-army"


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (("--samples", "0"), "--samples"),
        (("--samples", "-5"), "--samples"),
        (("--plans", "nope"), "--plans"),
        (("--dask", "not-an-address"), "--dask"),
        (("--plot", "x.pdf"), "--plot"),
    ],
)
def test_bad_input_names_the_option(capsys: Any, args: tuple[str, ...], flag: str) -> None:
    code, out, err = run(capsys, "robustness", MINI, *args)
    assert code == 2
    assert flag in err and out == ""


def test_plot_writes_a_tornado(capsys: Any, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / "drivers.png"
    code, _, err = run(capsys, "robustness", SPREAD, "--samples", "400", "--plot", str(target))
    assert code == 0 and target.stat().st_size > 0 and "Plot written" in err


def test_plot_without_drivers_is_a_clear_error(capsys: Any, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    code, _, err = run(capsys, "robustness", MINI, "--samples", "50", "--plot", str(tmp_path / "t.png"))
    assert code == 2 and "no driver" in err
