"""Passwords, login cookies and CSRF tokens.

- Passwords are hashed with argon2id (argon2-cffi's defaults, RFC 9106); a
  verification failure of any kind is a plain ``False``.
- The login cookie holds a random token (only its digest is stored,
  :mod:`accord.store.accounts`); it is ``HttpOnly`` and ``SameSite=Strict``, and
  ``Secure`` when the settings say the site is served over HTTPS.
- CSRF: every state-changing request of a logged-in user must carry the
  synchronizer token (OWASP CSRF Prevention Cheat Sheet) in the form field
  ``csrf`` or the header ``X-CSRF-Token``. The token is an HMAC-SHA256 of the
  login token under the server's secret, so it changes with every login and
  cannot be computed without the secret.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache
from typing import Any

COOKIE = "accord_login"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"


@cache
def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    """The argon2id hash of ``password`` (salted; different on every call)."""
    return str(_hasher().hash(password))


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``password_hash``; never raises."""
    try:
        return bool(_hasher().verify(password_hash, password))
    except Exception:
        return False


def csrf_token(secret: str, login_token: str) -> str:
    """The CSRF token that goes with a login token."""
    return hmac.new(secret.encode(), b"csrf:" + login_token.encode(), hashlib.sha256).hexdigest()


def csrf_ok(secret: str, login_token: str, given: str | None) -> bool:
    """Whether ``given`` is the CSRF token of ``login_token`` (constant-time comparison)."""
    return given is not None and hmac.compare_digest(csrf_token(secret, login_token), given)
