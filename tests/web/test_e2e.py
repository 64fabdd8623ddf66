"""End to end in headless Chromium (Debian's, driven by Playwright; nothing downloads a browser).

The story of issue 13: the first mediator logs in through the link ``accord
serve`` prints, creates a process from ``ukraine`` and invites two delegations;
each enters its private profile; the mediator sees the overlap; a proposal is
made and answered; two versions of the rolling text are diffed. Screenshots go
to ``tmp/artifacts/e2e`` at the repository root (CI keeps them).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.web.live import serving

from accord.store import accounts

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[2] / "tmp" / "artifacts" / "e2e"
PASSWORD = "a long enough password"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on PATH (scripts/system-deps installs it)"
)


@pytest.fixture
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield b
        b.close()


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _join(browser: Any, url: str, name: str) -> Any:
    """A new browser (own cookies) that accepts an invitation link as a new account ``name``."""
    page = browser.new_context().new_page()
    page.goto(url)
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("#accept")
    return page


def _invite(page: Any, base: str, pid: str, party: str) -> str:
    page.goto(f"{base}/p/{pid}")
    page.select_option("#invite-role", "delegation")
    page.select_option("#invite-party", party)
    page.click("#invite")
    return str(page.inner_text("#invitation-url")).strip()


def _enter_profile(page: Any, base: str, pid: str, favourite: str, batna: int) -> None:
    page.goto(f"{base}/p/{pid}/private")
    profile = {"weights": {"crimea": 8, "donbas": 4}, "values": {"crimea": {favourite: 100, "talks_15y": 60}},
               "batna": batna, "rationale": f"prefers {favourite}"}  # fmt: skip
    page.fill("#profile", json.dumps(profile))
    page.click("#save-profile")


def test_the_story_of_a_process(tmp_path: Path, browser: Any) -> None:
    from accord.web.app import create_app
    from accord.web.settings import Settings

    db = f"sqlite:///{tmp_path / 'e2e.db'}"
    token = accounts.first_login(db)
    with serving(create_app(Settings(db_url=db, secret="e2e"))) as base:
        med = _join(browser, f"{base}/invite/{token}", "mediator")
        med.select_option("#builtin", "ukraine")
        med.click("#create")
        pid = med.url.rstrip("/").rsplit("/", 1)[-1]
        assert "Negotiated end" in med.inner_text("h1")
        _shot(med, "01-process-created")

        kyiv = _join(browser, _invite(med, base, pid, "UA"), "kyiv")
        moscow = _join(browser, _invite(med, base, pid, "RU"), "moscow")
        _enter_profile(kyiv, base, pid, "ukraine", 20)
        _enter_profile(moscow, base, pid, "russia_de_jure", 10)
        assert "prefers ukraine" not in moscow.content()  # the other delegation's profile stays hidden
        _shot(kyiv, "02-kyiv-private-profile")

        med.goto(f"{base}/p/{pid}/overlap")
        assert "Profiles used: RU, UA" in med.inner_text("main")
        assert med.locator(".candidate").count() >= 1
        _shot(med, "03-mediator-overlap")

        kyiv.goto(f"{base}/p/{pid}/proposals")
        kyiv.fill("#proposal-title", "Crimea: talks over 15 years")
        kyiv.select_option("#issue-crimea", "talks_15y")
        kyiv.click("#propose")
        med.goto(f"{base}/p/{pid}/text")
        med.click("#save-text")

        moscow.goto(f"{base}/p/{pid}/proposals")
        moscow.select_option("#kind-1", "accept")
        moscow.click("#respond-1")
        assert "RU: accept" in moscow.inner_text("#proposal-1")
        _shot(moscow, "04-proposal-answered")

        med.goto(f"{base}/p/{pid}/text")
        med.click("#save-text")
        med.click("#diff")
        diff = med.inner_text("#diff-text")
        assert "Provisionally accepted" in diff and "version 1" in diff
        _shot(med, "05-text-diff")

        med.goto(f"{base}/p/{pid}/audit")
        assert "verifies" in med.inner_text("#verify")
        _shot(med, "06-audit")
