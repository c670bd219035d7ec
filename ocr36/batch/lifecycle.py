"""Documents converted into one folder, each from open to commit: `ocr36 convert` and
`ocr36 batch` are this one path (page tasks, re-reads, failures, commits and progress); they
differ in the ledger they keep and in the runner they read the pages with."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import FrameType

from ocr36.batch.commit import Committer, Recorder
from ocr36.batch.document import DocumentJob
from ocr36.batch.ledger import Ledger, may_replace
from ocr36.batch.options import ConvertOptions
from ocr36.batch.outcome import Converted, Failed, Outcome, Skipped, unexpected
from ocr36.batch.progress import Progress
from ocr36.batch.scheduler import RunnerFactory, Scheduler
from ocr36.errors import Ocr36Error
from ocr36.ingest import open_source
from ocr36.journal import Decision, State
from ocr36.metadata import read_records, record_for, unmatched
from ocr36.pipeline import predicted_package_name

log = logging.getLogger(__name__)

Report = Callable[[Outcome], None]
"""Told how each document ended, as it ends."""


def source_key(path: Path) -> str:
    """What a ledger knows an input by (also an entry that cannot be resolved, such as a
    symbolic link loop: it is known by the path as far as it resolves)."""
    return os.path.realpath(path)


class Conversion:
    """Opens the documents of a run as the scheduler asks for them, and commits each."""

    def __init__(self, out_dir: Path, options: ConvertOptions, ledger: Ledger,
                 progress: Progress, report: Report, recorder: Recorder | None = None) -> None:
        self.out_dir = out_dir
        self.options = options
        self.ledger = ledger
        self.progress = progress
        self.report = report
        self.committer = Committer(out_dir, options, ledger, recorder)
        self.records = read_records(options.metadata) if options.metadata else []

    def run(self, paths: Sequence[Path], make_runner: RunnerFactory, in_order: bool) -> None:
        """Convert `paths`; Ctrl-C or SIGTERM stops it with nothing partial left."""
        for name in unmatched(self.records, list(paths)):
            log.warning("%s: the record for %s matches no input of this run; it is not used",
                        self.options.metadata, name)
        with terminate_as_interrupt():
            self.progress.begin(len(paths))
            try:
                Scheduler(self.jobs(paths), self.options, make_runner, self.progress,
                          self.finish, in_order).run()
            finally:
                self.progress.end()

    def jobs(self, paths: Sequence[Path]) -> Iterator[DocumentJob]:
        """The documents that need converting, opened one at a time; the others are told."""
        for path in paths:
            job = self._open(path)
            if job is not None:
                yield job

    def _open(self, path: Path) -> DocumentJob | None:
        key = source_key(path)
        profile = self.options.profile
        try:
            source = open_source(path, profile.ingest.suspect_pdf)
        except Ocr36Error as error:
            self._fail_unopened(path, key, error)
            return None
        except Exception as error:  # a fault no check foresaw fails this entry only
            self._fail_unopened(path, key, unexpected(path, error))
            return None
        decision = self.ledger.decide(key, source.sha256, profile.sha256,
                                      self.options.retry_failed)
        if decision is not Decision.CONVERT:
            entry = self.ledger.entry(key)
            self._told(Skipped(path, decision, entry.package if entry else "",
                               entry.error if entry else ""))
            return None
        try:
            record = record_for(self.records, self.options.metadata, path) \
                if self.options.metadata else {}
        except Ocr36Error as error:
            self._fail_unopened(path, key, error)
            return None
        name = predicted_package_name(profile, path, record)
        try:
            if name is not None:  # refused now, not once the pages are read
                may_replace(self.ledger, key, path, self.out_dir / name, self.options.overwrite)
        except Ocr36Error as error:
            self._fail_unopened(path, key, error)
            return None
        self.ledger.start(key, source.sha256, profile.sha256, source.page_count)
        return DocumentJob(path=path, key=key, source=source, record=record)

    def _fail_unopened(self, path: Path, key: str, error: Ocr36Error) -> None:
        """A document that cannot even be opened (corrupt, empty, not an image)."""
        entry = self.ledger.entry(key)
        if entry is not None and entry.state is State.FAILED \
                and entry.error == error.message and not self.options.retry_failed:
            self._told(Skipped(path, Decision.SKIP_FAILED, "", error.message))
            return
        self.ledger.start(key, "", self.options.profile.sha256, 0)
        self.ledger.failed(key, error.message)
        self._told(Failed(path, error, 0))

    def finish(self, job: DocumentJob) -> None:
        self._told(self.committer.commit(job))

    def _told(self, outcome: Outcome) -> None:
        if isinstance(outcome, Converted):
            self.progress.document_done(outcome.source, "converted",
                                        len(outcome.document.pages), str(outcome.package))
        elif isinstance(outcome, Failed):
            self.progress.document_done(outcome.source, "failed", outcome.pages,
                                        outcome.error.message)
        else:
            self.progress.document_done(outcome.source, "skipped", 0)
        self.report(outcome)


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM stops a run the way Ctrl-C does: cleanly, nothing partial left."""
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
