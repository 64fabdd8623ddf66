"""The workbench's settings: where the database is, the secret, the size limits.

Settings are plain data given to :func:`accord.web.app.create_app`; ``accord
serve`` builds them from its options. ``secret`` keys the CSRF tokens: when none
is given a random one is drawn, so tokens do not survive a restart (logins do,
and a page reload picks up the new token).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

DEFAULT_DB = "sqlite:///accord.db"
"""A SQLite file in the working directory."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """How one workbench runs.

    ``max_body``: the largest request body accepted (bytes; larger gets 413);
    ``max_scenario``: the largest uploaded scenario file; ``secure_cookies``:
    mark the login cookie ``Secure`` (serve over HTTPS behind a proxy);
    ``invitation_days``: how long an invitation link to a process stays valid.
    """

    db_url: str = DEFAULT_DB
    secret: str = field(default_factory=lambda: secrets.token_hex(32))
    max_body: int = 1_048_576
    max_scenario: int = 262_144
    secure_cookies: bool = False
    login_hours: float = 12.0
    invitation_days: float = 7.0

    def __post_init__(self) -> None:
        if self.max_scenario > self.max_body:
            raise ValueError("max_scenario cannot exceed max_body")
