"""Engines: pure functions from a scenario or :class:`accord.space.Space` to frozen results.

Names are resolved lazily (PEP 562), so ``accord evaluate`` does not pay for
loading the search engines and the reverse; ``from accord.analysis import
solve_nash`` works as usual.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "complete_plan": "amend",
    "solve_amendment": "amend",
    "solve_bargaining": "bargaining",
    "solve_egalitarian": "egalitarian",
    "solve_kalai_smorodinsky": "kalai_smorodinsky",
    "solve_nash": "nash",
    "solve_utilitarian": "utilitarian",
    "count_feasible": "kernel.sampling",
    "decompose": "kernel.superissues",
    "FeasibleSet": "kernel.sampling",
    "feasible_set": "kernel.sampling",
    "Evaluation": "evaluate",
    "IssueShare": "evaluate",
    "PartyVerdict": "evaluate",
    "PlanEvaluation": "evaluate",
    "evaluate_across_perspectives": "evaluate",
    "evaluate_plans": "evaluate",
    "solve_frontier": "frontier",
    "maxima": "kernel.maxima",
    "SOLVERS": "registry",
    "SolverSpec": "registry",
    "SOLUTIONS": "results",
    "SOLUTION_TITLES": "results",
    "AmendResult": "results",
    "BargainingResult": "results",
    "Change": "results",
    "FrontierResult": "results",
    "ZopaResult": "results",
    "solve_zopa": "zopa",
    "RobustnessResult": "robustness",
    "solve_robustness": "robustness",
    "LinkageResult": "linkage",
    "solve_linkage": "linkage",
    "SequenceResult": "sequence",
    "solve_sequence": "sequence",
    "RipenessResult": "ripeness",
    "solve_ripeness": "ripeness",
    "AlignResult": "align",
    "solve_align": "align",
}

__all__ = [
    "SOLUTIONS",
    "SOLUTION_TITLES",
    "SOLVERS",
    "AlignResult",
    "AmendResult",
    "BargainingResult",
    "Change",
    "Evaluation",
    "FeasibleSet",
    "FrontierResult",
    "IssueShare",
    "LinkageResult",
    "PartyVerdict",
    "PlanEvaluation",
    "RipenessResult",
    "RobustnessResult",
    "SequenceResult",
    "SolverSpec",
    "ZopaResult",
    "complete_plan",
    "count_feasible",
    "decompose",
    "evaluate_across_perspectives",
    "evaluate_plans",
    "feasible_set",
    "maxima",
    "solve_align",
    "solve_amendment",
    "solve_bargaining",
    "solve_egalitarian",
    "solve_frontier",
    "solve_kalai_smorodinsky",
    "solve_linkage",
    "solve_nash",
    "solve_ripeness",
    "solve_robustness",
    "solve_sequence",
    "solve_utilitarian",
    "solve_zopa",
]


def __getattr__(name: str) -> Any:
    """Import the module holding ``name`` on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'accord.analysis' has no attribute {name!r}")
    return getattr(importlib.import_module(f"accord.analysis.{module}"), name)


def __dir__() -> list[str]:
    """The public names, for completion."""
    return __all__


if TYPE_CHECKING:
    from accord.analysis.align import AlignResult, solve_align
    from accord.analysis.amend import complete_plan, solve_amendment
    from accord.analysis.bargaining import solve_bargaining
    from accord.analysis.egalitarian import solve_egalitarian
    from accord.analysis.evaluate import (
        Evaluation,
        IssueShare,
        PartyVerdict,
        PlanEvaluation,
        evaluate_across_perspectives,
        evaluate_plans,
    )
    from accord.analysis.frontier import solve_frontier
    from accord.analysis.kalai_smorodinsky import solve_kalai_smorodinsky
    from accord.analysis.kernel.maxima import maxima
    from accord.analysis.kernel.sampling import FeasibleSet, count_feasible, feasible_set
    from accord.analysis.kernel.superissues import decompose
    from accord.analysis.linkage import LinkageResult, solve_linkage
    from accord.analysis.nash import solve_nash
    from accord.analysis.registry import SOLVERS, SolverSpec
    from accord.analysis.results import (
        SOLUTION_TITLES,
        SOLUTIONS,
        AmendResult,
        BargainingResult,
        Change,
        FrontierResult,
        ZopaResult,
    )
    from accord.analysis.ripeness import RipenessResult, solve_ripeness
    from accord.analysis.robustness import RobustnessResult, solve_robustness
    from accord.analysis.sequence import SequenceResult, solve_sequence
    from accord.analysis.utilitarian import solve_utilitarian
    from accord.analysis.zopa import solve_zopa
