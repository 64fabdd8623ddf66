"""Engines: pure functions from a scenario or :class:`accord.space.Space` to frozen results."""

from accord.analysis.evaluate import (
    Evaluation,
    IssueShare,
    PartyVerdict,
    PlanEvaluation,
    evaluate_across_perspectives,
    evaluate_plans,
)

__all__ = [
    "Evaluation",
    "IssueShare",
    "PartyVerdict",
    "PlanEvaluation",
    "evaluate_across_perspectives",
    "evaluate_plans",
]
