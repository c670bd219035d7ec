"""Where page tasks run: a local process pool, one single-threaded Tesseract per core."""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol


class Runner(Protocol):
    """Runs picklable functions on workers; futures come back to the submitting process."""

    slots: int
    """Tasks worth keeping in flight so that no worker waits."""

    def submit(self, function: Callable[[Any], Any], argument: Any) -> Future[Any]:
        """A concurrent.futures Future of the function's result."""
        ...

    def close(self, cancel: bool = False) -> None: ...


def _quiet_worker() -> None:
    """Workers leave Ctrl-C to the batch process, which stops them itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class LocalRunner:
    def __init__(self, jobs: int) -> None:
        self.slots = jobs * 2
        self._jobs = jobs
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self._jobs,
                                   mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_quiet_worker)

    def submit(self, function: Callable[[Any], Any], argument: Any) -> Future[Any]:
        try:
            return self._pool.submit(function, argument)
        except BrokenProcessPool:
            # A worker died (killed, out of memory): the pages it had in flight fail their
            # documents; the batch goes on with new workers.
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new_pool()
            return self._pool.submit(function, argument)

    def close(self, cancel: bool = False) -> None:
        if cancel:
            for process in list(getattr(self._pool, "_processes", {}).values()):
                process.terminate()  # a page being read is not worth waiting for
        self._pool.shutdown(wait=True, cancel_futures=cancel)
