"""The workbench's routes: :mod:`auth` (log in/out, invitations), :mod:`pages` (HTML), :mod:`api` (JSON)."""
