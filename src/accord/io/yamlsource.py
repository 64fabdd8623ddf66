"""Read YAML or JSON into plain Python data while remembering line numbers.

PyYAML's composer gives a node tree with source positions; we convert it to
Python ourselves with the YAML 1.2 *core schema* (so ``yes``/``no``/``on`` stay
strings and ``2022-03-29`` stays a string, as scenario ids and dates need),
recording for every path the line it starts on. Guards keep hostile input from
hanging or exhausting memory: document size, nesting depth, and the number of
nodes an alias may expand to ("billion laughs").
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from accord.model.problems import Path

try:  # the C loader is ~10x faster; PyYAML wheels ship it
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 2_000_000

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_BOOL_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


class SourceError(ValueError):
    """The text could not be read as a document at all (syntax, size, encoding)."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass(slots=True)
class Document:
    """Parsed data plus where each path starts (1-based line, column)."""

    data: Any
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    duplicates: list[tuple[Path, int, int]] = field(default_factory=list)

    def position(self, path: Path) -> tuple[int, int] | None:
        """Position of ``path``, or of its nearest ancestor that exists."""
        for end in range(len(path), -1, -1):
            pos = self.positions.get(path[:end])
            if pos is not None:
                return pos
        return None


def parse_text(text: str, *, json_syntax: bool = False) -> Document:
    """Parse YAML (or JSON, a subset) text. Raises :class:`SourceError`."""
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        raise SourceError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    if "\x00" in text:
        raise SourceError("file contains a NUL byte; is it a text file?")
    if json_syntax:
        _check_json(text)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        msg = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        if mark is not None:
            raise SourceError(f"syntax error: {msg}", mark.line + 1, mark.column + 1) from None
        raise SourceError(f"syntax error: {msg}") from None
    except yaml.YAMLError as exc:
        raise SourceError(f"syntax error: {exc}") from None
    except RecursionError:
        raise SourceError(f"nesting deeper than {MAX_DEPTH} levels") from None
    if node is None:
        raise SourceError("the file is empty")
    doc = Document(data=None)
    counter = [0]
    doc.data = _convert(node, (), doc, 0, counter)
    return doc


def _check_json(text: str) -> None:
    try:
        json.loads(text, object_pairs_hook=_no_nan_pairs, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise SourceError(f"JSON syntax error: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise SourceError(f"nesting deeper than {MAX_DEPTH} levels") from None


def _no_nan_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    return dict(pairs)


def _reject_constant(name: str) -> float:
    raise json.JSONDecodeError(f"{name} is not valid JSON", name, 0)


def _convert(node: yaml.Node, path: Path, doc: Document, depth: int, counter: list[int]) -> Any:
    counter[0] += 1
    if counter[0] > MAX_NODES:
        raise SourceError(f"document expands to more than {MAX_NODES:,} values (alias bomb?)")
    if depth > MAX_DEPTH:
        raise SourceError(
            f"nesting deeper than {MAX_DEPTH} levels", node.start_mark.line + 1, node.start_mark.column + 1
        )
    doc.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_convert(child, (*path, k), doc, depth + 1, counter) for k, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in _pairs(node):
            if not isinstance(key_node, yaml.ScalarNode):
                raise SourceError(
                    "a mapping key must be a plain value, not a list or mapping",
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
            # Keys stay as written: "85000" and "null" are option keys to the loader.
            key = str(key_node.value)
            child_path: Path = (*path, key)
            if key in out:
                doc.duplicates.append(
                    (child_path, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                )
                continue
            doc.positions[child_path] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = _convert(value_node, child_path, doc, depth + 1, counter)
        return out
    raise SourceError("unsupported YAML node")  # pragma: no cover


def _pairs(node: yaml.MappingNode) -> Iterator[tuple[yaml.Node, yaml.Node]]:
    for key_node, value_node in node.value:
        # YAML merge keys (<<) are a YAML 1.1 feature; treat them as errors, not magic.
        if isinstance(key_node, yaml.ScalarNode) and key_node.tag == "tag:yaml.org,2002:merge":
            raise SourceError(
                "merge keys (<<) are not supported; write the fields out",
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
        yield key_node, value_node


def _scalar(node: yaml.ScalarNode) -> Any:
    text = node.value
    explicit = node.tag if node.tag and not node.tag.startswith("tag:yaml.org,2002:") else None
    if explicit is not None:
        raise SourceError(
            f"unsupported tag {node.tag!r}", node.start_mark.line + 1, node.start_mark.column + 1
        )
    if node.style:  # the C composer marks plain scalars with "", the Python one with None
        return text  # quoted or block scalars are always strings
    if _NULL.match(text):
        return None
    if _BOOL_TRUE.match(text):
        return True
    if _BOOL_FALSE.match(text):
        return False
    if _INT10.match(text):
        return int(text)
    if _INT8.match(text):
        return int(text[2:], 8)
    if _INT16.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return math.inf if not text.startswith("-") else -math.inf
    if _NAN.match(text):
        return math.nan
    return text


def yaml_line_count(text: str) -> int:
    """Lines as YAML counts them: NEL and the Unicode separators break lines too."""
    breaks = text.count("\n") + text.count("\x85") + text.count("\u2028") + text.count("\u2029")
    breaks += text.count("\r") - text.count("\r\n")
    return breaks + 1
