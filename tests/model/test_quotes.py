"""Quotes: normalisation, the walk over every element that may carry quotes, the check."""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType as M

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.model import (
    Constraint,
    Issue,
    ModelError,
    Option,
    Plan,
    Quote,
    Reading,
    RedLine,
    Scenario,
    Source,
)
from accord.model.checks import check_quotes, iter_quotes, normalise_quote_text

TEXT = "The parties agreed \u201cto  meet\u201d\nin Istanbul \u2014 soon\u2026 Neutral\u00a0status."


def reader(files: dict[str, str]) -> Callable[[str], str]:
    def read(name: str) -> str:
        if name not in files:
            raise FileNotFoundError(2, "No such file or directory")
        return files[name]

    return read


@pytest.mark.parametrize(
    "quote",
    [
        '"to meet" in Istanbul - soon...',
        "\u201cto meet\u201d in   Istanbul \u2013 soon",
        "Neutral status.",
        "agreed \u201cto meet\u201d",
    ],
)
def test_typography_and_whitespace_do_not_decide_a_match(quote: str) -> None:
    assert normalise_quote_text(quote) in normalise_quote_text(TEXT)


@pytest.mark.parametrize("quote", ["to meet in Istanbul", "the parties agreed", "Istanbul, soon"])
def test_words_case_and_punctuation_other_than_quotes_and_dashes_still_count(quote: str) -> None:
    assert normalise_quote_text(quote) not in normalise_quote_text(TEXT)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_normalisation_is_idempotent_and_folds_whitespace(text: str) -> None:
    once = normalise_quote_text(text)
    assert normalise_quote_text(once) == once
    assert "  " not in once and once == once.strip()


def test_a_quote_needs_text_and_a_source_id() -> None:
    with pytest.raises(ModelError, match="verbatim"):
        Quote(source="s", text="  ")
    with pytest.raises(ModelError, match="not a valid id"):
        Quote(source="a b", text="x")


def quoted(text: str) -> tuple[Quote, ...]:
    return (Quote(source="doc", text=text, where="p. 1", claim="c"),)


def test_every_element_that_cites_sources_is_walked_and_checked(scenario: Callable[..., Scenario]) -> None:
    good, bad = "in Istanbul", "in Ankara"
    issue = Issue(
        id="x", title="X", options=(Option(id="a", quotes=quoted(bad)), Option(id="b")), quotes=quoted(good)
    )
    s = scenario(
        issues=(issue,),
        sources=(
            Source(id="doc", title="Doc", file="doc.txt", quotes=quoted(bad)),
            Source(id="nofile", title="N"),
        ),
        constraints=(Constraint(id="c", kind="excludes", if_=M({"x": ("a",)}), quotes=quoted(bad)),),
        plans=(
            Plan(
                id="p",
                title="P",
                terms=M({"x": "a"}),
                quotes=(Quote(source="nofile", text="unchecked"),),
                readings=(Reading(id="r", terms=M({"x": "b"}), quotes=quoted(bad)),),
            ),
        ),
    )
    paths = [p for p, _ in iter_quotes(s)]
    assert ("issues", 0, "quotes", 0) in paths and ("issues", 0, "options", 0, "quotes", 0) in paths
    assert ("plans", 0, "readings", 0, "quotes", 0) in paths and ("sources", "doc", "quotes", 0) in paths
    problems = check_quotes(s, reader({"doc.txt": TEXT}))
    assert sorted(p.path for p in problems) == sorted(
        [
            ("sources", "doc", "quotes", 0, "text"),
            ("issues", 0, "options", 0, "quotes", 0, "text"),
            ("constraints", 0, "quotes", 0, "text"),
            ("plans", 0, "readings", 0, "quotes", 0, "text"),
        ]
    )
    assert all("quote not found in doc.txt (source 'doc')" in p.message for p in problems)
    missing = check_quotes(s, reader({}))
    assert missing and all("cannot read doc.txt" in p.message and p.path[-1] == "source" for p in missing)


def test_red_lines_carry_quotes_and_an_undeclared_quote_source_is_an_error(
    scenario: Callable[..., Scenario], profile: Callable[..., object]
) -> None:
    prof = profile(red_lines=(RedLine(terms=M({"x": ("b",)}), quotes=(Quote(source="ghost", text="t"),)),))
    with pytest.raises(Exception, match="unknown source 'ghost'"):
        scenario(profiles=(prof,))
