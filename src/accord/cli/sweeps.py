"""What the sweeping commands (``robustness``, ``tournament``) share: the executor and the progress bar."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

from accord.cli.errors import err_console, fail


@contextmanager
def executor(address: str | None, *, processes: bool = False) -> Iterator[Any]:
    """The Dask executor at ``address`` (None: run here); a clear ``--dask`` error when it cannot be had.

    ``processes``: worker processes instead of threads, for work whose Python loops hold the GIL.
    """
    if address is None:
        yield None
        return
    try:
        from accord.scale import ScaleError, dask_executor
    except ImportError:
        fail("needs Dask: pip install 'accord[dask]'", "--dask")
    try:
        with dask_executor(address, processes=processes) as run:
            yield run
    except ScaleError as exc:
        fail(str(exc), "--dask")


def progress(total: int, *, quiet: bool, at_least: int, label: str) -> Any:
    """A progress bar on stderr for runs of ``at_least`` units or more.

    Off under --json or when stderr is not a terminal. The context yields ``advance(n)`` or None.
    """
    if quiet or not err_console.is_terminal or total < at_least:
        return nullcontext(None)
    return _bar(total, label)


@contextmanager
def _bar(total: int, label: str) -> Iterator[Callable[[int], None]]:
    from rich.progress import Progress

    with Progress(console=err_console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)
