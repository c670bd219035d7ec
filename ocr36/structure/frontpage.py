"""Front page: INID-coded fields into ST.36 bibliographic data, and the abstract (57)."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ocr36.languages.evidence import candidates
from ocr36.languages.scripts import ascii_codes
from ocr36.model import Bibliographic, Box, ImageRef, PageBox, Paragraph, Party, Title
from ocr36.profile import Profile
from ocr36.structure.continued import (
    Continued,
    figure_labels,
    parted_lines,
    title_over_codes,
    title_over_description,
)
from ocr36.structure.fields import (
    large_print_number,
    parse_application_number,
    parse_date,
    parse_ipc,
    parse_kind,
    parse_priorities,
    parse_publication_number,
)
from ocr36.structure.frontcolumns import read_by_column, to_own_column
from ocr36.structure.offices import date_order, kind_of_words, misread_code
from ocr36.structure.parties import after_label, parse_parties
from ocr36.structure.stream import Event, ImageEvent, LineEvent
from ocr36.structure.text import InlineBuilder, normalise
from ocr36.structure.titles import split_titles, title_languages

_CODE = re.compile(r"\((1[0-9]|[2-9][0-9]|\*)\)")
"""An INID code; '(*)' opens the USPTO's notice of a term extended or disclaimed."""
_OCR_CODE_SLIPS = re.compile(r"^\s*[a(\[{]1\)(?=\s*[A-Z]{2}\s*[0-9OIl])")
"""The small '(11)' before a large publication number is often read as 'a1)' (not a '(1)'
in the text)."""

__all__ = ["gather_abstract", "inid_fields", "large_print_number", "parse_date", "parse_ipc",
           "parse_kind", "parse_parties", "parse_priorities", "parse_publication_number",
           "read_front_page", "split_columns"]


@dataclass
class _Field:
    code: str
    lines: list[LineEvent] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    images: list[ImageEvent] = field(default_factory=list)

    @property
    def text(self) -> str:
        return normalise(" ".join(self.texts))

    def continuation(self) -> list[tuple[LineEvent, str]]:
        """The lines after the one that holds the code, with their texts."""
        offset = len(self.lines) - len(self.texts)  # 1 when nothing followed the code
        return [(line, self.texts[index - offset]) for index, line in enumerate(self.lines)
                if index >= 1 and index - offset >= 0]

    def drop(self, lines: Sequence[LineEvent]) -> None:
        """The field without these lines (after the one that holds the code)."""
        pairs = self.continuation()
        head = self.texts[:len(self.texts) - len(pairs)]
        kept = [(line, text) for line, text in pairs if not any(line is d for d in lines)]
        self.lines[1:] = [line for line, _ in kept]
        self.texts[:] = head + [text for _, text in kept]


def inid_fields(events: Sequence[Event],
                abstract_headings: Sequence[re.Pattern[str]] = ()) -> list[_Field]:
    """The front page cut at each INID code, in reading order.

    A front page that prints "ABSTRACT" without its code (57) starts the abstract there too.
    """
    fields: list[_Field] = [_Field("")]
    for event in events:
        if isinstance(event, ImageEvent):
            fields[-1].images.append(event)
            continue
        text = _OCR_CODE_SLIPS.sub("(11)", ascii_codes(event.text))
        if not _CODE.search(text) and len(text.split()) <= 3 and \
                any(p.search(text.strip()) for p in abstract_headings) and \
                not any(f.code == "57" for f in fields):
            fields.append(_Field("57", [event], [text.strip()]))
            continue
        seen = {item.code for item in fields if item.lines and item.lines[0].page == event.page}
        pieces = _code_pieces(event, text, seen)
        if pieces[0][1].strip():
            fields[-1].lines.append(event)
            fields[-1].texts.append(pieces[0][1].strip())
        for code, after in pieces[1:]:
            fields.append(_Field(code, [event], [after.strip()] if after.strip() else []))
    printed = {item.code for item in fields}
    for item in fields:
        item.code = misread_code(item.code, printed)
        printed.add(item.code)
    return fields


_SIGN_STOPS = ".,;"
"""Marks that follow a reference sign in a sentence ('(31).'), never an INID code."""


def _code_pieces(event: LineEvent, text: str, seen: set[str]) -> list[tuple[str, str]]:
    """The line cut at its INID codes: ('', text before any code), then (code, text after).
    A number printed in brackets in the text ('housing (12) reduced') is no code: a code
    inside the line is one only after a gutter-wide gap (a line read across two columns),
    none is printed twice on a page (`seen`), and none after the abstract's is followed by
    a small letter or a stop or comma ('(31). A shaft': a reference sign of its text)."""
    parts = _CODE.split(text)
    pieces = [("", parts[0])]
    for code, after in zip(parts[1::2], parts[2::2], strict=True):
        if (pieces[-1][1].strip() and not _after_gutter(event, f"({code})")) or \
                code in seen or ("57" in seen and (after.lstrip()[:1].islower() or
                                                   after[:1] in _SIGN_STOPS)):
            pieces[-1] = (pieces[-1][0], f"{pieces[-1][1]}({code}){after}")
        else:
            pieces.append((code, after))
    return pieces


def _after_gutter(event: LineEvent, code: str) -> bool:
    """The word that opens with `code` stands after a gap a column's gutter wide."""
    words = event.line.words
    reach = _GUTTER_LINES * event.line.box.height
    return any(ascii_codes(word.text).startswith(code) and
               word.box.left - before.box.right >= reach
               for before, word in itertools.pairwise(words))


def _crosses(event: Event, box: Box) -> bool:
    """The line or image stands across the width of `box`."""
    other = event.line.box if isinstance(event, LineEvent) else event.box
    return other.left < box.right and other.right > box.left


def _cut_off(item: Event, field: _Field, others: Sequence[Event]) -> bool:
    """Something printed across the item's column stands between it and its field's code:
    the item is not that field's (the two-column abstract under a full-width title)."""
    code = field.lines[0].line.box
    box = item.line.box if isinstance(item, LineEvent) else item.box
    return any(_crosses(other, box) and code.bottom <= _top(other) < box.top
               for other in others)


def _top(event: Event) -> int:
    return event.line.box.top if isinstance(event, LineEvent) else event.box.top


def gather_abstract(fields: list[_Field]) -> None:
    """The abstract (57) read across both columns, past its figure and onto the next page:
    lines and images that reading order gave to a field of the other column, but that stand
    below the abstract's code and are parted from their field's code by print across their
    column (the title), are the abstract's; and so is what follows a field on a later page
    than its code (the abstract going on at the top of page 2, with no code or heading)."""
    abstract = next((f for f in fields if f.code == "57" and f.lines), None)
    if abstract is None:
        return
    start = abstract.lines[0]
    after = fields[fields.index(abstract) + 1:]
    for item in after:
        if not item.code or not item.lines or item.lines[0].page != start.page:
            continue
        barriers = [line for f in fields if f.code and f is not item for line in f.lines]
        _give(item, abstract, functools.partial(_moved, start=start, owner=item,
                                                barriers=barriers))
    for item in after:
        if item.code and item.lines:
            _give(item, abstract, functools.partial(_later, page=item.lines[0].page))


def _later(event: Event, page: int) -> bool:
    return event.page > page


def _give(item: _Field, abstract: _Field, moved: Callable[[Event], bool]) -> None:
    """The lines (after its code's) and images of `item` that are `moved`, to the abstract."""
    pairs = item.continuation()
    kept = [(line, text) for line, text in pairs if not moved(line)]
    for line, text in pairs:
        if (line, text) not in kept:
            abstract.lines.append(line)
            abstract.texts.append(text)
    head = item.texts[:len(item.texts) - len(pairs)]
    item.lines[1:] = [line for line, _ in kept]
    item.texts[:] = head + [text for _, text in kept]
    for image in list(item.images):
        if moved(image):
            item.images.remove(image)
            abstract.images.append(image)


_GUTTER_LINES = 1.5
"""A gap between two words this many line heights wide, shared by the lines of the abstract
at one place, is the gutter between its two columns."""


def split_columns(field: _Field) -> None:
    """The abstract's lines read across both of its columns at once (the layout found no
    gutter in so few lines): cut at the gap the lines share, the left column first."""
    rows = [line for line in field.lines if line.line.words]
    gutters = [gap for line in rows if (gap := _widest_gap(line)) is not None]
    if len(gutters) < 3 or len(gutters) * 2 < len(rows):
        return
    middle = sorted(gutters)[len(gutters) // 2]
    reach = _GUTTER_LINES * sorted(line.line.box.height for line in rows)[len(rows) // 2]
    if sum(abs(gap - middle) <= reach for gap in gutters) * 2 < len(rows):
        return
    left: list[str] = []
    right: list[str] = []
    for line in rows:
        words, gap = line.line.words, _widest_gap(line)
        if gap is None or abs(gap - middle) > reach:  # a line of one column, or across both
            (left if line.line.box.center_x < middle else right).append(line.text)
            continue
        left.append(" ".join(w.text for w in words if w.box.center_x < middle))
        right.append(" ".join(w.text for w in words if w.box.center_x >= middle))
    if left:
        left[0] = _CODE.sub("", left[0], count=1).strip()
    field.texts[:] = [text for text in left + right if text]


def _widest_gap(line: LineEvent) -> float | None:
    """The middle of the widest gap between the words of a line, when it is gutter-wide."""
    words = sorted(line.line.words, key=lambda w: w.box.left)
    gaps = [(b.box.left - a.box.right, (a.box.right + b.box.left) / 2)
            for a, b in itertools.pairwise(words)]
    if not gaps:
        return None
    width, at = max(gaps)
    return at if width >= _GUTTER_LINES * line.line.box.height else None


def _moved(event: Event, start: LineEvent, owner: _Field, barriers: Sequence[Event]) -> bool:
    level = start.line.box.top - start.line.box.height // 2  # the other column's first line
    return event.page == start.page and _top(event) >= level and \
        _cut_off(event, owner, barriers)


@dataclass(frozen=True)
class FrontPage:
    bibliographic: Bibliographic
    abstract: tuple[Paragraph, ...]
    abstract_images: tuple[ImageEvent, ...]
    sources: Mapping[str, str] = field(default_factory=dict)
    """Fields read elsewhere than from their code (the title printed over the description:
    'description')."""
    description: tuple[Event, ...] = ()
    """The description's first lines, that the front section ran on into."""


def abstract_lines(texts: Sequence[str], headings: Sequence[re.Pattern[str]],
                   figure: re.Pattern[str]) -> list[str]:
    """The abstract's own lines: without its heading, figure labels (or a label's word read
    apart from its number, "FIG." over "1") and stray numerals."""
    lines = after_label(list(texts))
    if lines and any(p.search(lines[0]) for p in headings) and len(lines[0].split()) <= 3:
        lines = lines[1:]
    return [line for line in lines
            if re.search(r"[^\W\d_]{2}", line) and not figure.fullmatch(line.strip())
            and not figure.fullmatch(f"{line.strip()} 1")]


def _text(by_code: dict[str, _Field], code: str) -> str:
    return by_code[code].text if code in by_code else ""


def publication_number(by_code: dict[str, _Field],
                       events: Sequence[Event]) -> tuple[str, str, str]:
    """Office code, number and kind: by (11) (or (10), as WIPO and the USPTO print it), else
    the large print at the top; the kind by (13), and its letter by the words of (12)."""
    country = number = kind = ""
    for code in ("11", "10"):
        if not number:
            country, number, kind = parse_publication_number(_text(by_code, code))
    if not number and events:
        country, number, kind = large_print_number(events)
    kind = kind or parse_kind(_text(by_code, "13"))
    if not kind:
        kind = kind_of_words(_text(by_code, "12")) or kind_of_words(_text(by_code, "13"))
    return country, number, kind


def front_fields(events: Sequence[Event], profile: Profile
                 ) -> tuple[list[Event], list[_Field], dict[str, _Field], Continued]:
    """The front page's events in reading order, its fields, the first of each code, and
    the title printed over the description."""
    events, headings = read_by_column(events), profile.bookmarks.abstract
    fields = inid_fields(events, headings)
    printed_title = next((item.text for item in fields if item.code == "54"), "")
    continued = title_over_description(events, printed_title)
    if len(continued.front) < len(events):
        fields = inid_fields(continued.front, headings)
    gather_abstract(fields)
    to_own_column(fields)
    for item in fields:
        if item.code == "57":
            item.drop(figure_labels(item.lines, item.images))
            split_columns(item)
        elif item.code:
            item.drop(parted_lines(item.lines))
    by_code: dict[str, _Field] = {}
    for item in fields:
        by_code.setdefault(item.code, item)
    return events, fields, by_code, continued


def read_front_page(events: Sequence[Event], profile: Profile,
                    abstract_file: str = "imgaf001.tif", text_lang: str = "") -> FrontPage:
    """The bibliographic data and the abstract, read as the profile's office prints them;
    a title that its words do not tell the language of is in `text_lang`, the language of
    the document's text (by default the profile's)."""
    office, document_lang = profile.office, text_lang or profile.language.document
    title_langs = profile.front_page.title_languages
    abstract_headings, figure = profile.bookmarks.abstract, profile.numbering.figure
    events, fields, by_code, continued = front_fields(events, profile)
    over_description = continued.title

    def text(code: str) -> str:
        return _text(by_code, code)

    country, number, kind = publication_number(by_code, events)
    order = date_order(country, profile)
    publication = parse_date(text("45"), order) or parse_date(text("43"), order)
    applicants = parse_parties(by_code["71"].texts) if "71" in by_code else ()
    proprietors = parse_parties(by_code["73"].texts) if "73" in by_code else ()
    titles = _titles(by_code, fields, over_description, document_lang, title_langs)
    bibliographic = Bibliographic(
        country=country or office,
        doc_number=number,
        kind=kind,
        publication_date=publication,
        application_number=parse_application_number(text("21")),
        filing_date=parse_date(text("22"), order),
        priorities=parse_priorities(text("30"), order),
        ipc=parse_ipc(text("51")),
        titles=titles,
        applicants=applicants or proprietors,
        inventors=_inventors(by_code),
        assignees=proprietors if applicants else (),
        agents=parse_parties(by_code["74"].texts)[:1] if "74" in by_code else (),
    )
    return FrontPage(bibliographic, *_abstract(by_code.get("57"), abstract_headings, figure,
                                               abstract_file),
                     sources={"titles": "description"} if titles and over_description and
                     "54" not in by_code else {}, description=tuple(continued.description))


def _titles(by_code: dict[str, _Field], fields: Sequence[_Field],
            over_description: Sequence[LineEvent], document_lang: str,
            title_langs: Sequence[str]) -> tuple[Title, ...]:
    """The titles by (54); else the title printed over the description, or in capitals
    above the INID codes of the first page (not above an abstract's heading alone: a page
    with no codes may open with any heading)."""
    titles = split_titles(by_code["54"].lines, by_code["54"].texts, document_lang,
                          title_langs) if "54" in by_code else ()
    if titles or ("54" in by_code and not over_description):
        return titles
    head = fields[0].lines if fields else []
    coded = any(item.code not in ("", "57") and item.lines and
                item.lines[0].page == head[0].page for item in fields[1:]) if head else False
    printed = over_description or (title_over_codes(head) if coded else [])
    if not printed:
        return ()
    text = normalise(" ".join(e.text for e in printed))
    return (Title(title_languages([text], [document_lang],
                                  candidates(document_lang, title_langs))[0], text),)


def _inventors(by_code: dict[str, _Field]) -> tuple[Party, ...]:
    """(72) inventors; (75) inventor and applicant, (76) inventor, applicant and owner, as
    the USPTO prints them."""
    return next((parse_parties(by_code[code].texts) for code in ("72", "75", "76")
                 if code in by_code), ())


def _abstract(field: _Field | None, headings: Sequence[re.Pattern[str]],
              figure: re.Pattern[str],
              abstract_file: str) -> tuple[tuple[Paragraph, ...], tuple[ImageEvent, ...]]:
    if field is None:
        return (), ()
    builder = InlineBuilder()
    for line in abstract_lines(field.texts, headings, figure):
        builder.add_line(line)
    images = tuple(field.images)
    for _ in images[:1]:
        builder.add(ImageRef(abstract_file))
    content = builder.build()
    if not content:
        return (), images[:1]
    return (Paragraph(num="0001", content=content, boxes=tuple(
        PageBox(e.page, e.line.box) for e in field.lines)),), images[:1]
