"""Render a `PatentText` into publication-like 300 dpi pages, with exact ground truth."""

from __future__ import annotations

import random
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np
from PIL import Image, ImageDraw

from ocr36.model import Party
from ocr36_synth.figures import draw_figure, figure_label
from ocr36_synth.fonts import Family, Style, Typeface, typeface
from ocr36_synth.source import ClaimSetText, DescriptionBlock, PatentText

__all__ = ["A4_300DPI", "LAYOUTS", "RenderedDocument", "printed_number", "render", "render_with"]

Layout = Literal["ep", "two-column", "plain"]
LAYOUTS: tuple[Layout, ...] = ("ep", "two-column", "plain")
A4_300DPI = (2480, 3508)
Json = dict[str, Any]

_PAGE_W, _PAGE_H = A4_300DPI
_CLAIMS_HEADINGS = {"en": "Claims", "de": "Patentansprüche", "fr": "Revendications"}
_DESCRIPTION_HEADINGS = {"en": "Description", "de": "Beschreibung", "fr": "Description"}
_EP_KIND_WORDS = {
    "A": "EUROPEAN PATENT APPLICATION",
    "B": "EUROPEAN PATENT SPECIFICATION",
}
_EP_OFFICE_NAMES = (
    "Europäisches Patentamt",
    "European Patent Office",
    "Office européen des brevets",
)
_MAX_PARTIES = 10


@dataclass(frozen=True)
class RenderedDocument:
    """Page images (mode "1", A4) and the ground truth of what was printed on them."""

    pages: tuple[Image.Image, ...]
    truth: Json

    @property
    def name(self) -> str:
        return str(self.truth["name"])


# --- geometry -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Geometry:
    family: Family
    size: int
    """Body font size in pixels at 300 dpi."""
    pitch: int
    left: int
    right: int
    top: int
    bottom: int
    columns: int
    gutter: int
    justify: bool
    number_style: Style
    para_tab: int
    """Where paragraph text starts after its printed number."""
    claim_tab: int
    line_numbers: bool
    paragraph_gap: int
    """Blank lines between paragraphs."""
    claim_gap: int
    """Blank lines between claims."""

    @property
    def slots(self) -> int:
        return (self.bottom - self.top) // self.pitch

    @property
    def column_width(self) -> int:
        return (self.right - self.left - self.gutter * (self.columns - 1)) // self.columns

    def column_lefts(self) -> list[int]:
        step = self.column_width + self.gutter
        return [self.left + index * step for index in range(self.columns)]


_GEOMETRIES: dict[str, _Geometry] = {
    "ep": _Geometry("sans", 40, 50, 297, 2380, 300, 3200, 1, 0, True, "bold", 190, 75, True, 0, 1),
    "two-column": _Geometry(
        "sans", 36, 45, 236, 2244, 330, 3220, 2, 140, True, "bold", 160, 70, True, 0, 1
    ),
    "plain": _Geometry(
        "serif", 48, 100, 354, 2180, 420, 3160, 1, 0, False, "regular", 200, 90, False, 0, 0
    ),
}


# --- pages under construction -------------------------------------------------------------


@dataclass(frozen=True)
class _Text:
    x: float
    baseline: int
    text: str
    style: Style
    size: int
    anchor: str = "ls"


@dataclass(frozen=True)
class _Rule:
    box: tuple[int, int, int, int]


@dataclass(frozen=True)
class _FigureSlot:
    num: str
    box: tuple[int, int, int, int]
    landscape: bool
    abstract: bool = False


_Op = _Text | _Rule | _FigureSlot


@dataclass
class _Page:
    number: int
    kind: str
    sections: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    ops: list[_Op] = field(default_factory=list)
    bands: list[tuple[str, _Text]] = field(default_factory=list)

    def enter(self, section: str) -> None:
        if section not in self.sections:
            self.sections.append(section)


@dataclass(frozen=True)
class _Word:
    text: str
    style: Style


@dataclass(frozen=True)
class _Line:
    items: tuple[tuple[float, _Word], ...]
    """Words with their x offset from the column's left edge."""

    @property
    def text(self) -> str:
        return " ".join(word.text for _, word in self.items)


class _Overflow(Exception):
    """The content does not fit in the pages allowed."""


# --- formatting of printed values ---------------------------------------------------------


def _date(value: str) -> str:
    return f"{value[6:8]}.{value[4:6]}.{value[:4]}" if len(value) == 8 else value


def _grouped(digits: str, separator: str) -> str:
    digits = digits.lstrip("0") or "0"
    groups: list[str] = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return separator.join(groups)


def printed_number(patent: PatentText) -> str:
    """The publication number as printed: "EP 1 599 469 B1", "US 2005/0004437 A1"."""
    number = patent.doc_number
    if patent.office == "EP" and number.isdigit():
        number = _spaced(number)
    elif patent.office == "US" and number.isdigit():
        number = f"{number[:4]}/{number[4:]}" if len(number) == 11 else _grouped(number, ",")
    return f"{patent.office} {number} {patent.kind}".strip()


def _spaced(digits: str) -> str:
    """EPO style: groups of three from the right, leading zeros kept ("0 000 002")."""
    groups: list[str] = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return " ".join(groups)


def _application_number(patent: PatentText) -> str:
    number = patent.application_number
    if patent.office == "US" and number.isdigit() and len(number) == 8:
        return f"{number[:2]}/{number[2:5]},{number[5:]}"
    return number


def _party_lines(party: Party, compact: bool) -> list[str]:
    address = [line for line in party.address.split("\n") if line]
    country = f"({party.country})" if party.country else ""
    if compact:
        return [" ".join(p for p in (", ".join([party.name, *address]), country) if p)]
    if address:
        address[-1] = f"{address[-1]} {country}".strip()
    elif country:
        return [f"{party.name} {country}"]
    return [party.name, *address]


def _party_truth(party: Party) -> Json:
    return {"name": party.name, "address": party.address, "country": party.country}


def _words(text: str, style: Style) -> list[_Word]:
    return [_Word(word, style) for word in text.split()]


def _seed(*parts: str) -> int:
    return zlib.crc32("|".join(parts).encode("utf-8"))


# --- line breaking ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Typesetter:
    face: Typeface
    size: int
    justify: bool

    def width(self, text: str, style: Style) -> float:
        return self.face.width(text, style, self.size)

    def _fit_pieces(self, word: _Word, available: float) -> list[_Word]:
        """Split a word wider than the line into pieces that fit (no hyphen is added)."""
        if self.width(word.text, word.style) <= available:
            return [word]
        pieces: list[_Word] = []
        current = ""
        for char in word.text:
            if current and self.width(current + char, word.style) > available:
                pieces.append(_Word(current, word.style))
                current = ""
            current += char
        return [*pieces, _Word(current, word.style)]

    def lines(
        self,
        words: Sequence[_Word],
        first_x: float,
        rest_x: float,
        width: float,
        *,
        prefix: Sequence[tuple[float, _Word]] = (),
        justify: bool | None = None,
    ) -> list[_Line]:
        """Break words into lines: the first starts at first_x after `prefix`, others at rest_x."""
        justify = self.justify if justify is None else justify
        space = self.width(" ", "regular")
        narrowest = width - max(first_x, rest_x)
        pending = [piece for word in words for piece in self._fit_pieces(word, narrowest)]
        result: list[_Line] = []
        start = first_x
        while pending or not result:
            count, natural = 0, 0.0
            while count < len(pending):
                extra = self.width(pending[count].text, pending[count].style)
                needed = natural + (space if count else 0) + extra
                if count and start + needed > width:
                    break
                natural, count = needed, count + 1
            taken, pending = pending[:count], pending[count:]
            gap = space
            if justify and pending and count > 1:
                gap = space + (width - start - natural) / (count - 1)
            items: list[tuple[float, _Word]] = list(prefix) if not result else []
            x = start
            for word in taken:
                items.append((x, word))
                x += self.width(word.text, word.style) + gap
            result.append(_Line(tuple(items)))
            start = rest_x
        return result


# --- flowing lines into columns and pages -------------------------------------------------


class _Flow:
    """Places lines slot by slot into the columns of successive pages."""

    def __init__(self, doc: _Builder, kind: str) -> None:
        self.doc = doc
        self.kind = kind
        self.page: _Page | None = None
        self.column = 0
        self.slot = 0
        self.columns: list[tuple[int, int]] = []
        self.top = 0
        self.slots = 0

    def start_on(self, page: _Page, x: int, width: int, top: int, slots: int) -> None:
        self.page, self.column, self.slot = page, 0, 0
        self.columns, self.top, self.slots = [(x, width)], top, slots

    def new_page(self) -> None:
        self.page = self.doc.text_page("front" if self.kind == "abstract" else self.kind)
        geometry = self.doc.geometry
        self.columns = [(x, geometry.column_width) for x in geometry.column_lefts()]
        if self.kind == "abstract":
            self.columns = [(geometry.left, geometry.right - geometry.left)]
        self.column, self.slot = 0, 0
        self.top, self.slots = geometry.top, geometry.slots
        self.page.enter(self.kind)

    def section(self, kind: str, *, new_page: bool) -> None:
        self.kind = kind
        if new_page or self.page is None:
            self.new_page()
        else:
            self.page.enter(kind)

    @property
    def at_top(self) -> bool:
        return self.slot == 0

    @property
    def remaining(self) -> int:
        return self.slots - self.slot

    def advance(self) -> None:
        if self.column + 1 < len(self.columns):
            self.column, self.slot = self.column + 1, 0
        else:
            self.new_page()

    def space(self, count: int) -> None:
        if self.page is None:
            self.new_page()
        if not self.at_top:
            self.slot = min(self.slot + count, self.slots)

    def keep(self, count: int) -> None:
        """Make sure `count` slots are free in the current column."""
        if self.page is None or self.remaining < count:
            self.advance()

    def place(self, line: _Line, size: int) -> int:
        """Put a line in the next slot; return its page number."""
        if self.page is None or self.remaining < 1:
            self.advance()
        assert self.page is not None
        x0 = self.columns[self.column][0]
        baseline = self.top + self.slot * self.doc.geometry.pitch + self.doc.ascent(size)
        for x, word in line.items:
            self.page.ops.append(_Text(x0 + x, baseline, word.text, word.style, size))
        self.page.lines.append(line.text)
        self.page.enter(self.kind)
        self.slot += 1
        return self.page.number

    def place_all(self, lines: Sequence[_Line], size: int) -> int:
        pages = [self.place(line, size) for line in lines]
        return pages[0]


# --- the document builder -----------------------------------------------------------------


@dataclass(frozen=True)
class _Content:
    """What goes into the rendering: all of the patent's text, or a truncated part of it."""

    description: tuple[DescriptionBlock, ...]
    claims: tuple[ClaimSetText, ...]
    drawings: tuple[tuple[tuple[str, bool], ...], ...]
    """Drawing pages, each a tuple of (figure label, landscape)."""


@dataclass
class _Result:
    pages: list[_Page]
    description: list[Json]
    claims: dict[str, list[Json]]
    bookmarks: dict[str, int]
    bibliographic: Json
    truncated: bool = False


class _Builder:
    def __init__(self, patent: PatentText, layout: str, limit: int | None) -> None:
        self.patent = patent
        self.layout = layout
        self.limit = limit
        self.geometry = self.geometry_of(layout)
        self.face = typeface(self.geometry.family)
        self.sans = typeface("sans")
        self.pages: list[_Page] = []
        self.text_columns = 0
        self.setter = _Typesetter(self.face, self.geometry.size, self.geometry.justify)
        self.printed_parties: dict[str, tuple[Party, ...]] = {}

    def geometry_of(self, layout: str) -> _Geometry:
        """The page geometry of a layout (a builder of another layout gives its own)."""
        return _GEOMETRIES[layout]

    def extra_truth(self, result: _Result) -> Json:
        """Truth a layout prints beyond the common fields (running heads, printed forms)."""
        return {}

    # pages ----------------------------------------------------------------------------

    def ascent(self, size: int) -> int:
        return int(self.face.font("regular", size).getmetrics()[0])

    def add_page(self, kind: str) -> _Page:
        if self.limit is not None and len(self.pages) >= self.limit:
            raise _Overflow
        page = _Page(len(self.pages) + 1, kind)
        self.pages.append(page)
        if kind != "front" or self.layout == "plain":
            self._furniture(page)
        return page

    def text_page(self, kind: str) -> _Page:
        page = self.add_page(kind)
        if kind != "front" and self.geometry.line_numbers:
            self._line_numbers(page)
        if kind != "front" and self.layout == "two-column":
            self._column_numbers(page)
        return page

    def _band(self, page: _Page, band: str, text: _Text) -> None:
        page.ops.append(text)
        page.bands.append((band, text))

    def _furniture(self, page: _Page) -> None:
        """Running header and page number: the layout noise of every page."""
        if self.layout == "plain":
            docket = f"Docket No. {self.patent.office}-{self.patent.doc_number[-5:]}"
            self._band(
                page, "running-header", _Text(self.geometry.right, 230, docket, "regular", 40, "rs")
            )
            self._band(
                page,
                "page-number",
                _Text(_PAGE_W / 2, 3330, f"- {page.number} -", "regular", 44, "ms"),
            )
            return
        header = printed_number(self.patent)
        self._band(page, "running-header", _Text(_PAGE_W / 2, 170, header, "bold", 46, "ms"))
        self._band(
            page, "page-number", _Text(_PAGE_W / 2, 3380, str(page.number), "bold", 40, "ms")
        )

    def _line_numbers(self, page: _Page) -> None:
        geometry = self.geometry
        x: float = geometry.left - 70
        anchor = "rs"
        if geometry.columns > 1:
            x, anchor = geometry.left + geometry.column_width + geometry.gutter / 2, "ms"
        for number in range(5, geometry.slots + 1, 5):
            baseline = geometry.top + (number - 1) * geometry.pitch + self.ascent(geometry.size)
            self._band(
                page,
                "line-numbers",
                _Text(x, baseline, str(number), "italic", geometry.size - 6, anchor),
            )

    def _column_numbers(self, page: _Page) -> None:
        first = self.text_columns + 1
        self.text_columns += 2
        geometry = self.geometry
        self._band(page, "running-header", _Text(geometry.left, 170, str(first), "bold", 46))
        self._band(
            page, "running-header", _Text(geometry.right, 170, str(first + 1), "bold", 46, "rs")
        )

    # free text on the front page -----------------------------------------------------

    def write(
        self,
        page: _Page,
        y: int,
        runs: Sequence[tuple[float, str, Style]],
        size: int,
        anchor: str = "ls",
    ) -> None:
        for x, text, style in runs:
            page.ops.append(_Text(x, y, text, style, size, anchor))
        page.lines.append(" ".join(text for _, text, _ in runs))

    def wrapped(
        self,
        page: _Page,
        x: float,
        y: int,
        width: float,
        text: str,
        style: Style,
        size: int,
        first_x: float = 0.0,
    ) -> int:
        """Write wrapped text at x; return the baseline after the last line.

        Eight parameters: the page, the place and width, the text with its style and size, and
        where the first line starts; each one sets the printed paragraph."""
        setter = _Typesetter(self.face, size, False)
        pitch = int(size * 1.25)
        for line in setter.lines(_words(text, style), first_x, 0, width):
            self.write(page, y, [(x + dx, word.text, word.style) for dx, word in line.items], size)
            y += pitch
        return y

    # front page ----------------------------------------------------------------------

    def front(self) -> tuple[_Page, int]:
        page = self.add_page("front")
        page.enter("bibliographic-data")
        if self.layout == "plain":
            return page, self._front_plain(page)
        return page, self._front_inid(page)

    def _office_words(self) -> tuple[list[str], str]:
        patent = self.patent
        if patent.office == "EP":
            kind = _EP_KIND_WORDS.get(patent.kind[:1], "EUROPEAN PATENT DOCUMENT")
            return list(_EP_OFFICE_NAMES), kind
        if patent.office == "US":
            granted = patent.kind[:1] == "B"
            return ["United States"], (
                "United States Patent" if granted else "Patent Application Publication"
            )
        return [patent.office], "PATENT DOCUMENT"

    def _labels(self) -> dict[str, str]:
        granted = self.patent.kind[:1] == "B"
        if self.patent.office == "US":
            return {
                "date": "Date of Patent:" if granted else "Pub. Date:",
                "21": "Appl. No.:",
                "22": "Filed:",
                "51": "Int. Cl.:",
                "30": "Foreign Application Priority Data:",
                "71": "Applicant",
                "73": "Assignee",
                "72": "Inventor",
                "74": "Attorney, Agent, or Firm:",
            }
        return {
            "date": (
                "Date of publication and mention of the grant of the patent:"
                if granted
                else "Date of publication:"
            ),
            "21": "Application number:",
            "22": "Date of filing:",
            "51": "Int Cl.:",
            "30": "Priority:",
            "71": "Applicant",
            "73": "Proprietor",
            "72": "Inventor",
            "74": "Representative:",
        }

    def _front_inid(self, page: _Page) -> int:
        patent, geometry, labels = self.patent, self.geometry, self._labels()
        left, right = geometry.left, geometry.right
        offices, kind_words = self._office_words()
        y = 250
        for index, name in enumerate(offices):
            runs: list[tuple[float, str, Style]] = [(left + 230, name, "bold")]
            if index == 0:
                runs.insert(0, (left, "(19)", "regular"))
            self.write(page, y + index * 52, runs, 42)
        number = printed_number(patent)
        page.ops.append(_Text(right - 900, 470, "(11)", "regular", 40))
        page.ops.append(_Text(right, 470, number, "bold", 80, "rs"))
        page.lines.append(f"(11) {number}")
        page.ops.append(_Rule((left, 505, right - left, 5)))
        self.write(page, 620, [(left, "(12)", "regular")], 40)
        page.ops.append(_Text((left + right) / 2, 620, kind_words, "bold", 56, "ms"))
        page.lines[-1] = f"(12) {kind_words}"
        size = 38
        mid = left + (right - left) // 2 + 40
        column_w = mid - left - 80
        y_left = self._column_a_left(page, left, 760, column_w, size, labels)
        y_right = self._column_a_right(page, mid, 760, right - mid, size, labels)
        y = max(y_left, y_right) + 30
        y = self._titles(page, left, y, right - left, size)
        page.ops.append(_Rule((left, y - 20, right - left, 3)))
        y += 50
        y_left = self._parties_left(page, left, y, column_w, size, labels)
        y_right = self._parties_right(page, mid, y, right - mid, size, labels)
        y = max(y_left, y_right)
        page.ops.append(_Rule((left, y - 10, right - left, 3)))
        return y + 40

    def _field(
        self, page: _Page, x: int, y: int, width: int, code: str, label: str, value: str, size: int
    ) -> int:
        """An INID field "(21) Application number: 04818324.8", wrapped; returns the next y.

        Eight parameters: the page, the place, width and type size of the field, and the three
        things it prints (INID code, label, value)."""
        pitch = int(size * 1.3)
        head = f"{label} " if label else ""
        indent = 115
        setter = _Typesetter(self.face, size, False)
        words = _words(head, "regular") + _words(value, "bold")
        first = True
        for line in setter.lines(words, 0, 0, width - indent):
            runs: list[tuple[float, str, Style]] = [
                (x + indent + dx, w.text, w.style) for dx, w in line.items
            ]
            if first:
                runs.insert(0, (x, code, "regular"))
                first = False
            self.write(page, y, runs, size)
            y += pitch
        return y + pitch // 2

    def _block_field(
        self,
        page: _Page,
        x: int,
        y: int,
        width: int,
        code: str,
        label: str,
        values: Sequence[str],
        size: int,
    ) -> int:
        """A field whose values are lines under the label (priorities, parties, IPC); as
        `_field`, the page, place, width and size, and the code, label and values it prints."""
        pitch = int(size * 1.3)
        self.write(page, y, [(x, code, "regular"), (x + 115, label, "regular")], size)
        y += pitch
        for value in values:
            y = self.wrapped(page, x + 115, y, width - 115, value, "bold", size)
        return y + pitch // 2

    def _column_a_left(
        self, page: _Page, x: int, y: int, width: int, size: int, labels: dict[str, str]
    ) -> int:
        patent = self.patent
        code = "(45)" if patent.kind[:1] == "B" else "(43)"
        y = self._field(
            page, x, y, width, code, labels["date"], _date(patent.publication_date), size
        )
        if patent.application_number:
            y = self._field(
                page, x, y, width, "(21)", labels["21"], _application_number(patent), size
            )
        if patent.filing_date:
            y = self._field(
                page, x, y, width, "(22)", labels["22"], _date(patent.filing_date), size
            )
        return y

    def _column_a_right(
        self, page: _Page, x: int, y: int, width: int, size: int, labels: dict[str, str]
    ) -> int:
        symbols = list(self.patent.ipc)
        if not symbols:
            return y
        rows = [" ".join(symbols[i : i + 2]) for i in range(0, len(symbols), 2)]
        return self._block_field(page, x, y, width, "(51)", labels["51"], rows, size)

    def _titles(self, page: _Page, x: int, y: int, width: int, size: int) -> int:
        pitch = int(size * 1.3)
        for index, title in enumerate(self.patent.titles):
            style: Style = "bold" if index == 0 else "regular"
            setter = _Typesetter(self.face, size + 4, False)
            lines = setter.lines(_words(title.text, style), 0, 0, width - 115)
            for number, line in enumerate(lines):
                runs = [(x + 115 + dx, w.text, w.style) for dx, w in line.items]
                if index == 0 and number == 0:
                    runs.insert(0, (x, "(54)", "regular"))
                self.write(page, y, runs, size + 4)
                y += pitch + 4
            y += pitch // 2
        return y + pitch // 2

    def _parties(self, role: str, parties: Sequence[Party]) -> tuple[Party, ...]:
        printed = tuple(parties[:_MAX_PARTIES])
        self.printed_parties[role] = printed
        return printed

    def _party_field(
        self,
        page: _Page,
        x: int,
        y: int,
        width: int,
        code: str,
        label: str,
        parties: Sequence[Party],
        size: int,
    ) -> int:
        """The parties under their label (singular or plural as they are many); as `_field`,
        the page, place, width and size, and the code, label and parties it prints."""
        if not parties:
            return y
        plural = (
            label if label.endswith(":") else (f"{label}s:" if len(parties) > 1 else f"{label}:")
        )
        compact = len(parties) > 4
        values = [line for party in parties for line in _party_lines(party, compact)]
        return self._block_field(page, x, y, width, code, plural, values, size)

    def _parties_left(
        self, page: _Page, x: int, y: int, width: int, size: int, labels: dict[str, str]
    ) -> int:
        patent = self.patent
        priorities = [f"{_date(p.date)} {p.country} {p.doc_number}" for p in patent.priorities]
        if priorities:
            y = self._block_field(page, x, y, width, "(30)", labels["30"], priorities, size)
        applicants = self._parties("applicants", patent.applicants)
        y = self._party_field(page, x, y, width, "(71)", labels["71"], applicants, size)
        assignees = self._parties("assignees", patent.assignees)
        return self._party_field(page, x, y, width, "(73)", labels["73"], assignees, size)

    def _parties_right(
        self, page: _Page, x: int, y: int, width: int, size: int, labels: dict[str, str]
    ) -> int:
        inventors = self._parties("inventors", self.patent.inventors)
        y = self._party_field(page, x, y, width, "(72)", labels["72"], inventors, size)
        agents = self._parties("agents", self.patent.agents)
        return self._party_field(page, x, y, width, "(74)", labels["74"], agents, size)

    def _front_plain(self, page: _Page) -> int:
        patent, geometry, labels = self.patent, self.geometry, self._labels()
        left, right = geometry.left, geometry.right
        size = 44
        y = 420
        title = patent.titles[0].text.upper() if patent.titles else ""
        setter = _Typesetter(self.face, 52, False)
        for line in setter.lines(_words(title, "bold"), 0, 0, right - left):
            width = self.face.width(line.text, "bold", 52)
            offset = (right - left - width) / 2
            self.write(page, y, [(left + offset + dx, w.text, w.style) for dx, w in line.items], 52)
            y += 70
        y += 60
        fields = [
            ("(21)", labels["21"], _application_number(patent)),
            ("(22)", labels["22"], _date(patent.filing_date)),
            ("(43)", "Date of publication:", _date(patent.publication_date)),
            ("(51)", labels["51"], ", ".join(patent.ipc)),
            (
                "(30)",
                labels["30"],
                "; ".join(f"{_date(p.date)} {p.country} {p.doc_number}" for p in patent.priorities),
            ),
        ]
        for code, label, value in fields:
            if value:
                y = self._field(page, left, y, right - left, code, label, value, size)
        for code, role, label, parties in (
            ("(71)", "applicants", labels["71"], patent.applicants),
            ("(72)", "inventors", labels["72"], patent.inventors),
            ("(73)", "assignees", labels["73"], patent.assignees),
            ("(74)", "agents", labels["74"], patent.agents),
        ):
            printed = self._parties(role, parties)
            y = self._party_field(page, left, y, right - left, code, label, printed, size)
            _ = role
        return y + 40

    # body -----------------------------------------------------------------------------

    def abstract(self, flow: _Flow, page: _Page, y: int) -> None:
        geometry = self.geometry
        size = geometry.size if self.layout != "plain" else 44
        setter = _Typesetter(self.face, size, self.layout != "plain")
        pitch = int(size * 1.25)
        flow.start_on(page, geometry.left, geometry.right - geometry.left, y, (3200 - y) // pitch)
        flow.kind = "abstract"
        page.enter("abstract")
        width = geometry.right - geometry.left
        if self.layout == "plain" or self.patent.office != "EP":
            heading = "ABSTRACT"
            title: tuple[tuple[float, _Word], ...] = ((0.0, _Word(heading, "bold")),)
            if self.layout != "plain":
                title = ((0.0, _Word("(57)", "regular")), (115.0, _Word(heading, "bold")))
            self._place_scaled(flow, _Line(title), size, pitch)
            flow.space(1)
            prefix: tuple[tuple[float, _Word], ...] = ()
        else:
            prefix = ((0.0, _Word("(57)", "regular")),)
        indent = 0 if self.layout == "plain" else 115
        for index, paragraph in enumerate(self.patent.abstract):
            lines = setter.lines(
                _words(paragraph, "regular"),
                indent,
                indent,
                width,
                prefix=prefix if index == 0 else (),
            )
            for line in lines:
                self._place_scaled(flow, line, size, pitch)
            flow.space(1)
        self._abstract_figure(flow, pitch)

    def _place_scaled(self, flow: _Flow, line: _Line, size: int, pitch: int) -> None:
        """Place a line on a front page, whose pitch differs from the body's."""
        if flow.remaining < 1:
            flow.new_page()
            flow.slots = self.geometry.slots * self.geometry.pitch // pitch
        assert flow.page is not None
        baseline = flow.top + flow.slot * pitch + self.ascent(size)
        x0 = flow.columns[0][0]
        for x, word in line.items:
            flow.page.ops.append(_Text(x0 + x, baseline, word.text, word.style, size))
        flow.page.lines.append(line.text)
        flow.slot += 1

    def _abstract_figure(self, flow: _Flow, pitch: int) -> None:
        if not self.patent.figures or flow.page is None or self.layout == "plain":
            return
        top = flow.top + flow.slot * pitch + 40
        height = min(3200 - top, 1300)
        if height < 700:
            return
        width = min(1500, int(height * 1.2))
        box = ((_PAGE_W - width) // 2, top, width, height)
        flow.page.ops.append(_FigureSlot(self.patent.figures[0], box, False, abstract=True))
        flow.page.lines.append(figure_label(self.patent.figures[0]))

    def description(self, flow: _Flow, blocks: Sequence[DescriptionBlock]) -> list[Json]:
        geometry = self.geometry
        flow.section("description", new_page=True)
        for line in self.description_opening():
            flow.place(line, geometry.size)
        flow.space(1)
        truth: list[Json] = []
        width = self.columns_width()
        previous = "heading"
        for block in blocks:
            if block.kind == "heading":
                text = block.text.upper() if self.layout == "plain" else block.text
                lines = self.setter.lines(_words(text, "bold"), 0, 0, width, justify=False)
                if previous == "p":
                    flow.space(1)
                flow.keep(len(lines) + 2)
                page = flow.place_all(lines, geometry.size)
                flow.space(1)
                truth.append({"type": "heading", "text": text, "page": page})
                previous = "heading"
                continue
            previous = "p"
            lines = self._paragraph_lines(block, width)
            page = flow.place_all(lines, geometry.size)
            flow.space(geometry.paragraph_gap)
            truth.append({"type": "p", "num": block.num, "text": block.text, "page": page})
        return truth

    def description_opening(self) -> list[_Line]:
        """The line(s) printed above the description: its heading."""
        title = _DESCRIPTION_HEADINGS.get(self.patent.lang, "Description")
        if self.layout == "plain":
            title = title.upper()
        return [_Line(((0.0, _Word(title, "bold")),))]

    def claims_heading(self, lang: str) -> str | None:
        """The heading printed above a claim set; None for claims printed without one."""
        if self.layout == "plain" and lang == "en":
            return "What is claimed is:"
        return _CLAIMS_HEADINGS.get(lang, "Claims")

    def claims_on_new_page(self) -> bool:
        return self.layout == "plain"

    def columns_width(self) -> int:
        return self.geometry.column_width

    def _paragraph_label(self, num: str) -> str:
        if self.layout == "plain":
            digits = int(num) if num.isdigit() else 0
            return f"[{digits:03d}]"
        return f"[{num}]"

    def _paragraph_lines(self, block: DescriptionBlock, width: int) -> list[_Line]:
        geometry = self.geometry
        prefix = ((0.0, _Word(self._paragraph_label(block.num), geometry.number_style)),)
        segments = block.text.split("\n") if block.text else [""]
        lines: list[_Line] = []
        for index, segment in enumerate(segments):
            lines += self.setter.lines(
                _words(segment, "regular"),
                geometry.para_tab if index == 0 else 0,
                0,
                width,
                prefix=prefix if index == 0 else (),
            )
        return lines

    def claims(
        self, flow: _Flow, claim_sets: Sequence[ClaimSetText], bookmarks: dict[str, int]
    ) -> dict[str, list[Json]]:
        geometry = self.geometry
        truth: dict[str, list[Json]] = {}
        width = self.columns_width()
        for index, claim_set in enumerate(claim_sets):
            key = "claims" if index == 0 else f"claims:{claim_set.lang}"
            first = index == 0
            flow.section("claims", new_page=(self.claims_on_new_page() and first))
            heading = self.claims_heading(claim_set.lang)
            flow.space(2 - (self.layout == "plain"))
            flow.keep(4)
            if heading is not None:
                bookmarks[key] = flow.place(_Line(((0.0, _Word(heading, "bold")),)), geometry.size)
                flow.space(1)
            items: list[Json] = []
            for claim in claim_set.claims:
                lines = self._claim_lines(claim.num, claim.text, width)
                start = flow.place_all(lines, geometry.size)
                flow.space(geometry.claim_gap)
                items.append({"num": claim.num, "text": claim.text, "page": start})
                bookmarks.setdefault(key, start)
            truth.setdefault(claim_set.lang, []).extend(items)
        return truth

    def _claim_lines(self, num: int, text: str, width: int) -> list[_Line]:
        tab = self.geometry.claim_tab
        prefix = ((0.0, _Word(f"{num}.", self.geometry.number_style)),)
        lines: list[_Line] = []
        for index, segment in enumerate(text.split("\n") if text else [""]):
            x = tab if index == 0 else tab + 60
            lines += self.setter.lines(
                _words(segment, "regular"), x, x, width, prefix=prefix if index == 0 else ()
            )
        return lines

    def drawings(self, plan: Sequence[Sequence[tuple[str, bool]]]) -> None:
        geometry = self.geometry
        for sheet in plan:
            page = self.add_page("drawings")
            page.enter("drawings")
            top, bottom = 330, 3220
            height = (bottom - top) // len(sheet)
            for index, (num, landscape) in enumerate(sheet):
                box = (
                    geometry.left + 60,
                    top + index * height + 20,
                    geometry.right - geometry.left - 120,
                    height - 40,
                )
                page.ops.append(_FigureSlot(num, box, landscape))
                page.lines.append(figure_label(num))

    # whole document -------------------------------------------------------------------

    def build(self, content: _Content) -> _Result:
        front, y = self.front()
        flow = _Flow(self, "front")
        if self.patent.abstract:
            self.abstract(flow, front, y)
        bookmarks: dict[str, int] = {"bibliographic-data": 1}
        if self.patent.abstract:
            bookmarks["abstract"] = 1
        description: list[Json] = []
        if content.description:
            description = self.description(flow, content.description)
            bookmarks["description"] = self._section_start("description")
        claims = self.claims(flow, content.claims, bookmarks) if content.claims else {}
        if content.drawings:
            bookmarks["drawings"] = len(self.pages) + 1
            self.drawings(content.drawings)
        return _Result(self.pages, description, claims, bookmarks, self._bibliographic())

    def _section_start(self, section: str) -> int:
        return next(page.number for page in self.pages if section in page.sections)

    def _bibliographic(self) -> Json:
        """The fields as printed: the plain layout's front page prints no publication number
        or kind, and its first title only."""
        patent, plain = self.patent, self.layout == "plain"
        titles = patent.titles[:1] if plain else patent.titles
        return {
            "country": patent.office,
            "doc_number": "" if plain else patent.doc_number,
            "kind": "" if plain else patent.kind,
            "publication_date": patent.publication_date,
            "application_number": patent.application_number,
            "filing_date": patent.filing_date,
            "priorities": [
                {"country": p.country, "doc_number": p.doc_number, "date": p.date}
                for p in patent.priorities
            ],
            "ipc": list(patent.ipc),
            "titles": [{"lang": t.lang, "text": t.text} for t in titles],
            **{
                role: [_party_truth(p) for p in self.printed_parties.get(role, ())]
                for role in ("applicants", "inventors", "assignees", "agents")
            },
        }


# --- planning: drawings and truncation ----------------------------------------------------


def _drawing_plan(patent: PatentText) -> tuple[tuple[tuple[str, bool], ...], ...]:
    rng = random.Random(_seed(patent.name, "drawings"))
    labels = list(patent.figures)
    landscape = 2 if len(labels) >= 3 else -1
    sheets: list[tuple[tuple[str, bool], ...]] = []
    pending: list[tuple[str, bool]] = []
    for index, label in enumerate(labels):
        if index == landscape or rng.random() < 0.35:
            if pending:
                sheets.append(tuple(pending))
                pending = []
            sheets.append(((label, index == landscape),))
            continue
        pending.append((label, False))
        if len(pending) == 2:
            sheets.append(tuple(pending))
            pending = []
    if pending:
        sheets.append(tuple(pending))
    return tuple(sheets)


def _subset(
    patent: PatentText,
    paragraphs: int,
    claims: int,
    sets: int,
    drawings: tuple[tuple[tuple[str, bool], ...], ...],
) -> _Content:
    blocks: list[DescriptionBlock] = []
    kept = 0
    for block in patent.description:
        if kept >= paragraphs:
            break
        blocks.append(block)
        kept += block.kind == "p"
    claim_sets = tuple(
        replace(claim_set, claims=claim_set.claims[:claims]) for claim_set in patent.claims[:sets]
    )
    return _Content(tuple(blocks), claim_sets, drawings)


def _largest(low: int, high: int, fits: Callable[[int], bool]) -> int:
    """The largest value in [low, high] that fits, given that `low` fits."""
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _plan(
    patent: PatentText, layout: str, max_pages: int | None, builder: type[_Builder] = _Builder
) -> tuple[_Content, bool]:
    """Choose what to render: everything, or the first paragraphs and claims that fit.

    When cutting, the description gets about 60 % of the text pages, then each claim set as
    many claims as fit, then the description whatever room is left.
    """
    plan = _drawing_plan(patent)
    full = _Content(patent.description, patent.claims, plan)
    if max_pages is None or _fits(builder(patent, layout, max_pages - len(plan)), full):
        return full, False
    drawing_pages = min(len(plan), max(1, (max_pages - 2) // 3)) if plan else 0
    limit = max_pages - drawing_pages
    front = len(builder(patent, layout, None).build(_Content((), (), ())).pages)
    if limit - front < 1:
        raise ValueError(f"max_pages={max_pages} is too few to render {patent.name}")
    total_paragraphs = len(patent.paragraphs)
    total_claims = max((len(s.claims) for s in patent.claims), default=0)

    def fits(paragraphs: int, claims: int, sets: int, pages: int = limit) -> bool:
        content = _subset(patent, paragraphs, claims, sets, ())
        return _fits(builder(patent, layout, pages), content)

    budget = front + max(1, round((limit - front) * 0.6))
    paragraphs = _largest(0, total_paragraphs, lambda n: fits(n, 0, 0, budget))
    paragraphs = max(paragraphs, min(total_paragraphs, 1))
    for sets in range(len(patent.claims), -1, -1):
        cut = _cut(fits, paragraphs, total_paragraphs, total_claims if sets else 0, sets)
        if cut is not None:
            return _subset(patent, cut[0], cut[1], sets, plan[:drawing_pages]), True
    raise ValueError(f"max_pages={max_pages} is too few to render {patent.name}")


def _cut(
    fits: Callable[[int, int, int], bool],
    paragraphs: int,
    total_paragraphs: int,
    total_claims: int,
    sets: int,
) -> tuple[int, int] | None:
    """Paragraphs and claims per set that fit with `sets` claim sets, or None."""
    least = min(total_claims, 1)
    if not fits(min(paragraphs, 1), least, sets):
        return None
    if not fits(paragraphs, least, sets):
        paragraphs = _largest(min(paragraphs, 1), paragraphs, lambda n: fits(n, least, sets))
    claims = _largest(least, total_claims, lambda m: fits(paragraphs, m, sets))
    paragraphs = _largest(paragraphs, total_paragraphs, lambda n: fits(n, claims, sets))
    return paragraphs, claims


def _fits(fresh: _Builder, content: _Content) -> bool:
    try:
        fresh.build(replace(content, drawings=()))
    except _Overflow:
        return False
    return True


# --- drawing the pages --------------------------------------------------------------------


def _ink_box(image: Image.Image, box: tuple[int, int, int, int]) -> list[int]:
    left, top, right, bottom = (
        max(0, box[0]),
        max(0, box[1]),
        min(image.width, box[2]),
        min(image.height, box[3]),
    )
    crop = np.asarray(image.crop((left, top, right, bottom))) < 128
    rows, cols = np.flatnonzero(crop.any(axis=1)), np.flatnonzero(crop.any(axis=0))
    if rows.size == 0:
        return [left, top, 0, 0]
    return [
        left + int(cols[0]),
        top + int(rows[0]),
        int(cols[-1] - cols[0] + 1),
        int(rows[-1] - rows[0] + 1),
    ]


def _paint(page: _Page, face: Typeface, patent: PatentText) -> tuple[Image.Image, Json, list[Json]]:
    image = Image.new("L", A4_300DPI, 255)
    draw = ImageDraw.Draw(image)
    figures: list[Json] = []
    for op in page.ops:
        if isinstance(op, _Text):
            draw.text(
                (op.x, op.baseline),
                op.text,
                font=face.font(op.style, op.size),
                fill=0,
                anchor=op.anchor,
            )
        elif isinstance(op, _Rule):
            left, top, width, height = op.box
            draw.rectangle([(left, top), (left + width - 1, top + height - 1)], fill=0)
        else:
            ink = draw_figure(
                image, op.box, op.num, _seed(patent.name, op.num), face, landscape=op.landscape
            )
            figures.append(
                {
                    "num": op.num,
                    "page": page.number,
                    "box": list(ink),
                    "landscape": op.landscape,
                    "abstract": op.abstract,
                }
            )
    bands: list[Json] = []
    for band, text in page.bands:
        font = face.font(text.style, text.size)
        left, top, right, bottom = (round(v) for v in font.getbbox(text.text, anchor=text.anchor))
        box = (
            int(text.x) + left - 4,
            text.baseline + top - 4,
            int(text.x) + right + 5,
            text.baseline + bottom + 5,
        )
        bands.append({"band": band, "text": text.text, "box": _ink_box(image, box)})
    entry: Json = {
        "number": page.number,
        "kind": page.kind,
        "sections": list(page.sections),
        "text": "\n".join(page.lines),
        "bands": bands,
    }
    binary = image.point(lambda value: 255 if value >= 128 else 0).convert("1")
    return binary, entry, figures


def _scaled(value: Any, factor: float) -> Any:
    if isinstance(value, dict):
        return {
            k: (_scaled(v, factor) if k in ("box", "bands") or isinstance(v, list | dict) else v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        if value and all(isinstance(v, int) for v in value) and len(value) == 4:
            return [round(v * factor) for v in value]
        return [_scaled(v, factor) for v in value]
    return value


def render(
    patent: PatentText, layout: str, *, max_pages: int | None = None, dpi: int = 300
) -> RenderedDocument:
    """Render the patent in a layout ("ep", "two-column" or "plain") with its ground truth.

    With `max_pages`, the document is cut at a paragraph and claim boundary so that the front
    page, the first paragraphs, the first claims of each claim set and at least one drawing
    page (when the patent has figures) fit; the truth covers exactly what was rendered.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}")
    return render_with(_Builder, patent, layout, max_pages=max_pages, dpi=dpi)


def render_with(
    builder_type: type[_Builder],
    patent: PatentText,
    layout: str,
    *,
    max_pages: int | None = None,
    dpi: int = 300,
) -> RenderedDocument:
    """Render with the builder of a layout (this module's, or one of `ocr36_synth.layouts`)."""
    content, truncated = _plan(patent, layout, max_pages, builder_type)
    builder = builder_type(patent, layout, None)
    result = builder.build(content)
    images: list[Image.Image] = []
    entries: list[Json] = []
    figures: list[Json] = []
    for page in result.pages:
        image, entry, page_figures = _paint(page, builder.face, patent)
        images.append(image)
        entries.append(entry)
        figures += page_figures
    truth = _truth(patent, layout, result, entries, figures, truncated)
    truth.update(builder.extra_truth(result))
    if dpi != 300:
        factor = dpi / 300
        size = (round(_PAGE_W * factor), round(_PAGE_H * factor))
        images = [
            im.convert("L")
            .resize(size, Image.Resampling.LANCZOS)
            .point(lambda value: 255 if value >= 128 else 0)
            .convert("1")
            for im in images
        ]
        truth = _scaled(truth, factor)
    for image in images:
        image.info["dpi"] = (dpi, dpi)
    truth["dpi"] = dpi
    return RenderedDocument(tuple(images), truth)


def _sheets(pages: list[Json], drawings: list[Json]) -> list[Json]:
    """The drawing sheets: page number and the figures drawn on it."""
    sheets = [{"page": p["number"], "figures": []} for p in pages if p["kind"] == "drawings"]
    for sheet in sheets:
        sheet["figures"] = [f["num"] for f in drawings if f["page"] == sheet["page"]]
    return sheets


def _truth(
    patent: PatentText,
    layout: str,
    result: _Result,
    pages: list[Json],
    figures: list[Json],
    truncated: bool,
) -> Json:
    abstract_figure = next((f for f in figures if f["abstract"]), None)
    if abstract_figure is not None:
        abstract_figure = {k: v for k, v in abstract_figure.items() if k != "abstract"}
    drawings = [
        {k: v for k, v in f.items() if k != "abstract"} for f in figures if not f["abstract"]
    ]
    return {
        "name": patent.name,
        "office": patent.office,
        "doc_number": patent.doc_number,
        "kind": patent.kind,
        "lang": patent.lang,
        "layout": layout,
        "truncated": truncated,
        "bibliographic": result.bibliographic,
        "abstract": list(patent.abstract),
        "abstract_figure": abstract_figure,
        "description": result.description,
        "claims": result.claims,
        "figures": drawings,
        "sheets": _sheets(pages, drawings),
        "bookmarks": result.bookmarks,
        "pages": pages,
    }
