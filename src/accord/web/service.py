"""What the pages and the JSON API share: creating a process from a scenario, the overlap, charts.

Nothing here decides who may see what: every read and write goes through the
store (:mod:`accord.store`), which applies the one policy of
:mod:`accord.process.access`; where the web adds a capability of its own (an
invitation link, the overlap view) it asks that same policy with
:func:`accord.process.access.require`.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any

from accord.model import Scenario
from accord.process import Action, Resource, issue_status, require
from accord.process.model import ProcessSpec
from accord.process.status import ProcessStatus
from accord.store import Store
from accord.web.errors import WebError
from accord.workbench.overlap import OverlapOutcome, overlap


def builtin_source(name: str) -> str:
    """The text of the built-in scenario ``name`` (404 naming the known ones otherwise)."""
    from accord.scenarios import REGISTRY, builtin_path

    if name not in REGISTRY:
        raise WebError(
            404, f"no built-in scenario {name!r}; built-in: {', '.join(sorted(REGISTRY))}", "scenario"
        )
    return builtin_path(name).read_text(encoding="utf-8")


@lru_cache(maxsize=8)
def _parsed(key: str, text: str, name: str) -> Scenario:
    # ``key`` (the text's digest) keeps the cache small to compare; the text is parsed once.
    del key
    from accord.io.loader import check_text

    report = check_text(text, name=name, json_syntax=name.lower().endswith(".json"))
    if report.scenario is None or report.errors:
        first = report.errors[0] if report.errors else None
        where = f"{name}, line {first.line}" if first and first.line else name
        field = first.field if first else "(file)"
        message = first.message if first else "invalid scenario"
        raise WebError(422, f"{where}, field {field}: {message}", "scenario")
    return report.scenario


def parse_scenario(text: str, name: str) -> Scenario:
    """The scenario in ``text`` (YAML, or JSON when ``name`` ends in .json); 422 naming line and field."""
    return _parsed(hashlib.sha256(text.encode()).hexdigest(), text, name)


def create_process(store: Store, user: str, text: str, name: str) -> int:
    """A new process on the scenario ``text`` with ``user`` as its mediator; its id."""
    scenario = parse_scenario(text, name)
    return store.create_process(ProcessSpec.from_scenario(scenario), creator=user, scenario_source=text)


def read_upload(raw: bytes, limit: int, name: str) -> str:
    """An uploaded scenario file's text: at most ``limit`` bytes of UTF-8 (413/422 otherwise)."""
    if len(raw) > limit:
        raise WebError(413, f"{name}: the scenario file exceeds {limit} bytes", "file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise WebError(422, f"{name}: not UTF-8 text (byte {exc.start})", "file") from None


def status(store: Store, process_id: int, user: str) -> ProcessStatus:
    """Every issue's status under the scenario's rules (:func:`accord.process.issue_status`)."""
    return issue_status(store.state(process_id, user))


def require_mediator_view(store: Store, process_id: int, user: str) -> None:
    """403 unless ``user`` may read every private profile (the policy grants it to the mediator only)."""
    require(store.actor(process_id, user), Action.READ, Resource.PROFILE)


def process_overlap(store: Store, process_id: int, user: str) -> OverlapOutcome:
    """The overlap of the private profiles (mediator only): ZOPA and candidate packages."""
    require_mediator_view(store, process_id, user)
    source = store.scenario_source(process_id, user)
    if not source:
        raise WebError(409, "this process kept no scenario text, so its overlap cannot be computed")
    scenario = parse_scenario(source, f"process {process_id} scenario")
    profiles = {p.party: p.data for p in store.profiles(process_id, user)}
    negotiators = store.process(process_id, user).spec.negotiators()
    return overlap(scenario, profiles, negotiators=negotiators)


def overlap_chart(outcome: OverlapOutcome) -> bytes:
    """An SVG of the candidates' utilities against each party's BATNA (matplotlib, via report.plots)."""
    from accord.report.charts import utility_bars

    bars: dict[str, Any] = {c.label: dict(c.utilities) for c in outcome.candidates}
    batna = dict(outcome.candidates[0].batna) if outcome.candidates else {}
    return utility_bars(bars, batna, title="Candidates from the private profiles")


def status_chart(current: ProcessStatus) -> bytes:
    """An SVG of how many issues are open, proposed, provisional and agreed."""
    from accord.process.status import IssueState
    from accord.report.charts import status_bars

    counts = {s.value: sum(i.state is s for i in current.issues) for s in IssueState}
    return status_bars(counts, title="Issues by status")
