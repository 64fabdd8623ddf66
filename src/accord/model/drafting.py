"""Drafting: the wording a scenario gives its options, as clause templates.

A scenario's ``drafting`` section says how an agreement built from its packages
reads: one :class:`ClauseTemplate` per option whose wording the user controls,
the authentic languages of the text, free parameters (a date, a place) and
which tracks make up the ceasefire instrument (the rest form the political
settlement; Parley 2022: a ceasefire agreement bounded to military issues, then
a political settlement). Options without a template get a generic article built
from their label, marked as such by the drafting engine.

Template text is plain text with placeholders in braces:

* ``{party:ID}`` the name of a declared party;
* ``{article:ISSUE}`` a cross-reference to the article that settles ``ISSUE``;
* ``{level}`` the option's level on a numeric issue (``85,000``);
* ``{NAME}`` a parameter of ``drafting.parameters`` (``{date}``, ``{place}``).

``{{`` and ``}}`` write literal braces. Brackets ``[ ]`` and parentheses must
balance: square brackets mark the unagreed parts of a rolling text, so an odd
one in a clause would read as a bracket that is never closed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol

from accord.model.elements import Issue, Party, Track, check_id, freeze_tuples, read_only
from accord.model.problems import ModelError, Problem

SegmentKind = Literal["text", "party", "article", "level", "param"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Segment:
    """One piece of a parsed template: literal text or a placeholder and its argument."""

    kind: SegmentKind
    value: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ClauseTemplate:
    """The wording of one option: ``text`` with placeholders, an optional ``heading``."""

    issue: str
    option: str
    text: str
    heading: str = ""
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        freeze_tuples(self, "sources")
        check_id(self.issue, "issue")
        check_id(self.option, "option")
        parse_template(self.text)


@dataclass(frozen=True, slots=True, kw_only=True)
class Drafting:
    """How agreements drawn from this scenario's packages are worded.

    ``languages``: the authentic languages (final clause and metadata), e.g.
    Ukrainian and Russian texts equally authentic (Pickering 2022).
    ``ceasefire_tracks``: the tracks whose issues go into the ceasefire
    instrument (empty: the track called ``ceasefire``, if any); every other issue
    goes into the political settlement.
    """

    languages: tuple[str, ...] = ("English",)
    ceasefire_tracks: tuple[str, ...] = ()
    parameters: Mapping[str, str] = field(default_factory=dict)
    clauses: tuple[ClauseTemplate, ...] = ()
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        freeze_tuples(self, "languages", "ceasefire_tracks", "clauses", "sources")
        object.__setattr__(self, "parameters", read_only(dict(self.parameters)))
        if not self.languages:
            raise ModelError("languages", "name at least one authentic language")

    def clause(self, issue: str, option: str) -> ClauseTemplate | None:
        """The template of ``option`` of ``issue``, or None (a generic article)."""
        for c in self.clauses:
            if c.issue == issue and c.option == option:
                return c
        return None


_PAIRS = {"]": "[", ")": "("}


def _check_balance(text: str) -> None:
    stack: list[tuple[str, int]] = []
    for pos, ch in enumerate(text):
        if ch in "[(":
            stack.append((ch, pos))
        elif ch in "])":
            if not stack or stack[-1][0] != _PAIRS[ch]:
                raise ModelError("text", f"unbalanced {ch!r} at character {pos + 1}", _BRACKET_HINT)
            stack.pop()
    if stack:
        ch, pos = stack[-1]
        raise ModelError("text", f"unbalanced {ch!r} at character {pos + 1}: never closed", _BRACKET_HINT)


_BRACKET_HINT = "brackets and parentheses must balance; [ ] mark unagreed text in a rolling text"
_PLACEHOLDER_HINT = "use {party:ID}, {article:ISSUE}, {level} or a drafting parameter; {{ and }} are braces"


def parse_template(text: str) -> tuple[Segment, ...]:
    """The segments of ``text``; a :class:`ModelError` on field ``text`` when it is malformed."""
    _check_balance(text)
    out: list[Segment] = []
    buf: list[str] = []
    pos = 0
    while pos < len(text):
        ch = text[pos]
        if text.startswith(("{{", "}}"), pos):
            buf.append(ch)
            pos += 2
        elif ch == "}":
            raise ModelError("text", f"unbalanced '}}' at character {pos + 1}", _PLACEHOLDER_HINT)
        elif ch == "{":
            end = text.find("}", pos)
            inner = text[pos + 1 : end] if end >= 0 else ""
            if end < 0 or "{" in inner:
                raise ModelError("text", f"unbalanced '{{' at character {pos + 1}", _PLACEHOLDER_HINT)
            if buf:
                out.append(Segment(kind="text", value="".join(buf)))
                buf = []
            out.append(_placeholder(inner, pos))
            pos = end + 1
        else:
            buf.append(ch)
            pos += 1
    if buf:
        out.append(Segment(kind="text", value="".join(buf)))
    return tuple(out)


def _placeholder(inner: str, pos: int) -> Segment:
    name, sep, arg = inner.partition(":")
    name = name.strip()
    if sep:
        if name not in ("party", "article") or not arg.strip():
            raise ModelError(
                "text", f"unknown parameter {{{inner}}} at character {pos + 1}", _PLACEHOLDER_HINT
            )
        return Segment(kind="party" if name == "party" else "article", value=arg.strip())
    if name == "level":
        return Segment(kind="level")
    if not name:
        raise ModelError("text", f"empty placeholder {{}} at character {pos + 1}", _PLACEHOLDER_HINT)
    return Segment(kind="param", value=name)


class DraftingParts(Protocol):
    """What :func:`check_drafting` reads of a scenario."""

    @property
    def issues(self) -> tuple[Issue, ...]:
        """The issues."""
        ...

    @property
    def parties(self) -> tuple[Party, ...]:
        """The parties."""
        ...

    @property
    def tracks(self) -> tuple[Track, ...]:
        """The tracks."""
        ...

    @property
    def drafting(self) -> Drafting:
        """The drafting section."""
        ...


def check_drafting(parts: DraftingParts) -> tuple[Problem, ...]:
    """Every problem of the drafting section: unknown issues, options, parties, parameters, tracks.

    Paths are ``("drafting", "clauses", k, field)``, so the loader names the line.
    """
    d = parts.drafting
    issues = {i.id: i for i in parts.issues}
    parties = {p.id for p in parts.parties}
    out: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    tracks = {t.id for t in parts.tracks}
    for k, t in enumerate(d.ceasefire_tracks):
        if t not in tracks:
            out.append(
                Problem(
                    path=("drafting", "ceasefire_tracks", k),
                    message=f"unknown track {t!r}",
                    hint=f"declared tracks: {', '.join(sorted(tracks)) or 'none'}",
                )
            )
    for k, c in enumerate(d.clauses):
        at = ("drafting", "clauses", k)
        issue = issues.get(c.issue)
        if issue is None:
            out.append(
                Problem(
                    path=(*at, "issue"),
                    message=f"a template for unknown issue {c.issue!r}",
                    hint=f"known issues: {', '.join(issues)}",
                )
            )
            continue
        if c.option not in {o.id for o in issue.options}:
            known = ", ".join(o.id for o in issue.options)
            out.append(
                Problem(
                    path=(*at, "option"),
                    message=f"a template for unknown option {c.option!r} of issue {c.issue!r}",
                    hint=f"its options: {known}",
                )
            )
            continue
        if (c.issue, c.option) in seen:
            out.append(Problem(path=(*at, "option"), message=f"a second template for {c.issue}={c.option}"))
        seen.add((c.issue, c.option))
        out.extend(_check_segments(c, issue, issues, parties, d.parameters, at))
    return tuple(out)


def _check_segments(
    c: ClauseTemplate,
    issue: Issue,
    issues: Mapping[str, Issue],
    parties: set[str],
    params: Mapping[str, str],
    at: tuple[str | int, ...],
) -> list[Problem]:
    out: list[Problem] = []
    for seg in parse_template(c.text):
        msg = ""
        if seg.kind == "party" and seg.value not in parties:
            msg = f"unknown party {{party:{seg.value}}}; known: {', '.join(sorted(parties))}"
        elif seg.kind == "article" and seg.value not in issues:
            msg = f"cross-reference to unknown issue {{article:{seg.value}}}"
        elif seg.kind == "level" and issue.kind != "numeric":
            msg = f"{{level}} on issue {issue.id!r}, which has no levels (not numeric)"
        elif seg.kind == "param" and seg.value not in params:
            known = ", ".join(sorted(params)) or "none declared"
            msg = f"unknown parameter {{{seg.value}}}; drafting.parameters: {known}"
        if msg:
            out.append(Problem(path=(*at, "text"), message=msg, hint=_PLACEHOLDER_HINT))
    return out
