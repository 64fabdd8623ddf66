"""schemathesis against the OpenAPI schema: no request the schema allows gets a 5xx.

Every operation is called, logged in as the mediator of a real process (its
CSRF token sent), with a bounded number of generated examples so the run
stays under about a minute. Half the generated process ids are replaced by the
real one, so that the generated bodies reach the store and not only the 404.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (the dev extra)")

from hypothesis import HealthCheck, settings  # noqa: E402
from tests.web.world import build  # noqa: E402

from accord.web.app import create_app  # noqa: E402
from accord.web.settings import Settings  # noqa: E402

_DB = Path(tempfile.mkdtemp(prefix="accord-fuzz-")) / "web.db"
APP = create_app(Settings(db_url=f"sqlite:///{_DB}", secret="fuzz", max_body=65_536, max_scenario=32_768))
WORLD = build(APP)
MED = WORLD.clients["med"]
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_error(case: Any) -> None:
    params = case.path_parameters or {}
    if isinstance(params.get("pid"), int) and params["pid"] % 2 == 0:
        params["pid"] = WORLD.pid
    if case.path == "/api/logout":
        return  # logging the shared client out would end the run's session
    headers = {**(case.headers or {}), "X-CSRF-Token": MED.headers["X-CSRF-Token"]}
    response = case.call(headers=headers, cookies={"accord_login": MED.cookies["accord_login"]})
    assert response.status_code < 500, (case.method, case.formatted_path, response.text[:500])
