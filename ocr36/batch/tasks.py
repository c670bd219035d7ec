"""Page tasks of a batch: run in a worker process (local or on a cluster), results packed small.

A task never raises: a page that cannot be read comes back as a `PageFailure` naming the file
and the page, so that one bad page fails its document and nothing else.
"""

from __future__ import annotations

import os
import pickle
import zlib
from dataclasses import dataclass

from ocr36.errors import Ocr36Error
from ocr36.model import PageResult
from ocr36.pages import PageTask, process_page, reread_page
from ocr36.profile import Profile

os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@dataclass(frozen=True)
class PackedPage:
    """A PageResult pickled and compressed: the page bitmap and crops are mostly white."""

    number: int
    data: bytes

    @staticmethod
    def of(result: PageResult) -> PackedPage:
        return PackedPage(result.number,
                          zlib.compress(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), 1))

    def unpack(self) -> PageResult:
        result = pickle.loads(zlib.decompress(self.data))
        assert isinstance(result, PageResult)
        return result


@dataclass(frozen=True)
class PageFailure:
    number: int
    message: str


@dataclass(frozen=True)
class RereadTask:
    """A page read again with other language packs (claims in German, French ...)."""

    page: PackedPage
    languages: tuple[str, ...]
    profile: Profile
    engine: str


PageOutcome = PackedPage | PageFailure


def read_page_task(task: PageTask) -> PageOutcome:
    """Preprocess, layout and OCR of one page."""
    try:
        return PackedPage.of(process_page(task))
    except Exception as error:  # reported as the failure of the page
        return PageFailure(task.number, _message(error, str(task.source.page_files[
            task.number - 1]), task.number))


def reread_page_task(task: RereadTask) -> PageOutcome:
    try:
        page = task.page.unpack()
        return PackedPage.of(reread_page((page, task.languages, task.profile, task.engine)))
    except Exception as error:  # reported as the failure of the page
        return PageFailure(task.page.number, _message(error, "", task.page.number))


def _message(error: Exception, file: str, page: int) -> str:
    if isinstance(error, Ocr36Error):
        text = error.message
        return text if f"page {page}" in text else f"page {page}: {text}"
    where = f"{file}: page {page}" if file else f"page {page}"
    return f"{where}: {type(error).__name__}: {error}"
