"""Adapters between files and the domain model."""

from accord.io.loader import FileProblem, Report, ScenarioFileError, check_file, check_text, load_scenario
from accord.io.schema import json_schema

__all__ = [
    "FileProblem",
    "Report",
    "ScenarioFileError",
    "check_file",
    "check_text",
    "json_schema",
    "load_scenario",
]
