"""Small builders of domain objects for the model tests."""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType as M
from typing import Any

import pytest

from accord.model import Issue, Option, Party, Perspective, Profile, Role, Scenario


def make_issue(iid: str = "x", opts: tuple[str, ...] = ("a", "b"), **kw: Any) -> Issue:
    return Issue(id=iid, title=iid.upper(), options=tuple(Option(id=o) for o in opts), **kw)


def make_scenario(**kw: Any) -> Scenario:
    base: dict[str, Any] = {
        "id": "s",
        "title": "S",
        "issues": (make_issue(),),
        "parties": (Party(id="A", name="A", role=Role.BELLIGERENT),),
        "perspectives": (Perspective(id="p"),),
        "default_perspective": "p",
    }
    base.update(kw)
    return Scenario(**base)


def make_profile(**kw: Any) -> Profile:
    base: dict[str, Any] = {
        "party": "A",
        "perspective": "p",
        "weights": M({"x": 1.0}),
        "values": M({"x": M({"a": 100.0, "b": 0.0})}),
        "batna": 50.0,
        "rationale": "test",
    }
    base.update(kw)
    return Profile(**base)


@pytest.fixture
def issue() -> Callable[..., Issue]:
    return make_issue


@pytest.fixture
def scenario() -> Callable[..., Scenario]:
    return make_scenario


@pytest.fixture
def profile() -> Callable[..., Profile]:
    return make_profile
