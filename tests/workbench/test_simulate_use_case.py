"""The simulation use case: preconditions read from the scenario, what-ifs of each block, checked terms."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from tests.protocols.reference import acceptable_to, utility

import accord
from accord.io import check_text
from accord.space import SpaceError
from accord.workbench.simulate import ALL, SimulateRequest, preconditions, simulate

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.yaml"


def _mini_with(rules: str) -> accord.model.Scenario:
    report = check_text(MINI.read_text(encoding="utf-8") + rules)
    assert report.ok, report.errors
    assert report.scenario is not None
    return report.scenario


def test_requires_terms_become_the_options_each_issue_is_held_to() -> None:
    s = _mini_with(
        "rules:\n  - {id: p, kind: precondition, holder: [A], condition: first,"
        " requires: [border=old, border=line]}\n"
    )
    (pre,) = preconditions(s)
    assert (pre.id, pre.holder, dict(pre.requires)) == ("p", ("A",), {"border": ("old", "line")})
    out = simulate(SimulateRequest(scenario=s, protocol="alternating-offers", benchmarks=False))
    offered = {e.package[0] for e in out.result.events if e.package is not None}
    assert offered and offered <= {0, 1}  # old, line


def test_an_unknown_term_is_a_validation_error_naming_the_field() -> None:
    text = MINI.read_text(encoding="utf-8") + (
        "rules:\n  - {id: p, kind: precondition, holder: [A], condition: c, requires: [border=nowhere]}\n"
    )
    report = check_text(text)
    assert not report.ok
    assert any("border=nowhere" in e.message for e in report.errors)


def test_each_blocking_precondition_and_all_of_them_are_dropped_in_turn() -> None:
    s = _mini_with(
        "rules:\n"
        "  - {id: p1, kind: precondition, holder: [A], condition: one}\n"
        "  - {id: p2, kind: precondition, holder: [B], condition: two}\n"
    )
    out = simulate(SimulateRequest(scenario=s, benchmarks=False))
    assert out.result.ending == "blocked"
    assert set(out.if_dropped) == {"p1", "p2", ALL}
    assert out.if_dropped["p1"].ending == "blocked" and out.if_dropped["p2"].ending == "blocked"
    assert out.if_dropped[ALL].ending != "blocked"


def test_dropping_an_unknown_precondition_is_an_error_on_drop() -> None:
    with pytest.raises(SpaceError) as err:
        simulate(SimulateRequest(scenario=accord.load("ukraine"), drop=("nosuch",), benchmarks=False))
    assert err.value.field == "drop" and "ua-decree" in str(err.value)


def test_the_distance_to_nash_is_that_to_the_best_product_found_by_listing_every_package() -> None:
    s = accord.load(str(MINI))
    seats = {"A": "everything-on-the-table", "B": "everything-on-the-table"}
    out = simulate(SimulateRequest(scenario=s, protocol="single-text", strategies=seats))
    space, d = out.space, out.result.distances
    best, best_u = 0.0, None
    for package in itertools.product(*(range(len(o)) for o in space.options)):
        if all(acceptable_to(space, p, package) for p in range(len(space.parties))):
            u = utility(space, package)
            if float(np.prod(u - space.batna)) > best:
                best, best_u = float(np.prod(u - space.batna)), u
    assert d is not None and best_u is not None and d.nash is not None
    assert d.nash == pytest.approx(float(np.linalg.norm(out.result.utilities - best_u)))
    assert d.frontier >= 0
