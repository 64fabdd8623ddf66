"""accord.provenance: the record every result carries of how it was obtained."""

from __future__ import annotations

import dataclasses

import pytest

from accord.provenance import STATUSES, Provenance


def test_provenance_is_frozen_and_its_parameters_read_only() -> None:
    given = {"time_limit": 1.0}
    prov = Provenance(algorithm="a", citation="c", parameters=given)
    given["time_limit"] = 99.0  # the caller's dict is copied, not kept
    assert prov.parameters["time_limit"] == 1.0
    with pytest.raises(TypeError):
        prov.parameters["x"] = 1  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        prov.algorithm = "b"  # type: ignore[misc]


def test_timed_sets_only_the_seconds() -> None:
    prov = Provenance(algorithm="a", citation="c", seed=3, exact=False, gap=0.5)
    later = prov.timed(2.0)
    assert later.seconds == 2.0 and prov.seconds == 0.0
    assert dataclasses.replace(later, seconds=0.0) == prov


def test_statuses_are_the_documented_four() -> None:
    assert STATUSES == ("ok", "infeasible", "no_zopa", "limit")
