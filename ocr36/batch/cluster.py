"""Page tasks on a Dask distributed cluster: the same tasks, the results come back here.

Dask distributed is an optional extra (`pip install ocr36[cluster]`), imported only when a
batch is given `--scheduler`.

Start a scheduler and workers (each with ocr36 and Tesseract installed), then point a batch at
the scheduler with ``ocr36 batch ... --scheduler tcp://HOST:8786``.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any
from urllib.parse import urlsplit

from ocr36.errors import FileAccess, MissingDependency

CONNECT_TIMEOUT_S = 30


class DaskRunner:
    """Submits page tasks to a running Dask scheduler."""

    def __init__(self, scheduler: str) -> None:
        try:
            import distributed  # the cluster extra, needed only here
        except ImportError as error:
            raise MissingDependency(
                "--scheduler needs Dask distributed, which is not installed",
                remedy="Install ocr36 with its cluster extra: pip install 'ocr36[cluster]'."
            ) from error
        _check_reachable(scheduler)
        try:
            self._client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT_S,
                                              set_as_default=False)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as error:
            raise FileAccess(f"cannot reach the Dask scheduler {scheduler}: {error}",
                             remedy="Start it (`dask scheduler`) and its workers, and check "
                                    "the address and port.") from error
        threads = sum(self._client.nthreads().values())  # type: ignore[no-untyped-call]
        if threads == 0:
            self._client.close()  # type: ignore[no-untyped-call]
            raise FileAccess(f"the Dask scheduler {scheduler} has no workers",
                             remedy="Start workers: dask worker " + scheduler
                                    + " --nthreads 1 --nworkers N")
        self.slots = threads * 2

        self._executor = self._client.get_executor(pure=False)  # type: ignore[no-untyped-call]

    def submit(self, function: Callable[[Any], Any], argument: Any) -> Future[Any]:
        future: Future[Any] = self._executor.submit(function, argument)
        return future

    def close(self, cancel: bool = False) -> None:
        self._executor.shutdown(wait=not cancel)
        self._client.close()  # type: ignore[no-untyped-call]


def _check_reachable(scheduler: str) -> None:
    """Fail at once on a scheduler that refuses connections (the client would wait)."""
    address = urlsplit(scheduler if "://" in scheduler else f"tcp://{scheduler}")
    if address.scheme != "tcp" or not address.hostname or not address.port:
        return
    try:
        with socket.create_connection((address.hostname, address.port), timeout=5):
            pass
    except OSError as error:
        raise FileAccess(f"cannot reach the Dask scheduler {scheduler}: "
                         f"{error.strerror or error}",
                         remedy="Start it (`dask scheduler`) and its workers, and check "
                                "the address and port.") from error
