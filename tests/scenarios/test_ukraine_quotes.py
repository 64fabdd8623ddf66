"""Every quote in ``ukraine`` occurs in its source file, where the quote says.

The essays live in ``shared/seeds/`` and the plans digest in ``shared/plans.md``
(``ACCORD_SHARED``, default ``../shared`` next to the repository). The test reads
them directly, independently of ``accord validate --sources``: a quote must occur
verbatim (after folding whitespace and typographic quotes and dashes) in the
paragraph (``para N``: the N-th non-empty line of an essay) or section (``§N`` of
plans.md) it names. Every profile whose rationale cites an essay carries quotes.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest

from accord.model import Scenario
from accord.model.quotes import iter_quotes
from accord.scenarios import load_builtin

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("ACCORD_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
MARKS = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).translate(MARKS).split())


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_builtin("ukraine")


@pytest.fixture(scope="module")
def files(scenario: Scenario) -> dict[str, Path]:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} not found: set ACCORD_SHARED to the shared directory with seeds/ and plans.md")
    return {s.id: (SEEDS / s.file).resolve() for s in scenario.sources if s.file}


def paragraphs(path: Path) -> list[str]:
    return [plain(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def sections(path: Path) -> dict[str, str]:
    parts = re.split(r"^## (\d+)\.", path.read_text(encoding="utf-8"), flags=re.M)
    return {parts[i]: plain(parts[i + 1]) for i in range(1, len(parts), 2)}


def test_there_are_quotes_and_every_source_file_exists(scenario: Scenario, files: dict[str, Path]) -> None:
    quotes = list(iter_quotes(scenario))
    assert len(quotes) >= 40
    for key, path in files.items():
        assert path.is_file(), f"source {key}: {path} missing"


def test_every_quote_occurs_where_it_says(scenario: Scenario, files: dict[str, Path]) -> None:
    problems = []
    for path, quote in iter_quotes(scenario):
        where = f"{'.'.join(map(str, path))} ({quote.source})"
        if quote.source not in files:
            problems.append(f"{where}: source has no file")
            continue
        text, file = plain(quote.text), files[quote.source]
        if m := re.fullmatch(r"para (\d+)", quote.where):
            paras = paragraphs(file)
            n = int(m.group(1))
            ok = 1 <= n <= len(paras) and text in paras[n - 1]
        elif m := re.fullmatch(r"§(\d+)", quote.where):
            ok = text in sections(file).get(m.group(1), "")
        else:
            problems.append(f"{where}: 'where' must be 'para N' or '§N', got {quote.where!r}")
            continue
        if not ok:
            problems.append(f"{where}: {quote.text!r} not in {file.name} {quote.where}")
    assert not problems, "\n".join(problems)


def test_every_profile_citing_an_essay_quotes_it(scenario: Scenario, files: dict[str, Path]) -> None:
    essays = {key for key, path in files.items() if re.fullmatch(r"\d{3}_[0-9a-f]{16}\.txt", path.name)}
    for prof in scenario.profiles:
        cited = {k.strip() for group in re.findall(r"\[([^\]]+)\]", prof.rationale) for k in group.split(",")}
        quoted = {q.source for q in prof.quotes}
        missing = (cited & essays) - quoted
        assert not missing, f"{prof.holder}@{prof.perspective} cites {sorted(missing)} without quoting them"
        assert all(q.claim for q in prof.quotes), (
            f"{prof.holder}@{prof.perspective}: a quote without its claim"
        )
