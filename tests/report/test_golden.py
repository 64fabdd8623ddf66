"""Golden terminal outputs at 60, 80 and 120 columns, and layout invariants at every width.

The golden files (``tests/report/golden/*.txt``) are what a person sees on a
terminal of that width for each command on the ``accord init`` template and on
mini.yaml (and ``compare ukraine`` at 80). Regenerate them after a deliberate
change and review the diff::

    ACCORD_UPDATE_GOLDEN=1 python -m pytest tests/report/test_golden.py
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

import accord
from accord.io import check_text
from accord.model import Scenario
from accord.report.terminal import evaluation as tev
from accord.report.terminal import scenario as tsc
from accord.report.terminal import search as tse
from accord.workbench import evaluation, scenario, search
from accord.workbench import records as r

GOLDEN = Path(__file__).resolve().parent / "golden"
MINI = Path(__file__).resolve().parents[1] / "data" / "mini.yaml"
UPDATE = bool(os.environ.get("ACCORD_UPDATE_GOLDEN"))


@cache
def _scenario(name: str) -> Scenario:
    if name == "template":
        text = (resources.files("accord") / "io" / "template.yaml").read_text(encoding="utf-8")
        s = check_text(text, name="template.yaml").scenario
        assert s is not None
        return s
    return accord.load(str(MINI) if name == "mini" else name)


@cache
def _outcome(name: str, command: str) -> Any:
    """One command's outcome on scenario ``name`` (computed once; rendering is what varies).

    Only the command asked for runs: ``ukraine`` is rendered for ``compare`` alone, and its
    last plan lists forms of some issues, which ``amend`` asks to have held first.
    """
    s = _scenario(name)
    plan = s.plans[-1].id
    runs: dict[str, Callable[[], Any]] = {
        "show": lambda: scenario.ScenarioOutcome(scenario=s),
        "evaluate": lambda: evaluation.evaluate(evaluation.EvaluateRequest(scenario=s)),
        "compare": lambda: evaluation.compare(evaluation.CompareRequest(scenario=s)),
        "frontier": lambda: search.frontier(r.FrontierRequest(scenario=s)),
        "solve": lambda: search.solve(r.SolveRequest(scenario=s)),
        "zopa": lambda: search.zopa(r.ZopaRequest(scenario=s)),
        "amend": lambda: search.amend(r.AmendRequest(scenario=s, plan=plan)),
    }
    return runs[command]()


PRINTERS: dict[str, Callable[[Console, Any], None]] = {
    "show": tsc.print_scenario,
    "evaluate": tev.print_evaluation,
    "compare": tev.print_comparison,
    "frontier": tse.print_frontier,
    "solve": tse.print_solution,
    "zopa": tse.print_zopa,
    "amend": tse.print_amendment,
}


def render(name: str, command: str, width: int) -> str:
    """What ``accord COMMAND NAME`` prints on a terminal ``width`` columns wide (no colours)."""
    buf = io.StringIO()
    console = Console(file=buf, width=width, no_color=True, highlight=False, markup=False, color_system=None)
    PRINTERS[command](console, _outcome(name, command))
    return buf.getvalue()


CASES = [(n, c, w) for n in ("template", "mini") for c in PRINTERS for w in (60, 80, 120)]
CASES.append(("ukraine", "compare", 80))


@pytest.mark.parametrize(("name", "command", "width"), CASES)
def test_golden_output(name: str, command: str, width: int) -> None:
    path = GOLDEN / f"{command}-{name}-{width}.txt"
    got = render(name, command, width)
    if UPDATE:
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with ACCORD_UPDATE_GOLDEN=1"
    assert got == path.read_text(encoding="utf-8")


def _ids(s: Scenario, command: str) -> set[str]:
    """Every plan (and reading) id and party id; ``show`` lists readings by their own id."""
    if command == "show":
        readings = {rd.id for p in s.plans for rd in p.readings}
    else:
        readings = {f"{p.id}@{rd.id}" for p in s.plans for rd in p.readings}
    outcome = _outcome(_name(s), command)
    parties = outcome.evaluation.parties if command in {"evaluate", "compare"} else [p.id for p in s.parties]
    return {p.id for p in s.plans} | readings | set(parties)


def _name(s: Scenario) -> str:
    return "mini" if s.id == "mini" else "template"


@pytest.mark.parametrize("name", ["template", "mini"])
@pytest.mark.parametrize("command", list(PRINTERS))
def test_no_line_exceeds_the_width_and_ids_appear_in_full(name: str, command: str) -> None:
    s = _scenario(name)
    for width in range(40, 161, 3):
        out = render(name, command, width)
        assert max(len(x) for x in out.splitlines()) <= width, (command, width)
        words = set(out.replace(",", " ").replace(":", " ").replace("(", " ").replace(")", " ").split())
        ids = _ids(s, command)
        present = {i for i in ids if i in words}
        if command in {"evaluate", "compare", "show"}:  # they list every plan and party
            assert present == ids, (command, width, ids - present)
        else:  # searches list every party
            assert set(_party_ids(command, name)) <= present, (command, width)


def _party_ids(command: str, name: str) -> tuple[str, ...]:
    outcome = _outcome(name, command)
    return tuple(outcome.space.parties)
