"""Scenario files: every kind of problem is reported with file, line, field and hint."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from accord.io import check_file, check_text, load_scenario
from accord.io.loader import ScenarioFileError
from accord.io.yamlsource import MAX_NODES, SourceError, parse_text

DATA = Path(__file__).parents[1] / "data"
MINI = (DATA / "mini.yaml").read_text(encoding="utf-8")


def problems_of(text: str) -> list[str]:
    report = check_text(text, name="f.yaml")
    assert report.scenario is None, "expected the file to be rejected"
    return [p.render() for p in report.errors]


def one(text: str, needle: str) -> str:
    """The single rendered error containing ``needle``."""
    found = [p for p in problems_of(text) if needle in p]
    assert found, f"no error mentions {needle!r}: {problems_of(text)}"
    return found[0]


def line_of(text: str, fragment: str) -> int:
    for n, line in enumerate(text.splitlines(), 1):
        if fragment in line:
            return n
    raise AssertionError(fragment)


class TestValidFiles:
    def test_mini_loads(self) -> None:
        s = load_scenario(DATA / "mini.yaml")
        assert [i.id for i in s.issues] == ["border", "troops"]
        assert s.issue("troops").option_ids == ("1000", "5000", "none")
        assert s.plan("p1").terms == {"border": "old", "troops": "none"}

    def test_json_equivalent_loads(self, tmp_path: Path) -> None:
        data = yaml.safe_load(MINI)
        # keys that YAML 1.1 (PyYAML) turns into ints/None must be strings in JSON
        path = tmp_path / "mini.json"
        path.write_text(json.dumps(data, default=str), encoding="utf-8")
        s = load_scenario(path)
        assert s.id == "mini"
        assert len(s.plans) == 2

    def test_yaml_12_keeps_yes_no_as_strings(self) -> None:
        text = (
            MINI.replace("{id: old, label: Old border}", "{id: yes, label: Old border}")
            .replace("border: old", "border: yes")
            .replace("{old: 100,", "{yes: 100,")
            .replace("{old: 0,", "{yes: 0,")
        )
        report = check_text(text)
        assert report.ok, [p.render() for p in report.problems]
        assert report.scenario is not None
        assert report.scenario.issue("border").option_ids[0] == "yes"

    def test_template_is_valid(self) -> None:
        from importlib import resources

        text = (resources.files("accord") / "io" / "template.yaml").read_text(encoding="utf-8")
        report = check_text(text)
        assert report.ok and not report.warnings, [p.render() for p in report.problems]


class TestProblems:
    def test_syntax_error_has_line(self) -> None:
        msg = one(MINI.replace("title: Border\n", "title: [Border\n"), "syntax error")
        assert msg.startswith("f.yaml:")

    def test_json_syntax_error_has_line(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.json"
        path.write_text('{"accord": 1,\n "id": "x",\n "title": }\n', encoding="utf-8")
        report = check_file(path)
        assert report.errors[0].line == 3
        assert "JSON syntax error" in report.errors[0].message

    def test_unknown_id_reference(self) -> None:
        text = MINI.replace("parties: [A, B]}", "parties: [A, Q]}")
        msg = one(text, "unknown party 'Q'")
        assert f"f.yaml:{line_of(text, 'parties: [A, Q]')}:" in msg
        assert "tables[0].parties[1]" in msg and "hint: known party ids" in msg

    def test_duplicate_id(self) -> None:
        text = MINI.replace("{id: M, name: Mediatia", "{id: B, name: Mediatia")
        msg = one(text, "duplicate id 'B'")
        assert f":{line_of(text, 'name: Mediatia')}:" in msg

    def test_duplicate_key(self) -> None:
        text = MINI.replace("title: Border\n", "title: Border\n    title: Again\n")
        msg = one(text, "duplicate key 'title'")
        assert f":{line_of(text, 'title: Again')}:" in msg

    def test_value_out_of_range(self) -> None:
        text = MINI.replace("{old: 100, line: 40, new: 0}", "{old: 140, line: 40, new: 0}")
        msg = one(text, "values.border.old")
        assert "must be less than or equal to 100" in msg
        assert f":{line_of(text, 'old: 140')}:" in msg

    def test_non_positive_weight(self) -> None:
        text = MINI.replace("weights: {border: 3, troops: 1}", "weights: {border: -3, troops: 1}")
        msg = one(text, "weights.border")
        assert "must be greater than 0" in msg and "leave an issue out" in msg

    def test_plan_term_names_missing_option(self) -> None:
        text = MINI.replace("terms: {border: old, troops: none}", "terms: {border: older, troops: none}")
        msg = one(text, "no option 'older'")
        assert "plans[0].terms.border" in msg and "hint: options: old, line, new" in msg

    def test_plan_term_names_missing_numeric_level(self) -> None:
        text = MINI.replace("terms: {border: line, troops: 5000}", "terms: {border: line, troops: 7000}")
        one(text, "no option '7000'")

    def test_contradictory_constraints(self) -> None:
        text = MINI.replace(
            "constraints:\n",
            "constraints:\n  - {id: c0, if: {border: new}, then: {troops: none}}\n"
            "  - {id: c9, excludes: {border: [old, line]}}\n",
        )
        msg = one(text, "contradictory constraints")
        assert "c0" in msg and "c1" in msg and "c9" in msg

    def test_red_line_no_option_can_avoid(self) -> None:
        text = MINI.replace("red_lines: [{border: new}]", "red_lines: [{border: [old, line, new]}]")
        msg = one(text, "cannot be avoided")
        assert "profiles[0].red_lines[0]" in msg

    def test_table_names_unknown_party(self) -> None:
        one(
            MINI.replace(
                "tables: [{id: main, name: A–B, parties: [A, B]}]",
                "tables: [{id: main, name: A–B, parties: [A, Z]}]",
            ),
            "unknown party 'Z'",
        )

    def test_unknown_field_and_missing_field(self) -> None:
        text = MINI.replace("title: Border\n", "titel: Border\n")
        msgs = problems_of(text)
        assert any("unknown field 'titel'" in m for m in msgs)
        assert any("issues[0].title: required field is missing" in m for m in msgs)

    def test_every_problem_reported_at_once(self) -> None:
        text = (
            MINI.replace("parties: [A, B]}", "parties: [A, Q]}")
            .replace("{old: 100, line: 40, new: 0}", "{old: 140, line: 40, new: 0}")
            .replace("terms: {border: old, troops: none}", "terms: {border: older, troops: none}")
            .replace("role: mediator", "role: referee")
        )
        msgs = problems_of(text)
        for needle in ("unknown party 'Q'", "values.border.old", "no option 'older'", "parties[2].role"):
            assert any(needle in m for m in msgs), needle

    def test_follow_on_errors_suppressed(self) -> None:
        # A party that fails to parse must not also produce "unknown party" errors.
        text = MINI.replace("{id: B, name: Bland, role: belligerent}", "{id: B, name: Bland, role: warlord}")
        msgs = problems_of(text)
        assert len(msgs) == 1 and "role" in msgs[0]

    def test_missing_version(self) -> None:
        one(MINI.replace("accord: 1\n", ""), "missing format version")

    def test_not_a_mapping(self) -> None:
        one("- just\n- a list\n", "must be a mapping")

    def test_empty_file(self) -> None:
        one("", "empty")

    def test_unreadable_file(self, tmp_path: Path) -> None:
        assert "no such file" in check_file(tmp_path / "nope.yaml").errors[0].message
        assert "directory" in check_file(tmp_path).errors[0].message
        binary = tmp_path / "b.yaml"
        binary.write_bytes(b"\xff\xfe\x00bad")
        assert check_file(binary).errors

    def test_load_scenario_raises_with_all_problems(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.yaml"
        path.write_text(MINI.replace("parties: [A, B]}", "parties: [A, Q]}"), encoding="utf-8")
        with pytest.raises(ScenarioFileError) as exc:
            load_scenario(path)
        assert str(path) in str(exc.value) and "unknown party 'Q'" in str(exc.value)


class TestHostileInput:
    def test_alias_bomb_is_refused(self) -> None:
        levels = ["a: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for k in range(1, 9):
            levels.append(f"b{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 10) + "]")
        with pytest.raises(SourceError, match="alias bomb"):
            parse_text("\n".join(levels))
        assert MAX_NODES < 10**9

    def test_deep_nesting_is_refused(self) -> None:
        with pytest.raises(SourceError, match="nesting"):
            parse_text("[" * 500 + "]" * 500)

    def test_custom_tags_are_refused(self) -> None:
        with pytest.raises(SourceError, match="tag"):
            parse_text("a: !!python/object:os.system echo\nb: !x 1\n")


class TestConventions:
    """Ids in any script, no internal class names, no empty scenario, implicit perspectives."""

    def test_ids_in_non_latin_letters_load(self) -> None:
        text = MINI.replace("id: A,", "id: Україна,").replace("party: A\n", "party: Україна\n")
        text = text.replace("parties: [A, B]", "parties: [Україна, B]").replace(
            "proposer: A", "proposer: Україна"
        )
        text = (
            text.replace("id: border", "id: 边界").replace("border:", "边界:").replace("{border:", "{边界:")
        )
        report = check_text(text, name="f.yaml")
        assert report.errors == (), [p.render() for p in report.errors]
        assert report.scenario is not None
        assert report.scenario.parties[0].id == "Україна"
        assert report.scenario.issues[0].id == "边界"

    def test_a_bad_id_hint_says_which_characters_are_allowed(self) -> None:
        err = one(MINI.replace("id: A,", "id: 'A.1',"), "not a valid id")
        assert "any script" in err and "'_' and '-'" in err and "no spaces, dots" in err

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("red_lines: [{border: new}]", "red_lines: [5]"),
            ("red_lines: [{border: new}]", "red_lines: [abc]"),
            ("    batna: 40\n", "    batna: 40\n    spread: 3\n"),
            ("  - {id: M, name: Mediatia, role: mediator}", "  - M"),
            ("      - {id: old, label: Old border}", "      - [1]"),
            ("  toy: {title: Made up for tests}", "  toy: [5]"),
            ("  - {id: c1, if:", "  - 5\n  - {id: c1, if:"),
            ("      - {id: open-army, title: Army left open, terms: {troops: null}}", "      - 7"),
        ],
    )
    def test_messages_never_name_internal_classes(self, old: str, new: str) -> None:
        assert old in MINI
        errors = problems_of(MINI.replace(old, new))
        assert errors and not any(re.search(r"[A-Z][a-z]+File\b|instance of|dictionary", e) for e in errors)
        assert any("must be a mapping of fields (key: value), not" in e for e in errors)
        assert len(errors) == len(set(errors))  # a union's members do not repeat the message

    def test_a_scenario_without_issues_is_an_error(self) -> None:
        text = "accord: 1\nid: e\ntitle: E\nparties: [{id: A, name: A, role: belligerent}]\nissues: []\n"
        err = one(text + "perspectives: [{id: base}]\n", "no issues declared")
        assert err.startswith("f.yaml:5:1: error: issues:")

    def test_an_undeclared_perspective_is_created_with_a_warning(self) -> None:
        text = MINI.replace("perspectives:\n  - {id: base, name: Baseline}\n", "").replace(
            "    perspective: base\n", "    perspective: mine\n"
        )
        report = check_text(text, name="f.yaml")
        assert report.errors == () and report.scenario is not None
        (warning,) = [w for w in report.warnings if "perspective" in w.field]
        assert warning.line == line_of(text, "perspective: mine")
        assert "perspective 'mine' is not declared" in warning.message
        assert [(p.id, p.name) for p in report.scenario.perspectives] == [("mine", "mine")]
        assert report.scenario.default_perspective == "mine"

    def test_a_declared_perspective_that_failed_is_not_recreated(self) -> None:
        text = MINI.replace("  - {id: base, name: Baseline}", "  - {id: base, name: Baseline, colour: 1}")
        errors = problems_of(text)
        assert any("unknown field 'colour'" in e for e in errors)
        assert not any("not declared" in e or "unknown perspective" in e for e in errors)


class TestTimelines:
    """The timelines section: loaded, and its errors named by file, line and field."""

    BLOCK = (
        "\ntimelines:\n"
        "  - id: war\n"
        "    name: War of attrition\n"
        "    months: 12\n"
        "    batna:\n"
        "      {party}: [{{month: {month}, shift: -5}}]\n"
    )

    def test_a_timeline_loads(self) -> None:
        report = check_text(MINI + self.BLOCK.format(party="A", month=6), name="f.yaml")
        assert report.scenario is not None
        (t,) = report.scenario.timelines
        assert t.months == 12 and t.shift("A", 3) == pytest.approx(-2.5)

    def test_unknown_party_is_named(self) -> None:
        text = MINI + self.BLOCK.format(party="ZZ", month=6)
        msg = one(text, "unknown party 'ZZ'")
        assert "timelines[0].batna.ZZ" in msg and "f.yaml" in msg

    def test_month_after_the_end_is_named(self) -> None:
        text = MINI + self.BLOCK.format(party="A", month=18)
        msg = one(text, "after the timeline's end")
        assert "timelines[0].batna.A" in msg
