"""No user text is read as markup: arbitrary text in every user-visible field renders verbatim.

Square brackets are everyday diplomatic writing (``[sic]``, ``[draft]``, ``[and/or]``);
a closing tag such as ``[/]`` used to crash most commands. The property test puts
arbitrary text into every field a person writes, renders every terminal view of the
scenario and checks each text appears in the output unchanged.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from accord.cli.errors import fail, run_guarded
from accord.io import check_file, check_text
from accord.report.terminal import evaluation as tev
from accord.report.terminal import scenario as tsc
from accord.report.terminal import search as tse
from accord.workbench import evaluation, scenario, search
from accord.workbench import records as r

MINI = Path(__file__).resolve().parents[2] / "data" / "mini.yaml"
NASTY = (
    "[/]",
    "[bold]x[/bold]",
    "[sic]",
    "[draft]",
    "[and/or]",
    "\\[x]",
    "a\\",
    ":smile:",
    "🕊️",
    "שלום",
    "[link=x]y",
)


def _printable(ch: str) -> bool:
    # Control characters, line breaks and unusual spaces cannot appear verbatim on one line.
    return unicodedata.category(ch) not in {"Cc", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"} or ch == " "


TEXT = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(codec="utf-8").filter(_printable), min_size=1, max_size=8),
).map(lambda s: f"<{s}>")
"""Arbitrary text, fenced so that surrounding whitespace is part of it."""

FIELDS = ("title", "party", "plan", "issue", "option", "rationale", "notes", "perspective", "source")


def _scenario_text(texts: dict[str, str]) -> str:
    raw: dict[str, Any] = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    raw["title"] = texts["title"]
    raw["parties"][0]["name"] = texts["party"]
    raw["plans"][1]["title"] = texts["plan"]
    raw["plans"][1]["notes"] = texts["notes"]
    raw["issues"][0]["title"] = texts["issue"]
    raw["issues"][0]["options"][1]["label"] = texts["option"]
    raw["profiles"][0]["rationale"] = texts["rationale"]
    raw["perspectives"][0]["name"] = texts["perspective"]
    raw["sources"]["toy"]["title"] = texts["source"]
    raw["plans"][1]["sources"] = ["toy"]
    return yaml.safe_dump(raw, allow_unicode=True)


def _render_all(text: str) -> str:
    report = check_text(text, name="x.yaml")
    s = report.scenario
    assert s is not None, report
    buf = io.StringIO()
    # A console with rich's defaults (markup on): the renderer itself must keep user text plain.
    console = Console(file=buf, width=1000, no_color=True)
    tsc.print_scenario(console, scenario.ScenarioOutcome(scenario=s))
    tsc.print_profiles(console, scenario.party_profiles(s, "A"))
    tsc.print_plan(console, scenario.plan_detail(s, "p2"))
    tev.print_evaluation(console, evaluation.evaluate(evaluation.EvaluateRequest(scenario=s)))
    tev.print_comparison(console, evaluation.compare(evaluation.CompareRequest(scenario=s)))
    tse.print_frontier(console, search.frontier(r.FrontierRequest(scenario=s)))
    tse.print_solution(console, search.solve(r.SolveRequest(scenario=s)))
    tse.print_zopa(console, search.zopa(r.ZopaRequest(scenario=s)))
    tse.print_amendment(console, search.amend(r.AmendRequest(scenario=s, plan="p2")))
    tsc.print_catalogue(console, scenario.Catalogue(entries=(scenario.CatalogueEntry.of("mini", "toy", s),)))
    return buf.getvalue()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({f: TEXT for f in FIELDS}))
def test_user_text_renders_verbatim(texts: dict[str, str]) -> None:
    out = _render_all(_scenario_text(texts))
    for field, value in texts.items():
        if field != "party":  # party names appear in `show`, checked below
            assert value in out, (field, value)
    assert texts["party"] in out


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=20))
def test_any_text_never_raises(value: str) -> None:
    """Control characters included: rendering never raises."""
    _render_all(_scenario_text(dict.fromkeys(FIELDS, f"x{value}x")))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXT)
def test_error_messages_print_verbatim(capsys: Any, value: str) -> None:
    capsys.readouterr()  # the fixture is shared by every example: start clean
    assert run_guarded(lambda: fail(value, "--plan")) == 2
    assert capsys.readouterr().err == f"error: --plan: {value}\n"


def test_file_names_print_verbatim(tmp_path: Path) -> None:
    path = tmp_path / "v[final].yaml"
    path.write_text(MINI.read_text(encoding="utf-8").replace("title: A two-issue", "title: A [/] two-issue"))
    buf = io.StringIO()
    console = Console(file=buf, width=1000, no_color=True)
    tsc.print_validation(console, scenario.Validation.of(str(path), check_file(path)))
    assert "v[final].yaml" in buf.getvalue()


def test_install_hint_keeps_its_brackets(capsys: Any) -> None:
    assert run_guarded(lambda: fail("pip install 'accord[plot]'", "--plot")) == 2
    assert "pip install 'accord[plot]'" in capsys.readouterr().err
