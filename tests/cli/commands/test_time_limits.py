"""``--time-limit`` on a hard instance: every command stops, says why it is not exact, and its JSON parses.

The instance is a 5 x 5 grid of if/then links over 25 issues of 5 options, 3
parties (the shape of issue #10's grid, drawn here). No speed is claimed: the
bound on the wall time is ten times the limit, so that a command that ignored
the limit (the frontier alone takes seconds here) fails while a slow machine
does not.
"""

from __future__ import annotations

import io
import json
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from rich.console import Console

import accord
from accord.cli.app import main
from accord.report.json import to_json
from accord.report.terminal import render
from accord.report.views.search import frontier as frontier_view
from accord.report.views.search import zopa as zopa_view
from accord.workbench import records as rec
from accord.workbench import search

LIMIT = 0.3
BOUND = 10 * LIMIT


def grid_scenario(
    rows: int = 5, cols: int = 5, parties: int = 3, options: int = 5, seed: int = 1
) -> dict[str, Any]:
    """A random scenario whose issues form a grid of if/then links (each to its right and lower neighbour)."""
    rng = np.random.default_rng(seed)
    issues = [f"i{k}" for k in range(rows * cols)]
    opts = [f"o{k}" for k in range(options)]
    pids = [f"P{k}" for k in range(parties)]
    links = [(r * cols + c, r * cols + c + 1) for r in range(rows) for c in range(cols - 1)]
    links += [(r * cols + c, (r + 1) * cols + c) for r in range(rows - 1) for c in range(cols)]
    constraints = [
        {
            "if": {issues[a]: opts[int(rng.integers(options))]},
            "then": {issues[b]: opts[int(rng.integers(options))]},
        }
        for a, b in links
    ]
    profiles = [
        {
            "party": p,
            "perspective": "base",
            "weights": {i: float(w) for i, w in zip(issues, rng.random(len(issues)) + 0.1, strict=True)},
            "values": {i: {o: float(100 * rng.random()) for o in opts} for i in issues},
            "batna": 30.0,
        }
        for p in pids
    ]
    return {
        "accord": 1,
        "id": "grid",
        "title": "A 5 x 5 grid of linked issues",
        "parties": [{"id": p, "name": p, "role": "belligerent"} for p in pids],
        "issues": [{"id": i, "title": i, "options": [{"id": o, "label": o} for o in opts]} for i in issues],
        "constraints": constraints,
        "perspectives": [{"id": "base", "name": "Baseline"}],
        "profiles": profiles,
        "plans": [{"id": "p0", "title": "First options", "terms": {i: opts[0] for i in issues}}],
    }


@pytest.fixture(scope="module")
def grid_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("limits") / "grid.json"
    path.write_text(json.dumps(grid_scenario()), encoding="utf-8")
    return path


COMMANDS = [
    ["frontier"],
    ["solve", "--solution", "nash"],
    ["solve", "--solution", "ks"],
    ["solve", "--solution", "egalitarian"],
    ["solve", "--solution", "utilitarian"],
    ["zopa"],
    ["amend", "p0"],
    ["linkage"],
]


def _exact(doc: dict[str, Any]) -> bool:
    if "exact" in doc:
        return bool(doc["exact"])
    if isinstance(doc.get("best"), dict):
        return bool(doc["best"]["exact"]) and doc.get("counting") == "exact"
    return bool(doc["provenance"]["exact"]) if "provenance" in doc else True


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(x for x in c if x != "PLACE"))
def test_a_tiny_limit_stops_the_command_and_says_why(
    capsys: Any, grid_file: Path, command: list[str]
) -> None:
    argv = [command[0], str(grid_file), *(c for c in command[1:] if c != "PLACE"), "--time-limit", str(LIMIT)]
    t0 = time.perf_counter()
    code = main([*argv, "--json"])
    elapsed = time.perf_counter() - t0
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "Traceback" not in out.out + out.err
    assert elapsed < BOUND
    doc = json.loads(out.out)
    if not _exact(doc):  # stopped by the limit: the reason is said, not left to guess
        reasons = [doc.get("note", ""), doc.get("status", "")]
        assert any(r and r != "ok" for r in reasons), doc.get("status")


def test_the_frontier_is_stopped_and_the_table_says_what_the_json_says(grid_file: Path) -> None:
    s = accord.load(str(grid_file))
    t0 = time.perf_counter()
    outcome = search.frontier(rec.FrontierRequest(scenario=s, time_limit=LIMIT))
    assert time.perf_counter() - t0 < BOUND
    doc = to_json(outcome)
    assert isinstance(doc, dict)
    assert doc["exact"] is False and doc["status"] == "limit" and "time limit" in doc["note"]
    assert len(doc["points"]) == len(outcome.result)
    table = _text(frontier_view(outcome, show=5))
    assert f"{len(doc['points'])} packages (not exact)" in table
    assert " ".join(doc["note"].split()[:6]) in " ".join(table.split())


def test_zopa_out_of_time_says_its_size_was_not_computed(grid_file: Path) -> None:
    s = accord.load(str(grid_file))
    outcome = search.zopa(rec.ZopaRequest(scenario=s, time_limit=0.0))
    doc = to_json(outcome)
    assert isinstance(doc, dict)
    assert doc["counting"] == "not computed"
    assert doc["count"] is None and doc["share"] is None and doc["n_feasible"] is None
    assert "not computed" in doc["note"] and "time limit" in doc["note"]
    table = " ".join(_text(zopa_view(outcome)).split())
    assert " ".join(doc["note"].split()) in table


def _text(view: Any) -> str:
    buf = io.StringIO()
    render(Console(file=buf, width=200, no_color=True, highlight=False), view)
    return buf.getvalue()


def test_the_limit_counts_from_the_command_start() -> None:
    from accord.cli.options import engine_limit, start_clock

    assert engine_limit(5.0) == 5.0 and engine_limit(None) is None  # outside a command: unchanged
    start_clock()
    try:
        time.sleep(0.05)
        left = engine_limit(5.0)
        assert left is not None and 0.0 < left <= 5.0 - 0.05
        assert engine_limit(0.01) == 0.0  # never negative
    finally:
        start_clock(on=False)
    assert engine_limit(5.0) == 5.0
