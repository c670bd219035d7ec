"""The review of one document: every page with what the converter decided on it.

One self-contained HTML file (`index.html`) beside the page PNGs of the trace: inline style
and script, no network. Each page shows its image with the boxes the converter found, and
beside it the ST.36 text read from that page; a paragraph and its box point at each other.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from pathlib import Path

from ocr36.corrections.record import Correction
from ocr36.review.assets import CSS, SCRIPT
from ocr36.review.trace import read_trace
from ocr36.review.tracedata import Trace, TraceBlock, TracePage, WordEntry

REVIEW_NAME = "index.html"

LAYERS = (
    ("text", "text blocks", "paragraph"),
    ("numbers", "paragraph and claim numbers", "pnum"),
    ("bands", "dropped bands", "band"),
    ("images", "images", "image"),
    ("order", "reading order", "other"),
    ("low", "low-confidence words", "low"),
)



def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def merged_boxes(boxes: Iterable[Sequence[int]]) -> list[list[int]]:
    """Consecutive line boxes of a block joined into one box per run of lines on one page."""
    runs: list[list[int]] = []
    for page, left, top, width, height in boxes:
        if runs:
            last = runs[-1]
            overlap = min(last[1] + last[3], left + width) - max(last[1], left)
            gap = top - (last[2] + last[4])
            if last[0] == page and overlap > min(width, last[3]) * 0.3 and \
                    -height < gap < max(height, 20) * 1.6:
                right = max(last[1] + last[3], left + width)
                bottom = max(last[2] + last[4], top + height)
                last[1], last[2] = min(last[1], left), min(last[2], top)
                last[3], last[4] = right - last[1], bottom - last[2]
                continue
        runs.append([page, left, top, width, height])
    return runs


def _rect(box: Sequence[int], classes: str, info: str, block: str = "") -> str:
    left, top, width, height = box
    data = f' data-block="{esc(block)}"' if block else ""
    return (f'<rect class="ov {classes}" x="{left}" y="{top}" width="{width}" '
            f'height="{height}" data-info="{esc(info)}"{data}><title>{esc(info)}</title></rect>')


def block_label(block: TraceBlock) -> str:
    kind, num, section = block.kind, block.num, block.section
    if kind == "paragraph":
        return f"[{num}]"
    if kind == "claim":
        return f"claim {num} ({section.split(':', 1)[1]})"
    if kind == "abstract":
        return "abstract"
    return "heading"


def block_title(block: TraceBlock) -> str:
    """'paragraph [0012]', 'claim 3 (de)', 'heading', 'abstract'."""
    label = block_label(block)
    return f"paragraph {label}" if block.kind == "paragraph" else label


def low_words(page: TracePage, threshold: float) -> list[WordEntry]:
    return [w for w in page.words if 0 <= w[5] < threshold and str(w[0]).strip()]


def worth_a_look(trace: Trace, count: int = 5) -> list[tuple[int, str]]:
    """The pages most worth a human look: low confidence, many doubtful words, warnings."""
    threshold = trace.low_confidence
    scored: list[tuple[float, int, str]] = []
    for page in trace.pages:
        if not page.words:
            continue
        low = len(low_words(page, threshold))
        share = low / len(page.words)
        score = (100 - page.mean_confidence) + 100 * share + 15 * len(page.warnings)
        reasons = [f"mean confidence {page.mean_confidence:.1f}",
                   f"{low} word(s) below {threshold:g}"]
        if page.warnings:
            reasons.append("; ".join(page.warnings))
        scored.append((score, page.number, ", ".join(reasons)))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [(number, why) for _, number, why in scored[:count]]


def _svg(page: TracePage, blocks: dict[str, TraceBlock], threshold: float) -> str:
    number = page.number
    parts = [f'<svg viewBox="0 0 {page.width} {page.height}" '
             'preserveAspectRatio="none" xmlns="http://www.w3.org/2000/svg">']
    for region in page.regions:
        if region.kind in ("text", "image") and region.order:
            left, top, width, height = region.box
            parts.append(f'<rect class="region" x="{left}" y="{top}" width="{width}" '
                         f'height="{height}"/>')
            parts.append(f'<text class="order" x="{left + 4}" y="{top + 58}">'
                         f'{region.order}</text>')
    drawn: set[str] = set()
    for line in page.lines:
        block_id = line.block
        if block_id is None:
            kind = "bib" if page.kind == "front" else "other"
            info = (f"bibliographic field (front page): {line.text}" if kind == "bib"
                    else f"not in the ST.36 text (section heading or left out): "
                         f"{line.text}")
            parts.append(_rect(line.box, kind, info))
        elif block_id not in drawn:
            drawn.add(block_id)
            block = blocks[block_id]
            info = f"{block_title(block)}: {block.text[:160]}"
            for box in merged_boxes(b for b in block.boxes if b[0] == number):
                parts.append(_rect(box[1:], block.kind, info, block_id))
    for block_id, block in blocks.items():  # blocks that are only an image on this page
        if block_id not in drawn and any(b[0] == number for b in block.boxes):
            info = f"{block_title(block)}: {block.text[:160]}"
            for box in merged_boxes(b for b in block.boxes if b[0] == number):
                parts.append(_rect(box[1:], block.kind, info, block_id))
    for region in page.regions:
        if region.kind == "band":
            parts.append(_rect(region.box, "band", f"dropped: {region.reason}"))
        elif region.kind == "image":
            file = region.file or ""
            content = region.content or "image"
            info = (f"image ({content}) written as {file}" if file
                    else "image region: not written (no section keeps it)")
            parts.append(_rect(region.box, "image", info))
            if file:
                left, top = region.box[0], region.box[1]
                parts.append(f'<text class="label" x="{left + 4}" y="{top + 60}">'
                             f'{esc(file)} ({esc(content)})</text>')
    for block in blocks.values():
        num_box = block.num_box
        if num_box and num_box[0] == number:
            parts.append(_rect(num_box[1:], "pnum", f"printed number of {block_label(block)}",
                               block.id))
    for word in low_words(page, threshold):
        parts.append(_rect(word[1:5], "low",
                           f"low confidence {word[5]:.0f}: {word[0]!s}"))
    parts.append("</svg>")
    return "".join(parts)


def _entries(page: TracePage, blocks: dict[str, TraceBlock]) -> str:
    number = page.number
    items: list[str] = []
    for block in blocks.values():
        pages = [b[0] for b in block.boxes]
        if number not in pages:
            continue
        first = pages[0]
        tag = esc(block_label(block))
        if first == number:
            body = esc(block.text) or '<span class="more">(an image only)</span>'
        else:
            body = f'<span class="more">continued from page {first}</span>'
        items.append(f'<div class="entry {esc(block.kind)}" data-block="{esc(block.id)}" '
                     f'id="t-{esc(block.id)}-{number}"><span class="tag">{tag}</span>'
                     f'{body}</div>')
    if not items:
        return '<p class="empty">No ST.36 text from this page.</p>'
    return "".join(items)


def _corrections(corrections: tuple[Correction, ...]) -> str:
    """The changes the correction rules made to a page's text: rule, before -> after."""
    if not corrections:
        return ""
    items = "".join(
        f'<li><span class="rule">{esc(c.rule)}</span> <del>{esc(c.before)}</del> → '
        f'<ins>{esc(c.after)}</ins></li>' for c in corrections)
    return (f'<details class="corrections"><summary>{len(corrections)} correction(s) of '
            f'what OCR read</summary><ol>{items}</ol></details>')


def _page_section(page: TracePage, blocks: dict[str, TraceBlock],
                  threshold: float) -> str:
    number = page.number
    low = len(low_words(page, threshold))
    bands = sum(1 for r in page.regions if r.kind == "band")
    warnings = "".join(f'<p class="facts warn">warning: {esc(w)}</p>' for w in page.warnings)
    warnings += _corrections(page.corrections)
    facts = (f'skew {page.skew:+.2f}° corrected, rotation {page.rotation}°, '
             f'{page.columns} column(s), mean confidence {page.mean_confidence:.1f}, '
             f'{low} word(s) below {threshold:g}, {bands} band(s) dropped')
    image_height = round(page.height * page.image_width / page.width)
    return (
        f'<section class="page" id="page-{number}" data-page="{number}">'
        f'<h2>Page {number} · {esc(page.kind or "?")}</h2>'
        f'<p class="facts">{esc(facts)}</p>{warnings}'
        '<p class="info">Click a box or a paragraph to see what it is.</p>'
        '<div class="page-row">'
        f'<figure class="sheet" style="aspect-ratio: {page.width} / {page.height}">'
        f'<img loading="lazy" decoding="async" src="{esc(page.image)}" '
        f'width="{page.image_width}" height="{image_height}" alt="Page {number}">'
        f'{_svg(page, blocks, threshold)}</figure>'
        f'<div class="content">{_entries(page, blocks)}</div>'
        '</div></section>'
    )


def _contents(trace: Trace) -> str:
    blocks = trace.blocks
    items: list[str] = []
    for section, page in trace.bookmarks.items():
        if section == "claims":
            first = next((b for b in blocks if b.kind == "claim"), None)
        elif section.startswith("claims:"):
            first = next((b for b in blocks if b.section == section), None)
        elif section == "description":
            first = next((b for b in blocks if b.section == "description"), None)
        elif section == "abstract":
            first = next((b for b in blocks if b.kind == "abstract"), None)
        else:
            first = None
        link = (f'<a href="#t-{esc(first.id)}-{page}" data-block="{esc(first.id)}">'
                if first else f'<a href="#page-{page}">')
        items.append(f'<li>{link}{esc(section)}</a> — page {page}')
        if section == "description":
            headings = [b for b in blocks if b.kind == "heading"]
            if headings:
                links = "".join(
                    f'<li><a href="#t-{esc(b.id)}-{b.boxes[0][0] if b.boxes else 0}" '
                    f'data-block="{esc(b.id)}">{esc(b.text[:60])}</a></li>'
                    for b in headings)
                items.append(f"<details><summary>{len(headings)} heading(s)</summary>"
                             f"<ol>{links}</ol></details>")
        items.append("</li>")
    return "<ol class=\"toc\">" + "".join(items) + "</ol>" if items else \
        '<p class="empty">No bookmarks.</p>'


def _sidebar(trace: Trace) -> str:
    threshold = trace.low_confidence
    look = "".join(f'<li><a href="#page-{n}">page {n}</a>: {esc(why)}</li>'
                   for n, why in worth_a_look(trace))
    page_warnings = [(p.number, w) for p in trace.pages for w in p.warnings]
    warnings = "".join(f'<li class="warn">{esc(w)}</li>' for w in trace.warnings) + "".join(
        f'<li class="warn"><a href="#page-{n}">page {n}</a>: {esc(w)}</li>'
        for n, w in page_warnings)
    rows = "".join(
        f'<tr><td><a href="#page-{p.number}">{p.number}</a> {esc(p.kind)}</td>'
        f'<td>{p.skew:+.2f}°</td><td>{p.rotation}°</td>'
        f'<td>{p.mean_confidence:.1f}</td><td>{len(low_words(p, threshold))}</td></tr>'
        for p in trace.pages)
    return (
        '<nav id="sidebar"><h2>Contents</h2>' + _contents(trace) +
        '<h2>Worth a look</h2><ol class="worth">' + (look or "<li>none</li>") + "</ol>"
        '<h2>Warnings</h2><ul class="warnings">' + (warnings or "<li>none</li>") + "</ul>"
        '<h2>Pages</h2><table class="pages"><thead><tr><th>page</th><th>skew</th>'
        f'<th>turn</th><th>conf.</th><th>&lt;{threshold:g}</th></tr></thead>'
        f'<tbody>{rows}</tbody></table></nav>'
    )


def _layer_switches() -> str:
    return "".join(
        f'<label style="color: var(--{colour})"><input type="checkbox" data-layer="{name}" '
        f'checked><span class="swatch"></span>{esc(label)}</label>'
        for name, label, colour in LAYERS)


def render_review(trace: Trace) -> str:
    """The review page as HTML text."""
    blocks = {b.id: b for b in trace.blocks}
    threshold = trace.low_confidence
    pages = "".join(_page_section(page, blocks, threshold) for page in trace.pages)
    title = f"Review: {trace.package}"
    meta = (f'{len(trace.pages)} pages · source {trace.source} · '
            f'profile {trace.profile} · low confidence below {threshold:g}')
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width"><title>{esc(title)}</title>'
        f'<style>{CSS}</style></head><body>'
        f'<header><h1>{esc(title)}</h1><span class="meta">{esc(meta)}</span>'
        f'{_layer_switches()}</header>'
        f'<div class="layout">{_sidebar(trace)}<main>{pages}</main></div>'
        f'<script>{SCRIPT}</script></body></html>'
    )


def write_review(folder: Path) -> Path:
    """Render `folder/index.html` from the trace in `folder`."""
    trace = read_trace(folder)
    target = folder / REVIEW_NAME
    partial = folder / f".{REVIEW_NAME}.partial"
    partial.write_text(render_review(trace), encoding="utf-8")
    partial.replace(target)
    return target
