"""A profile inferred from sample documents of one office (`ocr36 profiles infer`).

The samples are read as `convert` reads them with the default profile; what each setting
should be is then told from what they print: the script Tesseract's OSD sees and which
installed pack reads a sample best, the running heads and feet that recur, the numbering
styles, the headings that open sections and the pages they stand on, the columns, and the
front page. Each setting carries its evidence, written beside it as a comment
(`ocr36.profile.written`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ocr36.model import Document, PageResult
from ocr36.ocr.engine import Engine
from ocr36.ocr.tessdata import pack_words
from ocr36.profile.load import load_profile
from ocr36.profile.tables import Profile
from ocr36.structure import build_document
from ocr36.structure.numbering import (
    CLAIM_STYLES,
    FIGURE_STYLES,
    PARAGRAPH_STYLES,
    Found,
    discover,
    line_texts,
)
from ocr36.structure.running import RunningLines, find_running_lines, without_running_lines
from ocr36.structure.sections import Section, is_front_page, split_sections
from ocr36.structure.stream import document_events

PACK_LANGUAGE = {"eng": "en", "deu": "de", "fra": "fr", "spa": "es", "ita": "it", "nld": "nl",
                 "por": "pt", "rus": "ru", "pol": "pl", "ces": "cs", "swe": "sv", "dan": "da",
                 "fin": "fi", "chi_sim": "zh", "chi_tra": "zh", "jpn": "ja", "kor": "ko",
                 "ara": "ar"}
"""Tesseract packs whose language a profile can name (ISO 639-1)."""
PACK_SCRIPT = {"rus": "Cyrillic", "chi_sim": "Han", "chi_tra": "Han", "jpn": "Japanese",
               "kor": "Hangul", "ara": "Arabic"}
"""The script each pack reads as OSD names it (Latin for the others)."""
SAMPLE_LINES = 12
"""Lines of the sample page each candidate pack reads."""
BAND_SLACK_MM = 2.0
"""A header or footer band reaches this far past the furthest running head or foot seen."""
_NUMERIC_DATE = re.compile(r"\b(\d{1,4})[./-](\d{1,2})[./-](\d{2,4})\b")


@dataclass(frozen=True)
class Setting:
    """One key of the inferred profile, with the evidence for its value."""

    table: str
    """"" for the top level, else the table ("layout", "numbering", "bookmarks.claims")."""
    key: str
    value: Any
    evidence: str


@dataclass(frozen=True)
class Sample:
    """One sample document as read with the default profile."""

    path: Path
    pages: tuple[PageResult, ...]
    running: RunningLines
    sections: tuple[Section, ...]
    document: Document


def sample_of(path: Path, pages: Sequence[PageResult], profile: Profile) -> Sample:
    running = find_running_lines(pages, profile.numbering.figure)
    kept = without_running_lines(pages, running)
    sections = split_sections(kept, document_events(kept), profile)
    return Sample(path, tuple(pages), running, tuple(sections),
                  build_document(pages, profile))


def _pack_score(engine: Engine, crop: np.ndarray, pack: str) -> float:
    """How well a pack reads the sample: mean word confidence, times the share of its words
    found in the pack's word list where it has one."""
    words = [w for line in engine.recognize(crop, [pack], 6) for w in line.words]
    if not words:
        return 0.0
    confidence = sum(w.confidence for w in words) / len(words)
    listed = pack_words(pack)
    alphabetic = [w.text.strip(".,;:()").lower() for w in words if len(w.text) >= 3]
    if listed and alphabetic:
        return confidence * sum(w in listed for w in alphabetic) / len(alphabetic)
    return confidence


def _sample_crop(samples: Sequence[Sample]) -> tuple[np.ndarray, str]:
    """A few lines of running text of the wordiest page, and where they come from."""
    page, sample = max(((p, s) for s in samples for p in s.pages),
                       key=lambda item: sum(len(line.words) for line in item[0].text.lines))
    lines = sorted(page.text.lines, key=lambda line: len(line.words), reverse=True)
    chosen = sorted(lines[:SAMPLE_LINES], key=lambda line: line.box.top)
    top, bottom = chosen[0].box.top, max(line.box.bottom for line in chosen)
    left = min(line.box.left for line in chosen)
    right = max(line.box.right for line in chosen)
    bitmap = page.page_bitmap()
    margin = 10
    crop = bitmap[max(top - margin, 0):bottom + margin, max(left - margin, 0):right + margin]
    return crop, f"page {page.number} of {sample.path.name}"


def language_settings(samples: Sequence[Sample], engine: Engine) -> list[Setting]:
    """The document language and its pack, by OSD's script and the best-reading pack."""
    crop, where = _sample_crop(samples)
    found = engine.orientation(crop)
    script = found.script if found and found.script else "Latin"
    installed = [p for p in engine.languages() if p in PACK_LANGUAGE]
    candidates = [p for p in installed if PACK_SCRIPT.get(p, "Latin") == script] or installed
    scores = {pack: _pack_score(engine, crop, pack) for pack in candidates}
    best = max(scores, key=lambda pack: scores[pack]) if scores else "eng"
    ranking = ", ".join(f"{pack} {score:.0f}" for pack, score in
                        sorted(scores.items(), key=lambda item: -item[1]))
    settings = [
        Setting("language", "document", PACK_LANGUAGE.get(best, "en"),
                f"OSD script {script} on {where}; packs read it: {ranking}"),
        Setting("language", "tesseract", [best], f"the best-reading pack on {where}"),
    ]
    sections = Counter(s.lang for sample in samples for s in sample.sections
                       if s.name == "claims" and s.lang != PACK_LANGUAGE.get(best, "en"))
    packs_of = {lang: [p for p in installed if PACK_LANGUAGE[p] == lang][:1]
                for lang in sections}
    for lang, count in sorted(sections.items()):
        if packs_of[lang]:
            settings.append(Setting("language.sections", lang, packs_of[lang],
                                    f"claims in '{lang}' in {count} of {len(samples)} "
                                    "documents"))
    return settings


def _mm(pixels: float, dpi: int) -> float:
    return round(pixels / dpi * 25.4, 1)


def layout_settings(samples: Sequence[Sample]) -> list[Setting]:
    """Columns, and header and footer bands that hold the running heads and feet."""
    text_pages = [p for s in samples for p in s.pages if len(p.text.lines) >= 5]
    columns = Counter(p.layout.columns for p in text_pages)
    settings = []
    if columns:
        most, count = columns.most_common(1)[0]
        value: Any = most if count == len(text_pages) else "auto"
        settings.append(Setting("layout", "columns", value, ", ".join(
            f"{n} column(s) on {c} of {len(text_pages)} text pages"
            for n, c in columns.most_common())))
    settings.extend(_band_settings(samples))
    return settings


def _band_settings(samples: Sequence[Sample]) -> list[Setting]:
    settings = []
    for end, key, band in (("head", "header_mm", "running-header"),
                           ("foot", "footer_mm", "page-number")):
        reaches: list[float] = []
        texts: list[str] = []
        pages = 0
        for sample in samples:
            lines = {(line.page, line.index): line for line in sample.running.lines
                     if line.end == end}
            for page in sample.pages:
                pages += 1
                dropped = [r.box for r in page.layout.regions if r.band == band]
                boxes = [page.text.lines[i].box for (n, i) in lines if n == page.number]
                texts += [lines[k].text for k in lines if k[0] == page.number]
                edges = [b.bottom if end == "head" else page.layout.height - b.top
                         for b in (*dropped, *boxes)]
                if edges:
                    reaches.append(_mm(max(edges), page.dpi))
        if len(reaches) * 2 > pages:
            reach = round(max(reaches) + BAND_SLACK_MM, 1)
            example = f" ('{Counter(texts).most_common(1)[0][0]}')" if texts else ""
            settings.append(Setting("layout", key, reach,
                                    f"running {end}{example} on {len(reaches)} of {pages} "
                                    f"pages, within {max(reaches)} mm of the edge"))
    return settings


def numbering_settings(samples: Sequence[Sample]) -> list[Setting]:
    """The paragraph, claim and figure styles the samples print."""
    families = (("paragraph", "description", PARAGRAPH_STYLES, False),
                ("claim", "claims", CLAIM_STYLES, False),
                ("figure", "drawings", FIGURE_STYLES, True))
    settings = []
    for key, section, styles, anywhere in families:
        found: list[Found] = []
        for sample in samples:
            texts = line_texts([e for s in sample.sections if s.name == section
                                for e in s.events])
            style = discover(texts, styles, anywhere)
            if style:
                found.append(style)
        if not found:
            continue
        name = Counter(f.style.name for f in found).most_common(1)[0][0]
        chosen = [f for f in found if f.style.name == name]
        numbered = sum(f.numbered for f in chosen)
        candidates = sum(f.candidates for f in chosen)
        settings.append(Setting("numbering", key, chosen[0].style.pattern,
                                f"'{name}' on {numbered} of {candidates} numbered lines, "
                                f"in {len(chosen)} of {len(samples)} documents"))
    return settings


def _heading_pattern(text: str) -> str:
    return r"^\s*" + re.escape(" ".join(text.split())).replace(r"\ ", r"\s+") + r"\s*$"


def bookmark_settings(samples: Sequence[Sample], default: Profile) -> list[Setting]:
    """The headings that opened each section, with the pages they stand on, before the
    default profile's own headings."""
    found: dict[tuple[str, str], list[str]] = {}
    for sample in samples:
        for section in sample.sections:
            if section.heading:
                table = "bookmarks.claims" if section.name == "claims" else "bookmarks"
                key = section.lang if section.name == "claims" else \
                    section.name.replace("-", "_")
                found.setdefault((table, key), []).append(
                    f"{section.heading.strip()!r} on page {section.first_page} of "
                    f"{sample.path.name}")
    settings = []
    for (table, key), places in sorted(found.items()):
        own = [_heading_pattern(place.rsplit(" on page ", 1)[0][1:-1]) for place in places]
        defaults = default.bookmarks.claims.get(key, ()) if table == "bookmarks.claims" \
            else getattr(default.bookmarks, key)
        patterns = list(dict.fromkeys([*own, *(p.pattern for p in defaults)]))
        settings.append(Setting(table, key, patterns, "; ".join(places)))
    unheaded = [f"page {section.first_page} of {sample.path.name}" for sample in samples
                for section in sample.sections if section.name == "claims" and
                not section.heading]
    if unheaded:
        settings.append(Setting("bookmarks", "claims_without_heading", True,
                                "claims printed without a heading, found by their numbers, "
                                f"on {'; '.join(unheaded)}"))
    return settings


def front_page_settings(samples: Sequence[Sample]) -> list[Setting]:
    """The office, how dates are printed, and what the first page is."""
    settings = []
    sources = Counter((s.document.bibliographic.country,
                       s.document.field_sources.get("doc_number", ""))
                      for s in samples if s.document.bibliographic.doc_number)
    if sources:
        (office, source), count = sources.most_common(1)[0]
        if re.fullmatch(r"[A-Z]{2}", office) and office != "XX":
            settings.append(Setting("", "office", office,
                                    f"'{office}' read from the {source.replace('-', ' ')} "
                                    f"of {count} of {len(samples)} documents"))
    orders = Counter(order for s in samples for order in _date_orders(s))
    if orders:
        order, count = orders.most_common(1)[0]
        settings.append(Setting("front_page", "date_order", order,
                                f"{count} of {sum(orders.values())} dates that tell the "
                                f"order are printed {order}"))
    coded = sum(is_front_page(s.pages[0]) for s in samples if s.pages)
    settings.append(Setting("layout", "front_page_keeps_header_footer", True,
                            f"the first page holds INID codes in {coded} of {len(samples)} "
                            "documents" + ("" if coded == len(samples) else
                                           " (the others open with a page without codes)")))
    return settings


def _date_orders(sample: Sample) -> list[str]:
    """The order of each numeric date printed that tells it (a 4-digit year first, or a
    day above 12)."""
    orders = []
    for page in sample.pages[:2]:
        for line in page.text.lines:
            for a, b, _ in _NUMERIC_DATE.findall(line.text):
                if len(a) == 4:
                    orders.append("ymd")
                elif int(a) > 12 >= int(b):
                    orders.append("dmy")
                elif int(b) > 12 >= int(a):
                    orders.append("mdy")
    return orders


def infer_settings(samples: Sequence[Sample], engine: Engine) -> list[Setting]:
    """Every setting the samples give evidence for."""
    default = load_profile("default")
    return [*front_page_settings(samples), *language_settings(samples, engine),
            *layout_settings(samples), *numbering_settings(samples),
            *bookmark_settings(samples, default)]
