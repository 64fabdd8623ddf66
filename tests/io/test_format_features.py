"""The format features of issue 9, read from small files: each loads, and bad input of
each new field is an error naming its file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.analysis import evaluate_plans
from accord.io import check_file, check_text
from accord.model import OneOf
from accord.space import compile_space

DATA = Path(__file__).parents[1] / "data"
MINI = (DATA / "mini.yaml").read_text(encoding="utf-8")


def load(text: str):  # type: ignore[no-untyped-def]
    report = check_text(text, name="f.yaml")
    assert report.errors == (), [p.render() for p in report.errors]
    assert report.scenario is not None
    return report.scenario


def errors(text: str) -> list[str]:
    report = check_text(text, name="f.yaml")
    assert report.scenario is None, "expected the file to be rejected"
    return [p.render() for p in report.errors]


def warnings(text: str) -> list[str]:
    report = check_text(text, name="f.yaml")
    assert report.errors == (), [p.render() for p in report.errors]
    return [p.render() for p in report.warnings]


def line_of(text: str, fragment: str) -> int:
    for n, line in enumerate(text.splitlines(), 1):
        if fragment in line:
            return n
    raise AssertionError(fragment)


P1 = "  - {id: p1, title: Old border, proposer: A, terms: {border: old, troops: none}}"


class TestJointProposers:
    def test_a_list_of_proposers_and_drafters_loads(self) -> None:
        assert P1 in MINI
        text = MINI.replace(P1, P1.replace("proposer: A", "proposer: [A, B], drafted_by: [A, B, M]"))
        plan = load(text).plan("p1")
        assert plan.proposers == ("A", "B") and plan.drafted_by == ("A", "B", "M")

    def test_one_proposer_is_a_list_of_one(self) -> None:
        assert load(MINI).plan("p1").proposers == ("A",)
        assert load(MINI.replace(P1, P1.replace("proposer: A, ", ""))).plan("p1").proposers == ()

    def test_an_unknown_proposer_in_a_list_names_its_line_and_field(self) -> None:
        text = MINI.replace(P1, P1.replace("proposer: A", "proposer: [A, ZZ]"))
        (err,) = [e for e in errors(text) if "ZZ" in e]
        assert err.startswith(f"f.yaml:{line_of(text, 'ZZ')}:")
        assert "plans[0].proposer[1]: unknown party 'ZZ'" in err

    def test_an_unknown_drafter_and_a_repeated_proposer_are_errors(self) -> None:
        text = MINI.replace(P1, P1.replace("proposer: A", "drafted_by: [Q]"))
        assert any("plans[0].drafted_by[0]: unknown party 'Q'" in e for e in errors(text))
        text = MINI.replace(P1, P1.replace("proposer: A", "proposer: [A, A]"))
        assert any("plans[0].proposers: party 'A' is listed twice" in e for e in errors(text))

    def test_a_malformed_proposer_is_an_error_without_internal_names(self) -> None:
        text = MINI.replace(P1, P1.replace("proposer: A", "proposer: {x: 1}"))
        errs = errors(text)
        assert errs and all("plans[0].proposer" in e for e in errs)
        assert not any("File" in e or "list[" in e for e in errs)


P2_TERMS = "    terms: {border: line, troops: 5000}"


class TestProvidedInOneOfSeveralForms:
    def test_a_list_and_the_long_form_load_as_one_of(self) -> None:
        assert P2_TERMS in MINI
        text = MINI.replace(
            P2_TERMS, "    terms: {border: [old, line], troops: {one_of: [1000, null], why: disputed}}"
        )
        terms = load(text).plan("p2").terms
        border, troops = terms["border"], terms["troops"]
        assert isinstance(border, OneOf) and border.options == ("old", "line")
        assert isinstance(troops, OneOf) and troops.options == ("1000", "none") and troops.why == "disputed"

    def test_a_list_of_one_option_is_that_option(self) -> None:
        text = MINI.replace(P2_TERMS, "    terms: {border: [line], troops: {one_of: [5000]}}")
        assert dict(load(text).plan("p2").terms) == {"border": "line", "troops": "5000"}

    def test_a_reading_may_list_forms_and_null_still_reopens(self) -> None:
        text = MINI.replace("terms: {troops: null}}", "terms: {troops: [1000, 5000], border: null}}")
        variant = load(text).plan_variant("p2@open-army")
        assert "border" not in variant.terms
        assert variant.terms["troops"] == OneOf(options=("1000", "5000"))

    def test_an_unknown_listed_option_names_its_line_and_field(self) -> None:
        text = MINI.replace(P2_TERMS, "    terms: {border: [line, moon], troops: 5000}")
        (err,) = [e for e in errors(text) if "moon" in e]
        assert err.startswith(f"f.yaml:{line_of(text, 'moon')}:")
        assert "plans[1].terms.border: issue 'border' has no option 'moon'" in err

    def test_duplicates_and_empty_lists_are_errors(self) -> None:
        text = MINI.replace(P2_TERMS, "    terms: {border: [line, line], troops: 5000}")
        assert any("plans[1].terms.border: option 'line' is listed twice" in e for e in errors(text))
        text = MINI.replace(P2_TERMS, "    terms: {border: [], troops: 5000}")
        assert any("plans[1].terms.border: list at least one option" in e for e in errors(text))
        text = MINI.replace("terms: {troops: null}}", "terms: {troops: {one_of: []}}}")
        assert any("plans[1].readings[0].terms.troops: list at least one option" in e for e in errors(text))

    def test_null_lists_no_limit_on_a_numeric_issue_only(self) -> None:
        text = MINI.replace(P2_TERMS, "    terms: {border: [line, null], troops: 5000}")
        assert any("plans[1].terms.border: null is no option here" in e for e in errors(text))

    def test_a_malformed_long_form_is_an_error_without_internal_names(self) -> None:
        text = MINI.replace(P2_TERMS, "    terms: {border: {one_of: [line], colour: red}, troops: 5000}")
        errs = errors(text)
        assert any("plans[1].terms.border.colour: unknown field 'colour'" in e for e in errs), errs
        assert not any("OneOfFile" in e or "list[" in e for e in errs)


PERSP = "  - {id: base, name: Baseline}"
DATED = "  - {id: base, name: Baseline, as_of: 2026-01, attribution: made up for tests}"
SECOND = """  - {id: alt, name: Alt, as_of: 2026, attribution: a named school, mirror: base, parties: [A, B]}
"""
ALT_A = """  - party: A
    perspective: alt
    weights: {border: 1}
    values: {border: {old: 100, line: 50, new: 0}}
    batna: 30
    rationale: alt [toy]
"""


def with_alt(text: str = MINI, persp: str = DATED[:-1] + ", mirror: alt}") -> str:
    assert PERSP in text
    out = text.replace(PERSP, persp + "\n" + SECOND.rstrip("\n"))
    return out.replace("profiles:\n", "profiles:\n" + ALT_A, 1)


class TestPerspectiveMetadata:
    def test_metadata_loads_and_mirrors_name_each_other(self) -> None:
        s = load(with_alt())
        alt = s.perspective("alt")
        assert (alt.as_of, alt.attribution, alt.kind, alt.mirror) == (
            "2026",
            "a named school",
            "descriptive",
            "base",
        )
        assert alt.parties == ("A", "B") and s.perspective("base").mirror == "alt"

    def test_a_mirror_that_does_not_name_this_one_back_is_an_error(self) -> None:
        text = with_alt(persp=DATED)
        (err,) = [e for e in errors(text) if "mirror" in e]
        assert err.startswith(f"f.yaml:{line_of(text, 'id: alt')}:") and "perspectives[1].mirror" in err
        assert "'base' names no mirror" in err and "add 'mirror: alt'" in err
        text = with_alt().replace("mirror: base", "mirror: nowhere")
        assert any("perspectives[1].mirror: unknown perspective 'nowhere'" in e for e in errors(text))

    def test_claimed_parties_without_a_profile_are_a_warning_naming_them(self) -> None:
        (warn,) = [w for w in warnings(with_alt()) if "claims" in w]
        assert (
            "perspectives[1].parties: perspective 'alt' claims to cover B but has no profile for it" in warn
        )
        text = with_alt().replace("parties: [A, B]", "parties: [A, ZZ]")
        assert any("perspectives[1].parties[1]: unknown party 'ZZ'" in e for e in errors(text))

    def test_a_perspective_without_date_or_attribution_is_a_warning(self) -> None:
        text = MINI
        (warn,) = warnings(text)
        assert f"f.yaml:{line_of(text, 'id: base')}:" in warn and "has no as_of and no attribution" in warn

    def test_bad_dates_and_kinds_name_the_field(self) -> None:
        text = MINI.replace(PERSP, DATED.replace("2026-01", "2026-13"))
        assert any("perspectives[0].as_of: '2026-13' is not a date" in e for e in errors(text))
        text = MINI.replace(PERSP, DATED.replace("2026-01", "2026-01, kind: normative"))
        assert any("perspectives[0].kind: must be 'descriptive' or 'prescriptive'" in e for e in errors(text))

    def test_fallbacks_name_the_parties_that_borrow_the_default_perspective(self) -> None:
        s = load(with_alt())
        assert s.fallbacks("alt") == ("B",)
        assert s.fallbacks("base") == () and s.fallbacks() == ()
        assert s.fallbacks("alt", holders=["A", "B", "M"]) == ("B",)  # M has no profile anywhere


B_BATNA = "    batna: 40\n    rationale: toy numbers [toy]\n"
# B weighs border (status quo: line) and troops, which has no status quo in mini.yaml.
WITH_SQ = MINI.replace(
    "    levels: [1000, 5000, null]", "    status_quo: none\n    levels: [1000, 5000, null]"
)


class TestBatnaAnchoredToNoDeal:
    def test_a_no_deal_batna_is_the_status_quo_utility_plus_the_offset(self) -> None:
        assert B_BATNA in WITH_SQ
        text = WITH_SQ.replace(B_BATNA, B_BATNA.replace("batna: 40", "batna: {no_deal: -5, why: costly}"))
        s = load(text)
        prof = s.profile("B")
        assert prof is not None
        # B: border line 60 and troops none 0, equal weights: no deal = 30, so BATNA = 25
        space = compile_space(s, parties=["B"])
        no_deal = space.utility(space.package_from_ids({"border": "line", "troops": "none"}))[0]
        assert no_deal == pytest.approx(30.0) and prof.batna == pytest.approx(no_deal - 5)
        basis = prof.batna_basis
        assert (basis.kind, basis.offset, basis.why) == ("no_deal", -5.0, "costly")
        assert basis.no_deal_utility == pytest.approx(no_deal) and s.no_deal(prof) == pytest.approx(no_deal)

    def test_a_value_with_a_reason_keeps_the_number(self) -> None:
        text = WITH_SQ.replace(B_BATNA, B_BATNA.replace("batna: 40", "batna: {value: 52, why: allies}"))
        prof = load(text).profile("B")
        assert prof is not None and prof.batna == 52 and prof.batna_basis.kind == "value"
        assert prof.batna_basis.why == "allies"

    def test_no_deal_needs_a_status_quo_on_every_weighted_issue(self) -> None:
        text = MINI.replace(B_BATNA, B_BATNA.replace("batna: 40", "batna: {no_deal: 5}"))
        (err,) = [e for e in errors(text) if "no deal" in e]
        assert err.startswith(f"f.yaml:{line_of(text, 'no_deal: 5')}:")
        assert (
            "profiles[1].batna.no_deal: no deal is undefined: weighted issue 'troops' has no status_quo"
            in err
        )

    def test_bad_batna_forms_are_errors_naming_the_field(self) -> None:
        text = WITH_SQ.replace(B_BATNA, B_BATNA.replace("batna: 40", "batna: {no_deal: -50}"))
        assert any(
            "profiles[1].batna.no_deal: no deal (30) -50 gives a BATNA of -20" in e for e in errors(text)
        )
        text = WITH_SQ.replace(B_BATNA, B_BATNA.replace("batna: 40", "batna: {no_deal: 1, value: 3}"))
        assert any(
            "profiles[1].batna: write either 'no_deal: OFFSET' or 'value: NUMBER'" in e for e in errors(text)
        )
        text = WITH_SQ.replace(B_BATNA, B_BATNA.replace("batna: 40", "batna: {value: 140}"))
        errs = errors(text)
        assert any("profiles[1].batna.value: must be less than or equal to 100" in e for e in errs), errs
        assert not any("BatnaFile" in e for e in errs)

    def test_a_numeric_batna_far_from_no_deal_without_a_reason_is_a_warning(self) -> None:
        # B: no deal 30, BATNA 40, spread 0: 10 points away, no reason given.
        (warn,) = [w for w in warnings(WITH_SQ) if "BATNA of B" in w]
        assert f"f.yaml:{line_of(WITH_SQ, 'batna: 40')}:" in warn
        assert "profiles[1].batna: BATNA of B (40) is 10.0 points above the utility of no deal (30.0)" in warn
        quiet = WITH_SQ.replace(B_BATNA, B_BATNA + "    spread: {batna: 10}\n")
        assert not [w for w in warnings(quiet) if "BATNA of B" in w]
        reasoned = WITH_SQ.replace(B_BATNA, B_BATNA.replace("batna: 40", "batna: {value: 40, why: x}"))
        assert not [w for w in warnings(reasoned) if "BATNA of B" in w]


A_RED = "    red_lines: [{border: new}]\n"


class TestFloors:
    def test_a_floor_compiles_into_a_red_line_over_the_options_below_it(self) -> None:
        assert A_RED in MINI
        # A values troops 1000: 0, 5000: 0 (held at the last anchor), none: 100; a floor of 40
        # bars 1000 and 5000.
        s = load(MINI.replace(A_RED, A_RED + "    floors: {troops: 40}\n"))
        prof = s.profile("A")
        assert prof is not None and dict(prof.floors) == {"troops": 40}
        floor_lines = [rl for rl in prof.red_lines if rl.origin == "floor"]
        assert [(dict(rl.terms), rl.origin) for rl in floor_lines] == [
            ({"troops": ("1000", "5000")}, "floor")
        ]
        assert "floor" in floor_lines[0].why and "troops" in floor_lines[0].why

    def test_every_engine_honours_the_floor_whatever_the_utility(self) -> None:
        s = load(MINI.replace(A_RED, A_RED + "    floors: {troops: 40}\n"))
        # old border with a 1000 cap gives A 75 > 45 but sits below A's troop floor
        space = compile_space(s)
        pkg = space.package_from_ids({"border": "old", "troops": "1000"})
        assert space.utility(pkg)[0] > space.batna[0]
        assert not space.acceptable(pkg)[0]
        assert any("troops=1000" in c.origin.name for c in space.crossed(pkg, 0))

    def test_a_floor_every_option_meets_adds_nothing(self) -> None:
        prof = load(MINI.replace(A_RED, A_RED + "    floors: {troops: 0}\n")).profile("A")
        assert prof is not None and [rl.origin for rl in prof.red_lines] == ["declared"]

    def test_a_floor_no_option_meets_is_an_error_naming_the_field(self) -> None:
        text = MINI.replace(A_RED, A_RED + "    floors: {border: 100.5}\n")
        assert any("profiles[0].floors.border: must be less than or equal to 100" in e for e in errors(text))
        text = MINI.replace("border: {old: 100, line: 40, new: 0}", "border: {old: 90, line: 40, new: 0}")
        text = text.replace(A_RED, A_RED + "    floors: {border: 95}\n")
        (err,) = [e for e in errors(text) if "floor" in e]
        assert err.startswith(f"f.yaml:{line_of(text, 'floors:')}:")
        assert "profiles[0].floors.border: no option of 'border' meets the floor 95" in err

    def test_a_floor_on_an_unknown_or_unvalued_issue_is_an_error(self) -> None:
        text = MINI.replace(A_RED, A_RED + "    floors: {moon: 5}\n")
        assert any("profiles[0].floors.moon: unknown issue 'moon'" in e for e in errors(text))
        text = MINI.replace("    batna: 40\n", "    batna: 40\n    floors: {troops: 20}\n").replace(
            "troops: {1000: 100, 5000: 60, none: 0}", "troops: {1000: 100}"
        )
        assert any(
            "profiles[1].floors.troops: a floor needs a value for every option" in e for e in errors(text)
        )

    def test_a_floor_that_makes_every_allowed_package_unacceptable_is_unavoidable(self) -> None:
        # A floor of 50 on border bars line and new; with the red line on new the remaining
        # option is old; a constraint forcing border=new whenever troops holds any value
        # leaves no package that avoids it.
        text = MINI.replace(A_RED, A_RED + "    floors: {border: 50}\n").replace(
            "  - {id: c1, if: {border: new}, then: {troops: 1000}, why: a new border needs a small army}",
            "  - {id: c1, if: {border: [old, line]}, then: {border: new}, why: forced}",
        )
        assert any("cannot be avoided" in e and "profiles[0]" in e for e in errors(text))


M_PARTY = "  - {id: M, name: Mediatia, role: mediator}"
M_FACTIONS = "  - {id: M, name: Mediatia, role: mediator, factions: [{id: X, weight: 2}, {id: Y, weight: 1}]}"
FACTION_PROFILES = """  - party: M
    faction: X
    perspective: base
    weights: {border: 1}
    values: {border: {old: 90, line: 60, new: 0}}
    batna: 30
    red_lines: [{border: new}]
    rationale: x [toy]
  - party: M
    faction: Y
    perspective: base
    weights: {border: 1}
    values: {border: {old: 0, line: 30, new: 100}}
    batna: 60
    rationale: y [toy]
"""


def with_factions(text: str = MINI) -> str:
    assert M_PARTY in text
    return text.replace(M_PARTY, M_FACTIONS).replace("profiles:\n", "profiles:\n" + FACTION_PROFILES, 1)


class TestFactionsWithWeights:
    def test_a_party_without_a_profile_gets_its_weighted_factions_aggregate(self) -> None:
        s = load(with_factions())
        prof = s.profile("M")
        assert prof is not None and prof.derived_from == ("M.X", "M.Y")
        assert "Derived from its factions" in prof.rationale
        # 2/3 of X and 1/3 of Y: line = (2*60 + 30)/3 = 50; BATNA (2*30 + 60)/3 = 40
        assert prof.values["border"]["line"] == pytest.approx(50.0) and prof.batna == pytest.approx(40.0)
        assert [(rl.text(), rl.origin) for rl in prof.red_lines] == [("border=new", "factions")]
        assert "M" in s.profiled_parties()
        ev = evaluate_plans(s, parties=["M"])
        # p1: old border -> (2*90 + 0)/3 = 60 > 40
        assert ev.plan("p1").parties[0].utility == pytest.approx(60.0)

    def test_a_party_profile_that_disagrees_with_its_factions_is_a_warning_naming_the_plans(self) -> None:
        own = """  - party: M
    perspective: base
    weights: {border: 1}
    values: {border: {old: 0, line: 100, new: 0}}
    batna: 50
    rationale: own [toy]
"""
        text = with_factions().replace("profiles:\n", "profiles:\n" + own, 1)
        (warn,) = [w for w in warnings(text) if "factions" in w]
        assert warn.startswith(f"f.yaml:{line_of(text, '  - party: M')}:")
        assert "profiles[0]: the profile of M under 'base' and the weighted aggregate" in warn
        # own: p1 old -> 0 (no); aggregate 60 (yes). p2 line -> 100 (yes); aggregate 50 (yes).
        assert warn.split("\n")[0].endswith("reach different verdicts on: p1")

    def test_a_bad_faction_weight_names_its_field(self) -> None:
        text = with_factions().replace("{id: X, weight: 2}", "{id: X, weight: 0}")
        assert any("parties[2].factions[0].weight: must be greater than 0" in e for e in errors(text))


QUOTE = (
    '    quotes: [{source: toy, text: "the line \\u2014 as it stands", where: para 2, claim: the freeze}]\n'
)


class TestQuotes:
    def quoted_file(self, tmp_path: Path, text: str = "They keep\nthe line - as it stands.") -> Path:
        (tmp_path / "toy.txt").write_text(text, encoding="utf-8")
        body = MINI.replace(
            "  toy: {title: Made up for tests}", "  toy: {title: Made up for tests, file: toy.txt}"
        )
        body = body.replace("    proposer: M\n", "    proposer: M\n" + QUOTE)
        path = tmp_path / "q.yaml"
        path.write_text(body, encoding="utf-8")
        return path

    def test_quotes_load_on_every_element_and_pass_when_found(self, tmp_path: Path) -> None:
        path = self.quoted_file(tmp_path)
        report = check_file(path, sources=tmp_path)
        assert report.errors == () and report.scenario is not None
        (quote,) = report.scenario.plan("p2").quotes
        assert (quote.source, quote.where, quote.claim) == ("toy", "para 2", "the freeze")

    def test_a_quote_not_in_its_source_is_an_error_at_its_line(self, tmp_path: Path) -> None:
        path = self.quoted_file(tmp_path, text="They move the line.")
        assert check_file(path).errors == ()  # quotes are checked only when asked
        report = check_file(path, sources=tmp_path)
        (err,) = [e.render() for e in report.errors]
        assert err.startswith(f"{path}:{line_of(path.read_text(encoding='utf-8'), 'quotes:')}:")
        assert "plans[1].quotes[0].text: quote not found in toy.txt (source 'toy')" in err

    def test_a_quote_from_an_undeclared_source_or_without_text_is_an_error(self) -> None:
        text = MINI.replace(
            "    proposer: M\n", "    proposer: M\n" + QUOTE.replace("source: toy", "source: nope")
        )
        assert any("plans[1].quotes[0].source: unknown source 'nope'" in e for e in errors(text))
        text = MINI.replace("    proposer: M\n", "    proposer: M\n    quotes: [{source: toy, text: ''}]\n")
        assert any("plans[1].quotes[0].text:" in e for e in errors(text))


def test_the_features_file_loads_with_its_quotes_checked() -> None:
    report = check_file(DATA / "features.yaml", sources=DATA)
    assert report.errors == () and report.warnings == (), [p.render() for p in report.problems]
    s = report.scenario
    assert s is not None and s.plan("p1").proposers == ("A", "M")
    m = s.profile("M")
    assert m is not None and m.derived_from == ("M.X", "M.Y")  # Z has no weight
    assert s.fallbacks("other") == ("B", "M")


def test_a_perspective_may_claim_factions_and_names_an_unknown_one() -> None:
    text = (DATA / "features.yaml").read_text(encoding="utf-8")
    claims = "parties: [A, B, M],"
    assert claims in text
    assert load(text.replace(claims, "parties: [A, B, M, M.X],")).perspective("base").parties[-1] == "M.X"
    (warn,) = [w for w in warnings(text.replace(claims, "parties: [A, B, M, M.Z],")) if "claims" in w]
    assert "perspective 'base' claims to cover M.Z but has no profile for it" in warn
    bad = text.replace(claims, "parties: [A, M.Q],")
    assert any("perspectives[0].parties[1]: unknown faction of M 'Q'" in e for e in errors(bad))
