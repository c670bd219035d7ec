"""The one loop that reads documents: their pages in flight together, each document handed on
once all its pages are read.

The unit of work is the page; the unit of commit is the document. Pages of several documents
are in flight at once so that no worker waits on the tail of one document; the pages a
document's other languages need are read again as tasks of their own, ahead of new documents.
Only this process holds the pages (packed) and hands on the documents.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass
from typing import Any

from ocr36.batch.document import DocumentJob, Task
from ocr36.batch.options import ConvertOptions
from ocr36.batch.progress import Progress
from ocr36.batch.runners import Runner
from ocr36.batch.tasks import (
    PageFailure,
    PageOutcome,
    ShippedPageTask,
    read_page_task,
    read_shipped_page_task,
    ship_page,
)
from ocr36.batch.timeline import span
from ocr36.errors import ExitCode

log = logging.getLogger(__name__)

WORKER_STOPS_PER_PAGE = 3
"""A page whose worker died (killed, out of memory) is read again on a new worker; a page in
flight when workers died this many times fails its document."""

OPEN_DOCUMENTS_PER_SLOT = 0.5
"""Documents read at once, per task slot (at least two): enough to keep every worker busy."""

RunnerFactory = Callable[[int], Runner]
"""The runner for a run whose first document has this many pages to read."""

Finish = Callable[[DocumentJob], None]
"""Given each document once its pages are read (or it failed)."""


@dataclass(frozen=True)
class Queued:
    """A task of a document's, with the number of workers that died while it was in flight."""

    function: Callable[[Any], Any]
    argument: Any
    job: DocumentJob
    stops: int = 0


class Scheduler:
    """Reads the documents `jobs` yields (opened one at a time, as slots free up) and hands
    each on to `finish`; `in_order` hands them on in the order they were opened."""

    def __init__(self, jobs: Iterator[DocumentJob], options: ConvertOptions,
                 make_runner: RunnerFactory, progress: Progress, finish: Finish,
                 in_order: bool = False) -> None:
        self.jobs = jobs
        self.options = options
        self.make_runner = make_runner
        self.runner: Runner | None = None
        self.progress = progress
        self.finish = finish
        self.in_order = in_order
        self.ready: deque[Queued] = deque()
        self.in_flight: dict[Future[Any], Queued] = {}
        self.open: list[DocumentJob] = []
        self.exhausted = False

    def run(self) -> None:
        interrupted = True
        try:
            self._loop()
            interrupted = False
        finally:
            if self.runner is not None:
                with span("close"):
                    self.runner.close(cancel=interrupted)

    def _loop(self) -> None:
        while True:
            self._fill()
            if not self.in_flight:
                if self.exhausted and not self.ready:
                    return
                continue
            done, _ = wait(self.in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                self._task_done(self.in_flight.pop(future), future)

    @property
    def _max_open(self) -> int:
        if self.runner is None:
            return 1
        return max(2, int(self.runner.slots * OPEN_DOCUMENTS_PER_SLOT) + 1)

    def _fill(self) -> None:
        """Submit what is ready, opening documents as needed, until every slot is busy."""
        while self.runner is None or len(self.in_flight) < self.runner.slots:
            if not self.ready and not self.exhausted and len(self.open) < self._max_open:
                self._open_next()
                continue
            if not self.ready:
                return
            if self.ready[0].stops and self.in_flight:
                return  # a page that was in flight when a worker died is read alone
            queued = self.ready.popleft()
            function, argument, job = queued.function, queued.argument, queued.job
            if job.failure is not None:  # failed already: its other pages are not read
                self._page_read(job, None)
                continue
            if self.options.ship_pages and function is read_page_task:
                with span("ship"):
                    argument = ship_page(argument)
                if not isinstance(argument, ShippedPageTask):  # failed, or done already
                    self._page_read(job, argument)
                    continue
                function = read_shipped_page_task
            assert self.runner is not None
            self.in_flight[self.runner.submit(function, argument)] = \
                Queued(function, argument, job, queued.stops)

    def _open_next(self) -> None:
        with span("open"):
            job = next(self.jobs, None)
        if job is None:
            self.exhausted = True
            return
        tasks = job.page_tasks(self.options)
        if self.runner is None:
            self.runner = self.make_runner(len(tasks))
        self.open.append(job)
        self.progress.document_started(job.path, len(tasks))
        self._queue(tasks, job, first=False)

    def _queue(self, tasks: list[Task], job: DocumentJob, first: bool) -> None:
        if first:
            self.ready.extendleft(Queued(function, argument, job)
                                  for function, argument in reversed(tasks))
        else:
            self.ready.extend(Queued(function, argument, job) for function, argument in tasks)

    def _task_done(self, queued: Queued, future: Future[Any]) -> None:
        """A task came back, or its worker died: then it is read again on a new worker, alone,
        until workers died WORKER_STOPS_PER_PAGE times with it in flight."""
        error = future.exception()
        if error is None:
            self._page_read(queued.job, future)
            return
        stops = queued.stops + 1
        page = _page_number(queued.argument)
        if stops >= WORKER_STOPS_PER_PAGE:
            self._page_read(queued.job, PageFailure(page, (
                f"{queued.job.path}: page {page} stopped a worker {stops} times (the last: "
                f"{type(error).__name__}: {error})"), remedy=WORKER_STOPS_REMEDY,
                exit_code=ExitCode.BAD_INPUT))
            return
        log.warning("%s: page %d: a worker stopped (%s); read again on a new worker",
                    queued.job.path, page, type(error).__name__)
        self.ready.appendleft(Queued(queued.function, queued.argument, queued.job, stops))

    def _page_read(self, job: DocumentJob, result: Future[Any] | PageOutcome | None) -> None:
        if not job.rereading:
            self.progress.pages_done(job.path, 1)
        outcome: PageOutcome | None = result.result() if isinstance(result, Future) else result
        if not job.page_read(outcome):
            return
        with span("unpack"):
            again = job.reread_tasks(self.options)
        if again:  # ahead of new documents, so that this one is done soon
            self._queue(again, job, first=True)
            return
        job.complete = True
        self._hand_on(job)

    def _hand_on(self, job: DocumentJob) -> None:
        if not self.in_order:
            self.open.remove(job)
            with span("commit"):
                self.finish(job)
            return
        while self.open and self.open[0].complete:
            with span("commit"):
                self.finish(self.open.pop(0))


WORKER_STOPS_REMEDY = ("The page stops the process that reads it (most often: it needs more "
                       "memory than the machine gives a worker). Check the page, or give the "
                       "workers more memory (fewer --jobs), then run again with --retry-failed.")


def _page_number(argument: Any) -> int:
    """The page a task reads (0 when the task says none)."""
    for inner in (argument, getattr(argument, "task", None), getattr(argument, "page", None)):
        number = getattr(inner, "number", None)
        if isinstance(number, int):
            return number
    return 0
