"""Tests of accord.report (a package so that test modules may share names with other folders)."""
