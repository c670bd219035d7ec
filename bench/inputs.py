"""The pages the accuracy benchmark reads: UNLV pages and pages rendered from corpus XML, with
their exact text, clean and with seeded scan defects."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from ocr36.errors import Ocr36Error
from ocr36_synth.render import render
from ocr36_synth.scan import degrade_preset
from ocr36_synth.source import load_patent

UNLV_DEFECTS = ("light", "gray", "punched")
PAGE_DEFECTS = ("light", "heavy", "gray", "punched", "lowres", "wrong-dpi")


@dataclass(frozen=True)
class TextPage:
    """One page image written to disk with the exact text printed on it."""

    group: str
    name: str
    path: Path
    truth: str
    defects: str


def save_page(image: Image.Image, stem: Path) -> Path:
    """Bilevel pages as G4 TIFF, gray ones as PNG, with the resolution the image says."""
    dpi = image.info.get("dpi", (300, 300))
    stem = stem.with_name(stem.name.replace(".", "_"))
    if image.mode == "1":
        path = stem.with_suffix(".tif")
        image.save(path, compression="group4", dpi=dpi)
    else:
        path = stem.with_suffix(".png")
        image.save(path, dpi=dpi)
    return path


def corpus_patents(corpus: Path, lang: str | None) -> list[Any]:
    """Parsed corpus documents with paragraphs and claims, USPTO and EPO taken in turn."""
    epo = sorted((corpus / "xml" / "epo").rglob("*.xml"))
    uspto = sorted((corpus / "xml" / "uspto").rglob("*.xml"))
    mixed: list[Path] = []
    for index in range(max(len(epo), len(uspto))):
        mixed += [group[index] for group in (uspto, epo) if index < len(group)]
    patents = []
    for path in mixed:
        try:
            patent = load_patent(path)
        except (Ocr36Error, ValueError):
            continue
        if patent.paragraphs and patent.claims and (lang is None or patent.lang == lang):
            patents.append(patent)
    return patents


def unlv_pages(corpus: Path, work: Path) -> list[TextPage]:
    pages: list[TextPage] = []
    for index, tif in enumerate(sorted((corpus / "unlv").glob("*.tif"))):
        truth = tif.with_suffix(".txt").read_text("utf-8", errors="replace")
        with Image.open(tif) as image:
            clean = image.convert("1")
            clean.info["dpi"] = (300, 300)
        pages.append(TextPage("UNLV clean", tif.stem, save_page(clean, work / f"unlv-{tif.stem}"),
                              truth, "none"))
        for number, preset in enumerate(UNLV_DEFECTS):
            scanned, _ = degrade_preset(clean, 100 * index + number, preset)
            path = save_page(scanned, work / f"unlv-{tif.stem}-{preset}")
            pages.append(TextPage("UNLV with scan defects", f"{tif.stem} {preset}", path, truth,
                                  preset))
    return pages


def _without_bands(image: Image.Image, page: dict[str, Any]) -> Image.Image:
    """The page with its running header and page number painted out: the page then holds
    exactly the text of its truth, for every tool alike."""
    clean = image.convert("L")
    draw = ImageDraw.Draw(clean)
    for band in page["bands"]:
        left, top, width, height = band["box"]
        draw.rectangle((left - 6, top - 6, left + width + 6, top + height + 6), fill=255)
    result = clean.convert("1")
    result.info["dpi"] = image.info.get("dpi", (300, 300))
    return result


def rendered_pages(corpus: Path, work: Path, count: int) -> list[TextPage]:
    """Single-column text pages of English corpus documents, each with a defect preset."""
    pages: list[TextPage] = []
    if count <= 0:
        return pages
    for patent in corpus_patents(corpus, "en"):
        document = render(patent, "plain", max_pages=4)
        for image, page in zip(document.pages, document.truth["pages"], strict=True):
            if page["kind"] not in ("description", "claims") or len(page["text"]) < 800:
                continue
            preset = PAGE_DEFECTS[len(pages) % len(PAGE_DEFECTS)]
            scanned, _ = degrade_preset(_without_bands(image, page), 1000 + len(pages), preset)
            name = f"{patent.name}-p{page['number']}"
            path = save_page(scanned, work / f"page-{name}-{preset}")
            pages.append(TextPage("rendered with scan defects", f"{name} {preset}", path,
                                  page["text"], preset))
            break  # one page a document: many documents rather than many pages of one
        if len(pages) >= count:
            break
    return pages
