"""Hostile and malformed requests: each gets a 4xx with a clear message and changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from tests.web.world import World, build


@pytest.fixture(scope="module")
def world(module_db_url: str) -> Iterator[World]:
    from accord.web.app import create_app
    from accord.web.settings import Settings

    app = create_app(Settings(db_url=module_db_url, secret="hostile", max_body=65_536, max_scenario=32_768))
    yield build(app)
    app.state.backend.engine.dispose()


def _unchanged(world: World, reply: Any, codes: tuple[int, ...], before: tuple[int, int]) -> None:
    assert reply.status_code in codes, reply.text
    assert "Traceback" not in reply.text
    assert (world.audit_count(), world.audit_count(world.other)) == before


@pytest.mark.parametrize(
    ("method", "path", "body", "codes"),
    [
        ("get", "/api/processes/999", None, (404,)),
        ("get", "/api/processes/0", None, (422,)),
        ("get", "/api/processes/-1", None, (422,)),
        ("get", "/api/processes/abc", None, (422,)),
        ("get", f"/api/processes/{2**40}", None, (422,)),
        ("get", "/api/processes/{pid}/texts/diff?old=1&new=99", None, (404,)),
        ("get", "/api/processes/{pid}/texts/diff?old=x&new=1", None, (422,)),
        ("post", "/api/processes/{pid}/proposals/999/responses", {"kind": "accept"}, (404,)),
        ("patch", "/api/processes/{pid}/proposals/999", {"expected_version": 1, "title": "t"}, (404,)),
        ("post", "/api/processes/{pid}/proposals", {"terms": {"crimea": "no_such_option"}}, (422,)),
        ("post", "/api/processes/{pid}/proposals", {"terms": {"no_such_issue": "x"}}, (422,)),
        ("post", "/api/processes/{pid}/proposals", {"terms": {}}, (422,)),
        ("post", "/api/processes/{pid}/proposals", {"terms": {"crimea": "ukraine"}, "evil": 1}, (422,)),
        ("post", "/api/processes/{pid}/proposals/1/responses", {"kind": "surrender"}, (422,)),
        (
            "put",
            "/api/processes/{pid}/profile",
            {"data": {"weights": {"crimea": -1}}, "expected_version": 1},
            (422,),
        ),
        ("put", "/api/processes/{pid}/profile", {"data": {"batna": 1e9}, "expected_version": 1}, (422,)),
        ("put", "/api/processes/{pid}/profile", {"data": {"spy": 1}, "expected_version": 1}, (422,)),
        ("post", "/api/processes/{pid}/invitations", {"role": "delegation", "party": "ZZ"}, (403, 422)),
        # ids of another process: the caller is no member there
        ("get", "/api/processes/{other}/proposals", None, (403, 404)),
        ("post", "/api/processes/{other}/proposals", {"terms": {"crimea": "ukraine"}}, (403, 404)),
        ("put", "/api/processes/{other}/profile", {"data": {"weights": {"crimea": 1}}}, (403, 404)),
        ("post", "/api/processes/{other}/proposals/1/responses", {"kind": "accept"}, (403, 404)),
    ],
)
def test_wrong_ids_and_bad_bodies(
    world: World, method: str, path: str, body: Any, codes: tuple[int, ...]
) -> None:
    before = (world.audit_count(), world.audit_count(world.other))
    url = path.format(pid=world.pid, other=world.other)
    kwargs = {} if body is None else {"json": body}
    reply = getattr(world.clients["kyiv"], method)(url, **kwargs)
    _unchanged(world, reply, codes, before)
    if reply.headers.get("content-type", "").startswith("application/json"):
        assert reply.json()["error"]["message"]


def test_malformed_json_and_oversized_bodies(world: World) -> None:
    before = (world.audit_count(), world.audit_count(world.other))
    kyiv = world.clients["kyiv"]
    url = f"/api/processes/{world.pid}/proposals"
    _unchanged(
        world,
        kyiv.post(url, content=b"{not json", headers={"content-type": "application/json"}),
        (422,),
        before,
    )
    huge = {"terms": {"crimea": "ukraine"}, "note": "x" * 70_000}
    _unchanged(world, kyiv.post(url, json=huge), (413,), before)


def test_forged_csrf_on_a_process_write(world: World) -> None:
    before = (world.audit_count(), world.audit_count(world.other))
    kyiv, moscow = world.clients["kyiv"], world.clients["moscow"]
    url = f"/api/processes/{world.pid}/proposals"
    for token in ("", "f" * 64, moscow.headers["X-CSRF-Token"]):
        reply = kyiv.post(url, json={"terms": {"crimea": "ukraine"}}, headers={"X-CSRF-Token": token})
        _unchanged(world, reply, (403,), before)
        form = kyiv.post(
            f"/p/{world.pid}/proposals",
            data={"csrf": token, "issue:crimea": "ukraine"},
            headers={"X-CSRF-Token": ""},
        )
        _unchanged(world, form, (403,), before)


def test_another_delegations_items_are_out_of_reach(world: World) -> None:
    before = (world.audit_count(), world.audit_count(world.other))
    moscow = world.clients["moscow"]
    ua_note = next(n for n in world.store.notes(world.pid, "kyiv") if n.party == "UA")
    base = f"/api/processes/{world.pid}"
    _unchanged(
        world,
        moscow.patch(f"{base}/proposals/1", json={"expected_version": 1, "title": "mine now"}),
        (403, 404),
        before,
    )
    _unchanged(
        world,
        moscow.patch(f"{base}/notes/{ua_note.id}", json={"body": "x", "expected_version": 1}),
        (403, 404),
        before,
    )
    _unchanged(world, moscow.delete(f"{base}/notes/{ua_note.id}?expected_version=1"), (403, 404), before)
    assert world.store.proposals(world.pid, "med")[0].title == "UA opening"


def test_oversized_or_invalid_scenario_upload_creates_no_process(world: World) -> None:
    med = world.clients["med"]
    count = len(world.store.processes("med"))
    big = med.post("/api/processes", json={"source": "a: 1\n" * 10_000})
    assert big.status_code == 413
    bad = med.post("/api/processes", json={"source": "accord: 1\nid: x\nissues: [\n", "filename": "bad.yaml"})
    assert bad.status_code == 422 and "bad.yaml" in bad.json()["error"]["message"]
    both = med.post("/api/processes", json={"builtin": "ukraine", "source": "x"})
    assert both.status_code == 422
    files = {"file": ("big.yaml", b"a: 1\n" * 7_000, "application/x-yaml")}
    form = med.post("/processes", files=files, data={"csrf": med.headers["X-CSRF-Token"]})
    assert form.status_code == 413
    unknown = med.post("/api/processes", json={"builtin": "atlantis"})
    assert unknown.status_code == 404
    assert len(world.store.processes("med")) == count


def test_user_text_is_escaped_in_pages(world: World) -> None:
    kyiv = world.clients["kyiv"]
    title = "<script>alert('x')</script>{{ 7*7 }}"
    made = kyiv.post(
        f"/api/processes/{world.pid}/proposals", json={"terms": {"crimea": "ukraine"}, "title": title}
    )
    assert made.status_code == 201
    page = kyiv.get(f"/p/{world.pid}/proposals").text
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page and "{{ 7*7 }}" in page


def test_two_editors_of_one_proposal_the_second_gets_a_conflict(world: World) -> None:
    kyiv = world.clients["kyiv"]
    made = kyiv.post(
        f"/api/processes/{world.pid}/proposals", json={"terms": {"donbas": "frozen_line"}}
    ).json()
    url = f"/api/processes/{world.pid}/proposals/{made['id']}"
    first = kyiv.patch(url, json={"expected_version": made["version"], "title": "first"})
    assert first.status_code == 200
    before = (world.audit_count(), world.audit_count(world.other))
    second = kyiv.patch(url, json={"expected_version": made["version"], "title": "second"})
    _unchanged(world, second, (409,), before)
    assert "version" in second.json()["error"]["message"]
    assert kyiv.get(f"/api/processes/{world.pid}/proposals").json()[-1]["title"] == "first"


@pytest.mark.parametrize("date", ["next Tuesday", "2026-02-30", "01/02/2026"])
def test_a_session_date_that_is_no_iso_date_gets_422_naming_the_field(world: World, date: str) -> None:
    before = (world.audit_count(), world.audit_count(world.other))
    sessions = len(world.store.sessions(world.pid, "med"))
    reply = world.clients["med"].post(
        f"/api/processes/{world.pid}/sessions", json={"date": date, "venue": "Geneva"}
    )
    _unchanged(world, reply, (422,), before)
    assert reply.json()["error"]["message"].startswith("date: ")
    assert len(world.store.sessions(world.pid, "med")) == sessions
