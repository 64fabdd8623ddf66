"""Tests of accord.cli (a package so that test modules may share names with other folders)."""
