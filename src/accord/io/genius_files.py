"""The file side of GENIUS interop: read a directory of GENIUS XML, write exports and imported scenarios.

Writes are atomic: each file is written to a temporary file in the same
directory and renamed over its target (``os.replace``), so a reader never sees a
half-written file and a failure leaves what was there. Nothing is overwritten
unless asked (``force``); every target is checked before the first is written.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import yaml

from accord.io.genius import GeniusError, GeniusExport, GeniusImport
from accord.io.genius_import import import_genius
from accord.io.loader import Report, check_text
from accord.io.safexml import MAX_XML_BYTES

__all__ = ["MAX_GENIUS_FILES", "read_genius_dir", "scenario_text", "write_atomic", "write_export"]

MAX_GENIUS_FILES = 200
"""The most XML files a GENIUS directory may hold (one domain and its utility spaces)."""


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file renamed over it (``OSError`` on failure)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def existing(paths: Iterable[Path]) -> list[Path]:
    """The ``paths`` that already exist."""
    return [p for p in paths if p.exists()]


def write_export(export: GeniusExport, directory: Path, *, force: bool = False) -> tuple[Path, ...]:
    """Write ``export``'s files into ``directory`` (created if missing); ``FileExistsError`` names clashes."""
    targets = [directory / f.name for f in export.files]
    if directory.exists() and not directory.is_dir():
        raise NotADirectoryError(f"{directory} is not a directory")
    clash = existing(targets)
    if clash and not force:
        raise FileExistsError(", ".join(str(p) for p in clash))
    directory.mkdir(parents=True, exist_ok=True)
    for f, target in zip(export.files, targets, strict=True):
        write_atomic(target, f.text)
    return tuple(targets)


def read_genius_dir(directory: Path) -> GeniusImport:
    """The GENIUS files (``*.xml``) in ``directory`` read as a scenario document (:class:`GeniusError`)."""
    if not directory.is_dir():
        raise GeniusError(str(directory), "not a directory")
    paths = sorted(p for p in directory.iterdir() if p.suffix.lower() == ".xml" and p.is_file())
    if not paths:
        raise GeniusError(str(directory), "no .xml files")
    if len(paths) > MAX_GENIUS_FILES:
        raise GeniusError(str(directory), f"more than {MAX_GENIUS_FILES} .xml files")
    files: dict[str, bytes] = {}
    for p in paths:
        if p.stat().st_size > MAX_XML_BYTES:
            raise GeniusError(str(p), f"larger than {MAX_XML_BYTES // (1024 * 1024)} MB")
        files[str(p)] = p.read_bytes()
    return import_genius(files)


def scenario_text(imported: GeniusImport, target: Path) -> tuple[str, Report]:
    """The imported scenario as file text (JSON for a ``.json`` target, else YAML) and its check report."""
    doc = dict(imported.document)
    if target.suffix.lower() == ".json":
        text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    else:
        header = (
            "# Imported from GENIUS by accord; red lines, constraints and status quos are not in GENIUS.\n"
        )
        text = header + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)
    return text, check_text(text, name=str(target), json_syntax=target.suffix.lower() == ".json")
