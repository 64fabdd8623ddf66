"""docs/verdicts.md is generated from the built-in scenario and must be current.

The verdicts of the ``ukraine`` case are documented, not pinned by tests: a
reviewer reads them in docs/verdicts.md, and this test only checks that the file
is what ``scripts/gen_verdicts_docs.py`` writes for the scenario as it stands.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_verdicts_doc_is_current() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import gen_verdicts_docs
    finally:
        sys.path.pop(0)
    current = (ROOT / "docs" / "verdicts.md").read_text(encoding="utf-8")
    assert current == gen_verdicts_docs.render(), (
        "docs/verdicts.md is stale: run python scripts/gen_verdicts_docs.py"
    )
