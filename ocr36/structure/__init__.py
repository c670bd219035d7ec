"""Structure: from OCR'd pages to a patent Document (sections, front page, text, claims)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ocr36.corrections.engine import Corrector
from ocr36.corrections.registry import rules_of
from ocr36.model import (
    Bibliographic,
    Box,
    ClaimSet,
    Document,
    Figure,
    Illustration,
    IllustrationKind,
    PageKind,
    PageReport,
    PageResult,
    Paragraph,
    Title,
)
from ocr36.profile import Profile
from ocr36.structure.body import claim_range, classify_image, read_claims, read_description
from ocr36.structure.claims import claims_language
from ocr36.structure.continued import repeated_title
from ocr36.structure.drawings import read_drawings
from ocr36.structure.frontpage import front_fields, read_front_page
from ocr36.structure.ipcslash import mend_slashless, slashless_symbols
from ocr36.structure.numbering import (
    claim_pattern,
    figure_pattern,
    line_texts,
    numbered_description,
    sequence_warnings,
)
from ocr36.structure.oneclaim import lone_claim
from ocr36.structure.running import (
    RunningLines,
    find_running_lines,
    read_head_number,
    without_running_lines,
)
from ocr36.structure.sections import (
    Section,
    bookmarks_of,
    images_only,
    page_kinds,
    split_sections,
    title_over,
)
from ocr36.structure.stream import Event, ImageEvent, LineEvent, document_events
from ocr36.structure.text import normalise, vocabulary_of
from ocr36.structure.textlang import (
    as_read,
    document_language,
    language_warning,
    section_language,
    title_language,
)
from ocr36.structure.titles import TitlePart, title_parts

__all__ = ["TitlePart", "build_document", "corrector_for", "region_languages", "title_lines"]


def region_languages(pages: Sequence[PageResult],
                     profile: Profile) -> dict[int, dict[str, list[str]]]:
    """Page -> text region -> languages of the sections its lines belong to (to read those
    regions again with the right packs)."""
    pages = without_running_lines(pages, find_running_lines(pages, profile.numbering.figure))
    sections = split_sections(pages, document_events(pages), profile)
    languages: dict[int, dict[str, list[str]]] = {}
    for section in sections:
        for event in section.events:
            if isinstance(event, LineEvent):
                langs = languages.setdefault(event.page, {}).setdefault(event.line.region, [])
                if section.lang not in langs:
                    langs.append(section.lang)
    return languages


def title_lines(pages: Sequence[PageResult], profile: Profile) -> tuple[TitlePart, ...]:
    """The titles (54) of the front page, each with its language and its lines (to read
    those in other languages again with their packs)."""
    pages = without_running_lines(pages, find_running_lines(pages, profile.numbering.figure))
    events = document_events(pages)
    front = next((s for s in split_sections(pages, events, profile) if s.name == "front"), None)
    if front is None:
        return ()
    by_code = front_fields(front.events, profile)[2]
    if "54" not in by_code:
        return ()
    lang = document_language([e.text for e in events if isinstance(e, LineEvent)], profile)
    return title_parts(by_code["54"].lines, by_code["54"].texts, lang,
                       profile.front_page.title_languages)


class _Illustrations:
    """Names and collects the images that the text references, in document order."""

    def __init__(self) -> None:
        self.items: list[Illustration] = []
        self._in_text = 0

    def in_text(self, event: ImageEvent) -> str:
        self._in_text += 1
        name = f"imgb{self._in_text:04d}.tif"
        kind = IllustrationKind.DRAWING if event.whole_page else \
            IllustrationKind(classify_image(event.crop.unpack()))
        self.items.append(Illustration(name, kind, event.page, event.box, event.crop))
        return name

    def add(self, name: str, kind: IllustrationKind, event: ImageEvent, num: str = "",
            landscape: bool = False) -> None:
        self.items.append(Illustration(name, kind, event.page, event.box, event.crop,
                                       num=num, landscape=landscape))


def _figures(section: Section, pages: dict[int, PageResult], profile: Profile,
             illustrations: _Illustrations, first_number: int) -> list[Figure]:
    """The drawings as the profile's office delivers them (structure/drawings.py)."""
    found = read_drawings(section.events, pages, figure_pattern(section.events, profile),
                          profile.output.figures, first_number)
    illustrations.items.extend(illustration for _, illustration in found)
    return [figure for figure, _ in found]


@dataclass
class _Parts:
    """What the sections of a publication hold, gathered in document order."""

    bibliographic: Bibliographic
    abstract: tuple[Paragraph, ...] = ()
    description: list[Event] = field(default_factory=list)
    claim_sets: list[ClaimSet] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    search_report: list[Illustration] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    """Front-page fields read elsewhere than from their code, and where."""
    title_source: bool = False
    """The title was read over the description (no front page printed it)."""


def _search_report(section: Section, by_number: dict[int, PageResult],
                   first: int) -> list[Illustration]:
    """Each page of the search report kept whole as an image."""
    sheets: list[Illustration] = []
    for page_number in sorted({section.first_page, *(e.page for e in section.events)}):
        page = by_number[page_number]
        sheets.append(Illustration(
            f"srep{first + len(sheets):04d}.tif", IllustrationKind.DRAWING, page_number,
            Box(0, 0, page.layout.width, page.layout.height), page.page_image()))
    return sheets


def _claim_set(section: Section, sections: Sequence[Section], profile: Profile,
               vocabulary: frozenset[str],
               illustrations: _Illustrations) -> tuple[ClaimSet | None, str]:
    """A claims section's claims, and a warning where there are none or where its one claim's
    number was read as letters (`lone_claim`)."""
    # the language its claims cite each other in, else the one its words tell
    claims_lang = section_language(claims_language(
        section.lang, section.events, profile,
        [s.lang for s in sections if s.name == "claims"]), section.events, profile)

    def read(events: Sequence[Event]) -> ClaimSet | None:
        claims = read_claims(events, claim_pattern(events, profile),
                             profile.numbering.claim_reference.get(claims_lang),
                             illustrations.in_text, vocabulary, claim_range(claims_lang))
        return ClaimSet(claims_lang, claims) if claims else None

    if claim_set := read(section.events):
        return claim_set, ""
    lone = lone_claim(section.events) if section.heading else None
    if lone is not None and (claim_set := read(lone[0])):
        return claim_set, (f"the {section.lang} claims starting on page {section.first_page} "
                           f"hold no numbered claim: '{lone[1]}' opening them is read as "
                           f"claim 1")
    return None, (f"no numbered claims found in the {section.lang} claims starting on page "
                  f"{section.first_page}")


def _with_slashless_ipc(bibliographic: Bibliographic, front: Section,
                        sections: Sequence[Section], warnings: list[str]) -> Bibliographic:
    """The front page's IPC with the symbols whose slash was lost read by their other
    mentions in the document (`mend_slashless`); a warning for each left out."""
    front_text = " ".join(line_texts(front.events))
    if not slashless_symbols(front_text):
        return bibliographic
    others = [text for section in sections if section is not front
              for text in line_texts(section.events)]
    ipc, unread = mend_slashless(bibliographic.ipc, front_text, others)
    warnings.extend(unread)
    return replace(bibliographic, ipc=ipc) if ipc != bibliographic.ipc else bibliographic


def _read_sections(sections: Sequence[Section], by_number: dict[int, PageResult],
                   profile: Profile, vocabulary: frozenset[str],
                   illustrations: _Illustrations, lang: str) -> _Parts:
    """What the sections hold, read in the language of the document's text `lang`."""
    parts = _Parts(Bibliographic(country=profile.office))
    for section in sections:
        if section.name == "front":
            front = read_front_page(section.events, profile, text_lang=lang)
            parts.bibliographic, parts.abstract = front.bibliographic, front.abstract
            parts.bibliographic = _with_slashless_ipc(parts.bibliographic, section, sections,
                                                      parts.warnings)
            parts.sources.update(front.sources)
            for image in front.abstract_images:
                if not image.whole_page:
                    illustrations.add("imgaf001.tif", IllustrationKind.DRAWING, image)
            # a page kept whole as an image among the front pages opens the description
            parts.description.extend(e for e in images_only(section.events) if e.whole_page)
            parts.description.extend(front.description)
        elif section.name == "description":
            events: Sequence[Event] = section.events
            if sections[0].name == "front" and not parts.description and \
                    not parts.bibliographic.titles:
                title, events = title_over(events, by_number, profile)
                if title:
                    parts.bibliographic = replace(parts.bibliographic, titles=(
                        Title(title_language(title, lang, profile), normalise(title)),))
                    parts.title_source = True
            if section.heading and parts.bibliographic.titles:
                events = repeated_title(events, [t.text for t in parts.bibliographic.titles])
            parts.description.extend(events)
        elif section.name == "claims":
            claim_set, warning = _claim_set(section, sections, profile, vocabulary,
                                            illustrations)
            parts.claim_sets.extend([claim_set] if claim_set else [])
            parts.warnings.extend([warning] if warning else [])
        elif section.name == "drawings":
            parts.figures.extend(_figures(section, by_number, profile, illustrations,
                                          len(parts.figures) + 1))
        elif section.name == "search-report":
            parts.search_report.extend(_search_report(section, by_number,
                                                      len(parts.search_report) + 1))
    return parts


def corrector_for(profile: Profile, lines: Sequence[str]) -> Corrector:
    """The correction rules the profile's `ocr.mend_*` keys switch on, over a document."""
    families = [family for family, on in (("chemistry", profile.ocr.mend_chemistry),
                                          ("words", profile.ocr.mend_words)) if on]
    return Corrector(rules_of(families), lines, profile.language.packs)


def _page_reports(pages: Sequence[PageResult],
                  sections: Sequence[Section]) -> tuple[PageReport, ...]:
    kinds = page_kinds(pages, sections)
    return tuple(
        PageReport(number=p.number, kind=kinds.get(p.number, PageKind.BLANK), skew=p.skew,
                   rotation=p.rotation, mean_confidence=p.text.mean_confidence, dpi=p.dpi,
                   warnings=p.warnings, text_source=p.text_source,
                   read_again_with=p.read_again_with or None)
        for p in pages
    )


_BIBLIOGRAPHIC_FIELDS = ("country", "doc_number", "kind", "publication_date",
                         "application_number", "filing_date", "priorities", "ipc", "titles",
                         "applicants", "inventors", "assignees", "agents")


def _with_running_head(bibliographic: Bibliographic, running: RunningLines,
                       profile: Profile) -> tuple[Bibliographic, dict[str, str]]:
    """The front page's fields, with the publication's office code, number, kind and date
    taken from its running head where the front page lacks the number; and where each
    field came from."""
    sources = {name: "front-page" for name in _BIBLIOGRAPHIC_FIELDS
               if getattr(bibliographic, name)}
    if bibliographic.doc_number:
        return bibliographic, sources
    sources["country"] = "profile"
    head = read_head_number(running.texts("head") + running.texts("foot"),
                            profile.front_page.date_order)
    if not head.doc_number:
        return bibliographic, sources
    found = {"country": head.country, "doc_number": head.doc_number, "kind": head.kind,
             "publication_date": head.date}
    changes: dict[str, Any] = {name: value for name, value in found.items()
               if value and (name in ("country", "doc_number") or
                             not getattr(bibliographic, name))}
    sources.update({name: "running-head" for name in changes})
    return replace(bibliographic, **changes), sources


def build_document(pages: Sequence[PageResult], profile: Profile) -> Document:
    """Read the structure of a publication from its OCR'd pages."""
    reports = pages
    running = find_running_lines(pages, profile.numbering.figure)
    pages = without_running_lines(pages, running)
    events = document_events(pages)
    sections = split_sections(pages, events, profile)
    lines = [e.text for e in events if isinstance(e, LineEvent)]
    vocabulary = vocabulary_of(lines)
    illustrations = _Illustrations()
    lang = document_language(lines, profile)
    profile = as_read(lang, reports, profile)
    parts = _read_sections(sections, {p.number: p for p in pages}, profile, vocabulary,
                           illustrations, lang)
    description, paragraph_pattern, repeated = numbered_description(parts.description, profile)
    blocks = read_description(description, paragraph_pattern, illustrations.in_text, vocabulary)
    if any(paragraph_pattern.match(text.strip()) for text in line_texts(description)):
        parts.warnings.extend(sequence_warnings(blocks, repeated))
    corrector = corrector_for(profile, lines)
    claim_sets, abstract = parts.claim_sets, parts.abstract
    if corrector:
        blocks = corrector.description(blocks, profile.language.document)
        claim_sets = [corrector.claims(s) for s in claim_sets]
        abstract = tuple(block for block in corrector.description(
            abstract, profile.language.document) if isinstance(block, Paragraph))
    bookmarks = bookmarks_of(sections, profile.language.document)
    bibliographic, sources = _with_running_head(parts.bibliographic, running, profile)
    sources.update(parts.sources)
    if parts.title_source:
        sources["titles"] = "description"
    if parts.abstract:
        bookmarks.setdefault("abstract", 1)
    if warning := language_warning(lang, profile):
        parts.warnings.append(warning)
    return Document(
        office=profile.office,
        lang=lang,
        bibliographic=bibliographic,
        abstract=abstract,
        description=blocks,
        claims=tuple(claim_sets),
        figures=tuple(parts.figures),
        illustrations=tuple(illustrations.items),
        search_report_pages=tuple(parts.search_report),
        bookmarks=dict(sorted(bookmarks.items(), key=lambda item: item[1])),
        pages=_page_reports(reports, sections),
        warnings=tuple(parts.warnings),
        corrections=tuple(corrector.corrections),
        field_sources=sources,
    )
