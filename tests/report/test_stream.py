"""Streamed frontier output: the compact document equals the dict serializer's, JSON Lines carry the same."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import accord
from accord.report.json import dumps, to_json
from accord.report.stream import CHUNK, frontier_chunks, frontier_lines, write_json, write_jsonl
from accord.workbench import records as rec
from accord.workbench import search

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.yaml"


@pytest.fixture(scope="module")
def ukraine_frontier() -> rec.FrontierOutcome:
    """A frontier with several hundred points (more than one chunk) and non-ASCII-free ids."""
    s = accord.load("ukraine")
    return search.frontier(rec.FrontierRequest(scenario=s, parties=("UA", "RU")))


def _jsonl(outcome: rec.FrontierOutcome) -> list[dict[str, Any]]:
    text = "".join(frontier_lines(outcome))
    assert text.endswith("\n") and "\n\n" not in text
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize("which", ["mini", "ukraine"])
def test_streamed_document_is_the_compact_dump(
    outcomes: dict[str, Any], ukraine_frontier: Any, which: str
) -> None:
    outcome = outcomes["frontier"] if which == "mini" else ukraine_frontier
    text = "".join(frontier_chunks(outcome))
    assert text == dumps(to_json(outcome))
    assert json.loads(text) == to_json(outcome)
    if which == "ukraine":
        assert len(outcome.result) > CHUNK  # the chunk joins are exercised


def test_json_lines_carry_the_document(ukraine_frontier: Any) -> None:
    doc = to_json(ukraine_frontier)
    assert isinstance(doc, dict)
    lines = _jsonl(ukraine_frontier)
    head, points, tail = lines[0], lines[1:-1], lines[-1]
    assert head["kind"] == "header" and tail["kind"] == "summary"
    assert all(p.pop("kind") == "point" for p in points)
    assert points == doc["points"]
    assert tail["count"] == len(points) == len(ukraine_frontier.result)
    rest = {k: v for k, v in doc.items() if k != "points"}
    merged = {k: v for k, v in {**head, **tail}.items() if k not in ("kind", "count")}
    assert merged == rest


def test_floats_keep_full_precision(ukraine_frontier: Any) -> None:
    res = ukraine_frontier.result
    points = _jsonl(ukraine_frontier)[1:-1]
    got = [[p["utilities"][party] for party in res.parties] for p in points]
    assert got == res.utilities.tolist()  # exact equality: repr round-trips


def test_empty_frontier_streams(outcomes: dict[str, Any]) -> None:
    s = accord.load(str(MINI))
    outcome = search.frontier(rec.FrontierRequest(scenario=s, fixes={"border": "new"}))
    assert len(outcome.result) == 0
    assert "".join(frontier_chunks(outcome)) == dumps(to_json(outcome))
    lines = _jsonl(outcome)
    assert [x["kind"] for x in lines] == ["header", "summary"] and lines[1]["count"] == 0


def test_writers_pick_the_form(outcomes: dict[str, Any]) -> None:
    for kind in ("frontier", "solution"):
        out, pretty = io.StringIO(), io.StringIO()
        write_json(outcomes[kind], out)
        write_json(outcomes[kind], pretty, pretty=True)
        assert "\n" not in out.getvalue().rstrip("\n") and "\n  " in pretty.getvalue()
        assert json.loads(out.getvalue()) == json.loads(pretty.getvalue()) == to_json(outcomes[kind])
    out = io.StringIO()
    write_jsonl(outcomes["frontier"], out)
    assert len(out.getvalue().splitlines()) == len(outcomes["frontier"].result) + 2


def test_table_and_json_lines_say_the_same(ukraine_frontier: Any) -> None:
    from accord.report.views import TableView
    from accord.report.views import search as views

    res, space = ukraine_frontier.result, ukraine_frontier.space
    blocks = views.frontier(ukraine_frontier, show=len(res), width=10_000)
    table = next(b for b in blocks if isinstance(b, TableView))
    points = _jsonl(ukraine_frontier)[1:-1]
    assert len(table.rows) == len(points)
    issues = [c.header for c in table.columns[2 + len(space.parties) :]]
    assert issues and set(issues) <= set(space.issues)
    for row, point in zip(table.rows, points, strict=True):
        assert list(row[1 : 1 + len(space.parties)]) == [
            f"{point['utilities'][p]:.1f}" for p in space.parties
        ]
        assert list(row[2 + len(space.parties) :]) == [point["package"][i] for i in issues]


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_a_utility_is_written_as_the_json_encoder_writes_it(u: float) -> None:
    """The frontier writer's shortcut for numbers equals ``json.dumps(num(u))`` for every float."""
    from accord.report.json import num
    from accord.report.stream import _number

    assert _number(u) == json.dumps(num(u))
    assert json.loads(_number(u)) == num(u)
