"""Renderings for people: plots (more to come: briefings, draft agreements)."""
