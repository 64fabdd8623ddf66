"""The web workbench: a FastAPI app over the process store (``pip install 'accord[web]'``).

:func:`accord.web.app.create_app` builds the app from
:class:`accord.web.settings.Settings`; ``accord serve`` runs it under uvicorn.
The pieces:

- :mod:`~accord.web.routes.auth` (log in/out, invitations),
  :mod:`~accord.web.routes.pages` and :mod:`~accord.web.routes.work` (server-rendered
  pages, plain forms), :mod:`~accord.web.routes.api` (the JSON API and its OpenAPI
  schema);
- :mod:`~accord.web.security` (argon2id passwords, the login cookie, CSRF tokens),
  :mod:`~accord.web.deps` (who is logged in; the CSRF check);
- :mod:`~accord.web.service` (what pages and API share: creating a process from a
  scenario, the mediator's overlap view, charts), :mod:`~accord.web.schemas` and
  :mod:`~accord.web.convert` (request and response bodies);
- :mod:`~accord.web.templating` (Jinja2, autoescaped) and :mod:`~accord.web.errors`.

Access control is the store's (:mod:`accord.process.access`, applied in the data
layer); the web layer adds no second policy.
"""
