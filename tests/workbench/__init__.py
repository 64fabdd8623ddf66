"""Tests of accord.workbench (a package so that test modules may share names with other folders)."""
