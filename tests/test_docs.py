"""Documentation is tested: every example runs, every command is documented.

In README.md and docs/*.md, ``console`` blocks hold ``$ command`` lines followed by
the expected output (a line ``...`` matches any number of lines; a command with
no output lines after it is only required to succeed). ``python`` blocks are
doctests. The blocks of one file run in order in one temporary directory, so a
file written by one example is there for the next.
"""

from __future__ import annotations

import doctest
import io
import os
import re
import shlex
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC_FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```(console|python)\n(.*?)^```", re.S | re.M)


def run_command(command: str, cwd: Path) -> tuple[int, str]:
    argv = shlex.split(command)
    if argv[0] == "accord":
        from accord.cli.app import main

        out, err = io.StringIO(), io.StringIO()
        old = Path.cwd()
        os.chdir(cwd)
        try:
            with redirect_stdout(out), redirect_stderr(err):
                code = main(argv[1:])
        finally:
            os.chdir(old)
        return code, out.getvalue() + err.getvalue()
    proc = subprocess.run(command, shell=True, cwd=cwd, capture_output=True, text=True, check=False)
    return proc.returncode, proc.stdout + proc.stderr


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line-by-line match where a ``...`` line matches any run of lines.

    Memoised on positions so a few wildcards over long outputs stay linear-ish.
    """
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head.strip() == "...":
        return any(matches(rest, actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and line_matches(head, actual[0]) and matches(rest, actual[1:])


def line_matches(expected: str, actual: str) -> bool:
    """Runs of spaces are folded (table widths are not part of the contract); ``...`` inside a
    line matches any text."""
    want, got = " ".join(expected.split()), " ".join(actual.split())
    if "..." not in want:
        return want == got
    pattern = ".*".join(re.escape(part) for part in want.split("..."))
    return re.fullmatch(pattern, got) is not None


def run_console(block: str, cwd: Path, where: str) -> None:
    items: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            items.append((line[2:], []))
        elif items:
            items[-1][1].append(line)
    for command, expected in items:
        code, output = run_command(command, cwd)
        actual = output.rstrip("\n").splitlines()
        wants_failure = command.startswith("accord validate") and any("error(s)" in e for e in expected)
        if not wants_failure:
            assert code == 0, f"{where}: `{command}` exited {code}:\n{output}"
        if expected:
            assert matches(expected, actual), (
                f"{where}: `{command}` printed:\n{output}\nexpected:\n" + "\n".join(expected)
            )


def run_python(block: str, cwd: Path, where: str, globs: dict[str, object]) -> None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(block, globs, where, where, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    old = Path.cwd()
    os.chdir(cwd)
    out = io.StringIO()
    try:
        runner.run(test, out=out.write)
    finally:
        os.chdir(old)
    assert runner.failures == 0, out.getvalue()


@pytest.mark.parametrize("doc", DOC_FILES, ids=lambda p: p.name)
def test_examples_run(doc: Path, tmp_path: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    globs: dict[str, object] = {}
    for n, match in enumerate(BLOCK.finditer(text)):
        kind, body = match.group(1), match.group(2)
        where = f"{doc.name} block {n + 1} (line {text[: match.start()].count(chr(10)) + 1})"
        if kind == "console":
            run_console(body, tmp_path, where)
        else:
            run_python(body, tmp_path, where, globs)


def test_readme_starts_with_exactly_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first = re.search(r"```bash\n(.*?)```", text, re.S)
    assert first is not None, "README must open with a bash block of commands"
    assert text.index("```bash") < text.index("\n## "), "the commands come before the first section"
    commands = [c for c in first.group(1).splitlines() if c.strip()]
    assert len(commands) == 2
    assert "accord compare ukraine" in commands[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci, ".ci/run must run the README's test command"


def test_cli_reference_is_current() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import gen_cli_docs
    finally:
        sys.path.pop(0)
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == gen_cli_docs.render(), "docs/cli.md is stale: run python scripts/gen_cli_docs.py"


def test_algorithm_reference_is_current() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import gen_algorithms_docs
    finally:
        sys.path.pop(0)
    current = (ROOT / "docs" / "algorithms.md").read_text(encoding="utf-8")
    assert current == gen_algorithms_docs.render(), (
        "docs/algorithms.md is stale: run python scripts/gen_algorithms_docs.py"
    )


def test_algorithm_reference_lists_every_registry_entry() -> None:
    from accord.analysis.registry import SOLVERS
    from accord.model.rules import RULE_KINDS
    from accord.protocols import PROTOCOLS, STRATEGIES
    from accord.scenarios import SCENARIOS

    text = (ROOT / "docs" / "algorithms.md").read_text(encoding="utf-8")
    for name in (*SOLVERS.names, *RULE_KINDS.names, *SCENARIOS.names, *PROTOCOLS.names, *STRATEGIES.names):
        assert f"| `{name}` |" in text, name


def test_every_command_is_documented() -> None:
    from accord.cli.app import command_names

    howto = (ROOT / "docs" / "howto.md").read_text(encoding="utf-8") + (ROOT / "README.md").read_text(
        encoding="utf-8"
    )
    for name in command_names():
        assert f"accord {name}" in howto, f"'accord {name}' has no example in README.md or docs/howto.md"


def test_every_rule_kind_is_documented() -> None:
    from accord.model import RULE_KINDS

    fmt = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    missing = [k for k in RULE_KINDS.names if f"`{k}`" not in fmt]
    assert not missing, f"docs/format.md does not describe rule kinds: {missing}"


def test_docstring_examples_run() -> None:
    """Every ``>>>`` example in the package's docstrings runs and prints what it says."""
    import importlib
    import pkgutil

    import accord

    failures = []
    for info in pkgutil.walk_packages(accord.__path__, "accord."):
        module = importlib.import_module(info.name)
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        if result.failed:
            failures.append(info.name)
    result = doctest.testmod(accord, optionflags=doctest.ELLIPSIS)
    assert not failures and not result.failed, failures
