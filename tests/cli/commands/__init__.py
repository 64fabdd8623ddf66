"""Tests of accord.cli.commands (a package so that test modules may share names with other folders)."""
