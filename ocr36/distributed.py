"""Page tasks on a Dask distributed cluster: the same tasks, the results come back here.

Start a scheduler and workers (each with ocr36 and Tesseract installed), then point a batch at
the scheduler with ``ocr36 batch ... --scheduler tcp://HOST:8786``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import distributed

from ocr36.errors import FileAccess

CONNECT_TIMEOUT_S = 30


class DaskRunner:
    """Submits page tasks to a running Dask scheduler."""

    def __init__(self, scheduler: str) -> None:
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

    def submit(self, function: Callable[[Any], Any], argument: Any) -> Any:
        return self._client.submit(function, argument, pure=False)

    def wait_any(self, futures: Iterable[Any]) -> set[Any]:
        done, _ = distributed.wait(list(futures), return_when="FIRST_COMPLETED")  # type: ignore[no-untyped-call]
        return set(done)

    def close(self, cancel: bool = False) -> None:
        self._client.close()  # type: ignore[no-untyped-call]
