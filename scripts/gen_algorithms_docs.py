"""Write docs/algorithms.md from the registries (a test checks it is current).

Every registered solver, rule kind, protocol, strategy and built-in scenario appears with its name,
title, citation and maturity, straight from the specs in the code, so the
reference cannot drift from what the command line offers.

Usage: python scripts/gen_algorithms_docs.py [--check]
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "docs" / "algorithms.md"


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _table(headers: list[str], rows: Iterable[list[object]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def render() -> str:
    from accord.analysis.registry import SOLVERS
    from accord.model.rules import RULE_KINDS
    from accord.scenarios import SCENARIOS

    parts = [
        "# Algorithms, rule kinds and built-in scenarios\n",
        "Generated from accord's registries by `python scripts/gen_algorithms_docs.py`;"
        " a test fails when it is stale. *Maturity*: `stable` engines are exact or report"
        " a proven gap and are covered by brute-force property tests and published oracles.\n",
        "## Solvers (`accord.analysis.registry.SOLVERS`)\n",
        _table(
            ["name", "what it computes", "citation", "maturity", "options"],
            (
                [
                    f"`{s.name}`",
                    s.title,
                    s.citation,
                    s.maturity,
                    ", ".join(f"`{o}`" for o in s.options) or "—",
                ]
                for s in SOLVERS
            ),
        ),
        _backends(),
        "## Process rule kinds (`accord.model.rules.RULE_KINDS`)\n",
        _table(
            ["kind", "principle", "meaning", "source"],
            ([f"`{k.name}`", k.title, k.summary, k.citation or "—"] for k in RULE_KINDS),
        ),
        *_simulator(),
        "## Built-in scenarios (`accord.scenarios.SCENARIOS`)\n",
        _table(["name", "title", "sources"], ([f"`{b.name}`", b.title, b.citation] for b in SCENARIOS)),
    ]
    return "\n".join(parts)


def _simulator() -> list[str]:
    """The negotiation protocols and strategies (accord.protocols registries)."""
    from accord.protocols import PROTOCOLS, STRATEGIES

    def params(spec: object) -> str:
        ps = getattr(spec, "params", ())
        return ", ".join(f"`{p.name}={p.default:g}`" for p in ps) or "—"

    return [
        "## Negotiation protocols (`accord.protocols.PROTOCOLS`)\n",
        _table(
            ["name", "procedure", "what happens", "source", "mediated", "default deadline"],
            (
                [f"`{p.name}`", p.title, p.summary, p.citation, "yes" if p.mediated else "no", p.deadline]
                for p in PROTOCOLS
            ),
        ),
        "## Negotiation strategies (`accord.protocols.STRATEGIES`)\n",
        _table(
            ["name", "behaviour", "seat", "parameters", "source"],
            ([f"`{s.name}`", s.title, s.role, params(s), s.citation] for s in STRATEGIES),
        ),
    ]


def _backends() -> str:
    """The search backends and how ``auto`` chooses (from accord.analysis.kernel.backend)."""
    from accord.analysis.kernel.backend import AUTO_JOINT, BACKENDS
    from accord.analysis.kernel.mipsolve import NASH_GAP

    names = ", ".join(f"`{b}`" for b in BACKENDS)
    text = f"""
        The bargaining solutions, `zopa` and `amendment` take `backend` = {names}. `decomposition`:
        super-issues of the linked components, then branch and bound (lotteries: linear programs;
        egalitarian, Kalai–Smorodinsky and the ZOPA's best package: a max-min search that adds
        Lagrangian cuts from linear programs as it runs, Kelley 1960). `mip`: one binary per option,
        clauses and individual rationality as rows, solved by HiGHS (Huangfu & Hall 2018) with zero
        gap; Nash by outer approximation with tangent cuts (Duran & Grossmann 1986), exact when the
        proven gap in log-product is at most {NASH_GAP:g}. `auto` takes the MIP when a linked
        component could have more than {AUTO_JOINT:,} joint options, else the decomposition, however
        many parties (measured faster with 6 to 12 parties), and the MIP when a component proves too
        large to list; lotteries always use the decomposition. The result's provenance records
        `backend` and `backend_reason`. Both backends reach the same optimal value and break ties
        the same way first (the largest total surplus; for amendments the worst-off proposer's
        utility, then the total surplus); beyond that, and for Nash, each returns one package of the
        optimal set.
    """
    title = "## Search backends (`backend` option; `accord.analysis.kernel.backend`)\n\n"
    return title + " ".join(text.split()) + "\n"


def main() -> int:
    from gen_cli_docs import write_or_check  # a sibling script: scripts/ is sys.path[0]

    return write_or_check(TARGET, render(), "gen_algorithms_docs.py")


if __name__ == "__main__":
    sys.exit(main())
