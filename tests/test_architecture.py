"""The house rules of shared/design.md that a machine can check.

Layers and forbidden libraries are import-linter contracts (pyproject.toml, run by
scripts/test); this file checks what import-linter does not: no import cycle at all
(function-local imports included), functions under about 60 lines, and that
importing the core loads no adapter.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp

SRC = Path(__file__).resolve().parents[1] / "src" / "accord"
CORE = ["accord.model", "accord.space", "accord.analysis"]
ADAPTERS = ("accord.io", "accord.store", "accord.report", "accord.web", "accord.cli", "accord.scale")
MAX_FUNCTION_LINES = 60


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan 1972)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.find_modules_directly_imported_by(v)):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return out


def test_no_import_cycle_anywhere() -> None:
    # Function-local imports count: a cycle hidden inside a function is still a cycle.
    # Imports under `if TYPE_CHECKING` never run and are left out.
    graph = grimp.build_graph("accord", exclude_type_checking_imports=True, cache_dir=None)
    assert _cycles(graph) == []


def test_cycle_finder_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for a, b in (("p.a", "p.b"), ("p.b", "p.c"), ("p.c", "p.a"), ("p.c", "p.d")):
        graph.add_import(importer=a, imported=b)
    assert _cycles(graph) == [["p.a", "p.b", "p.c"]]


def _functions() -> list[tuple[str, int]]:
    found = []
    for file in sorted(SRC.rglob("*.py")):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                found.append((f"{file.relative_to(SRC)}:{node.lineno} {node.name}", length))
    return found


def test_functions_stay_under_about_sixty_lines() -> None:
    long = [f"{where} ({n} lines)" for where, n in _functions() if n > MAX_FUNCTION_LINES]
    assert long == []


def test_core_sources_import_no_adapter() -> None:
    offenders = []
    for package in CORE:
        path = SRC.joinpath(*package.split(".")[1:])
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path.with_suffix(".py")]
        for file in files:
            for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                offenders += [f"{file.relative_to(SRC)} imports {n}" for n in names if n.startswith(ADAPTERS)]
    assert offenders == []


def test_importing_core_loads_no_adapter_or_heavy_optional_module() -> None:
    heavy = ("matplotlib", "pandas", "negmas", "pydantic", "typer", "rich", "yaml")
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE)
        + f"bad = [m for m in sys.modules if m.startswith({ADAPTERS!r}) or m.split('.')[0] in {heavy!r}]\n"
        + "print(','.join(sorted(bad)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", out.stdout


def test_analysis_exports_resolve() -> None:
    import accord.analysis as analysis

    for name in analysis.__all__:
        assert getattr(analysis, name) is not None, name
