"""What a batch did: converted, skipped, failed (with reasons), throughput, documents to review."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ocr36.journal import Decision, now
from ocr36.model import Document

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
    return reasons


@dataclass
class Summary:
    in_dir: Path
    out_dir: Path
    profile: str
    engine: str
    documents: int
    started: str = field(default_factory=now)
    finished: str = ""
    converted_documents: list[dict[str, Any]] = field(default_factory=list)
    skipped_documents: list[dict[str, Any]] = field(default_factory=list)
    failed_documents: list[dict[str, Any]] = field(default_factory=list)
    review: list[dict[str, Any]] = field(default_factory=list)
    pages_read: int = 0
    seconds: float = 0.0
    _clock: float = field(default_factory=time.monotonic)

    def converted(self, source: Path, package: Path, document: Document,
                  seconds: float) -> None:
        self.pages_read += len(document.pages)
        read = [page.mean_confidence for page in document.pages if page.mean_confidence > 0]
        self.converted_documents.append({
            "source": str(source), "package": str(package), "pages": len(document.pages),
            "seconds": round(seconds, 1),
            "mean_confidence": round(sum(read) / len(read), 1) if read else None,
            "sections": dict(document.bookmarks), "warnings": list(document.warnings)})
        reasons = review_reasons(document)
        if reasons:
            self.review.append({"source": str(source), "package": str(package),
                                "reasons": reasons})

    def skipped(self, source: Path, decision: Decision, package: str, error: str) -> None:
        reason = "converted before" if decision is Decision.SKIP_DONE \
            else "failed before (--retry-failed tries again)"
        if decision is Decision.SKIP_DONE:
            error = ""
        item: dict[str, Any] = {"source": str(source), "reason": reason}
        if package:
            item["package"] = str(self.out_dir / package)
        if error:
            item["error"] = error
        self.skipped_documents.append(item)

    def failed(self, source: Path, error: str, pages: int) -> None:
        self.failed_documents.append({"source": str(source), "error": error, "pages": pages})

    def finish(self) -> None:
        self.seconds = time.monotonic() - self._clock
        self.finished = now()

    @property
    def failed_before(self) -> list[dict[str, Any]]:
        """Skipped because they failed in an earlier run (and --retry-failed was not given)."""
        return [item for item in self.skipped_documents if "error" in item]

    @property
    def pages_per_second(self) -> float:
        return self.pages_read / self.seconds if self.seconds > 0 else 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "in": str(self.in_dir),
            "out": str(self.out_dir),
            "profile": self.profile,
            "engine": self.engine,
            "started": self.started,
            "finished": self.finished,
            "seconds": round(self.seconds, 1),
            "documents": self.documents,
            "counts": {"converted": len(self.converted_documents),
                       "skipped": len(self.skipped_documents),
                       "failed": len(self.failed_documents),
                       "review": len(self.review)},
            "pages": self.pages_read,
            "pages_per_second": round(self.pages_per_second, 3),
            "converted": self.converted_documents,
            "skipped": self.skipped_documents,
            "failed": self.failed_documents,
            "review": self.review,
        }

    def write(self, out_dir: Path) -> Path:
        """batch-summary.json, replaced whole (written aside, then renamed)."""
        path = out_dir / SUMMARY_NAME
        partial = out_dir / f".{SUMMARY_NAME}.partial"
        partial.write_text(json.dumps(self.as_json(), indent=2, ensure_ascii=False) + "\n",
                           "utf-8")
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
        for item in self.failed_documents:
            lines.append(f"failed: {item['error']}")
        for item in self.failed_before:
            lines.append(f"failed before: {item['error']}")
        for item in self.review:
            lines.append(f"review: {item['package']}: {'; '.join(item['reasons'])}")
        lines.append(f"summary: {self.out_dir / SUMMARY_NAME}")
        return lines
