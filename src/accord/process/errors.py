"""The errors the process model and its repositories raise; each message says what went wrong.

The web app maps them to HTTP statuses: :class:`ProcessError` 400 (or 422),
:class:`AccessDenied` 403, :class:`NotFound` 404, :class:`Conflict` 409.
"""

from __future__ import annotations


class ProcessError(ValueError):
    """A request the process refuses (unknown issue, option, party ...); the message says why."""


class NotFound(LookupError):
    """No such process, proposal, user ... (or none the actor may see)."""


class Conflict(RuntimeError):
    """A write based on a stale version: someone else changed the item first (optimistic locking)."""


class AccessDenied(PermissionError):
    """The actor may not do this; the message names role, action and resource."""
