"""Sections and bookmarks: where the front page, description, claims (per language),
drawings and search report start, by the profile's headings and by what pages hold."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from ocr36.languages.scripts import fold_width, heading_size
from ocr36.model import PageKind, PageResult
from ocr36.profile import Profile
from ocr36.structure.body import is_heading
from ocr36.structure.numbering import FIRST_NUMBER_MAX, PARAGRAPH_STYLES, number_of
from ocr36.structure.stream import Event, ImageEvent, LineEvent
from ocr36.structure.unheaded import unheaded_claims

_INID = re.compile(r"^\s*\((1[1-9]|[2-9]\d)\)")
_MAX_HEADING_WORDS = 8


@dataclass(frozen=True)
class Section:
    name: str
    """front, description, claims, drawings or search-report."""
    lang: str
    """Language of the section (claims may be in several)."""
    first_page: int
    events: tuple[Event, ...]
    heading: str = ""
    """The heading line that opened the section (not part of its content)."""

    @property
    def bookmark(self) -> str:
        if self.name == "front":
            return "bibliographic-data"
        return self.name


def is_front_page(page: PageResult) -> bool:
    """A front page carries INID codes: (11), (21), (54) ..."""
    codes = {m.group(1) for line in page.text.lines
             if (m := _INID.match(fold_width(line.text)))}
    return len(codes) >= 3


_ABSTRACT_PAGE_LINES = 4
"""An abstract page prints its heading among its first lines (under a running head)."""


def is_abstract_page(page: PageResult, headings: Sequence[re.Pattern[str]]) -> bool:
    """A first page without INID codes that opens with the abstract's heading ("ABSTRACT"):
    the front page of a filing that prints no bibliographic data."""
    for line in page.text.lines[:_ABSTRACT_PAGE_LINES]:
        text = line.text.strip()
        if len(text.split()) <= 3 and any(p.search(text) for p in headings):
            return True
    return False


_COVER_MAX_WORDS = 150
"""A cover sheet prints a title and names, far fewer words than a page of text."""


def is_cover_sheet(page: PageResult, events: Sequence[Event], heading_at: int | None,
                   profile: Profile) -> bool:
    """A first page with no INID codes, no numbered paragraph, before the page whose heading
    opens the description: a cover sheet (read as the front page, nothing taken from it)."""
    if heading_at is None or events[heading_at].page <= page.number or \
            sum(len(line.words) for line in page.text.lines) >= _COVER_MAX_WORDS:
        return False
    return not any(profile.numbering.paragraph.match(line.text) for line in page.text.lines)


def is_drawing_page(page: PageResult) -> bool:
    """Mostly pictures, little running text."""
    area = page.layout.width * page.layout.height
    image_area = sum(r.box.width * r.box.height for r in page.layout.image_regions)
    words = sum(len(line.words) for line in page.text.lines)
    return image_area > area * 0.08 and words < 40


def _short(event: LineEvent) -> bool:
    """Short enough for a heading ('权利要求书' counts as 3 words)."""
    return len(event.line.words) <= _MAX_HEADING_WORDS or \
        heading_size(event.text) <= _MAX_HEADING_WORDS


def _claims_heading(text: str, profile: Profile) -> str | None:
    for lang, patterns in profile.bookmarks.claims.items():
        if _matches(text, patterns):
            return lang
    return None


_REGEX_SYNTAX = re.compile(r"\[\\s(?:\\u[0-9a-fA-F]{4})*\][*+?]?|\\[sbdwSBW][*+?]?|[\^$]|\(\?i\)")
_SPELLINGS = re.compile(r"\(([\w ]+)(?:\|[\w ]+)*\)(?![?*+{])")
"""A group of spellings ('Patentanspr(ü|ii|u)che', '(Yêu cầu|YÊU CẦU)'): the first is its own."""
_WORD = "(?:[^\\W\\d_]|[\u0300-\u036f\u064b-\u065f\u0670\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])+"
"""A word's letters, with the marks set on them (Arabic vowel signs, Thai vowels and tones)."""
_SLIP = 0.17
"""The edit distance, as a share of a heading's length, of a heading read with a slip."""
_UNMARKED = str.maketrans("đĐ", "dD")
_MARKS = re.compile("[\u0300-\u036f]+")


@functools.cache
def _literal(pattern: re.Pattern[str]) -> tuple[str, str] | None:
    """The plain words of a heading pattern such as '^Claims\\s*$', and the same without
    their diacritics (None when it has more)."""
    core = _SPELLINGS.sub(r"\1", pattern.pattern)
    core = " ".join(_REGEX_SYNTAX.sub(" ", core).split())
    if not core or not re.fullmatch(f"{_WORD}( {_WORD})*", core):
        return None
    return core.lower(), _without_marks(core.lower())


def _without_marks(text: str) -> str:
    """Latin and Cyrillic letters without their diacritics ('Yêu cầu bảo hộ' as 'Yeu cau bao
    ho'): the marks Tesseract misreads most in Vietnamese, stacked two on a letter. The
    marks of other scripts (Thai vowels, Arabic vowel signs) are letters and stay."""
    return _MARKS.sub("", unicodedata.normalize("NFD", text)).translate(_UNMARKED)


def _matches(text: str, patterns: Sequence[re.Pattern[str]]) -> bool:
    """A heading pattern matches the line (its full-width forms as ASCII too), or a
    plain-word heading is one OCR slip away, its diacritics aside."""
    folded = fold_width(text)
    if any(p.search(text) or p.search(folded) for p in patterns):
        return True
    stripped = " ".join(re.sub(r"^[\W_]+|[\W_]+$", "", text).lower().split())
    if len(stripped) < 5:
        return False
    bare = _without_marks(stripped)
    return any(Levenshtein.normalized_distance(stripped, literal, score_cutoff=_SLIP) <= _SLIP
               or Levenshtein.normalized_distance(bare, bare_literal, score_cutoff=_SLIP) <= _SLIP
               for literal, bare_literal in filter(None, map(_literal, patterns)))


def _description_after_claims(name: str, profile: Profile) -> bool:
    """A description heading that follows the claims opens the description where the
    profile's sections come claims first."""
    return name == "claims" and profile.bookmarks.claims_first


def _description_heading(events: Sequence[Event], profile: Profile) -> int | None:
    """Where the description's heading stands, if one comes before any claims heading."""
    for index, event in enumerate(events):
        if isinstance(event, LineEvent) and _short(event):
            text = event.text.strip()
            if _claims_heading(text, profile):
                return None
            if _matches(text, profile.bookmarks.description):
                return index
    return None


def _front_pages(pages: Sequence[PageResult], events: Sequence[Event], heading_at: int | None,
                 profile: Profile) -> set[int]:
    """The first page when it is a front page, an abstract page or a cover sheet."""
    return {pages[0].number} if pages and (
        is_front_page(pages[0]) or is_abstract_page(pages[0], profile.bookmarks.abstract)
        or is_cover_sheet(pages[0], events, heading_at, profile)
    ) else set()


def _claims_without_heading(events: Sequence[Event], heading_at: int | None,
                            skip_pages: set[int], profile: Profile) -> int | None:
    """Where claims printed without a heading start (when no claims heading is read and the
    profile lets them be found so): an index into `events`."""
    bookmarks = profile.bookmarks
    if not bookmarks.claims_without_heading or bookmarks.claims_first or any(
            isinstance(e, LineEvent) and _short(e) and _claims_heading(e.text.strip(), profile)
            for e in events):
        return None
    run = unheaded_claims(events, heading_at or 0, skip_pages, profile)
    return run.start if run else None


_CENTRED_SHARE = 0.04
"""A centred line's middle is this near the middle of its page's text (share of its width)."""
_TITLE_MAX_WORDS = 20


def centred(event: LineEvent, page: PageResult, wide: bool = False) -> bool:
    """A line set in the middle of the page's text, narrower than it (a title); `wide`: or
    as wide as a title's first lines, indented on both sides."""
    if not page.text.lines:
        return False
    left = min(line.box.left for line in page.text.lines)
    right = max(line.box.right for line in page.text.lines)
    box, width = event.line.box, max(right - left, 1)
    middle = box.left + box.width / 2
    if wide:
        return abs(middle - (left + right) / 2) < width * _CENTRED_SHARE and \
            min(box.left - left, right - box.right) > width * _WIDE_INDENT
    return abs(middle - (left + right) / 2) < width * _CENTRED_SHARE and \
        box.width < width * 0.9 and box.left > left + width * 0.03


_WIDE_INDENT = 0.01
"""A title's full first line is indented on both sides by this share of the text width."""


def is_title_line(event: LineEvent, page: PageResult, wide: bool = False) -> bool:
    """A title printed over the text: centred, a few words, no final full stop; `wide`: a
    first line of a title, as wide as the text nearly."""
    text = event.text.strip()
    return centred(event, page, wide) and 0 < len(text.split()) <= _TITLE_MAX_WORDS and \
        not text.endswith(".") and sum(c.isalpha() for c in text) >= 3


def _title_lines(events: Sequence[Event], pages: Mapping[int, PageResult]) -> list[bool]:
    """Which events are lines of a title: centred, or as wide as the text and followed on
    their page by a title line (the first lines of a title that takes more than one)."""
    found = [isinstance(e, LineEvent) and is_title_line(e, pages[e.page]) for e in events]
    for index in range(len(events) - 2, -1, -1):
        event, after = events[index], events[index + 1]
        if not found[index] and found[index + 1] and isinstance(event, LineEvent) and \
                event.page == after.page and is_title_line(event, pages[event.page], True):
            found[index] = True
    return found


_TITLE_MAX_LINES = 3


def title_over(events: Sequence[Event], pages: Mapping[int, PageResult],
               profile: Profile) -> tuple[str, list[Event]]:
    """The title printed over the text where the description opens (centred lines before
    its first heading or paragraph, a filing's title), and the events without it."""
    taken: list[LineEvent] = []
    titles = _title_lines(events[:_TITLE_MAX_LINES + 1], pages)
    for event, title in zip(events, titles, strict=False):
        if not isinstance(event, LineEvent) or len(taken) == _TITLE_MAX_LINES or \
                (taken and event.page != taken[0].page) or not title or \
                _matches(event.text.strip(), profile.bookmarks.description):
            break
        taken.append(event)
    rest = list(events[len(taken):])
    if not taken or not any(isinstance(e, LineEvent) and e.page == taken[0].page for e in rest):
        return "", list(events)
    return " ".join(" ".join(e.text.split()) for e in taken), rest


def _opens_paragraph(text: str, profile: Profile) -> bool:
    """A line that opens one of the first numbered paragraphs, in any style."""
    for pattern in (profile.numbering.paragraph, *(s.compiled for s in PARAGRAPH_STYLES)):
        match = pattern.match(text)
        number = number_of(match) if match else None
        if number is not None and 1 <= number <= FIRST_NUMBER_MAX:
            return True
    return False


def _description_opening(pages: Sequence[PageResult], events: Sequence[Event],
                         heading_at: int | None, profile: Profile) -> int | None:
    """Where the description opens after a front page without INID codes (an abstract page,
    a cover sheet): at its heading, or before it where the page after the front page opens
    with a title, another heading or a numbered paragraph ("CROSS-REFERENCE ...", "[001]").
    None: on the page after the front page."""
    if heading_at is None:
        return None
    first = pages[0].number
    by_number = {page.number: page for page in pages}
    opening_page = None
    for index, event in enumerate(events[:heading_at]):
        if event.page == first or not isinstance(event, LineEvent):
            continue
        opening_page = opening_page or event.page
        if event.page != opening_page:
            break
        text = event.text.strip()
        if is_heading(event, profile.numbering.paragraph) or _opens_paragraph(text, profile) \
                or is_title_line(event, by_number[event.page]):
            return index
    return heading_at + 1


@dataclass(frozen=True)
class _Cuts:
    """What is known before the stream is cut: the kinds of pages, and where the description
    and the claims open when no heading does."""

    front_pages: set[int]
    drawing_pages: set[int]
    opening: int | None
    """The first event of the description after the front page (None: the next page's)."""
    claims_at: int | None
    """The first event of claims printed without a heading."""


def _cuts(pages: Sequence[PageResult], events: Sequence[Event], profile: Profile) -> _Cuts:
    heading_at = _description_heading(events, profile)
    front_pages = _front_pages(pages, events, heading_at, profile)
    drawing_pages = {p.number for p in pages if is_drawing_page(p) and p.number not in front_pages}
    opening = heading_at + 1 if heading_at is not None else None
    if front_pages and not is_front_page(pages[0]):
        opening = _description_opening(pages, events, heading_at, profile)
    return _Cuts(front_pages, drawing_pages, opening,
                 _claims_without_heading(events, heading_at, front_pages | drawing_pages, profile))


def split_sections(pages: Sequence[PageResult], events: Sequence[Event],
                   profile: Profile) -> list[Section]:
    """Cut the event stream where each section's heading (or kind of page) begins."""
    cuts = _cuts(pages, events, profile)
    front_pages, drawing_pages = cuts.front_pages, cuts.drawing_pages
    document_lang = profile.language.document
    sections: list[Section] = []
    name, lang, first, heading = ("front" if front_pages else "description"), document_lang, 1, ""
    current: list[Event] = []
    seen_claims: set[str] = set()

    def start(new_name: str, new_lang: str, page: int, new_heading: str) -> None:
        nonlocal name, lang, first, heading, current
        # where the claims come first, lines before their heading with none of their own
        # (a running header) are no description: they go before claim 1, which drops them
        carried = current if new_name == "claims" and name == "description" and \
            not heading and not seen_claims and profile.bookmarks.claims_first else []
        if (current or heading) and not carried:
            sections.append(Section(name, lang, first, tuple(current), heading))
        name, lang, first, heading, current = new_name, new_lang, page, new_heading, carried
        if new_name == "claims":
            seen_claims.add(new_lang)

    for index, event in enumerate(events):
        page = event.page
        if index == cuts.claims_at:
            start("claims", document_lang, page, "")
        elif isinstance(event, LineEvent) and _short(event):
            text = event.text.strip()
            claims_lang = _claims_heading(text, profile)
            if claims_lang and claims_lang not in seen_claims:
                start("claims", claims_lang, page, text)
                continue
            if _matches(text, profile.bookmarks.description) and \
                    (not seen_claims or _description_after_claims(name, profile)):
                if name == "front" and page not in front_pages:
                    start("description", document_lang, page, text)
                    continue
                if name == "claims":  # the office prints the claims first (CN, JP)
                    start("description", document_lang, page, text)
                    continue
                if name == "description" and not current and not heading:
                    heading = text
                    continue
            if _matches(text, profile.bookmarks.search_report) and name != "search-report":
                start("search-report", lang, page, text)
                continue
        if page in drawing_pages and seen_claims and name not in ("drawings", "search-report"):
            start("drawings", lang, page, "")
        elif name == "front" and page not in front_pages and \
                (cuts.opening is None or index >= cuts.opening):
            # no heading opens the description: it starts on the page after the front page
            # (where one does, what comes before it, such as the rest of the abstract, is
            # still the front page's)
            start("description", document_lang, page, "")
        current.append(event)
    start("", "", 0, "")
    return sections


def bookmarks_of(sections: Sequence[Section], document_lang: str) -> dict[str, int]:
    """Section -> first page; claims in further languages as claims:<lang>."""
    marks: dict[str, int] = {}
    claim_langs: list[str] = []
    for section in sections:
        key = section.bookmark
        if section.name == "claims":
            claim_langs.append(section.lang)
            if len(claim_langs) > 1 or section.lang != document_lang:
                key = f"claims:{section.lang}"
        marks.setdefault(key, section.first_page)
    return marks


def page_kinds(pages: Sequence[PageResult], sections: Sequence[Section]) -> dict[int, PageKind]:
    kinds: dict[int, PageKind] = {}
    by_name = {"front": PageKind.FRONT, "description": PageKind.DESCRIPTION,
               "claims": PageKind.CLAIMS, "drawings": PageKind.DRAWINGS,
               "search-report": PageKind.SEARCH_REPORT}
    for section in sections:
        for event in section.events:
            kinds.setdefault(event.page, by_name[section.name])
        kinds.setdefault(section.first_page, by_name[section.name])
    for page in pages:
        if not page.text.lines and not any(True for _ in page.layout.image_regions):
            kinds[page.number] = PageKind.BLANK
        kinds.setdefault(page.number, PageKind.BLANK)
    return kinds


def images_only(events: Sequence[Event]) -> list[ImageEvent]:
    return [e for e in events if isinstance(e, ImageEvent)]
