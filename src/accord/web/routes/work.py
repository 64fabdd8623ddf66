"""The pages of the negotiation: proposals, private material, overlap, rolling text, audit.

Proposals and responses, the private profile and notes, the mediator's overlap
view, the rolling text with its diffs, and the audit log.

Each page reads through the store, so a delegation sees its own private
material only; the overlap and the audit are the mediator's (the store and
:func:`accord.process.access.require` refuse anyone else with 403).
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from accord.process import Action, Resource, diff_text, require
from accord.process.access import owner_of
from accord.web import convert, deps, service
from accord.web.errors import WebError
from accord.web.routes import api
from accord.web.routes.pages import process_context
from accord.web.templating import render

router = APIRouter(include_in_schema=False)
User = Annotated[str, Depends(deps.user)]
Pid = Annotated[int, Path(ge=1, le=deps.PID_MAX)]
Num = Annotated[int, Path(ge=1, le=deps.PID_MAX)]


@router.get("/p/{pid}/proposals")
def proposals(request: Request, user: User, pid: Pid) -> Response:
    """Every proposal with its responses, and the forms to propose and to answer."""
    store = deps.backend(request).store
    context = process_context(request, user, pid, "proposals")
    answers = store.responses(pid, user)
    tabled = store.proposals(pid, user)
    context |= {
        "proposals": tabled,
        "responses": {p.id: [r for r in answers if r.proposal == p.id] for p in tabled},
    }
    return render(request, "proposals.html", context)


@router.post("/p/{pid}/proposals")
async def propose(request: Request, user: User, pid: Pid) -> Response:
    """Put forward the package chosen in the form (fields ``issue:ID``; empty means left open)."""
    form = await request.form()
    terms = {k[6:]: str(v) for k, v in form.items() if k.startswith("issue:") and v}
    if not terms:
        raise WebError(422, "choose an option for at least one issue", "terms")
    title, note = str(form.get("title", ""))[:500], str(form.get("note", ""))[:20_000]
    from starlette.concurrency import run_in_threadpool

    store = deps.backend(request).store
    await run_in_threadpool(lambda: store.propose(pid, user, terms=terms, title=title, note=note))
    return RedirectResponse(f"/p/{pid}/proposals", status_code=303)


@router.post("/p/{pid}/proposals/{number}/responses")
def respond(
    request: Request,
    user: User,
    pid: Pid,
    number: Num,
    kind: Annotated[str, Form(pattern="^(accept|reject|counter|comment)$")],
    comment: Annotated[str, Form(max_length=20_000)] = "",
) -> Response:
    """Answer a proposal in the caller's party's name."""
    deps.backend(request).store.respond(pid, user, number, kind, comment=comment)
    return RedirectResponse(f"/p/{pid}/proposals", status_code=303)


@router.get("/p/{pid}/private")
def private(request: Request, user: User, pid: Pid) -> Response:
    """The caller's private profile and notes (the mediator sees every delegation's)."""
    store = deps.backend(request).store
    context = process_context(request, user, pid, "private")
    actor = store.actor(pid, user)
    require(actor, Action.READ, Resource.NOTE, owner=owner_of(actor))  # observers hold no private material
    profiles = store.profiles(pid, user)
    own = next((p for p in profiles if p.party == context["actor"].party), None)  # type: ignore[attr-defined]
    template = own.data if own else _blank_profile(context["spec"])
    context |= {
        "profiles": profiles,
        "own": own,
        "profile_json": json.dumps(template, indent=1, ensure_ascii=False),
        "notes": store.notes(pid, user),
    }
    return render(request, "private.html", context)


def _blank_profile(spec: object) -> dict[str, object]:
    """A profile to start from: every issue weighted 0 is left out; the first issue shown as an example."""
    first = spec.issues[0]  # type: ignore[attr-defined]
    return {
        "weights": {first.id: 1},
        "values": {first.id: {o: 50 for o, _ in first.options}},
        "batna": 30,
        "red_lines": [],
        "rationale": "",
    }


@router.post("/p/{pid}/profile")
def write_profile(
    request: Request,
    user: User,
    pid: Pid,
    profile: Annotated[str, Form(max_length=200_000)],
    expected_version: Annotated[int | None, Form(ge=1, le=deps.PID_MAX)] = None,
) -> Response:
    """Save the caller's private profile from the JSON in the form."""
    try:
        data = json.loads(profile)
    except json.JSONDecodeError as exc:
        raise WebError(
            422, f"profile: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})", "profile"
        ) from None
    if not isinstance(data, dict):
        raise WebError(
            422, "profile: expected a JSON object with weights, values, batna, red_lines", "profile"
        )
    deps.backend(request).store.set_profile(pid, user, data, expected_version=expected_version)
    return RedirectResponse(f"/p/{pid}/private", status_code=303)


@router.post("/p/{pid}/notes")
def add_note(
    request: Request, user: User, pid: Pid, body: Annotated[str, Form(min_length=1, max_length=20_000)]
) -> Response:
    """Add a private note."""
    deps.backend(request).store.add_note(pid, user, body)
    return RedirectResponse(f"/p/{pid}/private", status_code=303)


@router.get("/p/{pid}/overlap")
def overlap(request: Request, user: User, pid: Pid) -> Response:
    """The mediator's overlap view: ZOPA and candidates from the private profiles, with a chart."""
    store = deps.backend(request).store
    found = service.process_overlap(store, pid, user)
    context = process_context(request, user, pid, "overlap")
    context |= {"overlap": convert.overlap_out(found)}
    return render(request, "overlap.html", context)


@router.post("/p/{pid}/overlap/share")
def share(
    request: Request,
    user: User,
    pid: Pid,
    index: Annotated[int, Form(ge=0, le=10)],
    title: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """Table a candidate as the mediator's proposal: the only way the overlap is shared."""
    api.share(request, user, pid, index, title)
    return RedirectResponse(f"/p/{pid}/proposals", status_code=303)


@router.get("/p/{pid}/text")
def text(
    request: Request,
    user: User,
    pid: Pid,
    old: Annotated[int | None, Query(ge=1, le=deps.PID_MAX)] = None,
    new: Annotated[int | None, Query(ge=1, le=deps.PID_MAX)] = None,
) -> Response:
    """The rolling text's versions, the latest in full, and the diff of two chosen versions."""
    store = deps.backend(request).store
    versions = store.texts(pid, user)
    by_number = {t.number: t for t in versions}
    diff = None
    if old is not None and new is not None:
        if old not in by_number or new not in by_number:
            raise WebError(404, f"no such version of the text; versions: {sorted(by_number)}", "old")
        diff = diff_text(by_number[old], by_number[new])
    context = process_context(request, user, pid, "text")
    context |= {
        "versions": versions,
        "latest": versions[-1] if versions else None,
        "diff": diff,
        "old": old,
        "new": new,
    }
    return render(request, "text.html", context)


@router.post("/p/{pid}/text")
def save_text(request: Request, user: User, pid: Pid) -> Response:
    """Save the current rolling text as the next version (mediator only)."""
    deps.backend(request).store.save_text(pid, user)
    return RedirectResponse(f"/p/{pid}/text", status_code=303)


@router.get("/p/{pid}/audit")
def audit(request: Request, user: User, pid: Pid) -> Response:
    """The audit log and the check of its hash chain (mediator only)."""
    store = deps.backend(request).store
    entries = store.audit(pid, user)
    context = process_context(request, user, pid, "audit")
    context |= {"entries": entries, "check": convert.verify_out(store.verify(pid))}
    return render(request, "audit.html", context)
