"""``accord simulate``: JSON that parses, clear errors naming the option, an escaped HTML page, a plot."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from accord.cli.app import main
from accord.cli.commands.simulate import parse_strategies

ROOT = Path(__file__).resolve().parents[3]
MINI = str(ROOT / "tests" / "data" / "mini.yaml")


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out, out.err


def test_strategies_split_at_commas_outside_brackets() -> None:
    assert parse_strategies("A=boulware(e=0.2),B=linear") == {"A": "boulware(e=0.2)", "B": "linear"}


@pytest.mark.parametrize(
    ("argv", "field", "needle"),
    [
        (["--strategies", "A=nosuch"], "--strategies", "unknown strategy 'nosuch'"),
        (["--strategies", "A=boulware(f=1)"], "--strategies", "unknown parameter 'f'"),
        (["--strategies", "A"], "--strategies", "takes PARTY=STRATEGY"),
        (["--strategies", "Z=linear"], "--strategies", "no seat Z"),
        (["--protocol", "auction"], "--protocol", "known: proximity, single-text"),
        (["--drop", "nosuch"], "--drop", "no precondition nosuch"),
    ],
)
def test_bad_input_names_the_option(capsys: Any, argv: list[str], field: str, needle: str) -> None:
    code, out, err = run(capsys, "simulate", MINI, *argv)
    assert code == 2
    assert field in err and needle in err
    assert not out


def test_json_holds_the_transcript_and_every_party(capsys: Any) -> None:
    code, out, _ = run(capsys, "simulate", MINI, "--protocol", "alternating-offers", "--seed", "2", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["protocol"] == "alternating-offers" and data["seed"] == 2
    assert [p["party"] for p in data["parties"]] == ["A", "B"]
    assert data["events"][-1]["kind"] in ("agreement", "breakdown")


def test_the_html_transcript_escapes_scenario_text(capsys: Any, tmp_path: Path) -> None:
    text = Path(MINI).read_text(encoding="utf-8")
    evil = tmp_path / "evil.yaml"
    evil.write_text(
        text + "rules:\n  - {id: pre, kind: precondition, holder: [A], condition: '<script>x</script>'}\n",
        encoding="utf-8",
    )
    page = tmp_path / "t.html"
    code, _, err = run(capsys, "simulate", str(evil), "--html", str(page))
    assert code == 0, err
    html = page.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_trajectory_plot_is_written(capsys: Any, tmp_path: Path) -> None:
    plot = tmp_path / "t.png"
    code, _, err = run(capsys, "simulate", MINI, "--protocol", "proximity", "--plot", str(plot))
    assert code == 0, err
    assert plot.stat().st_size > 0
