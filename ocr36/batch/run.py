"""The batch: every document of a folder, resumable, one package per document, exactly once.

The journal in the output folder is the batch's ledger: a rerun skips what is done, redoes
what changed and, when asked, what failed. Only this process writes packages and the journal.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ocr36.batch.claim import run_claim
from ocr36.batch.commit import Recorder
from ocr36.batch.forkserver import stop_server
from ocr36.batch.lifecycle import Conversion, source_key
from ocr36.batch.options import ConvertOptions
from ocr36.batch.outcome import Converted, Failed, Outcome
from ocr36.batch.outdir import prepare_out_dir
from ocr36.batch.progress import Progress
from ocr36.batch.runners import Runner, runner_for
from ocr36.batch.summary import Summary
from ocr36.batch.timeline import note_started, span
from ocr36.entries import NotTaken, entry_error, not_taken_reason
from ocr36.errors import FileAccess
from ocr36.ingest import DOCUMENT_SUFFIXES, natural_key
from ocr36.journal import Journal, State, batch_lock
from ocr36.manifest import Manifest
from ocr36.package import PARTIAL_MARK


@dataclass(frozen=True)
class Survey:
    """Every entry of a batch folder: a document to convert (also one that cannot be read:
    it fails with its reason), or an entry not taken, with the reason."""

    documents: tuple[Path, ...]
    not_taken: tuple[NotTaken, ...]


def survey(in_dir: Path) -> Survey:
    """The documents of a folder (each image file, each sub-folder of page images, and each
    entry that cannot be read, which fails alone), and the entries it does not take."""
    if not in_dir.is_dir():
        raise FileAccess(f"{in_dir}: no such folder")
    try:
        names = os.listdir(in_dir)
    except OSError as error:
        raise FileAccess(f"{in_dir}: the folder cannot be listed: {error.strerror}") from error
    documents: list[Path] = []
    not_taken: list[NotTaken] = []
    for name in names:
        path = in_dir / name
        if name.startswith("."):
            not_taken.append(NotTaken(path, "hidden (its name starts with a dot)"))
        elif entry_error(path) is None and path.is_file() \
                and path.suffix.lower() not in DOCUMENT_SUFFIXES:
            not_taken.append(NotTaken(path, not_taken_reason(path)))
        else:
            documents.append(path)
    return Survey(tuple(sorted(documents, key=natural_key)),
                  tuple(sorted(not_taken, key=lambda item: natural_key(item.path))))


def largest_first(documents: Sequence[Path]) -> list[Path]:
    """The documents in the order a batch reads them: the largest first (a file's size, or
    the sizes of a folder's page files added), so that the run ends on small documents and
    no core idles for long while the last one is finished; in their own order among equals
    and where a size cannot be told."""
    return sorted(documents, key=lambda path: -_size(path))


def _size(path: Path) -> int:
    try:
        if path.is_dir():
            return sum(entry.stat().st_size for entry in os.scandir(path) if entry.is_file())
        return path.stat().st_size
    except OSError:  # told when the document is opened
        return 0


def find_documents(in_dir: Path) -> list[Path]:
    """The documents of a folder: each image file, and each sub-folder of page images."""
    return list(survey(in_dir).documents)


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


def run_batch(in_dir: Path, out_dir: Path, options: ConvertOptions, progress: Progress,
              recorder: Recorder | None = None) -> Summary:
    """Convert every document of `in_dir` not already done into `out_dir`.

    The pages are read in worker processes (or on a cluster) even with one job: a worker
    that dies fails its document, not the batch."""
    note_started()
    with span("run"):
        return _run_batch(in_dir, out_dir, options, progress, recorder)


def _run_batch(in_dir: Path, out_dir: Path, options: ConvertOptions, progress: Progress,
               recorder: Recorder | None) -> Summary:
    found = survey(in_dir)
    documents = found.documents
    prepare_out_dir(out_dir)
    with batch_lock(out_dir), run_claim(out_dir, clean_leftovers, batch_lock_held=True):
        journal = Journal(out_dir)
        try:
            recover(journal, out_dir)
            summary = Summary(in_dir=in_dir, out_dir=out_dir, profile=options.profile.name,
                              engine=options.engine, documents=len(documents))
            for item in found.not_taken:
                summary.not_taken(item.path, item.reason)
            pool = EarlyPool(options, _work_likely(journal, documents, options))
            try:
                Conversion(out_dir, options, journal, progress, _summarise(summary),
                           recorder).run(largest_first(documents), pool.make_runner,
                                         in_order=False)
            finally:
                pool.close_unused()
            summary.finish()
            summary.write(out_dir)
            return summary
        finally:
            journal.close()


class EarlyPool:
    """The batch's runner, its first worker started before the first document is opened (it
    starts while this process opens the document) when some document is likely to need
    reading; else started as the first document that does is opened."""

    def __init__(self, options: ConvertOptions, start: bool) -> None:
        self.options = options
        self.early: Runner | None = runner_for(options, None, isolated=True) if start else None

    def make_runner(self, _pages: int) -> Runner:
        runner, self.early = self.early, None
        return runner if runner is not None else runner_for(self.options, None, isolated=True)

    def close_unused(self) -> None:
        """Workers started for documents that needed no reading after all, and the fork
        server the command started as it began (ocr36.poolstart) when no pool used it."""
        if self.early is not None:
            self.early.close(cancel=True)
            self.early = None
        stop_server()


def _work_likely(journal: Journal, documents: Sequence[Path], options: ConvertOptions) -> bool:
    """Whether a document is not known done (or failed, not to be tried again) with this
    profile: one the journal does not know, or knows unfinished. A document whose source
    changed since is found so only once it is opened."""
    for path in documents:
        entry = journal.entry(source_key(path))
        if entry is None or entry.profile_sha256 != options.profile.sha256:
            return True
        if entry.state in (State.RUNNING, State.WRITING) or (
                entry.state is State.FAILED and options.retry_failed):
            return True
    return False


def _summarise(summary: Summary) -> Callable[[Outcome], None]:
    def report(outcome: Outcome) -> None:
        if isinstance(outcome, Converted):
            summary.converted(outcome.source, outcome.package, outcome.document,
                              outcome.seconds, outcome.cost)
        elif isinstance(outcome, Failed):
            summary.failed(outcome.source, outcome.error.message, outcome.pages)
        else:
            summary.skipped(outcome.source, outcome.decision, outcome.package, outcome.error)

    return report


__all__ = ["Survey", "clean_leftovers", "find_documents", "run_batch", "survey"]
