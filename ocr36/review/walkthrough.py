"""The trainer's walkthrough: the bundled samples converted, and one page through every stage.

`ocr36 demo --out DIR` converts the samples as `make demo` does (with their review pages),
then writes `DIR/walkthrough/index.html`: one page as scanned, preprocessed (with the skew
found), its layout regions, the words OCR read with their confidences, the structure read
from them, and the ST.36 XML that came of it, each with a short caption.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ocr36.batch.convert import convert
from ocr36.batch.options import ConvertOptions
from ocr36.errors import FileAccess
from ocr36.ingest import load_page, open_source
from ocr36.paths import samples_dir
from ocr36.profile import load_profile
from ocr36.review.assets import CSS, SCRIPT
from ocr36.review.page import block_label, esc, low_words, merged_boxes
from ocr36.review.record import review_recorder
from ocr36.review.trace import page_png, read_trace, review_folder
from ocr36.review.tracedata import Trace, TraceBlock, TracePage

WALKTHROUGH_FOLDER = "walkthrough"


@dataclass(frozen=True)
class Sample:
    file: str
    out: str
    """Sub-folder of --out the package goes to ('' = --out itself)."""


SAMPLES = (
    Sample("US20050004437A1.tif", ""),
    Sample("US08930553B2-two-column.tif", ""),
    Sample("US20050004437A1-scan.tif", "scanned"),
)
"""The bundled samples; the scanned one is the same publication, so it has its own folder."""

SHOWN_SAMPLE = "US20050004437A1-scan.tif"
SHOWN_PAGE = 2
"""A description page of the scan: skewed, with running header, line numbers and numbers."""


def _confidence_colour(confidence: float) -> str:
    hue = max(0.0, min(confidence, 100.0)) * 1.2  # 0 red .. 120 green
    return f"hsl({hue:.0f}, 80%, 45%)"


def _overlay(page: TracePage, body: str) -> str:
    return (f'<figure class="sheet" style="aspect-ratio: {page.width} / {page.height}; '
            f'flex-basis: 60%"><img src="clean.png" alt="page {page.number}">'
            f'<svg viewBox="0 0 {page.width} {page.height}" preserveAspectRatio="none" '
            f'xmlns="http://www.w3.org/2000/svg">{body}</svg></figure>')


def _box(box: Sequence[int], classes: str, info: str, extra: str = "") -> str:
    left, top, width, height = box
    return (f'<rect class="ov {classes}" x="{left}" y="{top}" width="{width}" height="{height}" '
            f'data-info="{esc(info)}"{extra}><title>{esc(info)}</title></rect>')


def layout_svg(page: TracePage) -> str:
    parts: list[str] = []
    for region in page.regions:
        if region.kind == "band":
            parts.append(_box(region.box, "band", f"dropped: {region.reason}"))
            continue
        kind = "image" if region.kind == "image" else "paragraph"
        info = (f"region {region.order}: {region.kind}, column {region.column + 1}"
                if region.column is not None else f"region {region.order}")
        parts.append(_box(region.box, kind, info))
        left, top = region.box[0], region.box[1]
        parts.append(f'<text class="order" x="{left + 4}" y="{top + 58}">{region.order}'
                     '</text>')
    return "".join(parts)


def words_svg(page: TracePage) -> str:
    parts: list[str] = []
    for text, left, top, width, height, confidence in page.words:
        colour = _confidence_colour(confidence)
        parts.append(_box([left, top, width, height], "word", f"{text} ({confidence:.0f})",
                          f' style="stroke: {colour}; fill: {colour}"'))
    return "".join(parts)


def structure_svg(page: TracePage, blocks: Sequence[TraceBlock]) -> str:
    parts: list[str] = []
    for block in blocks:
        info = f"{block_label(block)}: {block.text[:120]}"
        for box in merged_boxes(b for b in block.boxes if b[0] == page.number):
            parts.append(_box(box[1:], block.kind, info, f' data-block="{block.id}"'))
        if block.num_box and block.num_box[0] == page.number:
            parts.append(_box(block.num_box[1:], "pnum", f"number of {block_label(block)}",
                              f' data-block="{block.id}"'))
    return "".join(parts)


def xml_fragment(package: Path, blocks: Sequence[TraceBlock]) -> str:
    """The ST.36 elements written for the blocks: headings, paragraphs and claims."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.parse(str(package / "DOC00001.xml"), parser).getroot()
    pieces: list[str] = []
    for block in blocks:
        found: list[etree._Element] = []
        if block.kind == "paragraph":
            found = root.findall(f"description//p[@num='{block.num}']")
        elif block.kind == "heading":
            found = [h for h in root.iter("heading")
                     if "".join(str(t) for t in h.itertext()).strip() == block.text.strip()][:1]
        elif block.kind == "claim":
            lang = block.section.split(":", 1)[1]
            found = root.findall(f"claims[@lang='{lang}']/claim[@num='{int(block.num):04d}']")
        for element in found:
            copy = etree.fromstring(etree.tostring(element))
            copy.tail = None
            pieces.append(etree.tostring(copy, encoding="unicode", pretty_print=True))
    return "".join(pieces) or "(nothing from this page)"


def _stage(number: int, title: str, caption: str, body: str) -> str:
    return (f'<section class="stage" id="stage-{number}"><h2>{number}. {esc(title)}</h2>'
            f'<p class="caption">{caption}</p>{body}</section>')


def render_walkthrough(trace: Trace, page_number: int, package: Path,
                       original_size: tuple[int, int], source_dpi: int, here: Path) -> str:
    """The walkthrough page as HTML text; `here` is the folder it is written to."""
    page = next(p for p in trace.pages if p.number == page_number)
    blocks = [b for b in trace.blocks if any(box[0] == page_number for box in b.boxes)]
    stages = [
        _stage(1, "The page as scanned",
               f"Page {page_number} of <code>{esc(trace.source)}</code>: "
               f"{original_size[0]} × {original_size[1]} pixels at {source_dpi} dpi, gray, "
               "slightly turned, with specks and a dark border, as a scanner delivers it.",
               '<img class="shot" src="original.png" alt="the page as scanned">'),
        _stage(2, "Preprocessed",
               f"Brought to 300 dpi, made black and white (the profile's "
               "<code>preprocess.binarize</code>), specks and borders removed; "
               f"turned {page.rotation}° to stand upright and straightened by "
               f"<b>{page.skew:+.2f}°</b> (the skew found from the text lines). Every "
               "later stage works on this clean page.",
               '<img class="shot" src="clean.png" alt="the page preprocessed">'),
        _layout_stage(page),
        _ocr_stage(page, trace.low_confidence),
        _structure_stage(page, blocks),
        _xml_stage(package, blocks, here),
    ]
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<title>ocr36 walkthrough</title><style>{CSS}</style></head><body>'
        '<header><h1>ocr36: one page through every stage</h1>'
        f'<span class="meta">{esc(trace.package)}, page {page_number}, profile '
        f'{esc(trace.profile)}</span></header><main>' + "".join(stages) +
        f"</main><script>{SCRIPT}</script></body></html>"
    )


def _layout_stage(page: TracePage) -> str:
    """The regions in reading order, and the bands dropped as layout noise."""
    bands: dict[str, int] = {}
    for region in page.regions:
        if region.kind == "band":
            band = region.band or ""
            bands[band] = bands.get(band, 0) + 1
    regions = [r for r in page.regions if r.kind != "band"]
    return _stage(3, "Layout",
                  f"{len(regions)} regions in reading order (numbered), "
                  f"{page.columns} column(s). Dropped as layout noise, in red: "
                  + (", ".join(f"{count} {esc(name)}" for name, count in sorted(bands.items()))
                     or "nothing")
                  + ". Click a red box to see why it was dropped and which profile key decided.",
                  '<p class="info">Click a box.</p><div class="page-row">'
                  f'<div id="layout">{_overlay(page, layout_svg(page))}</div></div>')


def _ocr_stage(page: TracePage, low_confidence: float) -> str:
    """The words read, coloured by their confidence."""
    words = page.words
    low = len(low_words(page, low_confidence))
    word_list = " ".join(
        f'<span style="background: {_confidence_colour(w[5])}; color: #fff" '
        f'title="confidence {w[5]:.0f}">{esc(w[0])}</span>' for w in words[:160])
    return _stage(4, "OCR: words and confidences",
                  f"Tesseract read {len(words)} words, mean confidence "
                  f"{page.mean_confidence:.1f}; {low} below {low_confidence:g} "
                  "(red). Colours run from red (doubtful) to green (sure).",
                  '<p class="info">Click a word.</p><div class="page-row">'
                  f'<div id="words">{_overlay(page, words_svg(page))}</div>'
                  f'<div class="content words">{word_list}</div></div>')


def _structure_stage(page: TracePage, blocks: Sequence[TraceBlock]) -> str:
    """The paragraphs, headings and claims of the page, beside their boxes."""
    entries = "".join(
        f'<div class="entry {esc(b.kind)}" data-block="{esc(b.id)}">'
        f'<span class="tag">{esc(block_label(b))}</span>{esc(b.text[:300])}</div>'
        for b in blocks)
    return _stage(5, "Structure",
                  f"Lines joined into {sum(1 for b in blocks if b.kind == 'paragraph')} "
                  f"paragraphs and {sum(1 for b in blocks if b.kind == 'heading')} headings "
                  "(and claims on claim pages); printed numbers such as [0001] become the "
                  "paragraph's number, not its text. Click a paragraph to see its box.",
                  '<p class="info">Click a box or a paragraph.</p><div class="page-row">'
                  f'<div id="structure">{_overlay(page, structure_svg(page, blocks))}</div>'
                  f'<div class="content">{entries}</div></div>')


def _xml_stage(package: Path, blocks: Sequence[TraceBlock], here: Path) -> str:
    """The ST.36 elements written for the page, with links to the whole document."""
    xml_link = _link(package / "DOC00001.xml", here)
    review_link = _link(review_folder(package) / "index.html", here)
    return _stage(6, "ST.36 XML",
                  f"What the package <code>{esc(package.name)}/DOC00001.xml</code> holds for "
                  "this page: headings, <code>p</code> with <code>num</code>, claims. The whole "
                  f'document is in <a href="{esc(xml_link)}">DOC00001.xml</a>; every page of '
                  f'it in the <a href="{esc(review_link)}">review</a>.',
                  f'<pre class="xml">{html.escape(xml_fragment(package, blocks))}</pre>')


def _link(path: Path, here: Path) -> str:
    """A relative link from folder `here` to `path`."""
    return Path(os.path.relpath(path.resolve(), here.resolve())).as_posix()


def write_walkthrough(out: Path, package: Path, page_number: int = SHOWN_PAGE) -> Path:
    """Write `out/walkthrough/index.html` for one page of a package that has a review."""
    folder = review_folder(package)
    trace = read_trace(folder)
    source = Path(trace.source)
    original = load_page(open_source(source), page_number, 300)
    target = out / WALKTHROUGH_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    page_png(original.image, target / "original.png")
    clean = next(p for p in trace.pages if p.number == page_number)
    (target / "clean.png").write_bytes((folder / clean.image).read_bytes())
    height, width = original.image.shape
    text = render_walkthrough(trace, page_number, package, (width, height), original.dpi,
                              target)
    index = target / "index.html"
    index.write_text(text, encoding="utf-8")
    return index


def run_demo(out: Path, say: Callable[[str], None], jobs: int) -> Path:
    """Convert the bundled samples (with reviews) and write the walkthrough."""
    profile = load_profile("default")
    options = ConvertOptions(profile, jobs=jobs, overwrite=True, review=True)
    shown: Path | None = None
    for sample in SAMPLES:
        source = samples_dir() / sample.file
        if not source.is_file():
            raise FileAccess(f"{source}: bundled sample missing")
        result = convert(source, out / sample.out if sample.out else out, options,
                         review_recorder(profile))
        document = result.document
        claims = ", ".join(f"{len(c.claims)} {c.lang}" for c in document.claims)
        paragraphs = sum(1 for b in document.description if hasattr(b, "num"))
        say(f"{source.relative_to(samples_dir().parent)}: {result.package}  "
            f"({len(document.pages)} pages, {paragraphs} paragraphs, claims {claims})")
        say(f"  review: {review_folder(result.package) / 'index.html'}")
        if sample.file == SHOWN_SAMPLE:
            shown = result.package
    assert shown is not None
    return write_walkthrough(out, shown)
