"""Scenarios shared by the workbench tests."""

from __future__ import annotations

from pathlib import Path

import pytest

import accord
from accord.model import Scenario

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.yaml"


@pytest.fixture(scope="session")
def mini() -> Scenario:
    return accord.load(str(MINI))


@pytest.fixture(scope="session")
def unsure(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    """mini.yaml with B's estimate unsure by 8 + 5 points (B's surplus of 10 in p1 amended is fragile)."""
    text = MINI.read_text(encoding="utf-8")
    changed = text.replace("    batna: 40\n", "    batna: 40\n    spread: {values: 8, batna: 5}\n")
    assert changed != text
    path = tmp_path_factory.mktemp("unsure") / "unsure.yaml"
    path.write_text(changed, encoding="utf-8")
    return accord.load(str(path))
