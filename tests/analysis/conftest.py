"""Fixtures shared by the engine tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.io import load_scenario
from accord.space import Space, compile_space

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.yaml"


@pytest.fixture(scope="module")
def mini() -> Space:
    """tests/data/mini.yaml compiled (two parties, two issues, a constraint, red lines)."""
    return compile_space(load_scenario(MINI))
