"""Tests of accord.report.views (a package so that test modules may share names with other folders)."""
