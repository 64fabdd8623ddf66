"""accord: design, test, simulate and draft peace negotiations."""

__version__ = "0.1.0"
