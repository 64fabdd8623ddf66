"""Output written as it is encoded: compact JSON and JSON Lines of a frontier, point by point.

A frontier can hold hundreds of thousands of packages of hundreds of issues.
Built as one document of dicts (:func:`accord.report.json.to_json`) it costs
memory in points x issues and the time of creating every dict; here the
packages stay an integer array (one option index per issue) until each point is
written, and each point is encoded from pre-encoded ``"issue":"option"``
fragments. The text is the same as :func:`accord.report.json.dumps` would write
for the whole document (tests parse both and compare).

JSON Lines (https://jsonlines.org): one JSON object per line. A frontier's
lines are a header (``"kind": "header"``: scenario, parties, perspective, BATNA,
algorithm, parameters), then one line per efficient package (``"kind":
"point"``, with ``utilities`` and ``package`` as in the JSON document's
``points``), then a summary (``"kind": "summary"``: status, count, exact, note
with the reason and the caps when not exact, seconds).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from typing import Any, TextIO

import numpy as np
from numpy.typing import NDArray

from accord.numeric import FloatArray, IntArray
from accord.report.json import COMPACT, dumps, frontier_head, to_json
from accord.space import Space
from accord.workbench.records import FrontierOutcome

CHUNK = 512
"""Points encoded per write: few enough to keep memory flat, enough to amortise the calls."""


def _enc(value: Any) -> str:
    return json.dumps(value, separators=COMPACT, ensure_ascii=False, allow_nan=False)


def point_encoder(space: Space, prefix: str = "{") -> Callable[[IntArray, FloatArray], list[str]]:
    """A function encoding points (package rows, utility rows) as compact JSON objects opened by ``prefix``.

    With ``prefix="{"`` each object equals ``json.dumps(point_json(space, p, u))``
    compactly; each is built by one join (the text of a large frontier is
    copied as few times as possible). The ``"issue":"option"`` fragments are encoded once; a package is
    joined from blocks of consecutive issues (:func:`_blocks`), and a block's
    text is joined once per distinct assignment in a chunk of points: the points
    of a frontier next to each other differ in few issues (2 x 640 x 4: about
    2.4 distinct assignments per block of 31 issues in 512 points), so a point
    costs a join of a few dozen strings, not one per issue.
    """
    frags = [_enc({i: o})[1:-1] for i, opts in zip(space.issues, space.options, strict=True) for o in opts]
    table = np.array(frags, dtype=object)
    start = np.cumsum([0, *(len(o) for o in space.options[:-1])], dtype=np.int64)
    blocks = _blocks([len(o) for o in space.options])
    names = [_enc(p) + ":" for p in space.parties]
    fmt = (
        _brace(prefix + '"utilities":{') + ",".join(_brace(n) + "{}" for n in names) + _brace('},"package":{')
    )

    def encode(packages: IntArray, utilities: FloatArray) -> list[str]:
        texts = [
            _block_texts(packages, table, start, lo, hi, mult, k > 0)
            for k, (lo, hi, mult) in enumerate(blocks)
        ]
        picked = np.stack(texts, axis=1).tolist() if texts else [[] for _ in packages]
        k = utilities.shape[1]
        flat = (utilities + 0.0).ravel().tolist()  # -0.0 + 0.0 is 0.0
        cells = list(map(_number, flat)) if not np.isfinite(utilities).all() else list(map(repr, flat))
        return ["".join([fmt.format(*cells[i * k : i * k + k]), *pk, "}}"]) for i, pk in enumerate(picked)]

    return encode


def _brace(text: str) -> str:
    """``text`` as literal text of a :meth:`str.format` pattern."""
    return text.replace("{", "{{").replace("}", "}}")


def _number(u: float) -> str:
    """``_enc(num(u))`` for a float: its shortest repr (as :mod:`json` writes it), null if not finite.

    ``-0.0`` is written ``0.0``, as :func:`accord.report.json.num` does.
    """
    return repr(u + 0.0) if math.isfinite(u) else "null"


def _blocks(sizes: list[int]) -> list[tuple[int, int, IntArray]]:
    """Consecutive issue ranges ``[lo, hi)`` whose assignments fit a 62-bit key, and the key's weights."""
    out: list[tuple[int, int, IntArray]] = []
    lo = 0
    while lo < len(sizes):
        hi, room = lo, 1
        while hi < len(sizes) and room * max(sizes[hi], 1) < 2**62:
            room *= max(sizes[hi], 1)
            hi += 1
        hi = max(hi, lo + 1)
        mult = np.cumprod([1, *(max(x, 1) for x in sizes[lo : hi - 1])]).astype(np.int64)
        out.append((lo, hi, mult))
        lo = hi
    return out


def _block_texts(
    packages: IntArray,
    table: NDArray[np.object_],
    start: IntArray,
    lo: int,
    hi: int,
    mult: IntArray,
    comma: bool,
) -> NDArray[np.object_]:
    """Each point's ``"issue":"option"`` members of issues ``lo`` to ``hi``, joined once per assignment.

    With ``comma`` each text starts with the comma that follows the block before.
    """
    part = packages[:, lo:hi]
    _, first, inv = np.unique(part @ mult, return_index=True, return_inverse=True)
    rows = table[part[first] + start[lo:hi]].tolist()
    lead = "," if comma else ""
    texts = np.array([lead + ",".join(r) for r in rows], dtype=object)
    out: NDArray[np.object_] = texts[np.asarray(inv).ravel()]
    return out


def _points(outcome: FrontierOutcome, prefix: str, sep: str) -> Iterator[str]:
    """The points as objects, ``CHUNK`` at a time, each opened by ``prefix`` and joined by ``sep``."""
    res = outcome.result
    encode = point_encoder(outcome.space, prefix)
    for lo in range(0, len(res), CHUNK):
        yield sep.join(encode(res.packages[lo : lo + CHUNK], res.utilities[lo : lo + CHUNK]))


def frontier_chunks(outcome: FrontierOutcome) -> Iterator[str]:
    """The frontier's compact JSON document in pieces (their concatenation is ``dumps(to_json(outcome))``)."""
    head = dumps({**frontier_head(outcome), "points": []})
    assert head.endswith("[]}\n")
    yield head[: -len("]}\n")]
    for k, chunk in enumerate(_points(outcome, "{", ",")):
        if k:
            yield ","
        yield chunk
    yield "]}\n"


def frontier_lines(outcome: FrontierOutcome) -> Iterator[str]:
    """The frontier as JSON Lines (header, one line per point, summary), in newline-ended pieces."""
    head = frontier_head(outcome)
    summary_keys = ("status", "exact", "note", "seconds")
    header = {"kind": "header", **{k: v for k, v in head.items() if k not in summary_keys}}
    yield _enc(header) + "\n"
    for chunk in _points(outcome, '{"kind":"point",', "\n"):
        yield chunk + "\n"
    summary = {"kind": "summary", "count": len(outcome.result), **{k: head[k] for k in summary_keys}}
    yield _enc(summary) + "\n"


def write_json(outcome: object, out: TextIO, *, pretty: bool = False) -> None:
    """Write ``outcome``'s JSON to ``out``: a frontier point by point unless ``pretty``."""
    if isinstance(outcome, FrontierOutcome) and not pretty:
        for piece in frontier_chunks(outcome):
            out.write(piece)
        return
    out.write(dumps(to_json(outcome), pretty=pretty))


def write_jsonl(outcome: FrontierOutcome, out: TextIO) -> None:
    """Write the frontier of ``outcome`` as JSON Lines to ``out`` (:func:`frontier_lines`)."""
    for piece in frontier_lines(outcome):
        out.write(piece)
