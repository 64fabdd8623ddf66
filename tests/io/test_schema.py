"""The file models: validation problems worded for people who edit files."""

from __future__ import annotations

from accord.io import schema


def test_validate_returns_the_item_or_every_problem() -> None:
    party, errors = schema.validate(schema.PartyFile, {"id": "A", "name": "A", "role": "belligerent"})
    assert errors == () and party is not None and party.id == "A"
    party, errors = schema.validate(schema.PartyFile, {"id": "a b", "role": "king", "colour": 1})
    assert party is None
    assert {(e.loc, e.message) for e in errors} == {
        (("id",), "'a b' is not a valid id"),
        (("name",), "required field is missing"),
        (("role",), "must be 'belligerent', 'mediator', 'guarantor', 'organization' or 'observer'"),
        (("colour",), "unknown field 'colour'"),
    }
    hints = {e.loc: e.hint for e in errors}
    assert hints[("name",)] == "add this field"


def test_union_member_names_stay_out_of_locations() -> None:
    _, errors = schema.validate(schema.PlanFile, {"id": "p", "title": "P", "terms": {"x": [[1]]}})
    assert errors and all(
        not str(part).startswith(("str", "int", "float", "union[")) for e in errors for part in e.loc
    )


def test_docstrings_stay_out_of_the_published_schema() -> None:
    defs = schema.json_schema()["$defs"]
    assert "description" not in defs["PartyFile"]
    assert defs["RuleFile"]["description"].startswith("A process rule")


def test_ids_in_any_script_pass_the_file_model_and_the_published_pattern() -> None:
    import re

    pattern = schema.json_schema()["$defs"]["PartyFile"]["properties"]["id"]["pattern"]
    for good in ("Україна", "俄罗斯", "भारत", "UA", "x-1"):
        party, errors = schema.validate(schema.PartyFile, {"id": good, "name": "A", "role": "mediator"})
        assert errors == () and party is not None
        assert re.match(pattern, good)
    for bad in ("a b", "a.b", "-x", "a[b]"):
        _, errors = schema.validate(schema.PartyFile, {"id": bad, "name": "A", "role": "mediator"})
        assert [e.message for e in errors] == [f"{bad!r} is not a valid id"]
        assert "any script" in errors[0].hint
        assert not re.match(pattern, bad)
