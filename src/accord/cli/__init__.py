"""The command line: Typer commands that parse options, call the workbench and render."""
