"""The domain model: pure, immutable, validated on construction (no I/O)."""

from accord.model.constraints import (
    Condition,
    Constraint,
    condition_holds,
    condition_text,
    freeze_condition,
)
from accord.model.elements import (
    ID_PATTERN,
    Faction,
    Issue,
    Option,
    Party,
    Phase,
    Role,
    Rule,
    Source,
    Table,
    Track,
    level_id,
)
from accord.model.plans import OneOf, Plan, PlanVariant, Reading, Term, term_options, term_text
from accord.model.preferences import (
    BatnaBasis,
    Perspective,
    Profile,
    RedLine,
    Spread,
    complete_values,
    no_deal_utility,
)
from accord.model.problems import ModelError, Problem, ScenarioInvalid, format_path
from accord.model.rules import RULE_KINDS, RuleKindSpec
from accord.model.scenario import FORMAT_VERSION, Scenario

__all__ = [
    "FORMAT_VERSION",
    "ID_PATTERN",
    "RULE_KINDS",
    "BatnaBasis",
    "Condition",
    "Constraint",
    "Faction",
    "Issue",
    "ModelError",
    "OneOf",
    "Option",
    "Party",
    "Perspective",
    "Phase",
    "Plan",
    "PlanVariant",
    "Problem",
    "Profile",
    "Reading",
    "RedLine",
    "Role",
    "Rule",
    "RuleKindSpec",
    "Scenario",
    "ScenarioInvalid",
    "Source",
    "Spread",
    "Table",
    "Term",
    "Track",
    "complete_values",
    "condition_holds",
    "condition_text",
    "format_path",
    "freeze_condition",
    "level_id",
    "no_deal_utility",
    "term_options",
    "term_text",
]
