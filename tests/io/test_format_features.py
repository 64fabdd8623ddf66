"""The format features of issue 9, read from small files: each loads, and bad input of
each new field is an error naming its file, line and field."""

from __future__ import annotations

from pathlib import Path

from accord.io import check_text

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
