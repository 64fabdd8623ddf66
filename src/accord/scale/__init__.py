"""Executors that run sweeps on more machines (Dask, an optional extra: ``pip install accord[dask]``).

An executor is a ``map``: it runs a pure, top-level function over picklable tasks
and yields the results in the order of the tasks (see
:data:`accord.analysis.robustness.Executor`). Engines split their work into fixed
chunks with child seeds before any executor sees it, so results never depend on
where they ran. Dask is imported only here, and only when an executor is asked for.
"""

from accord.scale.dask import ScaleError, dask_executor

__all__ = ["ScaleError", "dask_executor"]
