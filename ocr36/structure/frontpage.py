"""Front page: INID-coded fields into ST.36 bibliographic data, and the abstract (57)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ocr36.languages.scripts import ascii_codes, ascii_digits
from ocr36.model import Bibliographic, Box, ImageRef, PageBox, Paragraph, Party, Priority, Title
from ocr36.profile import Profile
from ocr36.structure.stream import Event, ImageEvent, LineEvent
from ocr36.structure.text import InlineBuilder, normalise

_CODE = re.compile(r"\((1[0-9]|[2-9][0-9])\)")
_OCR_CODE_SLIPS = re.compile(r"(?<![\w(])[a(\[{]1\)")
"""The small '(11)' before a large publication number is often read as 'a1)'."""
_BULLET = re.compile(r"^\s*[•●*¢·«»\-–=+®©]\s*")
_COUNTRY_AT_END = re.compile(r"\(([A-Z]{2})\)\s*$")
_NUMERIC_DATE = re.compile(r"(\d{1,4})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{2,4})")
_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_NAMED_DATE = re.compile(r"\b([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})")
_DIGIT_LIKE = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "S": "5",
                             "G": "6", "B": "8", "Z": "2", "T": "1", " ": ""})
_LETTER_LIKE = str.maketrans({"0": "O", "1": "I", "5": "S", "6": "G", "8": "B", "2": "Z"})
_EDITION = re.compile(r"\(?\s*(?:19|20)\d{2}\s*[.,]\s*\d{2}\s*\)?")
"""The IPC edition printed after a symbol, often in superscript: "(2006.01)", which OCR may
read glued to the subgroup ("401/122006.01)")."""
_KIND = re.compile(r"\b([A-Z][0-9]?)\b")
_LARGE_PRINT = 1.6
"""The publication number printed large (beside a bar code) stands at least this many times
the height of the front page's ordinary lines."""
_IPC = re.compile(r"\b([A-H])\s?([0-9OoIlSGBZT]\s?[0-9OoIlSGBZT])\s?([A-Z0-9])\s*"
                  r"([0-9OoIlSB]{1,4})\s*/\s*([0-9OoIlSB]{2,6})\b")


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
        pieces = _CODE.split(text)
        # pieces: [before, code, after, code, after ...]
        if pieces[0].strip():
            fields[-1].lines.append(event)
            fields[-1].texts.append(pieces[0].strip())
        for code, after in zip(pieces[1::2], pieces[2::2], strict=True):
            fields.append(_Field(code, [event], [after.strip()] if after.strip() else []))
    return fields


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
    """The abstract (57) read across both columns and past its figure: lines and images
    that reading order gave to a field of the other column, but that stand below the
    abstract's code and are parted from their field's code by print across their column
    (the title), are the abstract's."""
    abstract = next((f for f in fields if f.code == "57" and f.lines), None)
    if abstract is None:
        return
    start = abstract.lines[0]
    after = fields[fields.index(abstract) + 1:]
    for item in after:
        if not item.code or not item.lines or item.lines[0].page != start.page:
            continue
        barriers = [line for f in fields if f.code and f is not item for line in f.lines]
        pairs = item.continuation()
        kept = [(line, text) for line, text in pairs
                if not _moved(line, start, item, barriers)]
        for line, text in pairs:
            if (line, text) not in kept:
                abstract.lines.append(line)
                abstract.texts.append(text)
        head = item.texts[:len(item.texts) - len(pairs)]
        item.lines[1:] = [line for line, _ in kept]
        item.texts[:] = head + [text for _, text in kept]
        for image in list(item.images):
            if _moved(image, start, item, barriers):
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


def parse_date(text: str, order: str) -> str:
    """The first date in a printed form (07.06.2006, Jun. 7, 2006) as YYYYMMDD, or ''."""
    named = _NAMED_DATE.search(text)
    numeric = _NUMERIC_DATE.search(text)
    if numeric and (not named or numeric.start() < named.start()):
        a, b, c = numeric.groups()
        if len(a) == 4:
            year, month, day = a, b, c
        elif order == "mdy":
            month, day, year = a, b, c
        else:
            day, month, year = a, b, c
        if len(year) == 2:
            year = ("20" if int(year) < 50 else "19") + year
        if 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
            return f"{int(year):04d}{int(month):02d}{int(day):02d}"
    if named and named.group(1).lower() in _MONTHS:
        month_number = _MONTHS[named.group(1).lower()]
        return f"{int(named.group(3)):04d}{month_number:02d}{int(named.group(2)):02d}"
    return ""


def parse_publication_number(text: str) -> tuple[str, str, str]:
    """(11) 'EP 1 599 469 B1' -> ('EP', '1599469', 'B1'); digits of any script read."""
    text = ascii_digits(text)
    match = re.search(r"\b([A-Z]{2})\s*([0-9OIl][0-9OIl\s/,.]*[0-9OIl])\s*([A-Z][0-9]?)\b", text)
    if not match:
        return "", "", ""
    number = re.sub(r"[^0-9]", "", match.group(2).translate(_DIGIT_LIKE))
    return match.group(1), number, match.group(3)


def large_print_number(events: Sequence[Event]) -> tuple[str, str, str]:
    """The publication number printed large at the top of the front page ("EP 1 599 469 A1"
    beside the bar code), read where its code (11) did not lead to it; the tallest lines of
    the first page first."""
    lines = [e for e in events if isinstance(e, LineEvent) and e.page == events[0].page]
    if not lines:
        return "", "", ""
    heights = sorted(e.line.box.height for e in lines)
    ordinary = heights[len(heights) // 2]
    large = [e for e in lines if e.line.box.height >= ordinary * _LARGE_PRINT]
    for event in sorted(large, key=lambda e: -e.line.box.height):
        found = parse_publication_number(event.text)
        if found[1]:
            return found
    return "", "", ""


def parse_kind(text: str) -> str:
    """(13) 'A1' -> 'A1'."""
    match = _KIND.search(text)
    return match.group(1) if match else ""


def parse_application_number(text: str) -> str:
    value = text.split(":", 1)[1] if ":" in text else text
    match = re.search(r"[0-9][0-9 ./,-]*[0-9]", value)
    return re.sub(r"\s", "", match.group(0)) if match else ""


def parse_ipc(text: str) -> tuple[str, ...]:
    """Every IPC symbol, with OCR's letter/digit confusions mended (C07D 403/04)."""
    symbols = []
    for section, cls, subclass, group, subgroup in _IPC.findall(_EDITION.sub(" ", text)):
        subclass_letter = subclass.translate(_LETTER_LIKE)
        if not subclass_letter.isalpha():
            continue
        symbol = (f"{section}{cls.translate(_DIGIT_LIKE)}{subclass_letter} "
                  f"{group.translate(_DIGIT_LIKE)}/{subgroup.translate(_DIGIT_LIKE)}")
        if symbol not in symbols:
            symbols.append(symbol)
    return tuple(symbols)


def parse_priorities(text: str, order: str) -> tuple[Priority, ...]:
    priorities = []
    for match in re.finditer(r"(\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{4})\s+\(?([A-Z]{2})\)?\s+"
                             r"([0-9A-Z][0-9A-Z ,./-]*?[0-9A-Z])(?=\s+\d{1,2}[./-]|\s*$)", text):
        priorities.append(Priority(country=match.group(2),
                                   doc_number=match.group(3).strip(),
                                   date=parse_date(match.group(1), order)))
    return tuple(priorities)


def _after_label(lines: list[str]) -> list[str]:
    """Drop a printed label ('Proprietors:', 'Representative:') before the value."""
    if lines and ":" in lines[0]:
        rest = lines[0].split(":", 1)[1].strip()
        return [rest, *lines[1:]] if rest else list(lines[1:])
    return list(lines)


def parse_parties(lines: list[str]) -> tuple[Party, ...]:
    """Names each followed by an address; a bullet or '(XX)' at a line end closes a party."""
    values = _after_label(lines)
    bulleted = sum(1 for line in values if _BULLET.match(line)) >= 1
    entries: list[list[str]] = []
    for line in values:
        starts_new = bool(_BULLET.match(line)) if bulleted else (
            not entries or bool(_COUNTRY_AT_END.search(entries[-1][-1])))
        cleaned = _BULLET.sub("", line).strip() if bulleted else line.strip()
        if not cleaned:
            continue
        if starts_new or not entries:
            entries.append([cleaned])
        else:
            entries[-1].append(cleaned)
    return tuple(_party(entry) for entry in entries)


def _party(entry: list[str]) -> Party:
    name_lines = [entry[0]]
    rest = entry[1:]
    while rest and re.fullmatch(r"(?i)et\s*al\.?", rest[0].strip()):
        rest = rest[1:]  # "et al" (and others) is not part of the name
    address = ", ".join(rest)
    country = ""
    found = _COUNTRY_AT_END.search(address) or _COUNTRY_AT_END.search(entry[0])
    if found:
        country = found.group(1)
        address = _COUNTRY_AT_END.sub("", address).strip().rstrip(",")
    name = re.sub(r"(?i)\s+et\s*al\.?$", "", " ".join(name_lines))
    return Party(name=normalise(name), address=normalise(address),
                 country=country)


def split_titles(title: _Field, document_lang: str,
                 other_langs: Sequence[str]) -> tuple[Title, ...]:
    """Titles printed one under another, in the document language first, cut at wider gaps."""
    groups: list[list[str]] = []
    for event, text in zip(title.lines, title.texts, strict=False):
        height = max(event.line.box.height, 1)
        if not groups or (groups and event.gap_above > height * 0.55 and len(other_langs) > 0):
            groups.append([text])
        else:
            groups[-1].append(text)
    langs = [document_lang, *[lang for lang in other_langs if lang != document_lang]]
    return tuple(Title(lang, normalise(" ".join(group)))
                 for lang, group in zip(langs, groups, strict=False) if group)


@dataclass(frozen=True)
class FrontPage:
    bibliographic: Bibliographic
    abstract: tuple[Paragraph, ...]
    abstract_images: tuple[ImageEvent, ...]


def abstract_lines(texts: Sequence[str], headings: Sequence[re.Pattern[str]],
                   figure: re.Pattern[str]) -> list[str]:
    """The abstract's own lines: without its heading, figure labels and stray numerals."""
    lines = _after_label(list(texts))
    if lines and any(p.search(lines[0]) for p in headings) and len(lines[0].split()) <= 3:
        lines = lines[1:]
    return [line for line in lines
            if re.search(r"[^\W\d_]{2}", line) and not figure.fullmatch(line.strip())]


def read_front_page(events: Sequence[Event], profile: Profile,
                    abstract_file: str = "imgaf001.tif") -> FrontPage:
    """The bibliographic data and the abstract, read as the profile's office prints them."""
    office, document_lang = profile.office, profile.language.document
    title_langs, date_order = profile.front_page.title_languages, profile.front_page.date_order
    abstract_headings, figure = profile.bookmarks.abstract, profile.numbering.figure
    fields = inid_fields(events, abstract_headings)
    gather_abstract(fields)
    for item in fields:
        if item.code == "57":
            split_columns(item)
    by_code: dict[str, _Field] = {}
    for item in fields:
        by_code.setdefault(item.code, item)

    def text(code: str) -> str:
        return by_code[code].text if code in by_code else ""

    country, number, kind = parse_publication_number(text("11"))
    if not number and events:
        country, number, kind = large_print_number(events)
    kind = kind or parse_kind(text("13"))
    publication = parse_date(text("45"), date_order) or parse_date(text("43"), date_order)
    applicants = parse_parties(by_code["71"].texts) if "71" in by_code else ()
    proprietors = parse_parties(by_code["73"].texts) if "73" in by_code else ()
    titles = split_titles(by_code["54"], document_lang, title_langs) if "54" in by_code else ()
    bibliographic = Bibliographic(
        country=country or office,
        doc_number=number,
        kind=kind,
        publication_date=publication,
        application_number=parse_application_number(text("21")),
        filing_date=parse_date(text("22"), date_order),
        priorities=parse_priorities(text("30"), date_order),
        ipc=parse_ipc(text("51")),
        titles=titles,
        applicants=applicants or proprietors,
        inventors=parse_parties(by_code["72"].texts) if "72" in by_code else (),
        assignees=proprietors if applicants else (),
        agents=parse_parties(by_code["74"].texts)[:1] if "74" in by_code else (),
    )
    abstract: tuple[Paragraph, ...] = ()
    images: tuple[ImageEvent, ...] = ()
    if "57" in by_code:
        builder = InlineBuilder()
        for line in abstract_lines(by_code["57"].texts, abstract_headings, figure):
            builder.add_line(line)
        images = tuple(by_code["57"].images)
        for _ in images[:1]:
            builder.add(ImageRef(abstract_file))
        content = builder.build()
        if content:
            abstract = (Paragraph(num="0001", content=content, boxes=tuple(
                PageBox(e.page, e.line.box) for e in by_code["57"].lines)),)
    return FrontPage(bibliographic, abstract, images[:1])
