"""The one loop that reads documents: their pages in flight together, each document handed on
once all its pages are read.

The unit of work is the page; the unit of commit is the document. Pages of several documents
are in flight at once so that no worker waits on the tail of one document; the pages a
document's other languages need are read again as tasks of their own, ahead of new documents.
Only this process holds the pages (packed) and hands on the documents.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from typing import Any

from ocr36.batch.document import DocumentJob, Task
from ocr36.batch.options import ConvertOptions
from ocr36.batch.progress import Progress
from ocr36.batch.runners import Runner
from ocr36.batch.tasks import (
    PageFailure,
    PageOutcome,
    read_page_task,
    read_shipped_page_task,
    ship_page,
)

OPEN_DOCUMENTS_PER_SLOT = 0.5
"""Documents read at once, per task slot (at least two): enough to keep every worker busy."""

RunnerFactory = Callable[[int], Runner]
"""The runner for a run whose first document has this many pages to read."""

Finish = Callable[[DocumentJob], None]
"""Given each document once its pages are read (or it failed)."""


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
        self.ready: deque[tuple[Callable[[Any], Any], Any, DocumentJob]] = deque()
        self.in_flight: dict[Future[Any], DocumentJob] = {}
        self.open: list[DocumentJob] = []
        self.exhausted = False

    def run(self) -> None:
        interrupted = True
        try:
            self._loop()
            interrupted = False
        finally:
            if self.runner is not None:
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
                self._page_read(self.in_flight.pop(future), future)

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
            function, argument, job = self.ready.popleft()
            if job.failure is not None:  # failed already: its other pages are not read
                self._page_read(job, None)
                continue
            if self.options.ship_pages and function is read_page_task:
                argument = ship_page(argument)
                if isinstance(argument, PageFailure):
                    self._page_read(job, argument)
                    continue
                function = read_shipped_page_task
            assert self.runner is not None
            self.in_flight[self.runner.submit(function, argument)] = job

    def _open_next(self) -> None:
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
            self.ready.extendleft((function, argument, job)
                                  for function, argument in reversed(tasks))
        else:
            self.ready.extend((function, argument, job) for function, argument in tasks)

    def _page_read(self, job: DocumentJob, result: Future[Any] | PageFailure | None) -> None:
        if not job.rereading:
            self.progress.pages_done(job.path, 1)
        outcome: PageOutcome | None = result if isinstance(result, PageFailure) else None
        if isinstance(result, Future):
            try:
                outcome = result.result()
            except Exception as error:  # a worker died (out of memory, killed)
                outcome = PageFailure(0, f"{job.path}: a worker stopped: "
                                         f"{type(error).__name__}: {error}")
        if not job.page_read(outcome):
            return
        again = job.reread_tasks(self.options)
        if again:  # ahead of new documents, so that this one is done soon
            self._queue(again, job, first=True)
            return
        job.complete = True
        self._hand_on(job)

    def _hand_on(self, job: DocumentJob) -> None:
        if not self.in_order:
            self.open.remove(job)
            self.finish(job)
            return
        while self.open and self.open[0].complete:
            self.finish(self.open.pop(0))
