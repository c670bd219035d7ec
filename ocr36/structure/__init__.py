"""Structure: from OCR'd pages to a patent Document (sections, front page, text, claims)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ocr36.model import (
    Bibliographic,
    Box,
    ClaimSet,
    Document,
    Figure,
    Illustration,
    IllustrationKind,
    Inline,
    PageKind,
    PageReport,
    PageResult,
    Paragraph,
    Text,
)
from ocr36.ocr.lexicon import words
from ocr36.profile import Profile
from ocr36.structure.body import classify_image, read_claims, read_description
from ocr36.structure.chemistry import mend_brackets, mend_carbon_ranges, printed_ranges
from ocr36.structure.frontpage import read_front_page
from ocr36.structure.misreads import mend_misreads, mend_spacing
from ocr36.structure.sections import (
    Section,
    bookmarks_of,
    images_only,
    page_kinds,
    split_sections,
)
from ocr36.structure.stream import Event, ImageEvent, LineEvent, document_events
from ocr36.structure.text import (
    Spelling,
    lower_small_capitals,
    split_run_together,
    vocabulary_of,
)

__all__ = ["build_document", "section_languages"]


def section_languages(pages: Sequence[PageResult], profile: Profile) -> dict[int, list[str]]:
    """Page -> languages of the sections on it (to read it again with the right packs)."""
    sections = split_sections(pages, document_events(pages), profile)
    languages: dict[int, list[str]] = {}
    for section in sections:
        for page in {section.first_page, *(e.page for e in section.events)}:
            langs = languages.setdefault(page, [])
            if section.lang not in langs:
                langs.append(section.lang)
    return languages


class _Illustrations:
    """Names and collects the images that the text references, in document order."""

    def __init__(self) -> None:
        self.items: list[Illustration] = []
        self._in_text = 0

    def in_text(self, event: ImageEvent) -> str:
        self._in_text += 1
        name = f"imgb{self._in_text:04d}.tif"
        kind = IllustrationKind(classify_image(event.crop))
        self.items.append(Illustration(name, kind, event.page, event.box, event.crop))
        return name

    def add(self, name: str, kind: IllustrationKind, event: ImageEvent, num: str = "",
            landscape: bool = False) -> None:
        self.items.append(Illustration(name, kind, event.page, event.box, event.crop,
                                       num=num, landscape=landscape))


def _figures(section: Section, pages: dict[int, PageResult], profile: Profile,
             illustrations: _Illustrations, first_number: int) -> list[Figure]:
    labels: list[tuple[int, float, str]] = []
    for event in section.events:
        if isinstance(event, LineEvent):
            for match in profile.numbering.figure.finditer(event.text):
                labels.append((event.page, event.line.box.center_y, match.group(1)))
    figures: list[Figure] = []
    used: set[tuple[int, float, str]] = set()
    for event in images_only(section.events):
        candidates = [label for label in labels if label[0] == event.page and label not in used]
        num = str(first_number + len(figures))
        if candidates:
            nearest = min(candidates, key=lambda label: abs(label[1] - event.box.center_y))
            used.add(nearest)
            num = nearest[2]
        name = f"imgf{first_number + len(figures):04d}.tif"
        landscape = pages[event.page].rotation in (90, 270)
        illustrations.add(name, IllustrationKind.DRAWING, event, num=num, landscape=landscape)
        figures.append(Figure(num=num, file=name, page=event.page))
    return figures


class _Mender:
    """Mends the text of paragraphs and claims as the profile's `ocr.mend_*` keys say."""

    def __init__(self, profile: Profile, lines: Sequence[str]) -> None:
        self.chemistry = profile.ocr.mend_chemistry
        self.misreads = profile.ocr.mend_words
        self.language = profile.language
        self.spelling = Spelling.of(lines)
        self.ranges = printed_ranges(lines) if self.chemistry else {}

    def __bool__(self) -> bool:
        return self.chemistry or self.misreads

    def text(self, text: str, lexicon: frozenset[str], spelling: Spelling) -> str:
        if self.chemistry:
            text = mend_brackets(mend_carbon_ranges(text, self.ranges))
        if self.misreads:
            text = mend_spacing(mend_misreads(text, spelling.lowered, lexicon))
            text = lower_small_capitals(split_run_together(text, spelling, lexicon), spelling)
        return text

    def content(self, content: tuple[Inline, ...], lang: str,
                spelling: Spelling | None = None) -> tuple[Inline, ...]:
        lexicon = words(self.language.packs(lang)) if self.misreads else frozenset()
        spelling = spelling or self.spelling
        return tuple(Text(self.text(item.text, lexicon, spelling)) if isinstance(item, Text)
                     else item for item in content)

    def claims(self, claim_set: ClaimSet) -> ClaimSet:
        """The claims mended with the function words of their own language as well."""
        spelling = self.spelling.with_function_words_of(
            item.text for claim in claim_set.claims for item in claim.content
            if isinstance(item, Text))
        return ClaimSet(claim_set.lang, tuple(
            replace(c, content=self.content(c.content, claim_set.lang, spelling))
            for c in claim_set.claims))


def build_document(pages: Sequence[PageResult], profile: Profile) -> Document:
    """Read the structure of a publication from its OCR'd pages."""
    events = document_events(pages)
    sections = split_sections(pages, events, profile)
    by_number = {p.number: p for p in pages}
    vocabulary = vocabulary_of(e.text for e in events if isinstance(e, LineEvent))
    illustrations = _Illustrations()
    bibliographic = Bibliographic(country=profile.office)
    abstract: tuple[Paragraph, ...] = ()
    description: list[Event] = []
    claim_sets: list[ClaimSet] = []
    figures: list[Figure] = []
    search_report: list[Illustration] = []
    warnings: list[str] = []
    for section in sections:
        if section.name == "front":
            front = read_front_page(section.events, profile.office, profile.language.document,
                                    profile.front_page.title_languages,
                                    profile.front_page.date_order,
                                    profile.bookmarks.abstract, profile.numbering.figure)
            bibliographic, abstract = front.bibliographic, front.abstract
            for image in front.abstract_images:
                illustrations.add("imgaf001.tif", IllustrationKind.DRAWING, image)
        elif section.name == "description":
            description.extend(section.events)
        elif section.name == "claims":
            reference = profile.numbering.claim_reference.get(section.lang)
            claims = read_claims(section.events, profile.numbering.claim,
                                 reference, illustrations.in_text, vocabulary)
            if claims:
                claim_sets.append(ClaimSet(section.lang, claims))
            else:
                warnings.append(f"no numbered claims found in the {section.lang} claims "
                                f"starting on page {section.first_page}")
        elif section.name == "drawings":
            figures.extend(_figures(section, by_number, profile, illustrations,
                                    len(figures) + 1))
        elif section.name == "search-report":
            pages_of = sorted({section.first_page, *(e.page for e in section.events)})
            for page_number in pages_of:
                page = by_number[page_number]
                bitmap = page.page_bitmap()
                name = f"srep{len(search_report) + 1:04d}.tif"
                search_report.append(Illustration(
                    name, IllustrationKind.DRAWING, page_number,
                    Box(0, 0, page.layout.width, page.layout.height), bitmap))
    blocks = read_description(description, profile.numbering.paragraph,
                              illustrations.in_text, vocabulary)
    mender = _Mender(profile, [e.text for e in events if isinstance(e, LineEvent)])
    if mender:
        lang = profile.language.document
        blocks = tuple(replace(b, content=mender.content(b.content, lang))
                       if isinstance(b, Paragraph) else b for b in blocks)
        claim_sets = [mender.claims(s) for s in claim_sets]
    kinds = page_kinds(pages, sections)
    reports = tuple(
        PageReport(number=p.number, kind=kinds.get(p.number, PageKind.BLANK), skew=p.skew,
                   rotation=p.rotation, mean_confidence=p.text.mean_confidence, dpi=p.dpi,
                   warnings=p.warnings)
        for p in pages
    )
    bookmarks = bookmarks_of(sections, profile.language.document)
    if abstract:
        bookmarks.setdefault("abstract", 1)
    return Document(
        office=profile.office,
        lang=profile.language.document,
        bibliographic=bibliographic,
        abstract=abstract,
        description=blocks,
        claims=tuple(claim_sets),
        figures=tuple(figures),
        illustrations=tuple(illustrations.items),
        search_report_pages=tuple(search_report),
        bookmarks=dict(sorted(bookmarks.items(), key=lambda item: item[1])),
        pages=reports,
        warnings=tuple(warnings),
    )
