"""The pages the throughput benchmark reads: EP1599469B1 (79 real pages) and corpus documents
rendered in the ep layout, as folders of documents per profile, and the same pages as single
page files and PDFs for the other tools."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageSequence

from ocr36.errors import Ocr36Error
from ocr36.paths import samples_dir, shared_corpus
from ocr36_synth.layouts import fits, render
from ocr36_synth.scan import degrade_preset
from ocr36_synth.source import load_patent

EP_PAGES = 79


@dataclass(frozen=True)
class Batch:
    """Documents for one profile: ocr36 batch reads one folder per profile."""

    folder: Path
    profile: str
    pages: int

    @property
    def name(self) -> str:
        """The layout (and defects) of its documents: what its costs are told by."""
        return self.folder.name.removeprefix("in-")


def _rendered(count: int, folder: Path, layout: str = "ep", defects: str = "") -> int:
    """Corpus documents rendered in `layout` (6 pages at most each), scanned with a preset's
    `defects` if named; pages written."""
    corpus = shared_corpus()
    assert corpus is not None
    written = 0
    for source in sorted((corpus / "xml").rglob("*.xml")):
        if written >= count:
            break
        try:
            patent = load_patent(source)
            if fits(patent, layout) is not None or patent.lang != "en":
                continue
            document = render(patent, layout, max_pages=6)
        except (Ocr36Error, ValueError, OSError):  # a format load_patent does not read
            continue
        pages = list(document.pages)
        if defects:
            pages = [degrade_preset(page, written + index, defects)[0]
                     for index, page in enumerate(pages)]
        bilevel = all(page.mode == "1" for page in pages)
        pages[0].save(folder / f"{patent.name}.tif", save_all=True, append_images=pages[1:],
                      compression="group4" if bilevel else "tiff_lzw", dpi=(300, 300))
        written += len(pages)
    return written


def _sample_copies(count: int, folder: Path) -> int:
    """Without the corpus: copies of the bundled samples."""
    written, copy = 0, 0
    while written < count:
        for sample in sorted(samples_dir().glob("*.tif")):
            copy += 1
            target = folder / f"{copy:03d}-{sample.name}"
            shutil.copy(sample, target)
            with Image.open(target) as image:
                written += image.n_frames
    return written


def _named_by_source(profile: str, work: Path) -> str:
    """A profile like `profile` whose packages are named after their files: copies of one
    publication would otherwise all be the same package."""
    path = work / f"{profile}-copies.toml"
    path.write_text(f'extends = "{profile}"\n\n[output]\npackage_name = "{{source}}"\n')
    return str(path)


def prepare(pages: int, work: Path, layouts: Sequence[str] = (),
            defects: str = "") -> list[Batch]:
    """EP1599469B1 (when `pages` leave room for it) and rendered corpus documents: in the ep
    layout in one batch, or with `layouts` one batch per layout, the pages shared out."""
    batches: list[Batch] = []
    corpus = shared_corpus()
    remaining = pages
    if corpus is not None and pages >= EP_PAGES + 40:
        ep = work / "in-EP1599469B1"
        ep.mkdir()
        shutil.copy(corpus / "EP1599469B1" / "pages.tif", ep / "EP1599469B1.tif")
        batches.append(Batch(ep, "ep", EP_PAGES))
        remaining -= EP_PAGES
    if corpus is not None and layouts:
        for index, layout in enumerate(layouts):
            folder = work / f"in-{layout}{'-' + defects if defects else ''}"
            folder.mkdir()
            share = remaining // (len(layouts) - index)
            batches.append(Batch(folder, "default", _rendered(share, folder, layout, defects)))
            remaining -= batches[-1].pages
        return batches
    rendered = work / "in-default"
    rendered.mkdir()
    if corpus is not None:
        batches.append(Batch(rendered, "default", _rendered(remaining, rendered)))
    else:
        batches.append(Batch(rendered, _named_by_source("default", work),
                             _sample_copies(remaining, rendered)))
    return batches


def prepare_long(pages: int, work: Path) -> list[Batch]:
    """At least `pages` pages for one long batch: the rendered documents, then as many copies
    of EP1599469B1 as it takes (without the corpus, copies of the bundled samples)."""
    corpus = shared_corpus()
    if corpus is None:
        return prepare(pages, work)
    rendered = work / "in-default"
    rendered.mkdir()
    batches = [Batch(rendered, "default", _rendered(pages, rendered))]
    copies = max(0, -(-(pages - batches[0].pages) // EP_PAGES))
    if copies:
        ep = work / "in-ep"
        ep.mkdir()
        for copy in range(1, copies + 1):
            shutil.copy(corpus / "EP1599469B1" / "pages.tif", ep / f"EP1599469B1-{copy:02d}.tif")
        batches.insert(0, Batch(ep, _named_by_source("ep", work), copies * EP_PAGES))
    return batches


def single_pages(batches: list[Batch], work: Path) -> Path:
    """Every page as a TIFF of its own, for the tesseract program: a folder per batch."""
    folder = work / "pages"
    for batch in batches:
        (folder / batch.name).mkdir(parents=True)
        for document in sorted(batch.folder.iterdir()):
            with Image.open(document) as image:
                for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
                    frame.save(folder / batch.name / f"{document.stem}-{number:03d}.tif",
                               compression="group4" if frame.mode == "1" else "tiff_lzw",
                               dpi=(300, 300))
    return folder


def pdfs(batches: list[Batch], work: Path) -> Path:
    """Every document as an image-only PDF, for OCRmyPDF (which reads one image or a PDF)."""
    import img2pdf

    folder = work / "pdf"
    for batch in batches:
        (folder / batch.name).mkdir(parents=True)
        for document in sorted(batch.folder.iterdir()):
            (folder / batch.name / f"{document.stem}.pdf").write_bytes(
                img2pdf.convert(str(document)))
    return folder
