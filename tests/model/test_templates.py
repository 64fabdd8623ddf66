"""Clause templates: the parser against an independent reference, and the file's errors."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.io import check_text
from accord.model import ModelError
from accord.model.drafting import parse_template

# -- an independent reference parser: regular expressions, no shared code -----------------

_TOKEN = re.compile(r"\{\{|\}\}|\{[^{}]*\}|[^{}]+|[{}]")


def balanced(text: str) -> bool:
    stack = []
    for ch in text:
        if ch in "[(":
            stack.append(ch)
        elif ch in "])" and (not stack or stack.pop() != {"]": "[", ")": "("}[ch]):
            return False
    return not stack


def reference(text: str) -> list[tuple[str, str]] | None:
    """(kind, value) pieces with adjacent text merged, or None when the template is malformed."""
    if not balanced(text):
        return None
    out: list[tuple[str, str]] = []
    for tok in _TOKEN.findall(text):
        if tok in ("{{", "}}"):
            piece = ("text", tok[0])
        elif tok in ("{", "}"):
            return None
        elif tok.startswith("{"):
            inner = tok[1:-1]
            m = re.fullmatch(r"\s*(party|article)\s*:\s*(\S(?:.*\S)?)\s*", inner)
            if m:
                piece = (m.group(1), m.group(2))
            elif ":" in inner or not inner.strip():
                return None
            elif inner.strip() == "level":
                piece = ("level", "")
            else:
                piece = ("param", inner.strip())
        else:
            piece = ("text", tok)
        if piece[0] == "text" and out and out[-1][0] == "text":
            out[-1] = ("text", out[-1][1] + piece[1])
        else:
            out.append(piece)
    return out


ALPHABET = st.sampled_from(list("ab {}[]():") + ["party", "article", "level", "date", "UA", " "])


@given(st.lists(ALPHABET, max_size=14).map("".join))
def test_parser_agrees_with_the_reference(text: str) -> None:
    want = reference(text)
    try:
        got = [(s.kind, s.value) for s in parse_template(text)]
    except ModelError as exc:
        assert want is None, (text, exc.message)
        assert exc.field == "text"
        return
    assert got == want, text


def test_braces_escape_and_placeholders_parse() -> None:
    segs = parse_template("{{x}} {party:UA} {article:dmz} {level} {date}")
    assert [(s.kind, s.value) for s in segs] == [
        ("text", "{x} "),
        ("party", "UA"),
        ("text", " "),
        ("article", "dmz"),
        ("text", " "),
        ("level", ""),
        ("text", " "),
        ("param", "date"),
    ]


BASE = """accord: 1
id: t
title: T
parties: [{id: A, name: Alpha, role: belligerent}, {id: B, name: Beta, role: belligerent}]
tracks: [{id: ceasefire}]
issues:
  - {id: x, title: X, track: ceasefire, options: [{id: a, label: A}, {id: b, label: B}]}
perspectives: [{id: p, as_of: 2024, attribution: test}]
drafting:
  parameters: {date: 1 May}
  clauses:
"""


@pytest.mark.parametrize(
    ("clause", "field", "words"),
    [
        ('{issue: x, option: a, text: "The {party:Q} agree"}', "drafting.clauses[0].text", "unknown party"),
        (
            '{issue: x, option: a, text: "on {place}"}',
            "drafting.clauses[0].text",
            "unknown parameter {place}",
        ),
        ('{issue: x, option: a, text: "at {level}"}', "drafting.clauses[0].text", "{level}"),
        ('{issue: x, option: a, text: "see {article:nope}"}', "drafting.clauses[0].text", "unknown issue"),
        ('{issue: x, option: a, text: "(open [bracket)"}', "drafting.clauses[0].text", "unbalanced"),
        ('{issue: x, option: a, text: "a { b"}', "drafting.clauses[0].text", "unbalanced '{'"),
        ('{issue: x, option: zz, text: "ok"}', "drafting.clauses[0].option", "unknown option 'zz'"),
        ('{issue: y, option: a, text: "ok"}', "drafting.clauses[0].issue", "unknown issue 'y'"),
    ],
)
def test_bad_templates_name_file_line_and_field(clause: str, field: str, words: str) -> None:
    report = check_text(BASE + f"    - {clause}\n", name="bad.yaml")
    assert report.scenario is None
    errors = report.errors
    assert len(errors) == 1, [e.render() for e in errors]
    assert errors[0].file == "bad.yaml"
    assert errors[0].line == BASE.count("\n") + 1
    assert errors[0].field == field
    assert words in errors[0].message


def test_unknown_ceasefire_track_is_an_error() -> None:
    text = BASE.replace("  clauses:\n", "  ceasefire_tracks: [military]\n")
    report = check_text(text, name="t.yaml")
    assert [e.field for e in report.errors] == ["drafting.ceasefire_tracks[0]"]


def test_a_valid_section_loads() -> None:
    report = check_text(BASE + '    - {issue: x, option: a, text: "{party:A} on {date}"}\n', name="ok.yaml")
    assert report.scenario is not None
    clause = report.scenario.drafting.clause("x", "a")
    assert clause is not None and clause.text == "{party:A} on {date}"
    assert report.scenario.drafting.clause("x", "b") is None
