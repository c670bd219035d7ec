"""One document's lifecycle from its page tasks to its last page read: the pages it needs,
the pages held packed as they come back, and the re-reads of sections in other languages."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ocr36.batch.options import ConvertOptions
from ocr36.batch.outcome import document_error
from ocr36.batch.tasks import (
    PackedPage,
    PageFailure,
    PageOutcome,
    RereadTask,
    read_page_task,
    reread_page_task,
)
from ocr36.errors import Ocr36Error
from ocr36.model import PageResult, Source
from ocr36.pages import PageTask
from ocr36.pipeline import rereads

Task = tuple[Callable[[Any], Any], Any]
"""A picklable function and its argument, for a runner."""


@dataclass
class DocumentJob:
    """A document whose pages are being read; only the submitting process holds it."""

    path: Path
    key: str
    """What the journal knows the document by."""
    source: Source
    record: dict[str, Any]
    """Its bibliographic record from --metadata (empty without)."""
    numbers: Sequence[int] = ()
    """The pages to read (1-based); all of them when empty."""
    pages: dict[int, PackedPage] = field(default_factory=dict)
    pending: int = 0
    rereading: bool = False
    complete: bool = False
    """Every page read (or the document failed)."""
    failure: PageFailure | None = None
    started: float = field(default_factory=time.monotonic)
    _read: list[PageResult] | None = field(default=None, init=False, repr=False)

    @property
    def page_count(self) -> int:
        return len(self.numbers) or self.source.page_count

    def page_tasks(self, options: ConvertOptions) -> list[Task]:
        numbers = self.numbers or range(1, self.source.page_count + 1)
        tasks: list[Task] = [
            (read_page_task, PageTask(self.source, number, options.profile, options.engine,
                                      options.ocr_all))
            for number in numbers]
        self.pending = len(tasks)
        return tasks

    def page_read(self, outcome: PageOutcome | None) -> bool:
        """A page task came back (None: not run, the document failed before); True when it
        was the last one pending."""
        self.pending -= 1
        if isinstance(outcome, PageFailure):
            self.failure = self.failure or outcome
        elif outcome is not None and self.failure is None:
            self.pages[outcome.number] = outcome
        return self.pending == 0

    def reread_tasks(self, options: ConvertOptions) -> list[Task]:
        """The pages with sections in other languages, read again with those languages'
        packs; none when they are read already (or need no second reading)."""
        if self.rereading or self.failure is not None:
            return []
        self.rereading = True
        pages = self.unpacked()
        again = rereads(pages, options.profile, options.engine)
        if not again:
            self._read = pages  # kept for the commit, which would unpack them again
            return []
        tasks: list[Task] = [
            (reread_page_task, RereadTask(self.pages[each.page.number], each.packs,
                                          options.profile, options.engine, each.regions,
                                          each.titles))
            for each in again]
        self.pending = len(tasks)
        return tasks

    def unpacked(self) -> list[PageResult]:
        """The pages read, in order (given once: the document lets go of them)."""
        pages, self._read = self._read, None
        if pages is None:
            pages = [self.pages[number].unpack() for number in sorted(self.pages)]
        return pages

    def error(self) -> Ocr36Error | None:
        if self.failure is None:
            return None
        return document_error(self.failure.message, self.failure.remedy,
                              self.failure.exit_code)

    def release(self) -> None:
        self.pages.clear()
        self._read = None
