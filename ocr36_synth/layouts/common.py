"""What the layouts modelled on other offices share: printed dates, bar codes, superscripts,
text in balanced columns, and a builder that records what its front page printed."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ocr36_synth.fonts import Style
from ocr36_synth.render import (
    _Builder,
    _Line,
    _Page,
    _Result,
    _Rule,
    _seed,
    _Text,
    _Typesetter,
    _Word,
    _words,
)

Json = dict[str, Any]

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_US_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.",
              "Nov.", "Dec.")
BIBLIOGRAPHIC_FIELDS = ("doc_number", "kind", "publication_date", "application_number",
                        "filing_date", "priorities", "ipc", "titles", "applicants",
                        "inventors", "assignees", "agents")


def iso_date(value: str) -> str:
    """"2016-08-12" from "20160812"."""
    return f"{value[:4]}-{value[4:6]}-{value[6:8]}" if len(value) == 8 else value


def us_date(value: str) -> str:
    """The USPTO's order: "Jan. 6, 2015"."""
    if len(value) != 8:
        return value
    return f"{_US_MONTHS[int(value[4:6]) - 1]} {int(value[6:8])}, {value[:4]}"


def wipo_date(value: str) -> str:
    """WIPO's: "6 January 2005 (06.01.2005)"."""
    if len(value) != 8:
        return value
    month = _MONTHS[int(value[4:6]) - 1]
    return f"{int(value[6:8])} {month} {value[:4]} ({value[6:8]}.{value[4:6]}.{value[:4]})"


def ipc_edition(symbol: str) -> str:
    """The edition printed after an IPC symbol; the reformed IPC's first edition for all."""
    return "2006.01" if symbol else ""


@dataclass(frozen=True)
class Run:
    """A piece of a printed line: text at x in a style and size, raised by `rise` pixels."""

    x: float
    text: str
    style: Style = "regular"
    size: int = 38
    rise: int = 0


class LayoutBuilder(_Builder):
    """A builder whose front page prints only some bibliographic fields: the truth holds
    those (`printed_fields`), so that a field not printed is not counted as missed."""

    printed_fields: frozenset[str] = frozenset(BIBLIOGRAPHIC_FIELDS)
    front_kind = "inid"
    """What page 1 is: "inid" (INID-coded front page) or "abstract-page"."""

    def running_head(self) -> str:
        return ""

    def printed_number(self) -> str:
        return ""

    def extra_truth(self, result: _Result) -> Json:
        return {"running_head": self.running_head(), "front_page": self.front_kind,
                "printed": {"publication_number": self.printed_number()}}

    def _bibliographic(self) -> Json:
        full = super()._bibliographic()
        empty: dict[str, Any] = {"priorities": [], "ipc": [], "titles": []}
        return {key: (value if key in self.printed_fields or key == "country"
                      else empty.get(key, [] if isinstance(value, list) else ""))
                for key, value in full.items()}

    # primitives ---------------------------------------------------------------------

    def runs(self, page: _Page, y: int, runs: Sequence[Run]) -> None:
        """One printed line of mixed sizes (a superscript is a run with a rise)."""
        for run in runs:
            page.ops.append(_Text(run.x, y - run.rise, run.text, run.style, run.size))
        page.lines.append(" ".join(run.text for run in runs))

    def barcode(self, page: _Page, box: tuple[int, int, int, int], key: str) -> None:
        """Bars of random widths filling the box, seeded by `key` (the number they encode)."""
        rng = random.Random(_seed(key, "barcode"))
        left, top, width, height = box
        x = left
        while x < left + width - 12:
            bar = rng.choice((3, 3, 6, 9))
            page.ops.append(_Rule((x, top, bar, height)))
            x += bar + rng.choice((3, 6, 6, 9))

    def column_lines(self, text: Sequence[str], width: int, size: int,
                     prefix: str = "", style: Style = "regular") -> list[_Line]:
        """Justified lines of paragraphs for a column; `prefix` (an INID code) opens the first."""
        setter = _Typesetter(self.face, size, True)
        indent = 0.0 if not prefix else self.face.width(prefix + "  ", "regular", size)
        lines: list[_Line] = []
        for index, paragraph in enumerate(text):
            opening = ((0.0, _words_one(prefix)),) if prefix and index == 0 else ()
            lines += setter.lines(_words(paragraph, style), indent if opening else 0.0,
                                  0.0, width, prefix=opening)
        return lines

    def balanced(self, page: _Page, lines: Sequence[_Line], lefts: Sequence[int],
                 top: int, size: int) -> int:
        """Lines in columns of equal length from `top`, read column by column; returns the
        baseline under the longest column."""
        pitch = int(size * 1.3)
        per_column = math.ceil(len(lines) / len(lefts)) if lines else 0
        for index, line in enumerate(lines):
            column, slot = divmod(index, per_column)
            baseline = top + slot * pitch + self.ascent(size)
            for x, word in line.items:
                page.ops.append(_Text(lefts[column] + x, baseline, word.text, word.style, size))
            page.lines.append(line.text)
        return top + per_column * pitch


def _words_one(text: str) -> _Word:
    return _Word(text, "regular")
