"""The app as a whole: version, clean errors, JSON from every command, documented commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer

import accord
from accord.cli.app import app, command_names, main

ROOT = Path(__file__).resolve().parents[2]
MINI = str(ROOT / "tests" / "data" / "mini.yaml")


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out, out.err


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["evaluate", "no-such-scenario"], "no built-in scenario or file"),
        (["evaluate", MINI, "--plan", "zz"], "no plan 'zz'"),
        (["evaluate", MINI, "--perspective", "zz"], "unknown perspective 'zz'"),
        (["evaluate", MINI, "--parties", "A,Z"], "unknown party 'Z'"),
        (["evaluate", MINI, "--bogus"], "No such option"),
        (["validate", "/no/such/file.yaml"], "no such file"),
    ],
)
def test_bad_input_gets_one_clear_error(capsys: Any, argv: list[str], needle: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code in (1, 2)
    assert needle in out + err
    assert "internal error" not in err


def test_version(capsys: Any) -> None:
    from accord import __version__

    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.strip() == f"accord {__version__}"


# -- JSON from every command ------------------------------------------------------------


def _commands() -> dict[str, Any]:
    """The app's commands as Typer builds them (Typer vendors its own click)."""
    group: Any = typer.main.get_command(app)
    return dict(group.commands)


def _json_commands() -> list[Any]:
    return [c for c in _commands().values() if any("--json" in p.opts for p in c.params)]


def _argv(command: Any, scenario: str, tmp: Path) -> list[str] | None:
    """The command's arguments filled in for ``scenario`` (for PLAN its first plan whose terms
    each name one option: ``amend`` asks for a listed form to be held first; ``import`` reads
    what ``export``, registered before it, wrote into ``tmp``; for PARTY its first party with
    weighted factions, None when it has none). ``ripeness`` runs one timeline at a few months
    (each month re-solves the ZOPA and the Nash solution)."""
    if command.name == "export":
        return ["export", scenario, "--out", str(tmp / "genius"), "--force", "--json"]
    if command.name == "tournament":  # one small cell: the full default grid takes minutes on ukraine
        return [
            "tournament",
            scenario,
            "--seeds",
            "1",
            "--protocols",
            "single-text",
            "--strategies",
            "linear",
            "--json",
        ]
    if command.name == "import":
        return ["import", str(tmp / "genius"), "--out", str(tmp / "imported.yaml"), "--force", "--json"]
    argv = [str(command.name)]
    for param in command.params:
        if not isinstance(param, typer.core.TyperArgument):
            continue
        if param.name == "plan":
            plans = accord.load(scenario).plans
            argv.append(next(p.id for p in plans if all(isinstance(v, str) for v in p.terms.values())))
        elif param.name == "party":
            parties = [p.id for p in accord.load(scenario).parties if any(f.weight for f in p.factions)]
            if not parties:
                return None
            argv.append(parties[0])
        else:
            argv.append(scenario)
    if command.name == "draft":
        argv += ["--plan", accord.load(scenario).plans[0].id]
    if command.name == "ripeness" and accord.load(scenario).timelines:
        argv += ["--timeline", accord.load(scenario).timelines[0].id, "--step", "1000"]
    return [*argv, "--json"]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("init") / "template.yaml"
    assert main(["init", str(path)]) == 0
    return str(path)


def test_the_json_commands_are_found() -> None:
    names = {c.name for c in _json_commands()}
    # The list comes from the app; this only checks the discovery finds what it must.
    assert {
        "scenarios",
        "show",
        "evaluate",
        "compare",
        "validate",
        "frontier",
        "solve",
        "zopa",
        "amend",
    } <= names
    assert "init" not in names and "schema" not in names


@pytest.mark.parametrize("which", ["mini", "template", "ukraine"])
def test_every_json_command_prints_json(capsys: Any, template: str, which: str, tmp_path: Path) -> None:
    scenario = {"mini": MINI, "template": template, "ukraine": "ukraine"}[which]
    capsys.readouterr()
    for command in _json_commands():
        argv = _argv(command, scenario, tmp_path)
        if argv is None:  # align on a scenario without factions: tests/cli/commands cover its error
            continue
        code, out, err = run(capsys, *argv)
        assert code == 0, (argv, err)
        data = json.loads(out)
        assert isinstance(data, dict | list), argv


def test_solve_lotteries_json_is_pure_json() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "accord.cli", "solve", MINI, "--lotteries", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    json.loads(proc.stdout)


# -- the app --------------------------------------------------------------------------------


def test_command_names_are_unique_and_complete() -> None:
    names = command_names()
    assert len(names) == len(set(names))
    assert set(names) == set(_commands())


def test_every_command_is_in_the_reference() -> None:
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = [n for n in command_names() if f"## accord {n}\n" not in reference]
    assert not missing, f"docs/cli.md lacks {missing}: run python scripts/gen_cli_docs.py"


def test_help_loads_no_engine_or_plotting() -> None:
    code = (
        "import sys\n"
        "from accord.cli.app import main\n"
        "main(['--help'])\n"
        "heavy = ('numpy', 'scipy', 'highspy', 'matplotlib', 'pydantic',\n"
        "         'accord.analysis', 'accord.workbench')\n"
        # The solver registry is data (its entries are imported on first use): the
        # --solution choices come from it, so it and its lazy package may load.
        "light = ('accord.analysis', 'accord.analysis.registry')\n"
        "loaded = [m for m in sys.modules if m.startswith(heavy) and m not in light]\n"
        "print('LOADED:' + ','.join(sorted(loaded)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "LOADED:", out.stdout


# -- conventions -------------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["-h"], ["evaluate", "-h"], ["amend", "-h"], ["validate", "-h"]])
def test_dash_h_is_help(capsys: Any, argv: list[str]) -> None:
    code, out, _ = run(capsys, *argv)
    assert code == 0 and out.startswith("Usage: accord") and "-h, --help" in out


def _subprocess(code: str, *argv: str, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", code, *argv], stderr=subprocess.PIPE, check=False, timeout=300, **kwargs
    )


def test_a_closed_pipe_exits_quietly() -> None:
    # The reader is gone before accord writes a byte, as in `accord compare ukraine | head -1`
    # once head has read its line.
    import os

    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = _subprocess("from accord.cli.app import main; main()", "compare", MINI, stdout=write_end)
    finally:
        os.close(write_end)
    err = done.stderr.decode()
    assert "Traceback" not in err and "Exception ignored" not in err and "Error" not in err
    assert done.returncode in (0, 1)


def test_plot_without_matplotlib_fails_before_any_work(tmp_path: Path) -> None:
    script = (
        "import sys; sys.modules['matplotlib'] = None\n"
        "import accord.workbench.search as search\n"
        "def boom(*a, **k): raise SystemExit('the search ran')\n"
        "search.frontier = search.solve = search.zopa = search.amend = boom\n"
        "from accord.cli.app import main; main()"
    )
    for command in (["frontier", MINI], ["solve", MINI], ["zopa", MINI], ["amend", MINI, "p1"]):
        done = _subprocess(script, *command, "--plot", str(tmp_path / "f.png"), stdout=subprocess.PIPE)
        err = done.stderr.decode()
        assert done.returncode == 2, err
        assert (
            "error: --plot: needs matplotlib: pip install 'accord[plot]'" in err
            and "the search ran" not in err
        )
        assert done.stdout == b""
