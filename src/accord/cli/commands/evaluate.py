"""Evaluation commands: ``evaluate`` and ``compare``."""

from __future__ import annotations

from accord.cli.options import (
    BaseOpt,
    EvaluatePlansOpt,
    JsonOpt,
    PartiesOpt,
    PerspectiveOpt,
    ScenarioArg,
    SetOpt,
    TermsOpt,
    load_with_draft,
    parse_perspective,
    split_list,
)
from accord.cli.output import emit


def evaluate(
    scenario: ScenarioArg,
    plan: EvaluatePlansOpt = None,
    terms: TermsOpt = None,
    base: BaseOpt = None,
    edits: SetOpt = None,
    perspective: PerspectiveOpt = None,
    parties: PartiesOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Evaluate plans: utility, BATNA, surplus, red lines and verdict per party."""
    from accord.report.terminal.evaluation import print_evaluation
    from accord.workbench import evaluation as workbench

    choice = parse_perspective(perspective)
    s, draft = load_with_draft(scenario, terms, base, edits)
    plans = (*(plan or ()), *((draft,) if draft else ()))
    request = workbench.EvaluateRequest(
        scenario=s, perspective=choice, plans=plans, parties=split_list(parties, "--parties")
    )
    emit(workbench.evaluate(request), as_json=as_json, show=print_evaluation)


def compare(
    scenario: ScenarioArg,
    terms: TermsOpt = None,
    base: BaseOpt = None,
    edits: SetOpt = None,
    perspective: PerspectiveOpt = None,
    parties: PartiesOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Compare all plans: plans x parties verdicts, plans x issues terms, verdict per perspective."""
    from accord.report.terminal.evaluation import print_comparison
    from accord.workbench import evaluation as workbench

    choice = parse_perspective(perspective)
    s, _ = load_with_draft(scenario, terms, base, edits)
    request = workbench.CompareRequest(
        scenario=s, perspective=choice, parties=split_list(parties, "--parties")
    )
    emit(workbench.compare(request), as_json=as_json, show=print_comparison)
