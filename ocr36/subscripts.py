"""A second look at subscripts: "C₁₋₄", "R₁", "C₃₋₅" read on their own.

Tesseract reads a line at its baseline; the small digits set below it after a capital
("C₁₋₄ alkyl", "R₂ is") come back as punctuation ("C;.4", "R,", "C:"). Such a word is
found by its shape (one capital, then only small glyphs that hang below the capital's
baseline, and punctuation), its low part is cut out, all of a page's are stacked on one
canvas and read in one more engine call, and a reading that is digits (with a range dash)
replaces the word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import cv2
import numpy as np

from ocr36.model import Box, Line, Word
from ocr36.ocr.engine import MAX_CANVAS_HEIGHT, Engine

_PAD = 32
_COPIES = 3
_PSM_BLOCK = 6
_LEAD = re.compile(r"^[A-Z]")
_SHAPE = re.compile(r"^d{1,2}(?:-d{1,2})?$")
_TAIL = re.compile(r"[,;:.)]$")
_NAMED = re.compile(r"-[^\W\d_][^\W\d_-]*(?:-[^\W\d_]+)*[,;:.)]*$")
_CONFUSED = str.maketrans({"l": "1", "I": "1", "|": "1", "i": "1", "O": "0", "o": "0",
                           "—": "-", "–": "-", "_": "-", "~": "-"})


Glyph = Box
"""One connected blot of ink on the page."""


@dataclass(frozen=True)
class Candidate:
    """Words [first, last] of a line that are one capital and its subscript."""

    line: int
    first: int
    last: int
    lead: str
    """The capital, as first read ("GC:" is one C: the last of the leading capitals)."""
    cut: Box
    """The subscript part on the page, after the capital."""
    shape: str
    """The subscript's glyphs: "d" a digit, "-" a dash ("d-d" for "1-4")."""
    punctuated: bool
    """Punctuation follows the subscript (it is taken from the first reading)."""
    suffix: str = ""
    """The rest of a hyphenated name, as first read: "-Alkyl" of "C1-4-Alkyl"."""


def _glyphs(image: np.ndarray, box: Box) -> list[Glyph]:
    """The glyphs around a word, left to right. Wide blots one above the other, closer than
    half their width, are one glyph: a scan's noise may cut a thin stroke ("C" in two arcs);
    the dot and comma of a semicolon stay apart."""
    top, left = max(box.top - 4, 0), max(box.left - 2, 0)
    patch = image[top : box.bottom + 8, left : box.right + 4] == 0
    count, _, stats, _ = cv2.connectedComponentsWithStats(patch.astype(np.uint8),
                                                          connectivity=8)
    blots = sorted(((int(x) + left, int(y) + top, int(x + w) + left, int(y + h) + top)
                    for x, y, w, h, area in stats[1:count] if area >= 4),
                   key=lambda g: g[0])
    glyphs: list[tuple[int, int, int, int]] = []
    """Each glyph as (left, top, right, bottom): plain numbers, compared many times."""
    for blot in blots:
        stacked = next((i for i, g in enumerate(glyphs)
                        if g[2] > blot[0] and _cut_apart(g, blot)), None)  # apart: no overlap
        if stacked is None:
            glyphs.append(blot)
        else:  # the union keeps the left edge of the glyph it joins: the order holds
            g = glyphs[stacked]
            glyphs[stacked] = (min(g[0], blot[0]), min(g[1], blot[1]), max(g[2], blot[2]),
                               max(g[3], blot[3]))
    return [Glyph(x0, y0, x1 - x0, y1 - y0) for x0, y0, x1, y1 in glyphs]


def _cut_apart(upper: tuple[int, int, int, int], lower: tuple[int, int, int, int]) -> bool:
    """Whether two blots (left, top, right, bottom) are one glyph a scan cut in two."""
    narrower = min(upper[2] - upper[0], lower[2] - lower[0])
    overlap = min(upper[2], lower[2]) - max(upper[0], lower[0])
    gap = max(upper[1], lower[1]) - min(upper[3], lower[3])
    return overlap >= 0.7 * narrower and 2 * gap < narrower


def _capital(glyphs: Sequence[Glyph], box: Box) -> Glyph | None:
    """The first glyph, if it is as tall as a capital of the word's line."""
    starting = [g for g in glyphs if g.left <= box.left + 6 and g.height >= box.height * 0.5]
    return starting[0] if starting else None


def _is_small(glyph: Glyph, capital: Glyph) -> bool:
    """Comma, full stop, hyphen."""
    return glyph.height <= capital.height * 0.45


def _is_low_digit(glyph: Glyph, capital: Glyph) -> bool:
    return glyph.bottom >= capital.bottom + capital.height * 0.15 \
        and glyph.top >= capital.top + capital.height * 0.35 \
        and glyph.height <= capital.height * 0.9


def _reach(words: Sequence[Word], index: int) -> int:
    """The last of the (at most two) words that follow words[index] closely."""
    last = index
    while last + 1 < len(words) and last - index < 2 and \
            words[last + 1].box.left - words[last].box.right <= words[index].box.height * 0.8:
        last += 1
    return last


def _candidate(image: np.ndarray, words: Sequence[Word], index: int,
               line_index: int) -> Candidate | None:
    word = words[index]
    reach = _reach(words, index)
    span = word.box
    for following in words[index + 1 : reach + 1]:
        span = span.union(following.box)
    glyphs = _glyphs(image, span)
    capital = _capital(glyphs, word.box)
    if capital is None:
        return None
    right: int | None = None
    end = capital.right
    stop: Glyph | None = None
    shape = ""
    for glyph in glyphs:
        if glyph.left < capital.right - 2 or glyph is capital:
            continue
        if glyph.left - end > capital.height * 0.6:
            break
        if _is_small(glyph, capital):
            end = max(end, glyph.right)
            if right is not None and 2 * glyph.width >= 3 * glyph.height:
                shape += "-"
            elif right is not None:
                shape += "."
        elif _is_low_digit(glyph, capital):
            right = end = max(end, glyph.right)
            shape += "d"
        else:
            stop = glyph
            break
    if right is None:
        return None
    shape = shape[: shape.rindex("d") + 1]
    if not _SHAPE.match(shape):
        return None
    last = max(k for k in range(index, reach + 1) if words[k].box.left <= right - 2)
    suffix = ""
    if stop is not None and stop.left < words[last].box.right - 2:
        # letters go on inside the word: only a hyphenated name ("C1-4-Alkyl") is kept
        named = _NAMED.search(words[last].text)
        hyphen = any(_is_small(g, capital) and right <= g.left and g.right <= stop.left
                     for g in glyphs)
        if named is None or not hyphen:
            return None
        suffix = named.group(0)
    punctuated = not suffix and any(
        _is_small(g, capital) and right - 1 <= g.left <= words[last].box.right + 2
        for g in glyphs)
    top = capital.top + capital.height // 4
    bottom = capital.bottom + capital.height // 2
    cut = Box(capital.right + 1, top, max(right - capital.right, 1), bottom - top)
    capitals = re.match(r"[A-Z]+", word.text)
    lead = capitals.group(0)[-1] if capitals else word.text[0]
    return Candidate(line_index, index, last, lead, cut, shape, punctuated, suffix)


def candidates(image: np.ndarray, lines: Sequence[Line]) -> list[Candidate]:
    found: list[Candidate] = []
    for line_index, line in enumerate(lines):
        index = 0
        while index < len(line.words):
            text = line.words[index].text
            candidate = _candidate(image, line.words, index, line_index) \
                if _LEAD.match(text) and len(_NAMED.sub("", text)) <= 8 else None
            if candidate is None:
                index += 1
            else:
                found.append(candidate)
                index = candidate.last + 1
    return found


def _reading(text: str, shape: str) -> str | None:
    """The digits read, set into the subscript's shape; None if their count differs."""
    digits = re.sub(r"\D", "", text.translate(_CONFUSED))
    if len(digits) != shape.count("d"):
        return None
    filled = iter(digits)
    return "".join(next(filled) if mark == "d" else mark for mark in shape)


def _canvas(image: np.ndarray, found: Sequence[Candidate]) -> tuple[np.ndarray, list[int]]:
    """Each cut on a row of its own, three times over: a lone "1" is read as "4" or ","
    where three in a row are read right. Returns the canvas and each row's centre."""
    height = max(c.cut.height for c in found)
    space = height
    width = max(c.cut.width for c in found) * _COPIES + space * (_COPIES - 1) + 2 * _PAD
    canvas = np.full((len(found) * 2 * height + 2 * _PAD, width), 255, dtype=np.uint8)
    centres: list[int] = []
    for row, candidate in enumerate(found):
        b = candidate.cut
        top = _PAD + row * 2 * height
        for copy in range(_COPIES):
            left = _PAD + copy * (b.width + space)
            canvas[top : top + b.height, left : left + b.width] = \
                image[b.top : b.bottom, b.left : b.right]
        centres.append(top + b.height // 2)
    return canvas, centres


def _vote(words: Sequence[Word], shape: str) -> tuple[str, float] | None:
    """The reading most copies agree on, if at least two do, with the lowest confidence.

    Copies of a lone digit may come back as one word ("222"): the row's digits are then
    cut into one part per copy."""
    count = shape.count("d")
    digits = "".join(re.sub(r"\D", "", w.text.translate(_CONFUSED)) for w in words)
    if len(digits) == count * _COPIES:
        readings = [digits[i * count : (i + 1) * count] for i in range(_COPIES)]
    else:
        readings = [w.text for w in words]
    votes: dict[str, int] = {}
    for text in readings:
        filled = _reading(text, shape)
        if filled is not None:
            votes[filled] = votes.get(filled, 0) + 1
    if not votes:
        return None
    best = max(votes, key=lambda reading: votes[reading])
    if votes[best] < 2:
        return None
    return best, min(w.confidence for w in words)


def read_subscripts(image: np.ndarray, lines: list[Line], engine: Engine,
                    languages: Sequence[str]) -> list[Line]:
    """Lines with each capital-and-subscript word read again on its own."""
    found = candidates(image, lines)
    if not found:
        return lines
    height = max(c.cut.height for c in found)
    words: dict[int, list[Word]] = {}
    rows_per_call = max(1, (MAX_CANVAS_HEIGHT - 2 * _PAD) // (2 * height))
    for start in range(0, len(found), rows_per_call):
        canvas, centres = _canvas(image, found[start : start + rows_per_call])
        for read in engine.recognize(canvas, languages, _PSM_BLOCK):
            row = min(range(len(centres)), key=lambda r: abs(centres[r] - read.box.center_y))
            if abs(centres[row] - read.box.center_y) <= height:
                words.setdefault(start + row, []).extend(read.words)
    readings = {row: vote for row, read in words.items()
                if (vote := _vote(read, found[row].shape)) is not None}
    result = list(lines)
    # right to left within a line, so that earlier word indexes stay valid
    for row in sorted(readings, key=lambda r: (found[r].line, -found[r].first)):
        candidate, (digits, confidence) = found[row], readings[row]
        line = result[candidate.line]
        merged = line.words[candidate.first : candidate.last + 1]
        box = merged[0].box
        for word in merged[1:]:
            box = box.union(word.box)
        tail = _TAIL.search(merged[-1].text) if candidate.punctuated else None
        text = candidate.lead + digits + candidate.suffix + (tail.group(0) if tail else "")
        word = Word(text=text, box=box, confidence=confidence, bold=merged[0].bold,
                    space_before=merged[0].space_before)
        result[candidate.line] = replace(line, words=(
            *line.words[: candidate.first], word, *line.words[candidate.last + 1 :]))
    return result
