"""Description and claims: headings, numbered paragraphs, claims, in-text images."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ocr36.languages import language
from ocr36.languages.scripts import (
    PHRASE_SPACED,
    RANGE_MARKS,
    fold_width,
    has_unspaced,
    heading_size,
    letter_count,
)
from ocr36.model import (
    Claim,
    ClaimRef,
    Heading,
    ImageRef,
    Inline,
    PageBox,
    PageMark,
    Paragraph,
    Text,
)
from ocr36.structure.numbering import number_of
from ocr36.structure.stream import Event, ImageEvent, LineEvent
from ocr36.structure.text import InlineBuilder, join_lines, normalise

ImageNamer = Callable[[ImageEvent], str]
"""Registers an in-text image and returns its file name."""


def _ends_sentence(text: str) -> bool:
    """Ends with a full stop, comma or semicolon (quotes and brackets after it aside)."""
    return text.rstrip("\"'”’)]」』）").endswith((".", ",", ";", "。", "．", "，", "；"))


def is_heading(event: LineEvent, numbering: re.Pattern[str]) -> bool:
    """A line on its own (or a few bold ones), short, with no final stop, bold or in capitals."""
    text = event.text.strip()
    if not text or numbering.match(text) or event.region_lines > (4 if event.bold else 2):
        return False
    if heading_size(text) > 16 or (_ends_sentence(text) and not event.bold):
        return False
    letters = [c for c in text if c.isalpha()]
    capitals = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    return (event.bold or capitals) and len(letters) >= 3


@dataclass
class _Open:
    num: str
    builder: InlineBuilder
    page: int
    boxes: list[PageBox] = field(default_factory=list)
    printed: bool = False  # opened by its printed number: kept empty (a formula not carried)


def _in_sequence(number: int, expected: int, blocks: Sequence[Heading | Paragraph]) -> bool:
    """A printed paragraph number follows the last one, allowing for a few missed."""
    if not any(isinstance(b, Paragraph) for b in blocks):
        return number <= 20
    return expected <= number <= expected + 5


def _real_headings(events: Sequence[Event], numbering: re.Pattern[str]) -> set[int]:
    """In a numbered description a heading is followed by a numbered paragraph (or by more
    headings): a bold line inside a paragraph ("Reaction Scheme I") is not a heading."""
    accepted: set[int] = set()
    pending: list[int] = []
    lines = [(i, e) for i, e in enumerate(events) if isinstance(e, LineEvent)]
    images_at = {i for i, e in enumerate(events) if isinstance(e, ImageEvent)}
    for position, (index, event) in enumerate(lines):
        if pending and any(pending[-1] < i < index for i in images_at):
            pending = []  # a heading is followed by text; a label by its picture
        following = lines[position + 1][1] if position + 1 < len(lines) else None
        next_numbered = following is not None and (
            bool(numbering.match(following.text.strip())) or _cjk_heading(following, numbering))
        if position and has_unspaced(event.text.strip()[:1]) and \
                _number_alone(lines[position - 1][1].text, numbering):
            pass  # CJK text of a paragraph whose number stands on a line of its own (【0003】);
            # in Latin scripts a number alone may head a heading ("[0251]" / "Method A: ...")
        elif is_heading(event, numbering) or (next_numbered and _set_apart(event, numbering)):
            pending.append(index)
            continue
        if numbering.match(event.text.strip()):
            accepted.update(pending)
        pending = []
    return accepted


def _number_alone(text: str, numbering: re.Pattern[str]) -> bool:
    match = numbering.match(text.strip())
    return match is not None and not text.strip()[match.end():]


def _cjk_start(text: str) -> bool:
    """Chinese or Japanese: Thai, Lao and Khmer paragraphs end without a stop, so a short
    last line of theirs is no heading by its form alone."""
    return has_unspaced(text[:1]) and not PHRASE_SPACED.match(text)


def _cjk_heading(event: LineEvent, numbering: re.Pattern[str]) -> bool:
    """A heading line of Chinese or Japanese (a title over the first heading, or a heading
    over the next: '一种医用放射治疗装置' / '技术领域' / '[0001]')."""
    text = event.text.strip()
    return _cjk_start(text) and _set_apart(event, numbering)


_CJK_ENDS = ("：", "、", "；", "，", "。", "）", ")")
"""How the last line of a paragraph of Chinese or Japanese ends (and a heading does not)."""


def _set_apart(event: LineEvent, numbering: re.Pattern[str]) -> bool:
    """A short line standing alone, starting with a capital or a number, without a final
    full stop: a heading in plain type."""
    text = event.text.strip()
    if _cjk_start(text):  # CJK headings stand in the even flow of lines
        return 0 < heading_size(text) <= 8 and not numbering.match(text) and \
            not text.endswith(_CJK_ENDS) and not _ends_sentence(text)
    return (event.region_lines <= 2 and 0 < heading_size(text) <= 12
            and not text[:1].islower()
            and not _ends_sentence(text) and not numbering.match(text)
            and letter_count(text) >= 3)


class _Description:
    """The headings and paragraphs of a description as its lines come, one at a time."""

    def __init__(self, numbering: re.Pattern[str], name_image: ImageNamer,
                 vocabulary: frozenset[str], numbered: bool) -> None:
        self.numbering, self.name_image, self.vocabulary = numbering, name_image, vocabulary
        self.numbered = numbered
        self.blocks: list[Heading | Paragraph] = []
        self.current: _Open | None = None
        self.next_number = 1
        self.heading_lines: list[LineEvent] = []

    def close(self) -> None:
        if self.current is not None:
            content = self.current.builder.build()
            if self.current.printed or any(not isinstance(item, PageMark) for item in content):
                self.blocks.append(Paragraph(self.current.num, content,
                                             tuple(self.current.boxes)))
        self.current = None

    def flush_heading(self) -> None:
        if self.heading_lines:
            text = ""
            for line in self.heading_lines:
                text = join_lines(text, line.text, self.vocabulary)
            self.blocks.append(Heading(text=normalise(text), page=self.heading_lines[0].page,
                                       boxes=tuple(PageBox(line.page, line.line.box)
                                                   for line in self.heading_lines)))
            self.heading_lines.clear()

    def open_paragraph(self, num: str, page: int, printed: bool = False) -> _Open:
        self.close()
        self.next_number = int(num) + 1 if num.isdigit() else self.next_number + 1
        self.current = _Open(num, InlineBuilder(self.vocabulary), page, printed=printed)
        return self.current

    def image(self, event: ImageEvent) -> None:
        self.flush_heading()
        current = self.current or self.open_paragraph(f"{self.next_number:04d}", event.page)
        current.builder.add(ImageRef(self.name_image(event)))
        current.boxes.append(PageBox(event.page, event.box))

    def numbered_line(self, event: LineEvent, text: str) -> bool:
        """A line that opens a numbered paragraph (its number in sequence): taken."""
        match = self.numbering.match(text) or self.numbering.match(fold_width(text))
        number = number_of(match) if match else None
        if not match or number is None or \
                not _in_sequence(number, self.next_number, self.blocks):
            return False  # "(step\n212), where ...": a number in the text, not a paragraph's
        self.flush_heading()
        current = self.open_paragraph(f"{number:04d}", event.page, printed=True)
        current.builder.add_line(text[match.end():])
        current.boxes.append(PageBox(event.page, event.line.box))
        return True

    def heading(self, event: LineEvent, page_changed: bool) -> None:
        self.close()
        if self.heading_lines and (event.gap_above > event.line.box.height or page_changed
                                   or has_unspaced(event.text.strip()[:1])):  # one CJK line each
            self.flush_heading()
        self.heading_lines.append(event)

    def text_line(self, event: LineEvent, text: str, page_changed: bool) -> None:
        self.flush_heading()
        starts_paragraph = not self.numbered and (
            self.current is None or event.gap_above > event.line.box.height * 0.9)
        if self.current is None and self.numbered and self.blocks and \
                isinstance(self.blocks[-1], Paragraph):
            previous = self.blocks.pop()  # text after an image or a page break: same paragraph
            assert isinstance(previous, Paragraph)
            self.current = _Open(previous.num, InlineBuilder(self.vocabulary), event.page)
            self.current.builder.add_many(previous.content)
            self.current.boxes.extend(previous.boxes)
        current = self.current
        if current is None or starts_paragraph:
            current = self.open_paragraph(f"{self.next_number:04d}", event.page)
        elif page_changed:
            current.builder.add(PageMark(event.page))
        current.builder.add_line(text)
        current.boxes.append(PageBox(event.page, event.line.box))

    def done(self) -> tuple[Heading | Paragraph, ...]:
        self.flush_heading()
        self.close()
        return tuple(self.blocks)


def read_description(events: Sequence[Event], numbering: re.Pattern[str],
                     name_image: ImageNamer,
                     vocabulary: frozenset[str]) -> tuple[Heading | Paragraph, ...]:
    """Headings and paragraphs in order; printed numbers become `num`, not text."""
    numbered = any(isinstance(e, LineEvent) and numbering.match(e.text.strip()) for e in events)
    reader = _Description(numbering, name_image, vocabulary, numbered)
    last_page = events[0].page if events else 0
    headings = _real_headings(events, numbering) if numbered else None
    for index, event in enumerate(events):
        page_changed = event.page != last_page
        last_page = event.page
        if isinstance(event, ImageEvent):
            reader.image(event)
            continue
        text = event.text.strip()
        if reader.numbered_line(event, text):
            continue
        if (headings is None and is_heading(event, numbering)) or \
                (headings is not None and index in headings):
            reader.heading(event, page_changed)
        else:
            reader.text_line(event, text, page_changed)
    return reader.done()


_MISREAD_CLAIM_NUMBER = re.compile(r"^(?:[^\w\s(\[]{1,2}\s+(?=\d{1,3}\s?[.)]\s)|"
                                   r"(?=\d{1,3}\s?[,;:]\s))(\d{1,3})\s?[.),;:]\s+(?=[A-ZÀ-Ý])")
"""The next claim's number with its full stop read as a comma or colon ("4, The device"), or
after a speck read as a mark ("- 1. A bobby pin"): taken only when it is the number expected
next and a capital follows."""


def claim_number(numbering: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The printed claim number at the start of a line (group 1), as the profile's pattern
    has it or with its full stop misread."""
    return numbering.match(text) or numbering.match(fold_width(text)) or \
        _MISREAD_CLAIM_NUMBER.match(text)


_SLIPPED_CLAIM_NUMBER = re.compile(
    r"^\s*[^\w\s(]?\(?([\dOoIl|SBZG§]{1,3})\)?\s*([^\w\s]{0,2})\s+(?=\S)")
"""A claim number read with a slip: its stop lost ('9 บุคคล') or misread as another mark or
two (specks on a scan: '9%', '9*', '9%.'), a speck read before it ("'8."), a digit read as a
letter or a mark ('S.' or '§.' for '5.'), or its first digit lost ('1.' for '11.', '2.' for
'12.' at the start of a right-to-left line)."""
_DIGIT_LIKE = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "S": "5",
                             "§": "5", "B": "8", "Z": "2", "G": "6"})


def _slip_of(expected: int, slipped: re.Match[str]) -> bool:
    """Whether a number read with a slip is the one expected (a letter for a digit only
    before a stop)."""
    printed = slipped.group(1)
    if not (printed.isdecimal() or slipped.group(2)):
        return False
    read = int(printed.translate(_DIGIT_LIKE))
    return read == expected or (0 < read < expected and str(expected).endswith(str(read)))


def claim_openings(texts: Sequence[str], numbering: re.Pattern[str]) -> dict[int, tuple[int, int]]:
    """The lines that open a claim: line -> (claim number, where its text starts). A number
    as `claim_number` reads it, next in sequence; or, where the next is not read so, a number
    read with a slip (`_SLIPPED_CLAIM_NUMBER`) when the claim after it is read in sequence
    further on and its own number is read nowhere after it."""
    read: dict[int, tuple[int, int]] = {}
    last_read: dict[int, int] = {}
    for index, text in enumerate(texts):
        if match := claim_number(numbering, text):
            read[index] = (int(match.group(1)), match.end())
            last_read[read[index][0]] = index
    openings: dict[int, tuple[int, int]] = {}
    for index, text in enumerate(texts):
        expected = len(openings) + 1
        if index in read and read[index][0] == expected:
            openings[index] = read[index]
        elif last_read.get(expected + 1, -1) > index >= last_read.get(expected, -1) and \
                (slipped := _SLIPPED_CLAIM_NUMBER.match(fold_width(text))) and \
                _slip_of(expected, slipped):
            openings[index] = (expected, slipped.end())
    return openings


def read_claims(events: Sequence[Event], numbering: re.Pattern[str],
                reference: re.Pattern[str] | None, name_image: ImageNamer,
                vocabulary: frozenset[str],
                range_words: re.Pattern[str] | None = None) -> tuple[Claim, ...]:
    """Claims by their printed numbers in sequence; text before claim 1 is dropped.
    `range_words` (`claim_range`) tell 'claims 1 to 3' from 'claims 1 and 3'."""
    claims: list[tuple[int, InlineBuilder]] = []
    boxes: list[list[PageBox]] = []
    last_page = events[0].page if events else 0
    openings = claim_openings([e.text.strip() if isinstance(e, LineEvent) else ""
                               for e in events], numbering)
    for index, event in enumerate(events):
        page_changed = event.page != last_page
        last_page = event.page
        if isinstance(event, ImageEvent):
            if claims:
                claims[-1][1].add(ImageRef(name_image(event)))
                boxes[-1].append(PageBox(event.page, event.box))
            continue
        text = event.text.strip()
        if index in openings:
            number, start = openings[index]
            builder = InlineBuilder(vocabulary)
            builder.add_line(text[start:])
            claims.append((number, builder))
            boxes.append([PageBox(event.page, event.line.box)])
            continue
        if claims:
            if page_changed:
                claims[-1][1].add(PageMark(event.page))
            claims[-1][1].add_line(text)
            boxes[-1].append(PageBox(event.page, event.line.box))
    built = [Claim(num, builder.build(), tuple(where))
             for (num, builder), where in zip(claims, boxes, strict=True)]
    count = len(built)
    if reference is None:
        return tuple(built)
    return tuple(Claim(c.num, mark_claim_refs(c.content, reference, count, range_words),
                       c.boxes) for c in built)


@functools.cache
def claim_range(lang: str) -> re.Pattern[str]:
    """What stands between two claim numbers that make a range in `lang`: a dash, a range
    mark ('～', '乃至': `RANGE_MARKS`), or one of the language's words ('to', 'bis', 'à' ...)."""
    words = language(lang)
    alternatives = ["-", "–", *(re.escape(w) for w in (*RANGE_MARKS,
                                                       *(words.claim_range if words else ())))]
    return re.compile(r"(?i)^\s*(" + "|".join(alternatives) + r")\s*$")


def mark_claim_refs(content: Sequence[Inline], reference: re.Pattern[str],
                    claim_count: int,
                    range_words: re.Pattern[str] | None = None) -> tuple[Inline, ...]:
    """Turn 'claim 1' / 'claims 1 to 3' into ClaimRef items pointing at existing claims
    (`range_words`: `claim_range` of the claims' language; a dash only where not given)."""
    range_words = range_words or claim_range("")
    result: list[Inline] = []
    for item in content:
        if not isinstance(item, Text):
            result.append(item)
            continue
        position = 0
        for match in reference.finditer(item.text):
            first = int(match.group(1))
            last = int(match.group(2)) if match.lastindex and match.lastindex >= 2 and \
                match.group(2) else first
            between = item.text[match.end(1): match.start(2)] if last != first else ""
            if last != first and range_words.match(between) and first < last:
                targets = tuple(range(first, last + 1))
            else:
                targets = tuple(dict.fromkeys((first, last)))
            targets = tuple(t for t in targets if 1 <= t <= claim_count)
            if not targets:
                continue
            if match.start() > position:
                result.append(Text(item.text[position: match.start()]))
            result.append(ClaimRef(match.group(0), targets))
            position = match.end()
        if position < len(item.text):
            result.append(Text(item.text[position:]))
    return tuple(result)


def classify_image(crop: np.ndarray) -> str:
    """chem, math or table, from how the ink of an in-text image is laid out."""
    # A table is ruled both ways; a formula is a wide, low line; the rest is chemistry.
    ink = crop == 0
    height, width = ink.shape
    if height == 0 or width == 0:
        return "chem"
    long_rows = int((ink.mean(axis=1) > 0.6).sum())
    long_cols = int((ink.mean(axis=0) > 0.6).sum())
    if long_rows >= 2 and long_cols >= 2:
        return "table"  # ruled all round: a grid
    if width > height * 4 and long_rows == 0 and height < 160:
        return "math"  # one or two lines of formula (160 px: about 4 lines at 300 dpi)
    return "chem"  # structures and reaction schemes (arrows are long only one way)
