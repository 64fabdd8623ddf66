"""The built-in ``ukraine`` scenario encodes the seed essays and the later plans completely.

docs/coverage.md maps every element of ``shared/seeds/README.md`` to scenario ids; these
tests parse that table and check each id against the scenario as the loader reads it:
it exists, it is of the kind the table states, and it cites its essay's source key (in
its own ``sources`` or, for an option, faction or reading, in its issue's, party's or
plan's). They also check the plans digest (``shared/plans.md``) is covered with its
disputed readings and that every profile explains its numbers. Verdicts are not pinned:
docs/verdicts.md lists them for a reviewer.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import pytest

from accord.io import load_scenario
from accord.model import Scenario
from accord.model.plans import term_options

ROOT = Path(__file__).resolve().parents[2]
COVERAGE = ROOT / "docs" / "coverage.md"
ESSAY_FILE = re.compile(r"\b(\d{3}_[0-9a-f]{16}\.txt)\b")
ID_REF = re.compile(r"`([a-z]+:[^`]+)`")

REQUIRED_PLANS = (
    "kp-untaeu",
    "usip-three-tables",
    "parley-ceasefire",
    "parley-political",
    "istanbul-2022",
    "pickering-a",
    "pickering-b",
    "april-2022-draft",
    "peace-formula",
    "us-28-point",
    "framework-20-point",
)
# The essays' own proposals: written by analysts, not by a negotiating party.
ESSAY_PLANS = frozenset(
    ("kp-untaeu", "usip-three-tables", "parley-ceasefire", "parley-political", "pickering-a", "pickering-b")
)
# Issue categories of shared/plans.md.
CATEGORIES = frozenset(
    (
        "CEASEFIRE",
        "MONITOR",
        "SEPARATION",
        "DMZ",
        "LINE",
        "TERRITORY",
        "REFERENDUM",
        "ADMIN",
        "POW_HUMAN",
        "HUMANITARIAN",
        "NEUTRALITY",
        "EU",
        "ALLIANCE",
        "GUARANTEES",
        "FORCE_LIMITS",
        "NUCLEAR",
        "NONAGGRESSION",
        "SECURITY_ARCH",
        "SANCTIONS",
        "ASSETS_REPARATIONS",
        "ACCOUNTABILITY",
        "RECONSTRUCTION",
        "RIGHTS_IDENTITY",
        "IDEOLOGY",
        "ELECTIONS",
        "SOVEREIGNTY",
        "NAV_TRADE",
        "ENERGY",
        "ENVIRONMENT",
        "IMPLEMENTATION",
        "PROCESS",
    )
)


# -- fixtures and parsing ----------------------------------------------------------
@pytest.fixture(scope="module")
def scenario() -> Scenario:
    path = resources.files("accord") / "scenarios" / "ukraine.yaml"
    return load_scenario(Path(str(path)))


def markdown_tables(text: str) -> list[tuple[list[str], list[list[str]]]]:
    """Every pipe table in ``text`` as (header cells, body rows of cells)."""
    tables: list[tuple[list[str], list[list[str]]]] = []
    block: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            block.append(line)
            continue
        if len(block) >= 2 and set(block[1].replace("|", "").strip()) <= set("-: "):
            cells = [[c.strip() for c in row.strip().strip("|").split("|")] for row in block]
            tables.append((cells[0], cells[2:]))
        block = []
    return tables


def find_table(*columns: str) -> list[dict[str, str]]:
    for header, rows in markdown_tables(COVERAGE.read_text(encoding="utf-8")):
        if all(c in header for c in columns):
            return [dict(zip(header, row, strict=True)) for row in rows]
    raise AssertionError(f"docs/coverage.md has no table with columns {columns}")


def element_rows() -> list[dict[str, str]]:
    return find_table("essay", "element", "encoded as", "ids")


def plan_rows() -> list[dict[str, str]]:
    return find_table("plans.md", "plan id", "readings")


def refs(cell: str) -> list[str]:
    return ID_REF.findall(cell)


def essay_source_keys(s: Scenario) -> dict[str, str]:
    """Essay file name -> the source key that cites it."""
    return {src.file: src.id for src in s.sources if ESSAY_FILE.fullmatch(src.file)}


# -- resolving ids ---------------------------------------------------------------
def _by_id(items: Sequence[object], key: str) -> object:
    for item in items:
        if getattr(item, "id", None) == key:
            return item
    raise LookupError(key)


def resolve(s: Scenario, ref: str) -> tuple[str, tuple[str, ...]]:
    """The kind of ``ref`` and the sources it may rely on (its own, then its parent's).

    Raises LookupError when the scenario has no such element.
    """
    head, _, tail = ref.partition("/")
    kind, _, key = head.partition(":")
    if kind == "profile":
        holder, _, perspective = key.partition("@")
        prof = s.profile(holder, perspective, fallback=False)
        if prof is None:
            raise LookupError(ref)
        return "profile", prof.sources
    collections = {
        "party": s.parties,
        "table": s.tables,
        "track": s.tracks,
        "phase": s.phases,
        "rule": s.rules,
        "constraint": s.constraints,
        "issue": s.issues,
        "plan": s.plans,
        "perspective": s.perspectives,
    }
    if kind not in collections:
        raise LookupError(f"unknown kind in {ref!r}")
    parent = _by_id(collections[kind], key)
    parent_sources: tuple[str, ...] = getattr(parent, "sources", ())
    if not tail:
        return kind, parent_sources
    sub_kind, _, sub_key = tail.partition(":")
    children = {
        ("issue", "option"): "options",
        ("plan", "reading"): "readings",
        ("party", "faction"): "factions",
    }
    attr = children.get((kind, sub_kind))
    if attr is None:
        raise LookupError(f"{kind} has no {sub_kind} in {ref!r}")
    child = _by_id(getattr(parent, attr), sub_key)
    return sub_kind, tuple(getattr(child, "sources", ())) + parent_sources


# -- the essay table ---------------------------------------------------------------
def test_coverage_table_is_substantial() -> None:
    rows = element_rows()
    assert len(rows) >= 45
    for row in rows:
        assert ESSAY_FILE.search(row["essay"]), f"row without an essay file: {row}"
        assert refs(row["ids"]), f"row without ids: {row['element']}"


def test_every_id_exists_with_the_stated_kind(scenario: Scenario) -> None:
    problems = []
    for row in element_rows():
        stated = set(re.findall(r"[a-z]+", row["encoded as"]))
        for ref in refs(row["ids"]):
            try:
                kind, _ = resolve(scenario, ref)
            except LookupError:
                problems.append(f"{row['element']}: {ref} does not exist")
                continue
            if kind not in stated:
                problems.append(f"{row['element']}: {ref} is a {kind}, the table says {sorted(stated)}")
    assert not problems, "\n".join(problems)


def test_every_referenced_element_cites_its_essay(scenario: Scenario) -> None:
    keys = essay_source_keys(scenario)
    problems = []
    for row in element_rows():
        essay = ESSAY_FILE.search(row["essay"])
        assert essay is not None
        key = keys.get(essay.group(1))
        assert key is not None, f"no source in the scenario has file {essay.group(1)}"
        for ref in refs(row["ids"]):
            _, sources = resolve(scenario, ref)
            if key not in sources:
                problems.append(f"{ref} does not cite {key} ({row['element']})")
    assert not problems, "\n".join(problems)


def seeds_readme() -> Path:
    shared = Path(os.environ.get("ACCORD_SHARED", ROOT.parent / "shared"))
    return shared / "seeds" / "README.md"


def test_every_essay_has_rows_and_a_source(scenario: Scenario) -> None:
    readme = seeds_readme()
    if not readme.exists():
        pytest.skip(f"{readme} not found (set ACCORD_SHARED to the shared directory)")
    essays = sorted(set(ESSAY_FILE.findall(readme.read_text(encoding="utf-8"))))
    assert len(essays) == 5
    keys = essay_source_keys(scenario)
    rows_per_essay = {e: 0 for e in essays}
    for row in element_rows():
        match = ESSAY_FILE.search(row["essay"])
        assert match is not None and match.group(1) in rows_per_essay, f"unknown essay in {row}"
        rows_per_essay[match.group(1)] += 1
    for essay in essays:
        assert essay in keys, f"{essay} is not a source of the scenario"
        assert rows_per_essay[essay] >= 5, f"{essay} has only {rows_per_essay[essay]} rows"


# -- plans ---------------------------------------------------------------------------
def test_plans_table_covers_the_digest(scenario: Scenario) -> None:
    rows = plan_rows()
    assert sorted(r["plans.md"] for r in rows) == ["1", "2", "3", "4", "5"]
    for row in rows:
        for ref in refs(row["plan id"]) + refs(row["readings"]):
            kind, _ = resolve(scenario, ref)
            assert kind in ("plan", "reading"), ref
    readings = {ref for row in rows for ref in refs(row["readings"])}
    for plan in scenario.plans:
        for reading in plan.readings:
            if any(ref.startswith(f"plan:{plan.id}/") for ref in readings):
                assert f"plan:{plan.id}/reading:{reading.id}" in readings, (
                    f"{plan.id}@{reading.id} not listed"
                )


@pytest.mark.parametrize("plan_id", REQUIRED_PLANS)
def test_required_plan_has_date_proposer_sources_notes(scenario: Scenario, plan_id: str) -> None:
    plan = scenario.plan(plan_id)
    assert re.fullmatch(r"\d{4}(-\d{2}){0,2}", plan.date), plan.date
    if plan_id in ESSAY_PLANS:
        # An essay's authors are no party; the plan's sources name the essay.
        assert not plan.proposers, plan.proposers
        assert set(plan.sources) & set(essay_source_keys(scenario).values()), plan.sources
    else:
        assert plan.proposers and set(plan.proposers) <= {p.id for p in scenario.parties}
    assert plan.sources and plan.notes.strip()
    assert plan.terms


def test_disputed_points_are_readings(scenario: Scenario) -> None:
    def variant_terms(plan_id: str) -> list[dict[str, str]]:
        return [dict(v.terms) for v in scenario.plan(plan_id).variants()[1:]]

    draft = variant_terms("april-2022-draft")
    assert {t.get("army_cap") for t in draft} >= {"85000", "100000", "250000"}
    assert {t.get("crimea") for t in draft} >= {"unresolved", "russia_de_jure"}
    twenty = variant_terms("framework-20-point")
    assert {t.get("line_of_control") for t in twenty} >= {"freeze_contact_line", "redeploy_working_group"}
    assert {t.get("znpp") for t in twenty} >= {"us_trilateral", "us_ua_jv"}
    # no consensus on ZNPP: provided in one of the two forms, never silent (Russian control)
    znpp = scenario.plan("framework-20-point").terms["znpp"]
    assert set(term_options(znpp)) == {"us_trilateral", "us_ua_jv"}
    istanbul = scenario.plan("istanbul-2022")
    verified = dict(scenario.plan_variant("istanbul-2022@verified-points-only").terms)
    status_quo = {i.id: i.status_quo for i in scenario.issues}
    for unverified in ("crimea", "donbas", "line_of_control", "ceasefire", "entry_into_force"):
        # not verified: the reported term or silence (the status quo), never "none" alone
        reported = istanbul.terms[unverified]
        assert set(term_options(verified[unverified])) == {reported, status_quo[unverified]}
    assert scenario.plan("us-28-point").readings


def test_issues_are_categorised_and_have_a_status_quo(scenario: Scenario) -> None:
    assert 20 <= len(scenario.issues) <= 40
    for issue in scenario.issues:
        assert issue.categories and set(issue.categories) <= CATEGORIES, issue.id
        assert issue.status_quo is not None, issue.id
        assert len(issue.options) >= 3, issue.id
    cap = scenario.issue("army_cap")
    assert cap.kind == "numeric"
    assert {o.level for o in cap.options} == {85000, 100000, 250000, 600000, 800000, None}


# -- profiles ------------------------------------------------------------------------
def test_belligerents_have_profiles_under_two_perspectives(scenario: Scenario) -> None:
    belligerents = [p.id for p in scenario.parties if p.role == "belligerent"]
    assert sorted(belligerents) == ["RU", "UA"]
    for party in belligerents:
        perspectives = {p.perspective for p in scenario.profiles if p.party == party and p.faction is None}
        assert len(perspectives) >= 2 and scenario.default_perspective in perspectives, party


def test_core_parties_and_us_factions_have_baseline_profiles(scenario: Scenario) -> None:
    assert scenario.default_perspective == "analyst-baseline"
    assert {f.id for f in scenario.party("US").factions} >= {"NSC", "State", "DoD"}
    for holder in ("UA", "RU", "US", "EU", "US.NSC", "US.State", "US.DoD"):
        assert scenario.profile(holder, "analyst-baseline", fallback=False) is not None, holder


def test_every_profile_explains_its_numbers(scenario: Scenario) -> None:
    keys = {src.id for src in scenario.sources}
    for prof in scenario.profiles:
        where = f"{prof.holder}@{prof.perspective}"
        text = prof.rationale
        if prof.derived_from:  # the weighted aggregate of its factions, each explained in its own right
            factions = [scenario.profile(f, prof.perspective, fallback=False) for f in prof.derived_from]
            assert all(factions), where
            continue
        assert len(text.split()) >= 30, f"{where}: rationale too short"
        assert "estimate" in text.lower(), f"{where}: rationale must say the numbers are estimates"
        cited = set(re.findall(r"\[([^\]]+)\]", text))
        cited = {k.strip() for group in cited for k in group.split(",")}
        assert cited & keys, f"{where}: rationale cites no declared source key"
        assert cited <= keys, f"{where}: rationale cites undeclared keys {sorted(cited - keys)}"
        assert prof.spread.batna > 0 and prof.spread.values > 0, f"{where}: no spread"
        for stated in re.findall(r"BATNA (\d+(?:\.\d+)?)", text):
            assert float(stated) == prof.batna, (
                f"{where}: rationale says BATNA {stated}, profile has {prof.batna}"
            )
        # every BATNA is anchored to the no-deal package, with a reason the rationale repeats
        basis = prof.batna_basis
        assert basis.kind == "no_deal" and basis.why.strip(), f"{where}: BATNA not anchored to no deal"
        offset = f"{abs(basis.offset):g}"
        sign = "plus" if basis.offset >= 0 else "minus"
        assert f"no-deal package {sign} {offset}" in " ".join(text.split()), (
            f"{where}: rationale does not state the BATNA as the no-deal package {sign} {offset}"
        )


# -- plans respect the constraints ----------------------------------------------------
# Which plans pass under which perspective is not pinned here: tests that pin verdicts
# turn the authors' expectations into constraints on the estimates. The verdicts are in
# docs/verdicts.md, generated by scripts/gen_verdicts_docs.py (test_verdicts_doc.py).
def test_every_plan_variant_respects_the_constraints(scenario: Scenario) -> None:
    """Some form of every plan (open issues at status quo, listed forms each tried) is feasible."""
    from accord.analysis.evaluate import evaluate_plans

    evaluation = evaluate_plans(scenario, parties=["UA"])
    bad = {p.plan: p.violations for p in evaluation.plans if p.violations}
    assert not bad, f"plans no form of which meets the constraints: {bad}"
