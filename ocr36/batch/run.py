"""The batch: many documents, their pages in flight together, each committed once, whole.

The unit of work is the page; the unit of commit is the document. Pages of several documents
are in flight at once so that no worker waits on the tail of one document; the pages a
document's other languages need are read again as page tasks of their own, ahead of new
documents. Only this process writes packages and the journal.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, wait
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from ocr36.batch.progress import Progress
from ocr36.batch.runners import Runner
from ocr36.batch.summary import Summary
from ocr36.batch.tasks import (
    PackedPage,
    PageFailure,
    RereadTask,
    read_page_task,
    read_shipped_page_task,
    reread_page_task,
    ship_page,
)
from ocr36.errors import FileAccess, Ocr36Error
from ocr36.ingest import PAGE_SUFFIXES, natural_key, open_source
from ocr36.journal import Decision, Journal, State, batch_lock
from ocr36.manifest import Manifest
from ocr36.metadata import read_records, record_for
from ocr36.model import Document, PageResult, Source
from ocr36.ocr.engine import DEFAULT_ENGINE
from ocr36.package import PARTIAL_MARK, write_package
from ocr36.pages import PageTask
from ocr36.pipeline import assemble, pages_to_reread, versions
from ocr36.profile import Profile

log = logging.getLogger(__name__)

OPEN_DOCUMENTS_PER_SLOT = 0.5
"""Documents read at once, per task slot (at least two): enough to keep every worker busy."""


@dataclass(frozen=True)
class BatchOptions:
    profile: Profile
    engine: str = DEFAULT_ENGINE
    retry_failed: bool = False
    metadata: Path | None = None
    ship_pages: bool = False
    """Send each page with its task (workers on other machines cannot read the inputs)."""
    review: bool = False
    """Record what the converter saw beside each package (NAME.review/index.html)."""


@dataclass
class _Open:
    """A document whose pages are in flight."""

    path: Path
    key: str
    source: Source
    record: dict[str, Any]
    pages: dict[int, PackedPage] = field(default_factory=dict)
    pending: int = 0
    rereading: bool = False
    error: str = ""
    started: float = field(default_factory=time.monotonic)


def find_documents(in_dir: Path) -> list[Path]:
    """The documents of a folder: each image file, and each sub-folder of page images."""
    if not in_dir.is_dir():
        raise FileAccess(f"{in_dir}: no such folder")
    found = [path for path in in_dir.iterdir() if not path.name.startswith(".")
             and (path.is_dir() or path.suffix.lower() in PAGE_SUFFIXES)]
    return sorted(found, key=natural_key)


def source_key(path: Path) -> str:
    return str(path.resolve())


def clean_leftovers(out_dir: Path) -> None:
    """What a killed run leaves: temporary package folders, and a package set aside while
    being replaced (put back when its replacement never arrived)."""
    for path in out_dir.iterdir():
        name = path.name
        if not name.startswith(".") or not path.is_dir():
            continue
        if PARTIAL_MARK in name:
            shutil.rmtree(path, ignore_errors=True)
        elif ".old-" in name:
            original = out_dir / name[1:].rsplit(".old-", 1)[0]
            if original.exists():
                shutil.rmtree(path, ignore_errors=True)
            else:
                os.rename(path, original)


def _manifest_matches(package: Path, sha256: str, profile_sha256: str) -> bool:
    try:
        manifest = Manifest.read(package)
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return manifest.source.sha256 == sha256 and manifest.profile.sha256 == profile_sha256


def recover(journal: Journal, out_dir: Path) -> None:
    """A document killed between the rename of its package and the journal's note of it."""
    for entry in journal.entries():
        if entry.state is State.WRITING and entry.package and _manifest_matches(
                out_dir / entry.package, entry.sha256, entry.profile_sha256):
            journal.done(entry.source, entry.package)


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM stops the batch the way Ctrl-C does: cleanly, nothing partial left."""
    def interrupt(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_batch(in_dir: Path, out_dir: Path, options: BatchOptions,
              make_runner: Callable[[], Runner], progress: Progress) -> Summary:
    """Convert every document of `in_dir` not already done into `out_dir`."""
    documents = find_documents(in_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FileAccess(f"{out_dir}: cannot create the output folder: {error.strerror}") \
            from error
    with batch_lock(out_dir), _terminate_as_interrupt():
        clean_leftovers(out_dir)
        journal = Journal(out_dir)
        try:
            recover(journal, out_dir)
            summary = Summary(in_dir=in_dir, out_dir=out_dir, profile=options.profile.name,
                              engine=options.engine, documents=len(documents))
            progress.begin(len(documents))
            runner = make_runner()
            interrupted = True
            try:
                _Batch(documents, out_dir, options, journal, runner, progress, summary).run()
                interrupted = False
            finally:
                runner.close(cancel=interrupted)
                progress.end()
            summary.finish()
            summary.write(out_dir)
            _write_overview(out_dir)
            return summary
        finally:
            journal.close()


def _write_overview(out_dir: Path) -> None:
    """batch-summary.html beside batch-summary.json: one row per document, sortable."""
    from ocr36.review.overview import write_overview

    try:
        write_overview(out_dir)
    except (Ocr36Error, OSError) as error:
        log.warning("%s: the batch overview was not written: %s", out_dir, error)


class _Batch:
    def __init__(self, documents: list[Path], out_dir: Path, options: BatchOptions,
                 journal: Journal, runner: Runner, progress: Progress,
                 summary: Summary) -> None:
        self.documents = iter(documents)
        self.out_dir = out_dir
        self.options = options
        self.profile = options.profile
        self.journal = journal
        self.runner = runner
        self.progress = progress
        self.summary = summary
        self.ready: deque[tuple[Callable[[Any], Any], Any, _Open]] = deque()
        self.in_flight: dict[Any, _Open] = {}
        self.open: list[_Open] = []
        self.max_open = max(2, int(runner.slots * OPEN_DOCUMENTS_PER_SLOT) + 1)
        self.versions: dict[str, str] | None = None
        self.records = read_records(options.metadata) if options.metadata else []

    def run(self) -> None:
        exhausted = False
        while True:
            while len(self.in_flight) < self.runner.slots:
                if not self.ready and not exhausted and len(self.open) < self.max_open:
                    exhausted = not self._open_next()
                    continue
                if not self.ready:
                    break
                function, argument, document = self.ready.popleft()
                if document.error:  # failed already: its other pages are not read
                    self._page_finished(document, None)
                    continue
                if self.options.ship_pages and function is read_page_task:
                    argument = ship_page(argument)
                    if isinstance(argument, PageFailure):
                        document.error = argument.message
                        self._page_finished(document, None)
                        continue
                    function = read_shipped_page_task
                self.in_flight[self.runner.submit(function, argument)] = document
            if not self.in_flight:
                if exhausted and not self.ready:
                    return
                continue
            done, _ = wait(self.in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                document = self.in_flight.pop(future)
                self._page_finished(document, future)

    def _open_next(self) -> bool:
        """Start the next document that needs converting; False when there are no more."""
        for path in self.documents:
            key = source_key(path)
            try:
                source = open_source(path)
            except Ocr36Error as error:
                self._fail_unopened(path, key, error.message)
                continue
            decision = self.journal.decide(key, source.sha256, self.profile.sha256,
                                           self.options.retry_failed)
            if decision is not Decision.CONVERT:
                entry = self.journal.entry(key)
                self.summary.skipped(path, decision, entry.package if entry else "",
                                     entry.error if entry else "")
                self.progress.document_done(path, "skipped", 0)
                continue
            try:
                record = record_for(self.records, self.options.metadata, path) \
                    if self.options.metadata else {}
            except Ocr36Error as error:
                self._fail_unopened(path, key, error.message)
                continue
            self.journal.start(key, source.sha256, self.profile.sha256, source.page_count)
            document = _Open(path=path, key=key, source=source, record=record)
            self.open.append(document)
            self.progress.document_started(path, source.page_count)
            for number in range(1, source.page_count + 1):
                task = PageTask(source, number, self.profile, self.options.engine)
                self.ready.append((read_page_task, task, document))
            document.pending = source.page_count
            return True
        return False

    def _fail_unopened(self, path: Path, key: str, message: str) -> None:
        """A document that cannot even be opened (corrupt, empty, not an image)."""
        entry = self.journal.entry(key)
        if entry is not None and entry.state is State.FAILED and entry.error == message \
                and not self.options.retry_failed:
            self.summary.skipped(path, Decision.SKIP_FAILED, "", message)
            self.progress.document_done(path, "skipped", 0)
            return
        self.journal.start(key, "", self.profile.sha256, 0)
        self.journal.failed(key, message)
        self.summary.failed(path, message, 0)
        self.progress.document_done(path, "failed", 0, message)

    def _page_finished(self, document: _Open, future: Any) -> None:
        document.pending -= 1
        if not document.rereading:
            self.progress.pages_done(1)
        if future is not None:
            try:
                outcome = future.result()
            except Exception as error:  # a worker died (out of memory, killed)
                outcome = PageFailure(0, f"{document.path}: a worker stopped: "
                                         f"{type(error).__name__}: {error}")
            if isinstance(outcome, PageFailure):
                document.error = document.error or outcome.message
            elif not document.error:
                document.pages[outcome.number] = outcome
        if document.pending == 0:
            self._pages_read(document)

    def _pages_read(self, document: _Open) -> None:
        if document.error:
            self._close(document, failure=document.error)
            return
        if not document.rereading:
            document.rereading = True
            pages = self._unpacked(document)
            again = pages_to_reread(pages, self.profile)
            if not again:
                self._commit(document, pages)
                return
            del pages
            for page, packs in reversed(again):
                task = RereadTask(document.pages[page.number], packs, self.profile,
                                  self.options.engine)
                self.ready.appendleft((reread_page_task, task, document))
            document.pending = len(again)
            return
        self._commit(document)

    def _unpacked(self, document: _Open) -> list[PageResult]:
        return [document.pages[number].unpack() for number in sorted(document.pages)]

    def _commit(self, document: _Open, pages: list[PageResult] | None = None) -> None:
        """Structure, package and journal: the document is done or failed, never half.

        `pages` are the document's pages when they are already unpacked."""
        if self.versions is None:
            self.versions = versions(self.profile, self.options.engine)
        try:
            if pages is None:
                pages = self._unpacked(document)
            built, info, name = assemble(pages, self.profile, document.source, document.path,
                                         document.record, self.options.engine, self.versions)
            if not self.options.review:
                del pages
            overwrite = self._may_replace(document, name, built)
            self.journal.writing(document.key, name)
            target = write_package(built, info, self.out_dir, name, overwrite=overwrite)
        except Ocr36Error as error:
            self._close(document, failure=error.message)
            return
        except Exception as error:  # a fault in the structure stage fails this document only
            self._close(document, failure=f"{document.path}: {type(error).__name__}: {error}")
            return
        self.journal.done(document.key, name)
        if self.options.review:
            self._record_review(document, pages, built, target)
        self._close(document, built=built, package=target)

    def _record_review(self, document: _Open, pages: list[PageResult], built: Document,
                       package: Path) -> None:
        """The review page beside the package; the package stands whether it is written or not."""
        from ocr36.review.record import review_recorder

        try:
            review_recorder(self.profile, document.path)(pages, built, package)
        except Exception as error:  # the package is done: a review that fails is only told
            log.warning("%s: the review page was not written: %s", document.path, error)

    def _may_replace(self, document: _Open, name: str, built: Document) -> bool:
        """Whether an existing package of that name may be replaced by this one."""
        owner = self.journal.package_owner(name)
        if owner is not None and owner != document.key:
            raise FileAccess(f"{document.path}: its package {name} was already written from "
                             f"{owner}", remedy="Use {source} in the profile's "
                             "output.package_name, or give the documents their own batch.")
        target = self.out_dir / name
        if not target.exists():
            return False
        entry = self.journal.entry(document.key)
        if entry is not None and entry.package == name:
            return True  # this document's own earlier package: source or profile changed
        raise FileAccess(f"{document.path}: the package folder {target} already exists and "
                         "was not written by this batch",
                         remedy="Move it away, or give the batch another --out folder.")

    def _close(self, document: _Open, *, failure: str = "", built: Document | None = None,
               package: Path | None = None) -> None:
        self.open.remove(document)
        seconds = time.monotonic() - document.started
        pages = document.source.page_count
        if failure:
            self.journal.failed(document.key, failure)
            self.summary.failed(document.path, failure, pages)
            self.progress.document_done(document.path, "failed", pages, failure)
        else:
            assert built is not None and package is not None
            self.summary.converted(document.path, package, built, seconds)
            self.progress.document_done(document.path, "converted", pages, str(package))
        document.pages.clear()


__all__ = ["BatchOptions", "clean_leftovers", "find_documents", "run_batch"]
