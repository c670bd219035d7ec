"""How a run shows its progress: for a batch, bars on a terminal and one log line per document
otherwise; for `convert`, the page count of each document on a terminal and nothing otherwise."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Protocol, TextIO

from tqdm import tqdm


class Progress(Protocol):
    def begin(self, documents: int) -> None: ...

    def document_started(self, source: Path, pages: int) -> None: ...

    def pages_done(self, source: Path, count: int) -> None: ...

    def document_done(self, source: Path, outcome: str, pages: int, detail: str = "") -> None:
        """outcome: converted, skipped or failed; detail: the package or the reason."""
        ...

    def end(self) -> None: ...


class BarProgress:
    """Two tqdm bars: documents (with ETA) and pages (pages/s)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.documents: tqdm[Any] | None = None
        self.pages: tqdm[Any] | None = None
        self.failed = 0

    def begin(self, documents: int) -> None:
        self.documents = tqdm(total=documents, desc="documents", unit="doc", position=0,
                              file=self.stream, dynamic_ncols=True)
        self.pages = tqdm(total=0, desc="pages", unit="page", position=1, file=self.stream,
                          dynamic_ncols=True)

    def document_started(self, source: Path, pages: int) -> None:
        if self.pages is not None:
            self.pages.total = (self.pages.total or 0) + pages
            self.pages.refresh()

    def pages_done(self, source: Path, count: int) -> None:
        if self.pages is not None:
            self.pages.update(count)

    def document_done(self, source: Path, outcome: str, pages: int, detail: str = "") -> None:
        if self.documents is None:
            return
        if outcome == "failed":
            self.failed += 1
            self.documents.write(f"failed: {detail}", file=self.stream)
            self.documents.set_postfix(failed=self.failed)
        self.documents.update(1)

    def end(self) -> None:
        for bar in (self.pages, self.documents):
            if bar is not None:
                bar.close()


class LogProgress:
    """One plain line per finished document, for logs and pipes."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = 0
        self.finished = 0

    def begin(self, documents: int) -> None:
        self.total = documents
        print(f"batch: {documents} documents", file=self.stream, flush=True)

    def document_started(self, source: Path, pages: int) -> None:
        pass

    def pages_done(self, source: Path, count: int) -> None:
        pass

    def document_done(self, source: Path, outcome: str, pages: int, detail: str = "") -> None:
        self.finished += 1
        text = f"[{self.finished}/{self.total}] {source}: {outcome}"
        if pages:
            text += f" ({pages} pages)"
        if detail:
            text += f": {detail}"
        print(text, file=self.stream, flush=True)

    def end(self) -> None:
        pass


class PageProgress:
    """`NAME: page 3/8` of the document whose page was just read, rewritten in place."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.read: dict[Path, list[int]] = {}

    def begin(self, documents: int) -> None:
        pass

    def document_started(self, source: Path, pages: int) -> None:
        self.read[source] = [0, pages]

    def pages_done(self, source: Path, count: int) -> None:
        counts = self.read[source]
        counts[0] += count
        done, total = counts
        print(f"\r{source.name}: page {done}/{total}", end="\n" if done == total else "",
              file=self.stream, flush=True)

    def document_done(self, source: Path, outcome: str, pages: int, detail: str = "") -> None:
        self.read.pop(source, None)

    def end(self) -> None:
        pass


class NoProgress:
    def begin(self, documents: int) -> None:
        pass

    def document_started(self, source: Path, pages: int) -> None:
        pass

    def pages_done(self, source: Path, count: int) -> None:
        pass

    def document_done(self, source: Path, outcome: str, pages: int, detail: str = "") -> None:
        pass

    def end(self) -> None:
        pass


def progress_for(stream: TextIO | None = None) -> Progress:
    """A batch's progress."""
    stream = stream or sys.stderr
    return BarProgress(stream) if stream.isatty() else LogProgress(stream)


def page_progress_for(stream: TextIO | None = None) -> Progress:
    """`convert`'s progress: pages on a terminal, nothing in logs and pipes."""
    stream = stream or sys.stderr
    return PageProgress(stream) if stream.isatty() else NoProgress()
