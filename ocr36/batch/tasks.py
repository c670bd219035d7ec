"""Page tasks: run by a runner (in this process, a local pool or a cluster), results packed small.

A task never raises: a page that cannot be read comes back as a `PageFailure` naming the file
and the page (with the error's remedy and exit code), so that one bad page fails its document
and nothing else.
"""

from __future__ import annotations

import io
import pickle
import tempfile
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from ocr36.batch.timeline import span
from ocr36.damaged import keeps_damaged_pages, page_kept_as_image
from ocr36.errors import ExitCode, Ocr36Error
from ocr36.ingest import DamagedPage, load_page, open_frame
from ocr36.model import PageResult, PageText
from ocr36.pages import Carried, PageTask, process_page, reread_page
from ocr36.pdfsource import is_pdf
from ocr36.preprocess import is_bilevel
from ocr36.profile import Profile
from ocr36.titleread import TitleRead


@dataclass(frozen=True)
class PackedPage:
    """A PageResult pickled and compressed: the page bitmap and crops are mostly white, and
    its words travel as plain values (PageText.rows), taken back as compact objects."""

    number: int
    data: bytes

    @staticmethod
    def of(result: PageResult) -> PackedPage:
        bare = replace(result, text=PageText(result.text.number, ()))
        travelling = (bare, result.text.number, result.text.rows())
        return PackedPage(result.number,
                          zlib.compress(pickle.dumps(travelling, pickle.HIGHEST_PROTOCOL), 1))

    def unpack(self) -> PageResult:
        bare, number, rows = pickle.loads(zlib.decompress(self.data))
        assert isinstance(bare, PageResult)
        return replace(bare, text=PageText.of_rows(number, rows))


@dataclass(frozen=True)
class PageFailure:
    number: int
    message: str
    remedy: str = Ocr36Error.remedy
    exit_code: int = ExitCode.INTERNAL
    """Those of the error that failed the page: an exception may not survive pickling."""

    @staticmethod
    def of(error: Exception, file: str, page: int) -> PageFailure:
        if isinstance(error, Ocr36Error):
            text = error.message
            message = text if f"page {page}" in text else f"page {page}: {text}"
            return PageFailure(page, message, error.remedy, int(error.exit_code))
        where = f"{file}: page {page}" if file else f"page {page}"
        return PageFailure(page, f"{where}: {type(error).__name__}: {error}")


@dataclass(frozen=True)
class RereadTask:
    """A page read again with other language packs (claims in German, French ...)."""

    page: PackedPage
    languages: tuple[str, ...]
    profile: Profile
    engine: str
    regions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """The text regions read again, each with its packs (none: the whole page)."""
    titles: tuple[TitleRead, ...] = ()
    """Titles in other languages read again, each with its packs (`ocr36.titleread`)."""


PageOutcome = PackedPage | PageFailure

PAGE_SPAN = "page"
REREAD_SPAN = "re-read"
"""A worker's spans of work in a batch's timeline."""


def read_page_task(task: PageTask) -> PageOutcome:
    """Preprocess, layout and OCR of one page."""
    with span(PAGE_SPAN):
        return _read_page(task, str(task.source.page_files[task.number - 1]))


def _read_page(task: PageTask, file: str, carried: Carried | None = None) -> PageOutcome:
    """read_page_task, naming the page's file `file` (with what its file held beside the
    page, `carried`); a damaged page is kept as an image when the profile says so."""
    try:
        return PackedPage.of(process_page(task, carried))
    except DamagedPage as error:
        return _damaged(task, error, file)
    except Exception as error:  # reported as the failure of the page
        return PageFailure.of(error, file, task.number)


def _damaged(task: PageTask, error: DamagedPage, file: str) -> PageOutcome:
    """The failure of a damaged page, or the page kept as an image when the profile says so."""
    if not keeps_damaged_pages(task):
        return PageFailure.of(error, file, task.number)
    try:
        return PackedPage.of(page_kept_as_image(task, error, file))
    except Exception as again:  # reported as the failure of the page
        return PageFailure.of(again, file, task.number)


def reread_page_task(task: RereadTask) -> PageOutcome:
    with span(REREAD_SPAN):
        return _reread_page(task)


def _reread_page(task: RereadTask) -> PageOutcome:
    try:
        page = task.page.unpack()
        return PackedPage.of(reread_page(page, task.languages, task.profile, task.engine,
                                          task.regions, task.titles))
    except Exception as error:  # reported as the failure of the page
        return PageFailure.of(error, "", task.page.number)


@dataclass(frozen=True)
class ShippedPageTask:
    """A page task that carries its page: for workers that cannot see the input files."""

    task: PageTask
    image: bytes
    """The page alone: a G4 TIFF for 1-bit pages, else a PNG; its resolution kept."""
    suffix: str
    carried: Carried | None = None
    """A PDF page's text layer, pictures and warnings."""


def _ship_pdf_page(task: PageTask) -> ShippedPageTask:
    """A PDF page as the gray page ingest reads, with its text layer, pictures and warnings."""
    page = load_page(task.source, task.number, task.profile.preprocess.dpi_fallback)
    image = Image.fromarray(page.image)
    buffer = io.BytesIO()
    if is_bilevel(page.image):  # a scanned page: as compact as its file holds it
        image.convert("1").save(buffer, format="TIFF", compression="group4",
                                dpi=(page.dpi, page.dpi))
        suffix = ".tif"
    else:
        image.save(buffer, format="PNG", dpi=(page.dpi, page.dpi))
        suffix = ".png"
    return ShippedPageTask(task, buffer.getvalue(), suffix, Carried.of(page))


def ship_page(task: PageTask) -> ShippedPageTask | PageOutcome:
    """Cut one page out of its file (done where the files are). A damaged page the profile
    keeps as an image is made so here, at once: it is not read, and its damage would not
    travel in a page encoded again."""
    file = str(task.source.page_files[task.number - 1])
    try:
        if is_pdf(Path(file)):
            return _ship_pdf_page(task)
        with open_frame(task.source, task.number) as image:
            extra = {"dpi": image.info["dpi"]} if "dpi" in image.info else {}
            buffer = io.BytesIO()
            if image.mode == "1":
                image.save(buffer, format="TIFF", compression="group4", **extra)
                suffix = ".tif"
            else:
                image.save(buffer, format="PNG", **extra)
                suffix = ".png"
    except DamagedPage as error:
        return _damaged(task, error, file)
    except Exception as error:  # reported as the failure of the page, as read_page_task does
        return PageFailure.of(error, file, task.number)
    return ShippedPageTask(task, buffer.getvalue(), suffix)


def read_shipped_page_task(shipped: ShippedPageTask) -> PageOutcome:
    """read_page_task on a page that came with the task, from a temporary file."""
    task = shipped.task
    original = str(task.source.page_files[task.number - 1])
    with span(PAGE_SPAN), tempfile.TemporaryDirectory(prefix="ocr36-page-") as folder:
        path = Path(folder) / f"page{shipped.suffix}"
        path.write_bytes(shipped.image)
        here = replace(task.source, page_files=(path,) * task.number,
                       frame_indexes=(0,) * task.number)
        outcome = _read_page(replace(task, source=here), original, shipped.carried)
    if isinstance(outcome, PageFailure):
        return replace(outcome, message=outcome.message.replace(str(path), original))
    return outcome
