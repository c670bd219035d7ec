"""What a batch did: converted, skipped, failed (with reasons), throughput, documents to review.

`Summary` gathers it while the batch runs; `BatchSummary` is what batch-summary.json holds
(its JSON Schema: ocr36/schemas/batch-summary.schema.json), read back by attributes."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ocr36 import records
from ocr36.costs import DocumentCost
from ocr36.journal import Decision, now
from ocr36.model import KEPT_AS_IMAGE_NOTE, Document

SUMMARY_NAME = "batch-summary.json"
REVIEW_CONFIDENCE = 75.0
"""Documents whose text pages' mean word confidence is below this are flagged for review."""
EXPECTED_SECTIONS = ("abstract", "description", "claims")


def review_reasons(document: Document) -> list[str]:
    """Why a converted document should be looked at by a person (empty when it need not)."""
    reasons: list[str] = []
    read = [page.mean_confidence for page in document.pages if page.mean_confidence > 0]
    if read:
        mean = sum(read) / len(read)
        if mean < REVIEW_CONFIDENCE:
            reasons.append(f"mean word confidence {mean:.1f} below {REVIEW_CONFIDENCE:.0f}")
    missing = [name for name in EXPECTED_SECTIONS if name not in document.bookmarks]
    if missing:
        reasons.append("no " + ", no ".join(missing))
    reasons.extend(w for w in document.warnings if w.endswith(KEPT_AS_IMAGE_NOTE))
    return reasons


OMIT = {"omit": True}
"""Field metadata: left out of the JSON when None."""


@dataclass(frozen=True)
class ConvertedDocument:
    source: str
    package: str
    pages: int
    seconds: float
    mean_confidence: float | None
    """Mean word confidence of the pages read (None: no words)."""
    sections: Mapping[str, int]
    """Section -> first page."""
    warnings: tuple[str, ...]
    cost: DocumentCost | None = field(default=None, metadata=OMIT)
    """CPU seconds of each page by stage (None: not measured)."""


@dataclass(frozen=True)
class SkippedDocument:
    source: str
    reason: str
    package: str | None = field(default=None, metadata=OMIT)
    error: str | None = field(default=None, metadata=OMIT)
    """Why it failed before (None: it was converted before)."""


@dataclass(frozen=True)
class FailedDocument:
    source: str
    error: str
    pages: int


@dataclass(frozen=True)
class EntryNotTaken:
    """An entry of the batch folder that is no document (.bmp, .gif, no extension ...)."""

    source: str
    reason: str


@dataclass(frozen=True)
class DocumentToReview:
    source: str
    package: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Counts:
    converted: int
    skipped: int
    failed: int
    review: int
    not_taken: int | None = field(default=None, metadata=OMIT)
    """Entries of the folder that are no document (None: all were)."""


@dataclass(frozen=True)
class BatchSummary:
    """batch-summary.json."""

    in_dir: str = field(metadata={"json": "in"})
    out_dir: str = field(metadata={"json": "out"})
    profile: str
    engine: str
    started: str
    finished: str
    seconds: float
    documents: int
    counts: Counts
    pages: int
    pages_per_second: float
    converted: tuple[ConvertedDocument, ...]
    skipped: tuple[SkippedDocument, ...]
    failed: tuple[FailedDocument, ...]
    review: tuple[DocumentToReview, ...]
    not_taken: tuple[EntryNotTaken, ...] | None = field(default=None, metadata=OMIT)
    """Entries of the folder that are no document, each with the reason (None: all were)."""

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> BatchSummary:
        return records.from_json(cls, data)


@dataclass
class Summary:
    in_dir: Path
    out_dir: Path
    profile: str
    engine: str
    documents: int
    started: str = field(default_factory=now)
    finished: str = ""
    converted_documents: list[ConvertedDocument] = field(default_factory=list)
    skipped_documents: list[SkippedDocument] = field(default_factory=list)
    failed_documents: list[FailedDocument] = field(default_factory=list)
    review: list[DocumentToReview] = field(default_factory=list)
    not_taken_entries: list[EntryNotTaken] = field(default_factory=list)
    pages_read: int = 0
    seconds: float = 0.0
    _clock: float = field(default_factory=time.monotonic)

    def converted(self, source: Path, package: Path, document: Document,
                  seconds: float, cost: DocumentCost | None = None) -> None:
        self.pages_read += len(document.pages)
        read = [page.mean_confidence for page in document.pages if page.mean_confidence > 0]
        self.converted_documents.append(ConvertedDocument(
            source=str(source), package=str(package), pages=len(document.pages),
            seconds=round(seconds, 1),
            mean_confidence=round(sum(read) / len(read), 1) if read else None,
            sections=dict(document.bookmarks), warnings=tuple(document.warnings), cost=cost))
        reasons = review_reasons(document)
        if reasons:
            self.review.append(DocumentToReview(str(source), str(package), tuple(reasons)))

    def skipped(self, source: Path, decision: Decision, package: str, error: str) -> None:
        done = decision is Decision.SKIP_DONE
        reason = "converted before" if done else "failed before (--retry-failed tries again)"
        self.skipped_documents.append(SkippedDocument(
            source=str(source), reason=reason,
            package=str(self.out_dir / package) if package else None,
            error=error if error and not done else None))

    def failed(self, source: Path, error: str, pages: int) -> None:
        self.failed_documents.append(FailedDocument(str(source), error, pages))

    def not_taken(self, source: Path, reason: str) -> None:
        self.not_taken_entries.append(EntryNotTaken(str(source), reason))

    def finish(self) -> None:
        self.seconds = time.monotonic() - self._clock
        self.finished = now()

    @property
    def failed_before(self) -> list[SkippedDocument]:
        """Skipped because they failed in an earlier run (and --retry-failed was not given)."""
        return [item for item in self.skipped_documents if item.error is not None]

    @property
    def pages_per_second(self) -> float:
        return self.pages_read / self.seconds if self.seconds > 0 else 0.0

    def record(self) -> BatchSummary:
        """What batch-summary.json holds."""
        return BatchSummary(
            in_dir=str(self.in_dir), out_dir=str(self.out_dir), profile=self.profile,
            engine=self.engine, started=self.started, finished=self.finished,
            seconds=round(self.seconds, 1), documents=self.documents,
            counts=Counts(converted=len(self.converted_documents),
                          skipped=len(self.skipped_documents),
                          failed=len(self.failed_documents), review=len(self.review),
                          not_taken=len(self.not_taken_entries) or None),
            pages=self.pages_read, pages_per_second=round(self.pages_per_second, 3),
            converted=tuple(self.converted_documents), skipped=tuple(self.skipped_documents),
            failed=tuple(self.failed_documents), review=tuple(self.review),
            not_taken=tuple(self.not_taken_entries) or None)

    def write(self, out_dir: Path) -> Path:
        """batch-summary.json, replaced whole (written aside, then renamed)."""
        path = out_dir / SUMMARY_NAME
        partial = out_dir / f".{SUMMARY_NAME}.partial"
        partial.write_text(records.dumps(self.record()), "utf-8")
        os.replace(partial, path)
        return path

    def lines(self) -> list[str]:
        """The summary for a person, one fact a line."""
        lines = [
            f"{len(self.converted_documents)} converted, {len(self.skipped_documents)} skipped "
            f"({len(self.skipped_documents) - len(self.failed_before)} done before, "
            f"{len(self.failed_before)} failed before), {len(self.failed_documents)} failed, "
            f"of {self.documents} documents; {self.pages_read} pages in {self.seconds:.1f} s "
            f"({self.pages_per_second:.2f} pages/s)",
        ]
        if self.not_taken_entries:
            lines.append(f"{len(self.not_taken_entries)} entries of the folder not taken:")
            lines.extend(f"not taken: {item.source}: {item.reason}"
                         for item in self.not_taken_entries)
        for item in self.failed_documents:
            lines.append(f"failed: {item.error}")
        for skipped in self.failed_before:
            lines.append(f"failed before: {skipped.error}")
        for document in self.review:
            lines.append(f"review: {document.package}: {'; '.join(document.reasons)}")
        lines.append(f"summary: {self.out_dir / SUMMARY_NAME}")
        return lines
