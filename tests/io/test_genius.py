"""GENIUS XML interop: the files mean what the scenario means, and bad files get clean errors.

The references here share no code with accord.io.genius: utilities are summed by
hand from the profile's numbers, and a GENIUS utility is computed from the XML
with ElementTree by the GENIUS formula U(x) = sum_i w_i e_i(x_i) / max_o e_i(o)
(Lin et al. 2014).
"""

from __future__ import annotations

import itertools
import json
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from tests.strategies import scenarios

from accord.io import check_text
from accord.io.genius import GeniusError, export_genius
from accord.io.genius_import import import_genius
from accord.model import Scenario
from accord.scenarios import load_builtin

TOL = 1e-9


def accord_utility(
    weights: Mapping[str, float], values: Mapping[str, Mapping[str, float]], pkg: Mapping[str, str]
) -> float:
    total = sum(weights.values())
    return sum(w * values[i][pkg[i]] for i, w in weights.items()) / total


def genius_utility(text: str, pkg: Mapping[str, str]) -> tuple[float, float, float]:
    """(U(pkg), reservation, accord_scale) read from a utility-space XML by the GENIUS formula."""
    root = ET.fromstring(text)
    objective = root.find("objective")
    assert objective is not None
    weights = {w.get("index"): float(w.get("value", "nan")) for w in objective.findall("weight")}
    u = 0.0
    for issue in objective.findall("issue"):
        evals = {it.get("value"): float(it.get("evaluation", "nan")) for it in issue.findall("item")}
        top = max(evals.values())
        e = evals[pkg[issue.get("name", "")]] / top if top > 0 else 0.0
        u += weights[issue.get("index")] * e
    reservation = root.find("reservation")
    assert reservation is not None
    return u, float(reservation.get("value", "nan")), float(root.get("accord_scale", "nan"))


def packages(scenario: Scenario) -> list[dict[str, str]]:
    ids = [i.id for i in scenario.issues]
    return [
        dict(zip(ids, combo, strict=True))
        for combo in itertools.product(*(i.option_ids for i in scenario.issues))
    ]


def as_files(scenario: Scenario, perspective: str | None = None) -> dict[str, bytes]:
    return {f.name: f.text.encode() for f in export_genius(scenario, perspective).files}


@given(scenarios())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_round_trip_keeps_every_utility_of_every_package(scenario: Scenario) -> None:
    exported = export_genius(scenario)
    imported = import_genius({f.name: f.text.encode() for f in exported.files}).document
    report = check_text(json.dumps(imported), json_syntax=True)
    assert not report.errors and report.scenario is not None, [p.render() for p in report.errors]
    back = report.scenario
    assert back.profiled_parties() == tuple(sorted(exported.parties))
    for party in exported.parties:
        prof, again = scenario.profile(party), back.profile(party)
        assert prof is not None and again is not None
        assert abs(again.batna - prof.batna) <= TOL
        assert again.perspective == scenario.default_perspective
        for pkg in packages(scenario):
            ours = accord_utility(prof.weights, prof.values, pkg)
            assert abs(accord_utility(again.weights, again.values, pkg) - ours) <= TOL


@given(scenarios())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_genius_reads_the_same_preferences(scenario: Scenario) -> None:
    """Under GENIUS's own formula each file gives u / M, with weights summing to 1 and best items at 1."""
    exported = export_genius(scenario)
    for f in exported.files[1:]:
        root = ET.fromstring(f.text)
        party = root.get("accord_party", "")
        prof = scenario.profile(party)
        assert prof is not None
        weights = [float(w.get("value", "nan")) for w in root.iter("weight")]
        assert abs(sum(weights) - 1) <= TOL and min(weights) >= 0
        for pkg in packages(scenario):
            u, reservation, scale = genius_utility(f.text, pkg)
            assert abs(u * scale - accord_utility(prof.weights, prof.values, pkg)) <= 1e-7
            assert abs(reservation * scale - prof.batna) <= 1e-7


def test_ukraine_round_trips_under_every_perspective() -> None:
    s = load_builtin("ukraine")
    rng = np.random.default_rng(12)
    for persp in s.perspectives:
        imported = import_genius(as_files(s, persp.id))
        report = check_text(json.dumps(imported.document), json_syntax=True)
        assert not report.errors and report.scenario is not None
        back = report.scenario
        for party in back.profiled_parties():
            theirs, ours = s.profile(party, persp.id), back.profile(party)
            assert theirs is not None and ours is not None
            assert abs(theirs.batna - ours.batna) <= TOL
            for _ in range(200):
                pkg = {i.id: i.option_ids[int(rng.integers(len(i.options)))] for i in s.issues}
                full = {
                    i.id: dict(zip(i.option_ids, _values(theirs, i), strict=True))
                    for i in s.issues
                    if i.id in theirs.weights
                }
                assert (
                    abs(
                        accord_utility(ours.weights, ours.values, pkg)
                        - accord_utility(theirs.weights, full, pkg)
                    )
                    <= TOL
                )


def _values(profile: Any, issue: Any) -> list[float]:
    from accord.model.preferences import complete_values

    return list(complete_values(issue, profile.values.get(issue.id, {})))


def test_export_says_what_genius_cannot_hold() -> None:
    exported = export_genius(load_builtin("ukraine"))
    text = " ".join(exported.left_out)
    assert "red line" in text and "constraint" in text and "status quo" in text


LAPTOP_DOMAIN = b"""<?xml version="1.0"?>
<negotiation_template><utility_space number_of_issues="2">
<objective index="0" name="Laptop deal" type="objective" etype="objective">
<issue index="1" name="Brand name" type="discrete" etype="discrete" vtype="discrete">
<item index="1" value="Dell"/><item index="2" value="Mac Book"/><item index="3" value="HP"/></issue>
<issue index="2" name="Screen" type="discrete" etype="discrete" vtype="discrete">
<item index="1" value="17 inch"/><item index="2" value="19 inch"/></issue>
</objective></utility_space></negotiation_template>"""

LAPTOP_BUYER = b"""<?xml version="1.0"?>
<utility_space><objective index="0" name="Laptop deal" type="objective" etype="objective">
<issue index="1" name="Brand name" type="discrete" etype="discrete" vtype="discrete">
<item index="1" value="Dell" evaluation="2"/><item index="2" value="Mac Book" evaluation="8"/>
<item index="3" value="HP" evaluation="4"/></issue>
<issue index="2" name="Screen" type="discrete" etype="discrete" vtype="discrete">
<item index="1" value="17 inch" evaluation="3"/><item index="2" value="19 inch" evaluation="1"/></issue>
<weight index="1" value="0.25"/><weight index="2" value="0.75"/>
</objective><discount_factor value="0.5"/><reservation value="0.3"/></utility_space>"""


def test_a_foreign_genius_domain_reads_as_100_times_its_utility() -> None:
    imported = import_genius({"laptop/Laptop-domain.xml": LAPTOP_DOMAIN, "laptop/Buyer.xml": LAPTOP_BUYER})
    report = check_text(json.dumps(imported.document), json_syntax=True)
    assert not report.errors and report.scenario is not None
    s = report.scenario
    assert [i.id for i in s.issues] == ["Brand_name", "Screen"]
    assert s.issue("Brand_name").option("Mac_Book").label == "Mac Book"
    prof = s.profile("Buyer")
    assert prof is not None and prof.batna == pytest.approx(30)
    # Mac Book (8 of 8) with 19 inch (1 of 3): 100 * (0.25 * 1 + 0.75 / 3)
    values = {i: {o: v for o, v in vs.items()} for i, vs in prof.values.items()}
    assert accord_utility(
        prof.weights, values, {"Brand_name": "Mac_Book", "Screen": "19_inch"}
    ) == pytest.approx(50)
    assert any("discount" in n for n in imported.notes)


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><negotiation_template/>', "DOCTYPE"),
        (b'<!DOCTYPE x SYSTEM "file:///etc/passwd"><negotiation_template/>', "DOCTYPE"),
        (
            b"<negotiation_template><utility_space>&a;</utility_space></negotiation_template>",
            "not well-formed",
        ),
        (b"<negotiation_template><utility_space>", "not well-formed"),
        (b"not xml at all", "not well-formed"),
    ],
)
def test_unsafe_or_broken_xml_is_refused_naming_the_file(data: bytes, needle: str) -> None:
    with pytest.raises(GeniusError, match=needle) as info:
        import_genius({"d/domain.xml": data, "d/u.xml": LAPTOP_BUYER})
    assert "d/domain.xml" in str(info.value)


def test_a_non_discrete_issue_is_named_with_its_line() -> None:
    domain = LAPTOP_DOMAIN.replace(
        b'index="2" name="Screen" type="discrete"', b'index="2" name="Screen" type="integer"'
    )
    with pytest.raises(GeniusError, match=r"domain.xml:6 <issue>.*'Screen' is integer"):
        import_genius({"domain.xml": domain, "buyer.xml": LAPTOP_BUYER})


def test_a_missing_evaluation_is_named() -> None:
    buyer = LAPTOP_BUYER.replace(b' evaluation="4"', b"")
    with pytest.raises(GeniusError, match=r"buyer.xml:5 <item>: missing attribute 'evaluation'"):
        import_genius({"domain.xml": LAPTOP_DOMAIN, "buyer.xml": buyer})


def _mutate(data: bytes, rng: np.random.Generator) -> bytes:
    text = bytearray(data)
    for _ in range(int(rng.integers(1, 4))):
        op, k = int(rng.integers(0, 4)), int(rng.integers(0, len(text) or 1))
        if op == 0:
            del text[k : k + int(rng.integers(1, 20))]
        elif op == 1:
            text[k:k] = rng.choice(TOKENS).encode()
        elif op == 2:
            text = text[:k]
        else:
            j = int(rng.integers(0, len(text) or 1))
            text[k:k], text[j:j] = text[j : j + 5], b""
    return bytes(text)


TOKENS = [
    '"', "<", ">", "/>", "</issue>", "<item/>", 'evaluation="-1"', 'value="x"', "&amp;", "&", "<!DOCTYPE a>",
    'evaluation="nan"', 'index="9"', 'type="real"', "\x00", "é", 'accord_scale="1e9"', "<weight/>",
]  # fmt: skip


def test_fuzzed_genius_files_give_a_clean_error_or_a_valid_scenario() -> None:
    """Mutated files (a seeded generator: the failing index is in the message) never raise anything else."""
    base = as_files(load_builtin("ukraine"))
    base = {k: v for k, v in list(base.items())[:3]}
    names = sorted(base)
    rng = np.random.default_rng(2026)
    for n in range(600):
        files = dict(base)
        victim = names[int(rng.integers(len(names)))]
        files[victim] = _mutate(files[victim], rng)
        try:
            doc = import_genius(files).document
        except GeniusError as exc:
            assert str(exc).startswith((*names, "<directory>")), (n, str(exc))
            continue
        report = check_text(json.dumps(doc), json_syntax=True)
        assert report.scenario is not None and not report.errors, (n, [p.render() for p in report.errors][:3])
