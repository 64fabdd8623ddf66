"""The ``drafting`` section of a scenario file -> :class:`accord.model.drafting.Drafting`.

Kept out of the loader proper: the section is validated with its own model
(:class:`accord.io.schema.DraftingFile`); each clause template is built on its
own, so one malformed template (an unbalanced bracket) is reported at its line
and does not hide the others. Cross-references (unknown issue, option, party or
parameter) are checked with the scenario (:func:`accord.model.drafting.check_drafting`).
"""

from __future__ import annotations

from typing import Protocol

from accord.io import schema as sf
from accord.model import ModelError, level_id
from accord.model.drafting import ClauseTemplate, Drafting
from accord.model.problems import Path, Severity


class _Reporter(Protocol):
    def validate(self, model: type[sf.DraftingFile], raw: object, path: Path) -> sf.DraftingFile | None: ...

    def add(
        self,
        path: Path,
        message: str,
        hint: str = "",
        severity: Severity = "error",
        at: tuple[int, int] | None = None,
    ) -> None: ...


def option_id(value: str | int | None) -> str:
    """The option id a clause names: an id as written, a level as its id, ``null`` as ``none``."""
    if value is None:
        return "none"
    if isinstance(value, int):
        return level_id(float(value))
    return value


def build_drafting(builder: _Reporter, raw: object) -> Drafting | None:
    """The section as a domain object, or None (absent, or every problem already reported)."""
    if raw is None:
        return None
    parsed = builder.validate(sf.DraftingFile, raw, ("drafting",))
    if parsed is None:
        return None
    clauses = []
    for k, c in enumerate(parsed.clauses):
        sources = list(c.sources)
        if c.source is not None and c.source not in sources:
            sources.insert(0, c.source)
        try:
            clauses.append(
                ClauseTemplate(
                    issue=c.issue,
                    option=option_id(c.option),
                    text=c.text,
                    heading=c.heading,
                    sources=tuple(sources),
                )
            )
        except ModelError as exc:
            builder.add(("drafting", "clauses", k, exc.field), exc.message, exc.hint)
    try:
        return Drafting(
            languages=tuple(parsed.languages),
            ceasefire_tracks=tuple(parsed.ceasefire_tracks),
            parameters=parsed.parameters,
            clauses=tuple(clauses),
            sources=tuple(parsed.sources) + ((parsed.source,) if parsed.source else ()),
        )
    except ModelError as exc:
        builder.add(("drafting", exc.field), exc.message, exc.hint)
        return None
