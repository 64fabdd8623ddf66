"""The server-rendered pages: the process list, a process's overview, invitations and sessions.

Plain HTML forms (no script needed); every form carries the CSRF token, every
write redirects (303) to the page that shows its result. The pages of the
negotiation itself (proposals, private profile, overlap, text, audit) are in
:mod:`accord.web.routes.work`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Path, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from accord.process import Action, Membership, Resource, may
from accord.store import Store
from accord.web import deps, service
from accord.web.routes import api
from accord.web.templating import render

router = APIRouter(include_in_schema=False)
User = Annotated[str, Depends(deps.user)]
Pid = Annotated[int, Path(ge=1, le=deps.PID_MAX)]


def process_context(request: Request, user: str, pid: int, tab: str) -> dict[str, object]:
    """What every page of a process shows: the process, the caller's role and what they may do."""
    store = deps.backend(request).store
    info = store.process(pid, user)
    actor = store.actor(pid, user)
    can = {
        "members": may(actor, Action.READ, Resource.MEMBERSHIP),
        "invite": may(actor, Action.CREATE, Resource.MEMBERSHIP),
        "session": may(actor, Action.CREATE, Resource.SESSION),
        "propose": may(actor, Action.CREATE, Resource.PROPOSAL, owner=actor.party or "mediator"),
        "respond": actor.party is not None
        and may(actor, Action.CREATE, Resource.RESPONSE, owner=actor.party),
        "private": may(actor, Action.READ, Resource.PROFILE, owner=actor.party),
        "overlap": may(actor, Action.READ, Resource.PROFILE),
        "text": may(actor, Action.CREATE, Resource.TEXT),
        "audit": may(actor, Action.READ, Resource.AUDIT),
    }
    return {"process": info, "spec": info.spec, "actor": actor, "can": can, "tab": tab}


@router.get("/")
def home(request: Request, user: User) -> Response:
    """The caller's processes and the form to create one."""
    from accord.scenarios import REGISTRY

    store = deps.backend(request).store
    return render(request, "home.html", {"processes": store.processes(user), "builtins": sorted(REGISTRY)})


@router.post("/processes")
async def create(
    request: Request,
    user: User,
    builtin: Annotated[str, Form(max_length=64)] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Create a process from a built-in scenario or an uploaded file (size limited)."""
    limit = deps.settings(request).max_scenario
    if file is not None and file.filename:
        name = file.filename[:200]
        text = service.read_upload(await file.read(limit + 1), limit, name)
    else:
        name, text = builtin, service.builtin_source(builtin)
    pid = await run_in_threadpool(service.create_process, deps.backend(request).store, user, text, name)
    return RedirectResponse(f"/p/{pid}", status_code=303)


@router.get("/p/{pid}")
def overview(request: Request, user: User, pid: Pid) -> Response:
    """A process: each issue's status, its members and sessions, and the mediator's forms."""
    store = deps.backend(request).store
    context = process_context(request, user, pid, "overview")
    context |= {
        "status": service.status(store, pid, user),
        "members": _members(store, pid, user, context),
        "sessions": store.sessions(pid, user),
        "invitation": None,
    }
    return render(request, "process.html", context)


def _members(store: Store, pid: int, user: str, context: dict[str, object]) -> tuple[Membership, ...]:
    """The members, when the policy lets the caller see them (observers do not)."""
    return store.members(pid, user) if context["can"]["members"] else ()  # type: ignore[index]


@router.post("/p/{pid}/invitations")
def invite(
    request: Request,
    user: User,
    pid: Pid,
    role: Annotated[str, Form(pattern="^(delegation|observer)$")],
    party: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    """Make an invitation link (mediator only) and show it once."""
    made = api.invitation(request, user, pid, role, party or None)
    store = deps.backend(request).store
    context = process_context(request, user, pid, "overview")
    context |= {
        "status": service.status(store, pid, user),
        "members": _members(store, pid, user, context),
        "sessions": store.sessions(pid, user),
        "invitation": made,
    }
    return render(request, "process.html", context, status=201)


@router.post("/p/{pid}/sessions")
def add_session(
    request: Request,
    user: User,
    pid: Pid,
    date: Annotated[str, Form(min_length=4, max_length=40)],
    venue: Annotated[str, Form(min_length=1, max_length=500)],
    table: Annotated[str, Form(max_length=64)] = "",
    participants: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Record a session (mediator only); participants are party ids separated by commas."""
    people = [p.strip() for p in participants.split(",") if p.strip()]
    deps.backend(request).store.add_session(
        pid, user, date=date, venue=venue, table=table or None, participants=people
    )
    return RedirectResponse(f"/p/{pid}", status_code=303)
