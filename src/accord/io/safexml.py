"""A small, careful XML reader: elements with their line numbers, and no DTDs or entities.

Files from elsewhere (GENIUS domains) are read with the standard library's expat
parser, with the precautions of ``defusedxml`` (Heimes, "defusedxml -- defusing
XML bombs and other exploits", PyPI): a document type declaration, an entity
declaration or an external entity reference is refused outright, so no entity
expansion ("billion laughs"), no external fetch and no quadratic blow-up can
happen. Documents are capped in size and nesting depth. Each element keeps the
line it starts on, so a problem can name its file, line and element.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from xml.parsers import expat

__all__ = ["MAX_XML_BYTES", "MAX_XML_DEPTH", "Element", "XmlError", "parse_xml"]

MAX_XML_BYTES = 8 * 1024 * 1024
"""The largest document read (8 MB)."""
MAX_XML_DEPTH = 64
"""The deepest nesting of elements accepted."""


class XmlError(ValueError):
    """A document that is not well-formed, or uses a refused feature; names the file and line."""

    def __init__(self, file: str, message: str, line: int | None = None) -> None:
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {message}")
        self.file = file
        self.line = line
        self.message = message


@dataclass(slots=True)
class Element:
    """One element: its tag, attributes, children in order, and the line it starts on."""

    tag: str
    attrs: Mapping[str, str]
    line: int
    children: list[Element] = field(default_factory=list)

    def find_all(self, tag: str) -> list[Element]:
        """The children called ``tag``, in order."""
        return [c for c in self.children if c.tag == tag]

    def walk(self, tag: str) -> list[Element]:
        """Every descendant called ``tag``, depth first, in document order (not descending into matches)."""
        out: list[Element] = []
        for c in self.children:
            if c.tag == tag:
                out.append(c)
            else:
                out.extend(c.walk(tag))
        return out


def _refuse(file: str, parser: expat.XMLParserType, what: str) -> None:
    raise XmlError(file, f"{what} are not accepted (no DTDs or entities)", parser.CurrentLineNumber)


def parse_xml(data: bytes, file: str) -> Element:
    """The root element of ``data``; :class:`XmlError` naming ``file`` and the line otherwise."""
    if len(data) > MAX_XML_BYTES:
        raise XmlError(file, f"larger than {MAX_XML_BYTES // (1024 * 1024)} MB")
    parser = expat.ParserCreate()
    stack: list[Element] = []
    roots: list[Element] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if len(stack) >= MAX_XML_DEPTH:
            raise XmlError(file, f"elements nested deeper than {MAX_XML_DEPTH}", parser.CurrentLineNumber)
        node = Element(tag=tag, attrs=MappingProxyType(dict(attrs)), line=parser.CurrentLineNumber)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)

    def end(_tag: str) -> None:
        stack.pop()

    def doctype(*_args: object) -> None:
        _refuse(file, parser, "document type declarations (<!DOCTYPE ...>)")

    def entity(*_args: object) -> None:
        _refuse(file, parser, "entity declarations")

    def external(*_args: object) -> int:
        _refuse(file, parser, "external entities")
        return 0

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.ExternalEntityRefHandler = external
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise XmlError(file, f"not well-formed XML: {expat.ErrorString(exc.code)}", exc.lineno) from None
    if not roots:
        raise XmlError(file, "no root element")
    return roots[0]
