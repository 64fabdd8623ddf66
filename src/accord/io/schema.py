"""The scenario file format (version 1) as pydantic models.

These models are the *edge*: they check the shape and ranges of what a file
says, and :mod:`accord.io.loader` converts them into the frozen domain objects
of :mod:`accord.model`. The JSON Schema published in ``docs/scenario.schema.json``
is generated from :class:`ScenarioFile` (``accord schema``).

pydantic is imported here and nowhere else in :mod:`accord.io`: :func:`validate`
turns its errors into :class:`FieldError` s worded for people who edit files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import ErrorDetails

from accord.model.elements import ID_HINT, ID_PATTERN, Quote

ID_SCHEMA_PATTERN = "^[^\\s!-/:-@\\[-`{-~][^\\s!-,./:-@\\[-^`{-~]{0,63}$"
"""The id rule as the published JSON Schema states it.

JSON Schema patterns are ECMA-262 regular expressions, whose ``\\w`` knows only
ASCII; so the schema says what an id may not hold (spaces and ASCII punctuation
but ``_`` and ``-``) and lets every other character through, leaving the exact
rule (:func:`accord.model.elements.is_id`) to ``accord validate``.
"""

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN),
    WithJsonSchema({"type": "string", "pattern": ID_SCHEMA_PATTERN}),
]
# Option references may be written as numbers (numeric levels) or strings.
OptionRef = Annotated[str | int | float, Field(union_mode="left_to_right")]
Text = Annotated[str, Field(max_length=100_000)]
Points = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
Weight = Annotated[float, Field(gt=0, allow_inf_nan=False)]
Condition = dict[str, OptionRef | list[OptionRef]]


FileModel = BaseModel
"""The base class of every model of a part of a scenario file."""

M = TypeVar("M", bound=BaseModel)


# The docstrings below document the code; the published JSON Schema
# (docs/scenario.schema.json) carries only the descriptions written for its readers.
_PUBLISHED_DESCRIPTIONS = frozenset({"ScenarioFile", "RuleFile", "HeaderFile"})


def _unpublished_docstring(schema: dict[str, Any], cls: type[BaseModel]) -> None:
    if cls.__name__ not in _PUBLISHED_DESCRIPTIONS:
        schema.pop("description", None)


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        coerce_numbers_to_str=True,
        populate_by_name=True,
        json_schema_extra=_unpublished_docstring,
    )


class QuoteFile(_Model):
    """A short verbatim quote from a declared source."""

    source: Id = Field(description="the source key (declared under sources)")
    text: Annotated[str, Field(min_length=1, max_length=100_000)] = Field(description="the words, verbatim")
    where: Text = Field(default="", description="where in the source, e.g. para 12")
    claim: Text = Field(default="", description="what the quote supports")


class _Sourced(_Model):
    source: Id | None = Field(default=None, description="One source key (shorthand for sources).")
    sources: list[Id] = Field(default_factory=list, description="Source keys, from the scenario's sources.")
    quotes: list[QuoteFile] = Field(
        default_factory=list, description="Short verbatim quotes from the sources that back this element."
    )

    def quote_items(self) -> tuple[Quote, ...]:
        """The quotes as domain objects."""
        return quote_items(self.quotes)

    def source_ids(self) -> tuple[str, ...]:
        """``source`` and ``sources`` together, ``source`` first, without repeats."""
        ids = list(self.sources)
        if self.source is not None and self.source not in ids:
            ids.insert(0, self.source)
        return tuple(ids)


def quote_items(quotes: list[QuoteFile]) -> tuple[Quote, ...]:
    """File quotes as domain :class:`accord.model.Quote` s."""
    return tuple(Quote(source=q.source, text=q.text, where=q.where, claim=q.claim) for q in quotes)


class SourceFile(_Model):
    """A document cited, under its key in ``sources``."""

    title: Text
    author: Text = ""
    date: Text = ""
    url: Text = ""
    file: Text = ""
    note: Text = ""
    quotes: list[QuoteFile] = Field(default_factory=list)


class FactionFile(_Model):
    """An internal faction of a party."""

    id: Id
    name: Text = ""
    description: Text = ""
    weight: Weight | None = Field(default=None, description="its say in the party's decision (positive)")


class PartyFile(_Sourced):
    """A party."""

    id: Id
    name: Text
    role: Literal["belligerent", "mediator", "guarantor", "organization", "observer"]
    description: Text = ""
    factions: list[FactionFile] = Field(default_factory=list)


class TableFile(_Sourced):
    """A negotiating table and the parties at it."""

    id: Id
    name: Text
    parties: list[Id]
    description: Text = ""


class TrackFile(_Sourced):
    """A track (a stream of negotiation on some issues)."""

    id: Id
    name: Text = ""
    description: Text = ""


class PhaseFile(TrackFile):
    """A phase of the process, in declared order."""


class RuleFile(_Sourced):
    """A process rule; parameters of its kind are written as plain keys."""

    model_config = ConfigDict(extra="allow", frozen=True, coerce_numbers_to_str=True, populate_by_name=True)
    id: Id
    kind: Id
    description: Text = ""
    exceptions: list[Id] = Field(default_factory=list)

    def params(self) -> dict[str, Any]:
        """The parameters of the rule's kind: every key the model does not declare."""
        return dict(self.model_extra or {})


class OptionFile(_Sourced):
    """One option of a discrete issue."""

    id: Id
    label: Text = ""
    description: Text = ""


class IssueFile(_Sourced):
    """An issue: discrete with ``options`` or numeric with ``levels``."""

    id: Id
    title: Text
    kind: Literal["discrete", "numeric"] = "discrete"
    options: list[OptionFile] | None = None
    levels: list[Annotated[float, Field(allow_inf_nan=False)] | None] | None = Field(
        default=None, description="numeric issues: the levels, null meaning no limit"
    )
    unit: Text = ""
    table: Id | None = None
    track: Id | None = None
    phase: Id | None = None
    status_quo: OptionRef | None = None
    description: Text = ""
    categories: list[Text] = Field(default_factory=list)
    pax: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _options_or_levels(self) -> IssueFile:
        if self.kind == "discrete":
            if self.options is None:
                raise ValueError("a discrete issue needs 'options'")
            if self.levels is not None:
                raise ValueError("'levels' belong to numeric issues; add 'kind: numeric'")
        else:
            if self.levels is None:
                raise ValueError("a numeric issue needs 'levels'")
            if self.options is not None:
                raise ValueError("a numeric issue takes 'levels', not 'options'")
        return self


class ConstraintFile(_Sourced):
    """A constraint: ``if``/``then`` or ``excludes``."""

    id: Id | None = None
    if_: Condition | None = Field(default=None, alias="if")
    then: Condition | None = None
    excludes: Condition | None = None
    why: Text = ""

    @model_validator(mode="after")
    def _shape(self) -> ConstraintFile:
        if self.excludes is not None:
            if self.if_ is not None or self.then is not None:
                raise ValueError("write either 'excludes' or 'if'/'then', not both")
        elif self.if_ is None or self.then is None:
            raise ValueError("a constraint needs 'if' and 'then' (or 'excludes')")
        return self


class PerspectiveFile(_Sourced):
    """Whose estimates a set of profiles are."""

    id: Id
    name: Text = ""
    owner: Text = ""
    description: Text = ""
    as_of: Text = Field(default="", description="when: YYYY, YYYY-MM or YYYY-MM-DD")
    attribution: Text = Field(
        default="", description="whose view it encodes: a named school, author, or statements of a government"
    )
    kind: Literal["descriptive", "prescriptive"] = Field(
        default="descriptive",
        description="descriptive: what the parties want; prescriptive: what someone argues a party "
        "should accept (never a forecast)",
    )
    mirror: Id | None = Field(default=None, description="the perspective that shifts power the other way")
    parties: list[Annotated[str, Field(max_length=200)]] = Field(
        default_factory=list, description="the parties (or factions, PARTY.FACTION) it claims to cover"
    )


class RedLineFile(_Sourced):
    """A red line written out, with its reason and sources."""

    terms: Condition
    why: Text = ""


class SpreadFile(_Model):
    """How unsure a profile's estimate is."""

    weights: Annotated[float, Field(ge=0, allow_inf_nan=False)] = 0.0
    values: Annotated[float, Field(ge=0, allow_inf_nan=False)] = 0.0
    batna: Annotated[float, Field(ge=0, allow_inf_nan=False)] = 0.0


class BatnaFile(_Model):
    """A BATNA with its reason: a number, or relative to the no-deal package."""

    no_deal: Annotated[float, Field(allow_inf_nan=False)] | None = Field(
        default=None, description="points above (or below, negative) the utility of no deal"
    )
    value: Points | None = Field(default=None, description="the BATNA as a number on 0-100")
    why: Text = ""

    @model_validator(mode="after")
    def _one_kind(self) -> BatnaFile:
        if (self.no_deal is None) == (self.value is None):
            raise ValueError("write either 'no_deal: OFFSET' or 'value: NUMBER'")
        return self


class ProfileFile(_Sourced):
    """One perspective's estimate of one party's (or faction's) preferences."""

    party: Id
    faction: Id | None = None
    perspective: Id
    weights: dict[str, Weight]
    values: dict[str, dict[str, Points]] = Field(default_factory=dict)
    batna: Points | BatnaFile = Field(
        description="the value of no agreement: a number on 0-100, {value: N, why}, or "
        "{no_deal: OFFSET, why} (the utility of every issue at its status quo, plus OFFSET)"
    )
    red_lines: list[RedLineFile | Condition] = Field(default_factory=list)
    floors: dict[str, Points] = Field(
        default_factory=dict,
        description="issue -> least value (0-100, own scale) the party accepts on it, whatever else; "
        "compiled into red lines",
    )
    spread: SpreadFile = Field(default_factory=SpreadFile)
    rationale: Text = ""


class OneOfFile(_Model):
    """A term provided in one of several forms, with what is disputed."""

    one_of: list[OptionRef | None] = Field(description="the options the provision may take (null: no limit)")
    why: Text = ""


PlanTerm = Annotated[
    OptionRef | list[OptionRef | None] | OneOfFile | None,
    Field(
        union_mode="left_to_right",
        description="an option; a list of options (provided in one of these forms, "
        "which one is disputed or unknown), or {one_of: [...], why}; null leaves the issue open",
    ),
]


class ReadingFile(_Sourced):
    """One source's reading of a disputed plan."""

    id: Id
    title: Text = ""
    terms: dict[str, PlanTerm]
    note: Text = ""


class PlanFile(_Sourced):
    """A plan and the options it picks."""

    id: Id
    title: Text
    terms: dict[str, PlanTerm] = Field(default_factory=dict)
    proposer: Id | list[Id] | None = Field(
        default=None, description="who put the plan forward: one party id, or a list for a joint proposal"
    )
    drafted_by: list[Id] = Field(
        default_factory=list, description="who wrote the plan (a joint working draft), if not the proposers"
    )
    date: Text = ""
    status: Text = ""
    notes: Text = ""
    readings: list[ReadingFile] = Field(default_factory=list)

    def proposer_ids(self) -> tuple[str, ...]:
        """``proposer`` as a tuple: none, one, or the listed ones."""
        if self.proposer is None:
            return ()
        return (self.proposer,) if isinstance(self.proposer, str) else tuple(self.proposer)


class OfferFile(_Sourced):
    """A unilateral offer (altercasting): terms a party offers, and when they take effect."""

    id: Id
    by: Id
    terms: dict[Id, Id] = Field(description="issue -> the option offered")
    executed: Literal["on_agreement", "now"] = "on_agreement"
    description: Text = ""


class ClauseFile(_Model):
    """The wording of one option (docs/format.md, "Drafting")."""

    issue: Id
    option: Id | int | None = Field(description="an option id; on a numeric issue a level (null: no limit)")
    text: Text = Field(description="treaty text with {party:ID}, {article:ISSUE}, {level}, {PARAMETER}")
    heading: Text = ""
    source: Id | None = None
    sources: list[Id] = Field(default_factory=list)


class DraftingFile(_Model):
    """How agreements built from the scenario's packages are worded."""

    languages: list[Text] = Field(default_factory=lambda: ["English"], description="authentic languages")
    ceasefire_tracks: list[Id] = Field(
        default_factory=list,
        description="tracks whose issues form the ceasefire instrument (default: ceasefire)",
    )
    parameters: dict[Id, Text] = Field(default_factory=dict, description="values of {NAME} placeholders")
    clauses: list[ClauseFile] = Field(default_factory=list)
    source: Id | None = None
    sources: list[Id] = Field(default_factory=list)


class BatnaPointFile(_Model):
    """A party's BATNA shift (points) at a month of a timeline."""

    month: int = Field(ge=0, le=600)
    shift: float = Field(ge=-100, le=100, allow_inf_nan=False)


class TimelineFile(_Sourced):
    """A named scenario of the BATNAs over time (``accord ripeness``; :mod:`accord.model.timelines`)."""

    id: Id
    name: Text
    months: int = Field(ge=1, le=600)
    description: Text = ""
    batna: dict[Id, list[BatnaPointFile]] = Field(default_factory=dict)


class ScenarioFile(_Model):
    """A whole scenario file."""

    accord: Literal[1] = Field(description="format version")
    id: Id
    title: Text
    description: Text = ""
    default_perspective: Id | None = None
    sources: dict[str, SourceFile] = Field(default_factory=dict)
    parties: list[PartyFile]
    tables: list[TableFile] = Field(default_factory=list)
    tracks: list[TrackFile] = Field(default_factory=list)
    phases: list[PhaseFile] = Field(default_factory=list)
    rules: list[RuleFile] = Field(default_factory=list)
    issues: list[IssueFile]
    constraints: list[ConstraintFile] = Field(default_factory=list)
    perspectives: list[PerspectiveFile] = Field(default_factory=list)
    profiles: list[ProfileFile] = Field(default_factory=list)
    plans: list[PlanFile] = Field(default_factory=list)
    offers: list[OfferFile] = Field(default_factory=list)
    drafting: DraftingFile | None = None
    timelines: list[TimelineFile] = Field(default_factory=list)


LIST_FIELDS: Mapping[str, type[BaseModel]] = MappingProxyType(
    {
        "parties": PartyFile,
        "tables": TableFile,
        "tracks": TrackFile,
        "phases": PhaseFile,
        "rules": RuleFile,
        "issues": IssueFile,
        "constraints": ConstraintFile,
        "perspectives": PerspectiveFile,
        "profiles": ProfileFile,
        "plans": PlanFile,
        "offers": OfferFile,
        "timelines": TimelineFile,
    }
)
"""The model of each item of each list field of a scenario file, in file order."""


class HeaderFile(_Model):
    """The scalar fields of a scenario file (the lists are checked item by item)."""

    accord: Literal[1]
    id: Id
    title: Text
    description: Text = ""
    default_perspective: Id | None = None


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a scenario file (format version 1)."""
    schema = ScenarioFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "accord scenario file, format version 1"
    return schema


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldError:
    """One problem :func:`validate` found: where (relative to the validated item), what, a hint."""

    loc: tuple[str | int, ...]
    message: str
    hint: str = ""


_MAPPING_HINT = "write it as {key: value, ...} or as indented 'key: value' lines (docs/format.md)"

_HINTS = {
    "string_pattern_mismatch": ID_HINT,
    "missing": "add this field",
    "extra_forbidden": "unknown field; check its spelling against docs/format.md",
    "greater_than": "weights must be positive; leave an issue out to give it no weight",
    "greater_than_equal": "use a number within range",
    "less_than_equal": "use a number within range",
    "literal_error": "",
    "model_type": _MAPPING_HINT,
    "model_attributes_type": _MAPPING_HINT,
    "dict_type": _MAPPING_HINT,
}


def validate(model: type[M], raw: object) -> tuple[M | None, tuple[FieldError, ...]]:
    """Validate ``raw`` against ``model``: the parsed item, or ``None`` and every problem found."""
    try:
        return model.model_validate(raw), ()
    except ValidationError as exc:
        # A union (a red line: a mapping with fields, or a bare condition) fails once per
        # member; worded alike, the repeats go.
        return None, tuple(dict.fromkeys(_field_error(err) for err in exc.errors(include_url=False)))


def _field_error(err: ErrorDetails) -> FieldError:
    """One pydantic error, reworded; union member names are dropped from its location."""
    loc = tuple(part for part in err["loc"] if not _is_union_tag(part))
    message = err["msg"]
    if err["type"] == "string_pattern_mismatch":
        message = f"{err['input']!r} is not a valid id"
    elif err["type"] == "missing":
        message = "required field is missing"
    elif err["type"] == "extra_forbidden":
        message = f"unknown field {loc[-1]!r}" if loc else "unknown field"
    elif err["type"] in _MAPPING_ERRORS:
        # pydantic names the model class ("instance of RedLineFile"); the file knows no classes.
        message = f"must be a mapping of fields (key: value), not {_kind(err['input'])}"
    elif err["type"] == "value_error":
        message = str(err["ctx"].get("error", message)) if "ctx" in err else message
    message = message.replace("Input should be", "must be")
    return FieldError(loc=loc, message=message, hint=_HINTS.get(err["type"], ""))


_MAPPING_ERRORS = frozenset({"model_type", "model_attributes_type", "dict_type"})


def _kind(value: object) -> str:
    """What a file's value is, in the file's words."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list | tuple):
        return "a list"
    return "null" if value is None else "this value"


def _is_union_tag(part: object) -> bool:
    # pydantic puts union member names into error locations ("str", "function-after[...]")
    return isinstance(part, str) and (
        part in {"str", "int", "float", "list[union[str,int,float]]", "union[str,int,float]"}
        or part.startswith(("function-", "list[", "dict[", "RedLineFile", "OneOfFile", "BatnaFile", "union["))
    )
