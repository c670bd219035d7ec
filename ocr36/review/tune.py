"""Trying a profile on a few documents: measures, quality signals, and a side-by-side diff.

`ocr36 tune PROFILE DOC... [--truth TRUTH ...] [--against OTHER] [--pages 1-5]` reads the
chosen pages of each document with each profile, measures what `ocr36 evaluate` measures
where truth is given (and quality signals where not), and lists page by page what the
profiles did differently, so that a tuner sees at once whether an edit helped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from ocr36.batch.convert import read_pages
from ocr36.batch.options import ConvertOptions
from ocr36.errors import BadArguments
from ocr36.evaluate import Reading, cer, compare, normalise, read_truth
from ocr36.ingest import open_source
from ocr36.model import Document, Heading, Inline
from ocr36.profile import Profile
from ocr36.review.page import low_words
from ocr36.review.trace import build_trace, content_text
from ocr36.review.tracedata import Trace
from ocr36.structure import build_document

_IMAGE_MARK = re.compile(r"\s*\[img\w*\.tif\]\s*")
_BAND_NAMES = {"running-header": "header", "page-number": "page no.",
               "line-numbers": "line nos.", "margin": "margin", "rule": "rules"}


def parse_pages(text: str, page_count: int, source: Path) -> list[int]:
    """'1-5', '2,4,7-9' -> page numbers, checked against the document's page count."""
    numbers: list[int] = []
    for part in text.split(","):
        match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", part)
        if not match:
            raise BadArguments(f"--pages {text!r}: expected pages such as 1-5 or 2,4,7-9")
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1 or last < first or last > page_count:
            raise BadArguments(f"{source}: --pages {text!r} is outside its pages 1-{page_count}")
        numbers.extend(n for n in range(first, last + 1) if n not in numbers)
    return sorted(numbers)


@dataclass(frozen=True)
class Run:
    """One document read with one profile."""

    profile: str
    trace: Trace
    measures: dict[str, Any] | None
    """`ocr36 evaluate`'s measures, when truth was given."""
    per_page_cer: dict[int, float]


def _reading_of(document: Document) -> Reading:
    """The document as `evaluate` reads a package (also when a few pages hold no claims,
    which the ST.36 writer would refuse)."""
    def text(content: Sequence[Inline]) -> str:
        return normalise(_IMAGE_MARK.sub(" ", content_text(content)))

    reading = Reading(abstract=[text(p.content) for p in document.abstract])
    for block in document.description:
        if isinstance(block, Heading):
            reading.headings.append(normalise(block.text))
        else:
            reading.paragraphs[block.num.zfill(4)] = text(block.content)
    for claim_set in document.claims:
        reading.claims.setdefault(claim_set.lang, []).extend(
            text(c.content) for c in claim_set.claims)
    for illustration in document.illustrations:
        kind = illustration.kind.value
        reading.images[kind] = reading.images.get(kind, 0) + 1
    reading.bookmarks = dict(document.bookmarks)
    return reading


def _limited(truth: Reading, found: Reading) -> Reading:
    """The truth of the paragraphs numbered from the first to the last found, and of the
    claims found (when only a few pages were read)."""
    numbers = [int(num) for num in found.paragraphs if num.isdigit()]
    low, high = (min(numbers), max(numbers)) if numbers else (1, 0)
    return Reading(
        abstract=truth.abstract if found.abstract else [],
        paragraphs={num: text for num, text in truth.paragraphs.items()
                    if num in found.paragraphs or (num.isdigit() and low <= int(num) <= high)},
        claims={lang: texts[:len(found.claims[lang])] for lang, texts in truth.claims.items()
                if found.claims.get(lang)},
    )


def _page_cer(trace: Trace, truth: Reading) -> dict[int, float]:
    """CER of the paragraphs and claims that start on each page, against the same numbers
    in the truth."""
    found: dict[int, list[str]] = {}
    wanted: dict[int, list[str]] = {}
    for block in trace.blocks:
        if not block.boxes:
            continue
        truth_text = None
        if block.kind == "paragraph":
            truth_text = truth.paragraphs.get(block.num)
        elif block.kind == "claim":
            claims = truth.claims.get(block.section.split(":", 1)[1], [])
            index = int(block.num) - 1
            truth_text = claims[index] if 0 <= index < len(claims) else None
        if truth_text is None:
            continue
        page = block.boxes[0][0]
        found.setdefault(page, []).append(_IMAGE_MARK.sub(" ", block.text))
        wanted.setdefault(page, []).append(truth_text)
    return {page: cer(" ".join(found[page]), " ".join(wanted[page])) for page in found}


def run(source: Path, profile: Profile, numbers: Sequence[int] | None, truth: Path | None,
        jobs: int) -> Run:
    pages = read_pages(open_source(source, profile.ingest.suspect_pdf),
                       ConvertOptions(profile, jobs=jobs), numbers or ())
    document = build_document(pages, profile)
    trace = build_trace(pages, document, profile, source.stem, source)
    measures = None
    per_page: dict[int, float] = {}
    if truth is not None:
        truth_reading = read_truth(truth)
        found = _reading_of(document)
        if numbers is not None:
            truth_reading = _limited(truth_reading, found)
        measures = compare(found, truth_reading)
        if numbers is not None:  # neither can be told from a few pages
            measures.pop("heading_f1", None)
            measures.pop("bookmarks", None)
        per_page = _page_cer(trace, truth_reading)
    return Run(profile.name, trace, measures, per_page)


# --- what is shown ------------------------------------------------------------------------


def numbering_gaps(trace: Trace) -> list[str]:
    """Where printed paragraph numbers skip or go back: '0012 -> 0014'."""
    numbers = [b.num for b in trace.blocks if b.kind == "paragraph"]
    gaps: list[str] = []
    for before, after in pairwise(numbers):
        if before.isdigit() and after.isdigit() and int(after) != int(before) + 1:
            gaps.append(f"{before} -> {after}")
    return gaps


def signals(result: Run) -> dict[str, str]:
    """Quality signals (and measures where truth was given), as text per row name."""
    trace = result.trace
    words = [w for p in trace.pages for w in p.words]
    confidence = sum(w[5] for w in words) / len(words) if words else 0.0
    kinds = Counter(b.kind for b in trace.blocks)
    claims = Counter(b.section for b in trace.blocks if b.kind == "claim")
    gaps = numbering_gaps(trace)
    first = min((p.number for p in trace.pages), default=1)
    rows = {
        "mean confidence": f"{confidence:.1f}",
        "sections found": ", ".join(f"{k} p{max(v, first)}"  # a section open at the start
                                    for k, v in trace.bookmarks.items()) or "none",
        "paragraphs": str(kinds["paragraph"]),
        "headings": str(kinds["heading"]),
        **{f"{section}": str(count) for section, count in sorted(claims.items())},
        "numbering gaps": ", ".join(gaps[:4]) + (" ..." if len(gaps) > 4 else "")
        if gaps else "none",
        "bands dropped": str(sum(1 for p in trace.pages for r in p.regions
                                 if r.kind == "band")),
        "warnings": str(len(trace.warnings) + sum(len(p.warnings) for p in trace.pages)),
    }
    measures = result.measures
    if measures:
        for part, value in measures["cer"].items():
            rows[f"CER {part}"] = f"{value * 100:.2f} %"
        paragraphs = measures["counts"].get("paragraphs")
        if paragraphs:
            rows["paragraph numbers recovered"] = \
                f"{paragraphs['numbers_recovered']}/{paragraphs['truth']}"
        if "heading_f1" in measures:
            rows["heading F1"] = f"{measures['heading_f1']:.3f}"
        if "bookmarks" in measures:
            rows["bookmarks right"] = f"{measures['bookmarks']['right']}/" \
                                      f"{measures['bookmarks']['of']}"
    return rows


def page_rows(result: Run) -> dict[int, dict[str, str]]:
    """Per page: kind, paragraphs, headings, claims started, bands dropped, confidence, CER."""
    trace = result.trace
    threshold = trace.low_confidence
    starts: dict[int, Counter[str]] = {}
    for block in trace.blocks:
        if block.boxes:
            starts.setdefault(block.boxes[0][0], Counter())[block.kind] += 1
    rows: dict[int, dict[str, str]] = {}
    for page in trace.pages:
        number = page.number
        begun = starts.get(number, Counter())
        bands = Counter(_BAND_NAMES.get(r.band or "", r.band or "")
                        for r in page.regions if r.kind == "band")
        low = len(low_words(page, threshold))
        rows[number] = {
            "kind": page.kind,
            "paragraphs": str(begun["paragraph"]),
            "headings": str(begun["heading"]),
            "claims": str(begun["claim"]),
            "bands": " ".join(f"{name} {count}" for name, count in sorted(bands.items()))
            or "-",
            "confidence": f"{page.mean_confidence:.1f}",
            "low words": str(low),
            "CER": f"{result.per_page_cer[number] * 100:.2f}%"
            if number in result.per_page_cer else "",
        }
    return rows


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
            for row in rows]


def report(source: Path, pages_text: str, results: Sequence[Run]) -> str:
    """The text `ocr36 tune` prints for one document."""
    names = [r.profile for r in results]
    if len(names) == 2 and names[0] == names[1]:
        names = [f"{names[0]} (A)", f"{names[1]} (B)"]
    lines = [f"{source}  (pages {pages_text})"]
    if pages_text != "all" and any(r.measures for r in results):
        lines.append("truth: only the paragraphs numbered from the first to the last found, "
                     "and the claims found, are compared")
    lines.append("")
    all_signals = [signals(r) for r in results]
    keys = list(dict.fromkeys(k for s in all_signals for k in s))
    rows = [["measure", *names, *(["changed"] if len(results) == 2 else [])]]
    for key in keys:
        values = [s.get(key, "") for s in all_signals]
        changed = ["*" if values[0] != values[1] else ""] if len(results) == 2 else []
        rows.append([key, *values, *changed])
    lines.extend(_table(rows))
    lines.append("")
    per_page = [page_rows(r) for r in results]
    columns = ["paragraphs", "headings", "claims", "bands", "confidence", "low words", "CER"]
    if len(results) == 1:
        header = ["page", "kind", *columns]
        table = [header] + [[str(n), row["kind"], *(row[c] for c in columns)]
                            for n, row in per_page[0].items()]
        lines.extend(_table(table))
        return "\n".join(lines)
    lines.append(f"page by page: {names[0]} | {names[1]} (only what differs; * = changed)")
    table = [["page", "kind", *columns]]
    differing = 0
    for number, first in per_page[0].items():
        second = per_page[1].get(number, {})
        if first == second:
            continue
        differing += 1
        cells = [f"{first[c]} | {second.get(c, '')}" + (" *" if first[c] != second.get(c)
                                                        else "") for c in columns]
        table.append([str(number), first["kind"], *cells])
    if differing:
        lines.extend(_table(table))
    else:
        lines.append("  no page differs")
    return "\n".join(lines)
