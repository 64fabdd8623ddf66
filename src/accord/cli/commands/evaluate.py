"""Evaluation commands: ``evaluate`` and ``compare``."""

from __future__ import annotations

from accord.cli.options import (
    EvaluatePlansOpt,
    JsonOpt,
    PartiesOpt,
    PerspectiveOpt,
    ScenarioArg,
    load_scenario,
    split_list,
)
from accord.cli.output import emit


def evaluate(
    scenario: ScenarioArg,
    plan: EvaluatePlansOpt = None,
    perspective: PerspectiveOpt = None,
    parties: PartiesOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Evaluate plans: utility, BATNA, surplus, red lines and verdict per party."""
    from accord.report.terminal.evaluation import print_evaluation
    from accord.workbench import evaluation as workbench

    s = load_scenario(scenario)
    request = workbench.EvaluateRequest(
        scenario=s, perspective=perspective, plans=tuple(plan or ()), parties=split_list(parties)
    )
    emit(workbench.evaluate(request), as_json=as_json, show=print_evaluation)


def compare(
    scenario: ScenarioArg,
    perspective: PerspectiveOpt = None,
    parties: PartiesOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Compare all plans: plans x parties verdicts, plans x issues terms, verdict per perspective."""
    from accord.report.terminal.evaluation import print_comparison
    from accord.workbench import evaluation as workbench

    s = load_scenario(scenario)
    request = workbench.CompareRequest(scenario=s, perspective=perspective, parties=split_list(parties))
    emit(workbench.compare(request), as_json=as_json, show=print_comparison)
