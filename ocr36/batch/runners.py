"""Where page tasks run, behind one protocol: in this process, a local process pool (one
single-threaded Tesseract per core), or a Dask cluster (`ocr36.batch.cluster`)."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Protocol

from ocr36.batch.cluster import DaskRunner
from ocr36.batch.forkserver import stop_server, worker_context
from ocr36.batch.heap import return_freed_pages
from ocr36.batch.options import ConvertOptions
from ocr36.batch.timeline import note_started
from ocr36.errors import NoWorkers
from ocr36.pdfsource import is_pdf, text_on_every_page
from ocr36.watchdog import die_with_parent


class Runner(Protocol):
    """Runs picklable functions on workers; futures come back to the submitting process."""

    slots: int
    """Tasks worth keeping in flight so that no worker waits."""

    def submit(self, function: Callable[[Any], Any], argument: Any) -> Future[Any]:
        """A concurrent.futures Future of the function's result."""
        ...

    def close(self, cancel: bool = False) -> None: ...


class SerialRunner:
    """Runs each task in this process as it is submitted: for -j 1 and one-page work, where a
    process pool would only cost its start-up and the pickling of the pages."""

    slots = 1

    def submit(self, function: Callable[[Any], Any], argument: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(function(argument))
        except Exception as error:  # handed back as a worker's failure would be
            future.set_exception(error)
        return future

    def close(self, cancel: bool = False) -> None:
        pass


def _quiet_worker(parent: int) -> None:
    """Workers leave Ctrl-C to the submitting process, which stops them itself, and die
    with it when it is killed."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)
    return_freed_pages()
    note_started()


class LocalRunner:
    """A local process pool whose first worker starts as the runner is made, while this
    process opens the first document; the first page is handed out once it answered, and
    the other workers start as the next pages are handed out (forked from a process that
    imported the page stage once, where there is one: ocr36.batch.forkserver)."""

    def __init__(self, jobs: int) -> None:
        self.slots = jobs * 2
        self._jobs = jobs
        self._pending: set[Future[Any]] = set()
        self._pool, self._answer = self._start_pool()

    def _start_pool(self) -> tuple[ProcessPoolExecutor, Future[bool] | None]:
        """A pool, and a question that starts its first worker."""
        try:
            pool = ProcessPoolExecutor(max_workers=self._jobs, mp_context=worker_context(),
                                       initializer=_quiet_worker, initargs=(os.getpid(),))
        except OSError as error:
            raise _no_workers(error.strerror or str(error)) from error
        try:
            return pool, pool.submit(_answer)
        except (OSError, EOFError) as error:  # EOF: the fork server ended as it started
            pool.shutdown(wait=False, cancel_futures=True)
            raise _no_workers(_reason(error)) from error

    def _await_worker(self) -> None:
        """The first worker has started and answered: a system that starts no process
        (memory, a process limit), or whose processes stop as they start, is said here,
        before any page is handed out."""
        answer, self._answer = self._answer, None
        try:
            if answer is not None:
                answer.result()
        except (OSError, EOFError, BrokenProcessPool) as error:
            self._pool.shutdown(wait=False, cancel_futures=True)
            raise _no_workers(_reason(error)) from error

    def _new_pool(self) -> ProcessPoolExecutor:
        """A new pool, its first worker started and answered (after a worker died)."""
        self._pool, self._answer = self._start_pool()
        self._await_worker()
        return self._pool

    def submit(self, function: Callable[[Any], Any], argument: Any) -> Future[Any]:
        if self._answer is not None:
            self._await_worker()
        future = self._submit(function, argument)
        self._pending.add(future)
        future.add_done_callback(self._pending.discard)
        return future

    def _submit(self, function: Callable[[Any], Any], argument: Any) -> Future[Any]:
        try:
            try:
                return self._pool.submit(function, argument)
            except BrokenProcessPool:
                # A worker died (killed, out of memory): the pages it had in flight are read
                # again; the run goes on with new workers.
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()
                return self._pool.submit(function, argument)
        except (OSError, EOFError) as error:  # the system starts no process (memory, limit)
            raise _no_workers(_reason(error)) from error

    def close(self, cancel: bool = False) -> None:
        """The workers stopped: at once when `cancel` (a page being read is not worth
        waiting for), else once every task handed out is done. Idle workers are stopped, not
        asked to end: each would spend most of a second tearing down its interpreter."""
        if not cancel:
            wait(list(self._pending))
        for process in list((getattr(self._pool, "_processes", None) or {}).values()):
            process.terminate()
        self._pool.shutdown(wait=True, cancel_futures=cancel)
        stop_server()


def _answer() -> bool:
    return True


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return "a worker stopped as it started"


def _no_workers(reason: str) -> NoWorkers:
    return NoWorkers(f"worker processes could not be started: {reason}")


def runner_for(options: ConvertOptions, pages: int | None, isolated: bool) -> Runner:
    """The runner for a run of `pages` pages (None: not known, many documents).

    `isolated`: tasks run in worker processes even with one job, so that a worker that dies
    (out of memory, killed) fails its document and not the whole run (`ocr36 batch`)."""
    if options.scheduler:
        return DaskRunner(options.scheduler)
    jobs = min(options.jobs, pages) if pages else options.jobs
    if jobs <= 1 and (not isolated or pages == 1):
        return SerialRunner()
    return LocalRunner(jobs)


TEXT_LAYER_PAGES_PER_JOB = 4
"""A PDF whose every page shows text is read in this process when it has at most this many
pages per job: its pages come from their text layer at some 0.4 s of CPU each, a worker's start
costs about 1 s, so up to this size a pool would gain at most about a second of wall-clock time
for a second of CPU per worker."""


def reads_text_layer_here(options: ConvertOptions, pages: int, path: Path) -> bool:
    """Whether the one document of a run, of `pages` pages, is read in this process since
    its pages come from its text layer. `path` was opened as a source (a suspect PDF the
    profile refuses never comes here); this look at its text opens it with PDFium once."""
    return (options.scheduler is None and not options.ocr_all and options.jobs > 1
            and pages <= TEXT_LAYER_PAGES_PER_JOB * options.jobs and is_pdf(path)
            and text_on_every_page(path))
