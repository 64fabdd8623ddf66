"""Golden transcripts: each protocol on ``ukraine`` (seed 0, preconditions dropped) gives exactly the
stored transcript. Regenerate after a deliberate change with ``python scripts/gen_golden_transcripts.py``."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from accord.protocols import PROTOCOLS

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"


def _generator() -> object:
    spec = importlib.util.spec_from_file_location(
        "gen_golden_transcripts", ROOT / "scripts" / "gen_golden_transcripts.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("protocol", PROTOCOLS.names)
def test_the_transcript_matches_the_golden_file(protocol: str) -> None:
    expected = json.loads((GOLDEN / f"{protocol}.json").read_text(encoding="utf-8"))
    actual = json.loads(json.dumps(_generator().transcript(protocol)))  # type: ignore[attr-defined]
    assert actual["events"] == expected["events"]
    assert actual == expected
