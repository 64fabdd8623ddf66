"""Tests of accord.report.terminal (a package so that test modules may share names with other folders)."""
