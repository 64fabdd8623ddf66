"""``accord export`` / ``accord import`` on the terminal: the files written and what GENIUS cannot hold."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from accord.workbench.interop import InteropOutcome


def print_written(console: Console, outcome: InteropOutcome) -> None:
    """The files written, the parties and perspective they cover, and every note on what was left out."""
    verb = "Exported" if outcome.action == "export" else "Imported"
    who = ", ".join(outcome.parties)
    console.print(
        Text(f"{verb} ({outcome.format}) {len(outcome.parties)} parties under {outcome.perspective}: {who}")
    )
    for f in outcome.files:
        console.print(Text(f"  wrote {f}"))
    if outcome.left_out:
        console.print(Text("Not carried over:"))
        for note in outcome.left_out:
            console.print(Text(f"  - {note}"))
