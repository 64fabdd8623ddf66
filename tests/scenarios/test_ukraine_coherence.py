"""No package accord recommends for ``ukraine`` is a text nobody could write.

Every bargaining solution and the best ZOPA package, under every perspective,
goes through a list of coherence rules written here as data: pairs of options
that no agreement can hold together (a ceasefire "after withdrawal" while forces
stay where they stand; a recognised Russian sphere with EU membership at a fixed
date). The list is written from the options' meaning, independently of the
scenario's constraints, so a missing constraint shows up as a violation.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import product

import pytest

from accord.analysis.bargaining import solve_bargaining
from accord.analysis.zopa import solve_zopa
from accord.model import Scenario
from accord.model.plans import term_options
from accord.scenarios import load_builtin
from accord.space import Space, compile_space

Side = Mapping[str, tuple[str, ...]]

STAY = (
    "none",
    "freeze_contact_line",
    "ua_leaves_donetsk",
    "ua_leaves_four_oblasts",
    "redeploy_working_group",
)
OVERSIGHT = (
    "bilateral_commission",
    "neutral_observers",
    "osce_mission",
    "tech_surveillance",
    "us_ru_working_group",
)
RUSSIAN_DONBAS = ("russia_de_facto", "russia_de_jure", "independent")
# (first, second, why): no text holds an option of `first` together with one of `second`.
RULES: tuple[tuple[Side, Side, str], ...] = (
    (
        {"ceasefire": ("after_withdrawal",)},
        {"line_of_control": STAY},
        "ceasefire after a withdrawal nobody makes",
    ),
    (
        {"russia_role": ("sphere_recognised",)},
        {"eu_accession": ("fixed_date", "eligible_market_access", "promoted")},
        "a Russian sphere with Ukraine's EU membership on its way",
    ),
    (
        {"russia_role": ("sphere_recognised",)},
        {"alliance": ("nato_membership",)},
        "a Russian sphere with NATO",
    ),
    (
        {"foreign_forces": ("no_bases_all_guarantors",)},
        {"guarantees": ("us_compensated", "art5_mirror")},
        "consent of all guarantors, Russia included, when Russia guarantees nothing",
    ),
    (
        {"alliance": ("nato_membership",)},
        {"nato_expansion": ("pause_declared", "treaty_ban")},
        "joining NATO while it stops enlarging",
    ),
    (
        {"alliance": ("neutral_guaranteed", "neutral_constitutional")},
        {"foreign_forces": ("no_restriction",)},
        "permanent neutrality with foreign bases",
    ),
    (
        {"crimea": ("ukraine",)},
        {"line_of_control": (*STAY, "feb23_loc", "all_but_crimea", "both_withdraw_un")},
        "Crimea returned while Russian forces stay in it",
    ),
    (
        {"donbas": ("ukraine",)},
        {"line_of_control": (*STAY, "feb23_loc")},
        "the Donbas returned, Russian forces in it",
    ),
    (
        {"donbas": RUSSIAN_DONBAS},
        {"line_of_control": ("feb23_loc", "all_but_crimea", "full_1991")},
        "Russian Donbas, Russia gone",
    ),
    ({"south": ("ukraine",)}, {"line_of_control": STAY}, "the south returned, Russian forces in it"),
    (
        {"dmz": ("donetsk_neutral_zone",)},
        {"line_of_control": ("freeze_contact_line", "none")},
        "a zone Ukraine never leaves",
    ),
    (
        {"frozen_assets": ("returned",)},
        {"sanctions": ("maintained", "tightened")},
        "assets returned under full sanctions",
    ),
    (
        {"russia_role": ("g8_return",)},
        {"sanctions": ("maintained", "tightened")},
        "the G8 under full sanctions",
    ),
    (
        {"administration": ("un_transitional", "un_trusteeship", "third_party_interim")},
        {"line_of_control": STAY},
        "a UN administration of areas the armies still hold",
    ),
    (
        {"peacekeeping": ("european_force",)},
        {"foreign_forces": ("no_nato_troops",)},
        "NATO-state troops where none may be",
    ),
    (
        {"south": ("un_status_process",)},
        {"administration": ("de_facto_control",)},
        "the south under UN administration with no UN administration",
    ),
    (
        {"sanctions": ("full_lifting",)},
        {"frozen_assets": ("frozen", "reparations", "reconstruction_fund")},
        "every sanction lifted, the asset freeze kept",
    ),
    ({"dmz": ("along_line",)}, {"line_of_control": ("none",)}, "a zone along a line nobody agreed"),
    ({"ceasefire": ("after_withdrawal",)}, {"line_of_control": ("none",)}, "a ceasefire after no withdrawal"),
    (
        {"ceasefire": ("none",)},
        {"line_of_control": STAY[1:] + ("feb23_loc",)},
        "a line agreed while the war goes on",
    ),
    ({"south": ("frozen_line",)}, {"line_of_control": ("none",)}, "frozen along a line nobody agreed"),
    (
        {"ceasefire": ("none",)},
        {"ceasefire_oversight": OVERSIGHT},
        "overseeing a ceasefire that does not exist",
    ),
    (
        {"ceasefire": ("none",)},
        {"peacekeeping": ("un_pko", "neutral_contingents", "european_force")},
        "peacekeepers in a war",
    ),
    (
        {"ceasefire": ("none",)},
        {"guarantees": ("multilateral_obligation", "us_compensated", "art5_mirror")},
        "guarantors obliged to fight from the day of signing",
    ),
    ({"donbas": ("frozen_line",)}, {"line_of_control": ("none",)}, "divided along a line nobody agreed"),
)
SOLUTIONS = ("nash", "ks", "egalitarian", "utilitarian")


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_builtin("ukraine")


def violations(space: Space, package: tuple[int, ...]) -> list[str]:
    chosen = {
        issue: space.options[i][k] for i, (issue, k) in enumerate(zip(space.issues, package, strict=True))
    }

    def holds(side: Side) -> bool:
        return all(chosen[issue] in options for issue, options in side.items())

    return [
        f"{why}: {dict(first)} with {dict(second)}"
        for first, second, why in RULES
        if holds(first) and holds(second)
    ]


def test_rules_name_real_options(scenario: Scenario) -> None:
    options = {i.id: set(i.option_ids) for i in scenario.issues}
    for first, second, why in RULES:
        for issue, opts in [*first.items(), *second.items()]:
            assert issue in options and set(opts) <= options[issue], (why, issue, opts)


def test_the_rules_catch_an_incoherent_package(scenario: Scenario) -> None:
    space = compile_space(scenario, parties=["UA"])
    terms = {i.id: i.status_quo or i.option_ids[0] for i in scenario.issues}
    terms.update(ceasefire="after_withdrawal", line_of_control="freeze_contact_line")
    assert violations(space, space.package_from_ids(terms))


@pytest.mark.parametrize(
    "perspective",
    ["analyst-baseline", "ua-government", "ru-government", "settle-now", "negotiate-from-strength"],
)
def test_every_solution_and_best_package_is_coherent(scenario: Scenario, perspective: str) -> None:
    assert perspective in {p.id for p in scenario.perspectives}
    space = compile_space(scenario, perspective=perspective, parties=["UA", "RU", "US", "EU"])
    found: dict[str, tuple[int, ...]] = {}
    for name in SOLUTIONS:
        result = solve_bargaining(space, name, time_limit=30)
        if result.package is not None:
            found[name] = result.package
    zopa = solve_zopa(space, time_limit=30, count_states=1_000, samples=200)
    if zopa.best is not None:
        found["zopa"] = zopa.best
    if not found:  # nothing to check: no package is acceptable to all under this perspective
        assert zopa.status in ("no_zopa", "infeasible"), (perspective, zopa.status)
    problems = [f"{perspective} {name}: {v}" for name, pkg in found.items() for v in violations(space, pkg)]
    assert not problems, "\n".join(problems)


def test_every_plan_text_is_coherent(scenario: Scenario) -> None:
    """Some form of every plan (each listed form tried, open issues at status quo) is coherent."""
    space = compile_space(scenario, parties=["UA"])
    problems = []
    for variant in scenario.plan_variants():
        base = {i.id: i.status_quo or "" for i in scenario.issues}
        listed = {k: term_options(v) for k, v in variant.terms.items() if v is not None}
        forms = [dict(zip(listed, combo, strict=True)) for combo in product(*listed.values())]
        found = [violations(space, space.package_from_ids({**base, **form})) for form in forms]
        if all(found):
            problems.append(f"{variant.id}: {found[0]}")
    assert not problems, "\n".join(problems)
