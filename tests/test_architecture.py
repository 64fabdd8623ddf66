"""The layering of design.md: core and engines never import adapters."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "accord"
CORE = ["accord.model", "accord.space", "accord.logic", "accord.analysis"]
ADAPTERS = (
    "accord.io",
    "accord.store",
    "accord.report",
    "accord.web",
    "accord.cli",
    "accord.scale",
    "accord.scenarios",
)


def _modules(package: str) -> list[Path]:
    path = SRC.joinpath(*package.split(".")[1:])
    return sorted(path.rglob("*.py")) if path.is_dir() else [path.with_suffix(".py")]


def test_core_sources_import_no_adapter() -> None:
    offenders = []
    for package in CORE:
        for file in _modules(package):
            tree = ast.parse(file.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                for name in names:
                    if name.startswith(ADAPTERS):
                        line = getattr(node, "lineno", 0)
                        offenders.append(f"{file.relative_to(SRC)}:{line} imports {name}")
    assert not offenders, offenders


def test_importing_core_loads_no_adapter_or_heavy_optional_module() -> None:
    heavy = ("matplotlib", "pandas", "negmas")
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE)
        + f"bad = [m for m in sys.modules if m.startswith({ADAPTERS!r}) or m in {heavy!r}]\n"
        + "print(','.join(sorted(bad)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", out.stdout


def test_nothing_imports_negmas() -> None:
    hits = [
        str(f)
        for f in SRC.rglob("*.py")
        if "negmas" in f.read_text(encoding="utf-8").split("\n", 1)[-1]
        and any(
            line.strip().startswith(("import negmas", "from negmas"))
            for line in f.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert not hits, hits


def test_analysis_exports_resolve() -> None:
    import accord.analysis as analysis

    for name in analysis.__all__:
        assert getattr(analysis, name) is not None, name
