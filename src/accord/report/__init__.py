"""Everything people read, rendered from workbench outcomes (never by running an engine).

- :mod:`.json`: one serializer, :func:`accord.report.json.to_json`, for every outcome;
- :mod:`.views`: renderer-neutral tables, verdicts, notes and citations (plain data);
- :mod:`.terminal`: views drawn with rich (the only place in ``report`` that uses rich);
- :mod:`.plots`: frontier plots of a :class:`accord.workbench.picture.Picture` (matplotlib,
  imported lazily).
"""
