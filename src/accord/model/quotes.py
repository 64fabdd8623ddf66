"""Quotes: short verbatim passages that back a claim, checked against the source files.

Any element that cites sources may carry ``quotes`` (:class:`accord.model.Quote`).
:func:`check_quotes` checks, for every quote whose source declares a ``file``,
that the quoted text occurs in that file once both are normalised by
:func:`normalise_quote_text` (whitespace, quote marks and dashes, so that a
quote typed with straight quotes matches a source set with curly ones). The
function is pure: the caller supplies the reader of the files.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator

from accord.model.elements import Quote
from accord.model.parts import ScenarioParts
from accord.model.problems import Path, Problem

_QUOTED = (
    "parties",
    "tables",
    "tracks",
    "phases",
    "rules",
    "issues",
    "constraints",
    "perspectives",
    "profiles",
    "plans",
    "offers",
)
_NESTED = {"issues": "options", "profiles": "red_lines", "plans": "readings"}


def iter_quotes(s: ScenarioParts) -> Iterator[tuple[Path, Quote]]:
    """Every quote in ``s`` with its path: ``("plans", 3, "quotes", 0)``, ``("sources", KEY, ...)``."""
    for src in s.sources:
        for j, q in enumerate(src.quotes):
            yield ("sources", src.id, "quotes", j), q
    for coll in _QUOTED:
        for k, item in enumerate(getattr(s, coll)):
            for j, q in enumerate(item.quotes):
                yield (coll, k, "quotes", j), q
            inner = _NESTED.get(coll)
            for m, sub in enumerate(getattr(item, inner) if inner else ()):
                for j, q in enumerate(sub.quotes):
                    yield (coll, k, inner, m, "quotes", j), q  # type: ignore[misc]


_QUOTE_MARKS = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        "\u2026": "...",
        "\u00ad": None,
    }
)


def normalise_quote_text(text: str) -> str:
    """Text as quotes are compared: NFKC, typographic quotes and dashes made plain, whitespace folded.

    Steps: Unicode NFKC (so a non-breaking space is a space and ligatures are
    letters); curly single quotes, primes and backticks become ``'``; curly and
    angle double quotes become ``"``; hyphens, en and em dashes and the minus sign
    become ``-``; an ellipsis character becomes ``...``; soft hyphens go; every
    run of whitespace (line breaks included) becomes one space. Case is kept.
    """
    flat = unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS)
    return " ".join(flat.split())


def check_quotes(s: ScenarioParts, read_text: Callable[[str], str]) -> tuple[Problem, ...]:
    """Every quote whose source declares a ``file`` and whose text does not occur in it.

    ``read_text(file)`` returns the file's text (raising ``OSError`` when it cannot);
    both sides are compared after :func:`normalise_quote_text`. Quotes of sources
    without a file are not checked.
    """
    files = {src.id: src.file for src in s.sources if src.file}
    texts: dict[str, str | OSError] = {}
    out: list[Problem] = []
    for path, quote in iter_quotes(s):
        name = files.get(quote.source)
        if name is None:
            continue
        if name not in texts:
            try:
                texts[name] = normalise_quote_text(read_text(name))
            except OSError as exc:
                texts[name] = exc
        body = texts[name]
        if isinstance(body, OSError):
            out.append(
                Problem(
                    path=path + ("source",),
                    message=f"cannot read {name} (the file of source {quote.source!r}): "
                    f"{body.strerror or body}",
                    hint="give the directory of the source files with --sources DIR",
                )
            )
        elif normalise_quote_text(quote.text) not in body:
            shown = quote.text if len(quote.text) <= 60 else quote.text[:57] + "..."
            out.append(
                Problem(
                    path=path + ("text",),
                    message=f"quote not found in {name} (source {quote.source!r}): {shown!r}",
                    hint="quote the source verbatim; whitespace, quote marks and dashes are normalised "
                    "(docs/format.md, 'Quotes')",
                )
            )
    return tuple(out)
