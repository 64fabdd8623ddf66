"""Package-search commands (frontier, solve, zopa, amend): placeholder until they land."""

import typer


def register(app: typer.Typer) -> None:
    """Add the search commands to ``app``."""
