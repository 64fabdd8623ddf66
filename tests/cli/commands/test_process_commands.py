"""``accord ripeness`` and ``accord align`` in-process: JSON parses, plots are written, bad input named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from accord.cli.app import main

ROOT = Path(__file__).resolve().parents[3]
MINI = ROOT / "tests" / "data" / "mini.yaml"
FEATURES = str(ROOT / "tests" / "data" / "features.yaml")
TIMELINE = """
timelines:
  - id: slide
    name: A slides
    months: 6
    batna:
      A: [{month: 6, shift: 30}]
"""


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out, out.err


@pytest.fixture
def timed(tmp_path: Path) -> str:
    path = tmp_path / "timed.yaml"
    path.write_text(MINI.read_text(encoding="utf-8") + TIMELINE, encoding="utf-8")
    return str(path)


def test_ripeness_json_has_every_month_and_the_windows(capsys: Any, timed: str) -> None:
    code, out, _ = run(capsys, "ripeness", timed, "--json")
    assert code == 0
    (t,) = json.loads(out)["timelines"]
    months = [m["month"] for m in t["by_month"]]
    assert months == list(range(7))
    flags = [m["zopa"] for m in t["by_month"]]
    assert all(tuple(w) in {(a, b) for a in months for b in months} for w in t["windows"])
    assert sum(b - a + 1 for a, b in t["windows"]) == sum(flags)


def test_ripeness_plot_and_table(capsys: Any, timed: str, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    plot = tmp_path / "r.png"
    code, out, _ = run(capsys, "ripeness", timed, "--plot", str(plot))
    assert code == 0 and plot.stat().st_size > 0
    assert "Months with a ZOPA" in out and "by waiting" in out


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["--timeline", "nope"], "--timeline: no timeline 'nope'; timelines: slide"),
        (["--step", "0"], "--step"),
    ],
)
def test_ripeness_bad_input_is_named_and_writes_nothing(
    capsys: Any, timed: str, tmp_path: Path, argv: list[str], needle: str
) -> None:
    plot = tmp_path / "never.png"
    code, _, err = run(capsys, "ripeness", timed, *argv, "--plot", str(plot))
    assert code != 0 and needle in err
    assert not plot.exists()


def test_align_json_and_plot(capsys: Any, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "align", FEATURES, "M", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["party"] == "M" and [o["profile"] for o in data["options"]] == ["aggregate", "X", "Y"]
    pytest.importorskip("matplotlib")
    plot = tmp_path / "a.svg"
    code, out, _ = run(capsys, "align", FEATURES, "M", "--plot", str(plot))
    assert code == 0 and plot.exists() and "Where they disagree" in out


def test_align_party_without_factions_is_a_clear_error(capsys: Any, tmp_path: Path) -> None:
    plot = tmp_path / "never.png"
    code, _, err = run(capsys, "align", FEATURES, "A", "--plot", str(plot))
    assert code != 0 and "PARTY" in err and "A has no weighted factions" in err and "M" in err
    assert not plot.exists()
