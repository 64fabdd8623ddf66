"""A Dask executor: ``local`` starts a ``LocalCluster``, ``tcp://host:port`` connects to a scheduler.

Dask (Rocklin 2015, "Dask: parallel computation with blocked algorithms and task
scheduling", Proc. SciPy) runs each chunk as one task; the results come back in
the order of the tasks, so a sweep sums them exactly as a local run does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

__all__ = ["SCHEMES", "ScaleError", "check_address", "dask_executor"]

SCHEMES = ("tcp://", "tls://", "inproc://", "ucx://", "ws://", "wss://")
"""The scheduler address schemes Dask's distributed scheduler understands."""

T = TypeVar("T")
R = TypeVar("R")


class ScaleError(RuntimeError):
    """The executor cannot be set up: Dask missing, a bad address, no scheduler there."""


def check_address(address: str) -> str:
    """``address`` when it is ``local`` or a scheduler address of a known scheme, else :class:`ScaleError`."""
    if address == "local" or (address.startswith(SCHEMES) and len(address) > address.index("//") + 2):
        return address
    raise ScaleError(f"expected 'local' or a scheduler address such as tcp://host:8786, not {address!r}")


@contextmanager
def dask_executor(
    address: str, *, workers: int = 2, timeout: float = 5.0, processes: bool = False
) -> Iterator[Callable[[Callable[[T], R], Sequence[T]], Iterable[R]]]:
    """An executor on the Dask cluster at ``address`` (``local``: a new ``LocalCluster`` of ``workers``).

    By default the local cluster runs threads in this process (numpy releases the
    GIL in its loops), so it starts fast and needs no pickling; ``processes=True``
    starts worker processes instead, for work that holds the GIL (the simulator's
    Python loops), at the cost of a slower start and pickled tasks. It is closed
    on exit.
    """
    check_address(address)
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ScaleError("needs Dask: pip install 'accord[dask]'") from exc
    cluster: Any = None
    try:
        if address == "local":
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=processes, dashboard_address=None
            )
            client = Client(cluster)
        else:
            client = Client(address, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise ScaleError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc

    def run(function: Callable[[T], R], tasks: Sequence[T]) -> Iterable[R]:
        futures = client.map(function, list(tasks), pure=False)
        for future in futures:
            yield future.result()

    try:
        yield run
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
