"""Write docs/cli.md from the CLI's own --help texts (tests check it is current).

Usage: python scripts/gen_cli_docs.py [--check]
"""

from __future__ import annotations

import io
import sys
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "docs" / "cli.md"


def help_text(argv: list[str]) -> str:
    from accord.cli.app import main

    buf = io.StringIO()
    with redirect_stdout(buf):
        main([*argv, "--help"])
    return buf.getvalue().rstrip() + "\n"


def render() -> str:
    from accord.cli.app import command_names, subcommand_names

    commands = command_names()
    parts = [
        "# Command reference\n",
        "Generated from `accord COMMAND --help` by `python scripts/gen_cli_docs.py`;"
        " a test fails when it is stale.\n",
        "```text\n$ accord --help\n" + help_text([]) + "```\n",
    ]
    for name in commands:
        parts.append(f"## accord {name}\n\n```text\n$ accord {name} --help\n{help_text([name])}```\n")
    for name in subcommand_names():
        parts.append(f"## accord {name}\n\n```text\n$ accord {name} --help\n{help_text(name.split())}```\n")
    return "\n".join(parts)


def write_or_check(target: Path, text: str, script: str) -> int:
    """Write ``text`` to ``target``, or with ``--check`` only say whether it is current (exit 1 if not)."""
    if "--check" in sys.argv:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"docs/{target.name} is stale: run python scripts/{script}", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    return 0


def main() -> int:
    return write_or_check(TARGET, render(), "gen_cli_docs.py")


if __name__ == "__main__":
    sys.exit(main())
