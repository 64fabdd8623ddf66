"""``accord serve``: run the web workbench (FastAPI under uvicorn, ``pip install 'accord[web]'``).

The command prepares the database (the account tables; a SQLite file in the
working directory unless ``--db`` names another) and, while no account exists,
a one-time link with which the first mediator chooses a name and password; it
prints the URL and that link, then hands the app factory
(:func:`accord.web.app.app_from_env`) to uvicorn by its import string, passing
the settings in the environment.
"""

from __future__ import annotations

import importlib.util
import os
from typing import Annotated

import typer

from accord.cli.errors import fail

DbOpt = Annotated[
    str,
    typer.Option(
        "--db", help="Database URL: sqlite:///FILE (default: accord.db here) or postgresql+psycopg://..."
    ),
]
HostOpt = Annotated[
    str, typer.Option("--host", help="Interface to listen on (127.0.0.1: this machine only).")
]
PortOpt = Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")]


def serve(db: DbOpt = "sqlite:///accord.db", host: HostOpt = "127.0.0.1", port: PortOpt = 8000) -> None:
    """Run the web workbench: prints its URL and how the first mediator logs in."""
    missing = [
        m for m in ("fastapi", "uvicorn", "sqlalchemy", "argon2") if importlib.util.find_spec(m) is None
    ]
    if missing:
        fail(f"the workbench needs {', '.join(missing)}: pip install 'accord[web]'")
    from accord.store.accounts import first_login

    try:
        token = first_login(db)
    except Exception as exc:  # a bad URL or an unreachable server: say which
        fail(f"cannot open the database {db!r}: {exc}", "--db")
    url = f"http://{host if host not in ('0.0.0.0', '::') else 'localhost'}:{port}"
    print(f"accord workbench at {url}  (database {db})", flush=True)
    if token:
        print(f"First mediator: open {url}/invite/{token} to choose a name and password (once).", flush=True)
    else:
        print(f"Log in at {url}/login with an existing account.", flush=True)
    import uvicorn

    os.environ["ACCORD_DB"] = db
    uvicorn.run("accord.web.app:app_from_env", factory=True, host=host, port=port, log_level="warning")
