"""Numbering discovered per document: the style a document prints its paragraph numbers,
claim numbers and figure labels in, found from the patterns that recur in it, then applied.

A profile's own numbering patterns win where it gives them (where they differ from the
default profile's); otherwise each document's style is found here: "[0001]", "[001]", "(1)",
"¶ 1", "0001", "【0001】" for paragraphs (with Tesseract's usual misreadings of the brackets
and of 0 and 1: "{001]", "(001]", "[0O1]"), "1." "1)" "1 -" "1．" for claims. Gaps and
repeats in the printed paragraph numbers are reported.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz.distance import Levenshtein

from ocr36.languages.scripts import fold_width
from ocr36.model import Heading, Line, Paragraph, Word
from ocr36.profile import Profile, load_profile
from ocr36.structure.stream import Event, LineEvent

_DIGIT_LIKE = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})
_SEQUENCE_SLACK = 5
"""A printed number may skip this many (numbers OCR lost) and still follow the last one."""
FIRST_NUMBER_MAX = 20
"""The first number in sequence is at most this (a few lost at the start)."""
MIN_NUMBERED = 2
"""A style is the document's when at least this many numbers follow one another in it."""


@dataclass(frozen=True)
class Style:
    """One way of printing a number at the start of a line."""

    name: str
    """As printed: "[0001]", "1." ..."""
    pattern: str
    """Matches at the start of a line; group 1 is the number (digit-like letters allowed)."""

    @functools.cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern)


_OPEN, _CLOSE = r"^[^\w\s]{0,2}\s?[\[\{\(|]\s*", r"\s*[\]\}\)|]\s*"
_DIGIT = "[0-9\u0660-\u0669\u06f0-\u06f9]"
"""ASCII, Arabic-Indic and Persian digits (`[٠٠٠١]`)."""
_DIGITS = "[0-9\u0660-\u0669\u06f0-\u06f9OoIl]"
"""... and the letters read for them."""
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff]")

PARAGRAPH_STYLES = (
    Style("[0001]", _OPEN + f"((?={_DIGIT}){_DIGITS}{{4}}|{_DIGITS}{{3}}{_DIGIT})" + _CLOSE),
    Style("[001]", _OPEN + f"((?={_DIGIT}){_DIGITS}{{3}}|{_DIGITS}{{2}}{_DIGIT})" + _CLOSE),
    Style("【0001】", r"^【\s*([0-9]{1,5})\s*】\s*"),
    Style("¶ 1", r"^¶\s*([0-9]{1,4})\b\s*"),
    Style("(1)", r"^\(\s*([0-9]{1,3})\s*\)\s+"),
    Style("0001", r"^([0-9]{4})\s+(?=[^\W\d_])"),
)
"""Paragraph numbers, in the order a tie is decided."""

CLAIM_STYLES = (
    Style("1.", r"^([0-9]{1,3})\s*\.\s+"),
    Style("1)", r"^([0-9]{1,3})\s*\)\s+"),
    Style("1 -", r"^([0-9]{1,3})\s+[-–]\s+"),
    Style("1．", r"^([0-9]{1,3})\s*．\s*"),
)

FIGURE_STYLES = (
    Style("FIG. 1", r"(?i)\bFIG(?:URE)?\.?\s*(\d+[A-Z]?)\b\.?"),
    Style("Abb. 1", r"\bAbb(?:ildung|\.)?\s*(\d+[A-Z]?)\b\.?"),
    Style("图1", r"图\s*(\d+)"),
    Style("第1図", r"第\s*(\d+)\s*図"),
)

CANONICAL_PARAGRAPH = re.compile(r"^\[(\d{4})\]\s*")
"""What a discovered paragraph number is rewritten to, for the description reader."""


@dataclass(frozen=True)
class Found:
    """A document's style and the evidence for it."""

    style: Style
    numbered: int
    """Lines numbered in sequence in that style."""
    candidates: int
    """Lines that start with a number in any style of the family."""
    lines: frozenset[int] = frozenset()
    """Positions (in the lines looked at) of the numbers in sequence."""

    @property
    def evidence(self) -> str:
        return f"'{self.style.name}' on {self.numbered} of {self.candidates} numbered lines"


def _matched(text: str) -> str:
    """A line's text as its number is matched: a right-to-left line's with the number that
    opens it in logical order ('.١' as '١.', ']٠٠٠١[' as '[٠٠٠١]'), any other as read."""
    return fold_width(text) if _RIGHT_TO_LEFT.search(text) else text


def number_of(match: re.Match[str]) -> int | None:
    digits = match.group(1).translate(_DIGIT_LIKE)
    return int(digits) if digits.isdigit() else None


def sequence_of(numbers: Sequence[tuple[int, int]]) -> list[int]:
    """Positions of the numbers that follow one another from 1 (a few may be skipped)."""
    accepted: list[int] = []
    expected = 1
    for position, number in numbers:
        first = not accepted and 1 <= number <= FIRST_NUMBER_MAX
        if first or expected <= number <= expected + _SEQUENCE_SLACK:
            accepted.append(position)
            expected = number + 1
    return accepted


def discover(texts: Sequence[str], styles: Sequence[Style],
             anywhere: bool = False) -> Found | None:
    """The style most numbers in sequence are printed in (at least MIN_NUMBERED of them);
    `anywhere`: labels inside a line (figure labels) rather than at its start."""
    best: Found | None = None
    candidates: set[int] = set()
    for style in styles:
        numbers: list[tuple[int, int]] = []
        for position, text in enumerate(texts):
            matches = style.compiled.finditer(text) if anywhere else \
                filter(None, [style.compiled.match(_matched(text.strip()))])
            for match in matches:
                number = number_of(match)
                if number is not None:
                    numbers.append((position, number))
                    candidates.add(position)
        in_sequence = len({n for _, n in numbers}) if anywhere else len(sequence_of(numbers))
        if in_sequence >= MIN_NUMBERED and (best is None or in_sequence > best.numbered):
            lines = frozenset(sequence_of(numbers)) if not anywhere else frozenset()
            best = Found(style, in_sequence, 0, lines)
    return replace(best, candidates=len(candidates)) if best else None


@functools.cache
def _default_numbering() -> tuple[str, str, str]:
    numbering = load_profile("default").numbering
    return numbering.paragraph.pattern, numbering.claim.pattern, numbering.figure.pattern


def profile_gives(profile: Profile, key: str) -> bool:
    """Whether the profile sets its own numbering pattern (`paragraph`, `claim`, `figure`)
    rather than the default profile's."""
    index = ("paragraph", "claim", "figure").index(key)
    own = getattr(profile.numbering, key).pattern
    return bool(own != _default_numbering()[index])


_SLIP_FORMS = {"[0001]": "[{:04d}]", "[001]": "[{:03d}]", "【0001】": "【{:04d}】"}
"""The styles whose printed number is long enough that one OCR slip in it ("[ooos]", "[00066]",
"F001]") leaves it telling, and how each prints a number."""
_SLIP_READ = str.maketrans({"{": "[", "(": "[", "}": "]", ")": "]", "O": "0", "o": "0",
                            "I": "1", "l": "1"})


_MISSING_AT_MOST = 3
"""Numbers missing in a row between two read in sequence that are looked for so."""


def slipped_numbers(texts: Sequence[str], found: Found) -> dict[int, int]:
    """Lines that open with a number missing between two read in sequence (up to three in a
    row, in their order; or one after the last, the description's last paragraph), read with
    one slip (a glyph too many, too few or another; two in a four-digit number,
    `_slipped_from`): line position -> number. Taken only where exactly one line between
    those two opens so, and never as one of those two (a number printed twice is reported
    as such)."""
    form = _SLIP_FORMS.get(found.style.name)
    if form is None:
        return {}
    bounds = [(-1, 0)]
    for position in sorted(found.lines):
        if (number := _read_as(texts[position], found.style)) is not None:
            bounds.append((position, number))
    if len(bounds) > 1:  # the last paragraph: no number after it, the description's end
        bounds.append((len(texts), bounds[-1][1] + 2))
    slipped: dict[int, int] = {}
    for (before, low), (after, high) in itertools.pairwise(bounds):
        if not 2 <= high - low <= _MISSING_AT_MOST + 1:
            continue
        taken = {}
        for number in range(low + 1, high):
            expected = form.format(number)
            hits = [position for position in range(before + 1, after)
                    if (words := texts[position].split()) and _slipped_from(words[0], expected)
                    and _read_as(texts[position], found.style) not in (low, high)]
            if len(hits) == 1:
                taken[hits[0]] = number
        if list(taken) == sorted(taken):  # in the order of their numbers
            slipped.update(taken)
    return slipped


_DIGIT_LOOKS = {"0": "oOeDQ", "1": "lIi|!", "2": "zZ", "3": "B", "4": "A", "5": "sS",
                "6": "bG", "7": "T", "8": "sSB&", "9": "gq"}
"""Letters a light scan's digits are read as: a four-digit number may slip twice so."""


def _slipped_from(word: str, expected: str) -> bool:
    """The word is the number `expected` read with one slip; or with two, where the number
    has four digits and the word keeps its brackets and length, each slip a letter its
    digit is read as ("[eoos]" for "[0008]")."""
    read = word.translate(_SLIP_READ)
    if Levenshtein.distance(read, expected, score_cutoff=1) <= 1:
        return True
    if len(expected) != 6 or len(read) != 6 or read[0] + read[-1] != expected[0] + expected[-1]:
        return False
    slips = [(got, digit) for got, digit in zip(read[1:-1], expected[1:-1], strict=True)
             if got != digit]
    return len(slips) <= 2 and all(got in _DIGIT_LOOKS.get(digit, "") for got, digit in slips)


def _read_as(text: str, style: Style) -> int | None:
    match = style.compiled.match(_matched(text.strip()))
    return number_of(match) if match else None


def _renumbered(event: LineEvent, style: Style) -> LineEvent:
    """The line with its printed number as "[0001]" (the words it took replaced)."""
    match = style.compiled.match(_matched(event.text.strip()))
    number = number_of(match) if match else None
    return event if match is None or number is None else _labelled(event, number, match.end())


def _labelled(event: LineEvent, number: int, printed_end: int) -> LineEvent:
    """The line with its first `printed_end` characters, the number as printed, as "[0001]"."""
    words = list(event.line.words)
    consumed, end = 0, 0
    while consumed < len(words) and end + len(words[consumed].text) <= printed_end:
        end += len(words[consumed].text) + 1
        consumed += 1
    first = words[0].box if words else event.line.box
    label = Word(f"[{number:04d}]", first, words[0].confidence if words else 0.0)
    rest = words[consumed:]
    if rest and end < printed_end:  # the number glued to the first word: keep its text
        glued = rest[0]
        rest[0] = Word(glued.text[printed_end - end:], glued.box, glued.confidence, glued.bold)
    line = Line((label, *(w for w in rest if w.text)), event.line.box, event.line.region)
    return replace(event, line=line)


def apply_paragraph_style(events: Sequence[Event], found: Found,
                          also: re.Pattern[str] | None = None) -> list[Event]:
    """The description's events with the numbers found in sequence written as "[0001]" (and
    those of the style that `also` matches: the reader then tells which are in sequence)."""
    result: list[Event] = []
    position = 0
    slipped = slipped_numbers(line_texts(events), found)
    for event in events:
        if isinstance(event, LineEvent):
            text = _matched(event.text.strip())
            if position in slipped:
                event = _labelled(event, slipped[position], len(text.split()[0]))
            elif position in found.lines or (also is not None and also.match(text)
                                             and found.style.compiled.match(text)):
                event = _renumbered(event, found.style)
            position += 1
        result.append(event)
    return result


def line_texts(events: Sequence[Event]) -> list[str]:
    return [e.text for e in events if isinstance(e, LineEvent)]


def repeated_numbers(texts: Sequence[str], found: Found) -> list[int]:
    """Numbers in the document's style printed again right after themselves ([0005] twice)."""
    repeated: list[int] = []
    last = 0
    for position, text in enumerate(texts):
        match = found.style.compiled.match(_matched(text.strip()))
        number = number_of(match) if match else None
        if position in found.lines and number is not None:
            last = number
        elif number is not None and number == last:
            repeated.append(number)
    return repeated


def sequence_warnings(blocks: Sequence[Heading | Paragraph],
                      repeated: Sequence[int]) -> list[str]:
    """Gaps in the paragraph numbers read, and numbers printed twice."""
    warnings = [f"paragraph number [{number:04d}] is printed twice" for number in repeated]
    paragraphs = [b for b in blocks if isinstance(b, Paragraph) and b.num.isdigit()]
    previous = "0000"
    for paragraph in paragraphs:
        first, last = int(previous) + 1, int(paragraph.num) - 1
        if last >= first:
            missing = f"[{first:04d}]" if first == last else f"[{first:04d}] to [{last:04d}]"
            page = paragraph.boxes[0].page if paragraph.boxes else 0
            warnings.append(f"paragraph number {missing} not found (before [{paragraph.num}]"
                            + (f" on page {page})" if page else ")"))
        previous = paragraph.num
    return warnings


def numbered_description(events: Sequence[Event], profile: Profile
                         ) -> tuple[list[Event], re.Pattern[str], list[int]]:
    """The description's events, the pattern its paragraph numbers are read by, and the
    numbers printed twice: the document's own style unless the profile gives one."""
    if profile_gives(profile, "paragraph"):
        return list(events), profile.numbering.paragraph, []
    texts = line_texts(events)
    found = discover(texts, PARAGRAPH_STYLES)
    if found is None:
        return list(events), profile.numbering.paragraph, []
    return apply_paragraph_style(events, found, profile.numbering.paragraph), \
        CANONICAL_PARAGRAPH, repeated_numbers(texts, found)


def claim_pattern(events: Sequence[Event], profile: Profile) -> re.Pattern[str]:
    """How a claims section numbers its claims: the document's style unless the profile
    gives one."""
    if profile_gives(profile, "claim"):
        return profile.numbering.claim
    texts = line_texts(events)
    found = discover(texts, CLAIM_STYLES)
    if found is None or all(profile.numbering.claim.match(texts[i].strip())
                            for i in found.lines):
        return profile.numbering.claim  # the default's pattern reads the style already
    return found.style.compiled


def figure_pattern(events: Sequence[Event], profile: Profile) -> re.Pattern[str]:
    """How the drawings label their figures: the document's style unless the profile gives
    one."""
    if profile_gives(profile, "figure"):
        return profile.numbering.figure
    found = discover(line_texts(events), FIGURE_STYLES, anywhere=True)
    return found.style.compiled if found else profile.numbering.figure
