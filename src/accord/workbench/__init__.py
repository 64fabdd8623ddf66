"""Use cases shared by the command line and a future web app.

Each use case takes a frozen request holding an already loaded
:class:`accord.model.Scenario` (loading files is the caller's job), compiles the
:class:`accord.space.Space`, runs one engine of :mod:`accord.analysis` and returns
a frozen outcome: the request, the compiled space, the engine's result and the
verdict data renderers need. Nothing here prints, reads files or imports a front
end. One module per family, so that a caller loads only the engines it uses:

- :mod:`accord.workbench.scenario`: describing a scenario (catalogue, profiles,
  plans, validation findings);
- :mod:`accord.workbench.evaluation`: evaluating and comparing plans;
- :mod:`accord.workbench.search`: frontier, bargaining solutions, ZOPA, amendment,
  with their requests and outcomes in :mod:`accord.workbench.records` (light: no
  engine loads with them, so renderers can name them cheaply);
- :mod:`accord.workbench.picture`: what a frontier plot shows (runs the frontier
  engine when the result did not bring one);
- :mod:`accord.workbench.estimates`: whose estimates an outcome holds.
"""
