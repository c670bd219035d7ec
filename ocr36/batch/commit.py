"""The end of a document's lifecycle: structure, package and the ledger's note, done or
failed, never half; then what the converter saw, recorded beside the package if asked."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ocr36.batch.document import DocumentJob
from ocr36.batch.heap import return_freed_pages
from ocr36.batch.ledger import Ledger, may_replace
from ocr36.batch.options import ConvertOptions
from ocr36.batch.outcome import Converted, Failed, Outcome, unexpected
from ocr36.batch.timeline import span
from ocr36.costs import cpu_seconds, document_cost, page_measures
from ocr36.errors import FileAccess, Ocr36Error
from ocr36.ingest import changed_file
from ocr36.model import Document, PageResult
from ocr36.package import write_package
from ocr36.pipeline import assemble, versions

log = logging.getLogger(__name__)

Recorder = Callable[[Path, Sequence[PageResult], Document, Path], None]
"""Given the input, its pages, the document built and the package folder once it is written
(the review pages record what the converter saw)."""


class Committer:
    """Commits the documents of one run into `out_dir`, one at a time, in this process."""

    def __init__(self, out_dir: Path, options: ConvertOptions, ledger: Ledger,
                 recorder: Recorder | None = None) -> None:
        self.out_dir = out_dir
        self.options = options
        self.ledger = ledger
        self.recorder = recorder
        self._versions: dict[str, str] | None = None
        return_freed_pages()

    def commit(self, job: DocumentJob) -> Outcome:
        failure = job.error()
        changed = changed_file(job.source) if failure is None else None
        if changed is not None:
            failure = FileAccess(f"{changed}: changed or removed while the document was being "
                                 "read; nothing was written",
                                 remedy="Run again once the file is complete: it is then "
                                        "converted from what it holds.")
        if failure is not None:
            return self.failed(job, failure)
        if self._versions is None:  # asked once per run, not once per document
            self._versions = versions(self.options.profile, self.options.engine)
        pages = job.unpacked()  # text and layout; each page's images stay packed until the
        job.release()           # writer unpacks them one at a time
        kept: Sequence[PageResult] = pages if self.recorder is not None else ()
        measures = page_measures(pages)
        try:
            started = cpu_seconds()
            with span("structure"):
                built, info, name = assemble(pages, self.options.profile, job.source,
                                             job.path, job.record, self._versions)
            del pages  # the document holds what it needs of them; a batch holds no more
            structured = cpu_seconds()
            overwrite = may_replace(self.ledger, job.key, job.path, self.out_dir / name,
                                    self.options.overwrite)
            self.ledger.writing(job.key, name)
            with span("package"):
                package = write_package(built, info, self.out_dir, name, overwrite=overwrite)
            cost = document_cost(measures, built.pages, structured - started,
                                 cpu_seconds() - structured)
        except Ocr36Error as error:
            return self.failed(job, error)
        except Exception as error:  # a fault in the structure stage fails this document only
            return self.failed(job, unexpected(job.path, error))
        self.ledger.done(job.key, name)
        if self.recorder is not None:
            self._record(job.path, kept, built, package)
        return Converted(job.path, package, built, time.monotonic() - job.started, cost)

    def failed(self, job: DocumentJob, error: Ocr36Error) -> Failed:
        job.release()
        self.ledger.failed(job.key, error.message)
        return Failed(job.path, error, job.page_count)

    def _record(self, source: Path, pages: Sequence[PageResult], built: Document,
                package: Path) -> None:
        """The package stands whether its record is written or not."""
        assert self.recorder is not None
        try:
            self.recorder(source, pages, built, package)
        except Exception as error:  # the package is done: a record that fails is only told
            log.warning("%s: the review page was not written: %s", source, error)
