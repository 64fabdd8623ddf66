"""What an interop command (``accord export`` / ``accord import``) wrote, for the renderers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from accord.model.elements import freeze_tuples

__all__ = ["InteropOutcome"]


@dataclass(frozen=True, slots=True, kw_only=True)
class InteropOutcome:
    """The files written in ``format``, the parties they cover, their perspective, and what was left out."""

    action: Literal["export", "import"]
    format: str
    files: tuple[str, ...]
    parties: tuple[str, ...]
    perspective: str
    left_out: tuple[str, ...]

    def __post_init__(self) -> None:
        freeze_tuples(self, "files", "parties", "left_out")
