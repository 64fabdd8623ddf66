"""The command line: Typer commands that parse options, call the workbench and render.

:mod:`.app` holds the app and :func:`~accord.cli.app.main`; :mod:`.options` every
argument and option; :mod:`.errors` messages and exit codes; :mod:`.commands` one
module per command group.
"""
