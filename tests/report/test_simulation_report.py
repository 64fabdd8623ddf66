"""The simulation's renderers: JSON whose utilities agree with the space, tables within 80 columns."""

from __future__ import annotations

import json

import numpy as np
import pytest
from rich.console import Console

import accord
from accord.protocols import PROTOCOLS
from accord.report.json import dumps, to_json
from accord.report.terminal.simulation import print_simulation
from accord.workbench.simulate import SimulateRequest, simulate

DROP = ("ua-decree", "ua-summit-preconditions")


@pytest.fixture(scope="module")
def ukraine() -> accord.model.Scenario:
    return accord.load("ukraine")


@pytest.mark.parametrize("protocol", PROTOCOLS.names)
def test_json_events_carry_the_utilities_of_their_terms(
    ukraine: accord.model.Scenario, protocol: str
) -> None:
    out = simulate(
        SimulateRequest(scenario=ukraine, protocol=protocol, drop=DROP, benchmarks=False, deadline=3)
    )
    data = json.loads(dumps(to_json(out)))
    space = out.space
    for e in data["events"]:
        if "terms" in e:
            package = [space.options[i].index(e["terms"][issue]) for i, issue in enumerate(space.issues)]
            expected = [
                sum(space.contrib[i][p, k] for i, k in enumerate(package)) for p in range(len(space.parties))
            ]
            np.testing.assert_allclose([e["utilities"][p] for p in space.parties], expected)
    assert data["ending"] == out.result.ending


def test_the_transcript_table_fits_80_columns(ukraine: accord.model.Scenario) -> None:
    out = simulate(
        SimulateRequest(scenario=ukraine, protocol="proximity", drop=DROP, benchmarks=False, deadline=2)
    )
    console = Console(width=80, record=True, markup=False, highlight=False)
    print_simulation(console, out)
    text = console.export_text()
    table = text[text.index("Transcript") :]
    assert max(len(line) for line in table.splitlines()) <= 80
    assert "AGREED" in table or "BREAKDOWN" in table
