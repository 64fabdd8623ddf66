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
    "solve_egalitarian": "bargaining",
    "solve_kalai_smorodinsky": "bargaining",
    "solve_nash": "bargaining",
    "solve_utilitarian": "bargaining",
    "count_feasible": "sampling",
    "decompose": "components",
    "FeasibleSet": "sampling",
    "feasible_set": "sampling",
    "Evaluation": "evaluate",
    "IssueShare": "evaluate",
    "PartyVerdict": "evaluate",
    "PlanEvaluation": "evaluate",
    "evaluate_across_perspectives": "evaluate",
    "evaluate_plans": "evaluate",
    "solve_frontier": "frontier",
    "maxima": "maxima",
    "SOLUTIONS": "results",
    "SOLUTION_TITLES": "results",
    "AmendResult": "results",
    "BargainingResult": "results",
    "Change": "results",
    "FrontierResult": "results",
    "ZopaResult": "results",
    "solve_zopa": "zopa",
}

__all__ = [
    "SOLUTIONS",
    "SOLUTION_TITLES",
    "AmendResult",
    "BargainingResult",
    "Change",
    "Evaluation",
    "FeasibleSet",
    "FrontierResult",
    "IssueShare",
    "PartyVerdict",
    "PlanEvaluation",
    "ZopaResult",
    "complete_plan",
    "count_feasible",
    "decompose",
    "evaluate_across_perspectives",
    "evaluate_plans",
    "feasible_set",
    "maxima",
    "solve_amendment",
    "solve_bargaining",
    "solve_egalitarian",
    "solve_frontier",
    "solve_kalai_smorodinsky",
    "solve_nash",
    "solve_utilitarian",
    "solve_zopa",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'accord.analysis' has no attribute {name!r}")
    return getattr(importlib.import_module(f"accord.analysis.{module}"), name)


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:
    from accord.analysis.amend import complete_plan, solve_amendment
    from accord.analysis.bargaining import (
        solve_bargaining,
        solve_egalitarian,
        solve_kalai_smorodinsky,
        solve_nash,
        solve_utilitarian,
    )
    from accord.analysis.components import decompose
    from accord.analysis.evaluate import (
        Evaluation,
        IssueShare,
        PartyVerdict,
        PlanEvaluation,
        evaluate_across_perspectives,
        evaluate_plans,
    )
    from accord.analysis.frontier import solve_frontier
    from accord.analysis.maxima import maxima
    from accord.analysis.results import (
        SOLUTION_TITLES,
        SOLUTIONS,
        AmendResult,
        BargainingResult,
        Change,
        FrontierResult,
        ZopaResult,
    )
    from accord.analysis.sampling import FeasibleSet, count_feasible, feasible_set
    from accord.analysis.zopa import solve_zopa
