"""A reader of the digits Tesseract's packs lack: Arabic-Indic (٠١٢٣٤٥٦٧٨٩) and Persian
(۰۱۲۳۴۵۶۷۸۹) digits, and the marks printed around a number, classified glyph by glyph.

Tesseract's `ara` pack holds only `٠` and `١` of the Arabic-Indic digits (its recognizer's
character set, `combine_tessdata -u`): a printed `٢.` comes out as `“.`, `٤.` as `#.`. Here
the glyphs of a number's box are cut as connected components (pieces standing over one
another are one glyph: a colon, a glyph broken by a scan), each is scaled into a square of
`SIDE` pixels keeping its shape, and the nearest of the templates shipped with the package
(`digit_glyphs.npz`, rendered from several fonts at several sizes by
`python -m ocr36_synth.digit_glyphs`, so that no font is needed to read) names it, where it
stands within the bound measured on letters: anything farther, or nearest a letter, is "not
a digit", and the number is not read. A glyph much smaller than the number's others is a
dot: a full stop and the digit zero (`٠`, a dot at half the digits' height) differ only by
where they stand (`is_zero`).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

SIDE = 16
"""The side of the square a glyph is scaled into, in pixels."""
TEMPLATES = Path(__file__).with_name("digit_glyphs.npz")
DIGITS = {"arabic-indic": "٠١٢٣٤٥٦٧٨٩", "persian": "۰۱۲۳۴۵۶۷۸۹", "ascii": "0123456789"}
"""The digits a profile's `[language] digits` names, by value."""
DOT = "dot"
"""The label of a full stop and of the digit zero, told apart by where they stand."""
NOT_A_DIGIT = "x"
"""The label of the letters' glyphs kept among the templates."""
MARKS = ".[]()/-:"
"""The marks printed around a number, a date's separators, that the templates hold."""
ZERO_RISE = 0.25
"""A dot whose foot stands above the foot of the number's other glyphs by this share of
their height is a zero: `٠` stands at half the digits' height, a full stop on the line
(measured at 42 px: the zero 0.33 of the digit one's height up in DejaVu Sans, 0.35 in
Amiri, the full stop 0 and 0.15: Amiri's digits reach below its line)."""
DOT_SIZE = 0.4
"""A glyph neither taller nor wider than this share of the tallest glyph of its number is a
dot: its shape tells nothing more (a zero is a diamond, a full stop a square or a disc, and
a scan makes either a blob)."""
BLOB_SIZE, BLOB_FILL = 0.55, 0.5
"""A glyph no template is near that is no taller nor wider than `BLOB_SIZE` of the tallest
and fills `BLOB_FILL` of its box is a dot still: Amiri's full stop, a diamond half the
height of its small five ('٥.')."""
LOOP_SHAPE = 0.6
"""A glyph no template is near that encloses one hole and is no narrower than this share of
its height, nor wider than its inverse, is a five: `٥` is a small loop in Naskh faces
(Scheherazade's, a ring half the height of its digits, is not among the templates' shapes);
the letters that are loops (`ه`, `و`'s head) stand in no number place."""
LOOP_HOLE, LOOP_LEAST = 0.08, 0.3
"""... the hole filling at least this share of its box (a scan's pinhole is none), the glyph
taller than `LOOP_LEAST` of the number's tallest (a bracket): a zero is smaller."""
SPECK = 4
"""Components of fewer pixels are specks, not glyphs ..."""
SPECK_SHARE = 0.15
"""... and so is one over or under a glyph with less than this share of its ink (a colon's
dots are alike)."""
SEPARATORS = "/-:"
"""A date's separators: in a number holding one, a dot between its other glyphs is a zero
(`_inner`); elsewhere only where it stands tells (`is_zero`): a date may be printed with
full stops, `١٧.٠٥.٢٠٢٣`."""
BROKEN_GAP = 0.1
"""Two pieces, not both digits, standing closer than this share of the number's tallest
glyph are one glyph a scan broke (a stroke thinned to nothing) where together they are a
digit within the bound: the pieces of a broken digit look like marks or like nothing."""
PAIR_SLACK = 0.15
"""A number's first glyph whose top and foot are those of its closing bracket, within this
share of the bracket's height, is the opening bracket whatever the templates call it (a scan
wore off its serifs: `[` read as `١`): digits stand between a bracket's top and foot."""
_MIRRORED = str.maketrans("[]()", "][)(")


@dataclass(frozen=True)
class Glyph:
    """One glyph of a number: its box in the crop (left, top, right, bottom) and its ink."""

    left: int
    top: int
    right: int
    bottom: int
    ink: np.ndarray

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Templates:
    """Feature vectors of glyphs rendered from fonts, each with its label ('a3' an
    Arabic-Indic three, 'p4' a Persian four, 'l7' an ASCII seven, a mark, `DOT`,
    `NOT_A_DIGIT`), and the distance beyond which a glyph is none of them."""

    vectors: np.ndarray
    labels: tuple[str, ...]
    bound: float

    @functools.cached_property
    def norms(self) -> np.ndarray:
        return np.asarray((self.vectors ** 2).sum(axis=1), np.float32)

    def nearest(self, vector: np.ndarray) -> tuple[str, float]:
        """The label of the template nearest `vector`, and its distance: one product of
        the templates and the vector, by `einsum` (`@` hands it to a BLAS that may start
        threads: 30 times slower beside Tesseract's workers)."""
        products = np.einsum("ij,j->i", self.vectors, vector)
        squared = self.norms - 2 * products + float(np.einsum("i,i->", vector, vector))
        best = int(squared.argmin())
        return self.labels[best], float(np.sqrt(max(float(squared[best]), 0.0)))


@functools.cache
def templates(path: Path = TEMPLATES) -> Templates:
    """The templates shipped with the package."""
    with np.load(path) as data:
        return Templates(data["vectors"].astype(np.float32) / 255,
                         tuple(str(label) for label in data["labels"]), float(data["bound"]))


def features(ink: np.ndarray) -> np.ndarray:
    """A glyph's ink (True where inked, cropped to it) centred in a square and scaled to
    `SIDE` by `SIDE`, as a vector of values from 0 to 1."""
    height, width = ink.shape
    side = max(height, width)
    square = np.zeros((side, side), np.float32)
    top, left = (side - height) // 2, (side - width) // 2
    square[top:top + height, left:left + width] = ink
    small = cv2.resize(square, (SIDE, SIDE), interpolation=cv2.INTER_AREA)
    return np.asarray(small, np.float32).reshape(-1)


def cut_glyphs(ink: np.ndarray) -> list[Glyph]:
    """The glyphs of a crop (True where inked), left to right: its connected components
    without specks, those standing over one another for half the narrower's width joined
    (a colon, a glyph a scan broke), but a speck over or under a glyph (less than
    `SPECK_SHARE` of its ink), which goes."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        ink.astype(np.uint8), connectivity=8)
    boxes = sorted((int(stats[i, 0]), int(stats[i, 1]), int(stats[i, 0] + stats[i, 2]),
                    int(stats[i, 1] + stats[i, 3]), i)
                   for i in range(1, count) if stats[i, 4] >= SPECK)
    groups: list[tuple[list[int], list[int]]] = []  # box, ink and component labels
    for left, top, right, bottom, label in boxes:
        area = int(stats[label, 4])
        if groups:
            last, members = groups[-1]
            overlap = min(right, last[2]) - max(left, last[0])
            if overlap >= 0.5 * min(right - left, last[2] - last[0]):
                if area < SPECK_SHARE * last[4]:
                    continue
                if last[4] < SPECK_SHARE * area:
                    groups[-1] = ([left, top, right, bottom, area], [label])
                    continue
                last[:] = [min(left, last[0]), min(top, last[1]), max(right, last[2]),
                           max(bottom, last[3]), last[4] + area]
                members.append(label)
                continue
        groups.append(([left, top, right, bottom, area], [label]))
    glyphs = []
    for (left, top, right, bottom, _), members in groups:
        window = labels[top:bottom, left:right]
        glyphs.append(Glyph(left, top, right, bottom, np.isin(window, members)))
    return glyphs


def _digit(glyph: Glyph, known: Templates) -> bool:
    label, distance = known.nearest(features(glyph.ink))
    return label[0] in "apl" and len(label) == 2 and distance <= known.bound


def _joined(first: Glyph, second: Glyph) -> Glyph:
    """One glyph of two pieces, their ink in the box holding both."""
    left, top = min(first.left, second.left), min(first.top, second.top)
    right, bottom = max(first.right, second.right), max(first.bottom, second.bottom)
    ink = np.zeros((bottom - top, right - left), bool)
    for piece in (first, second):
        ink[piece.top - top:piece.bottom - top, piece.left - left:piece.right - left] |= piece.ink
    return Glyph(left, top, right, bottom, ink)


def mend_broken(glyphs: Sequence[Glyph], known: Templates) -> list[Glyph]:
    """The glyphs with each pair of neighbours not both digits, closer than `BROKEN_GAP` of
    the tallest, joined where together they are a digit (a scan's break across a stroke:
    `٦` in a bar and a stem, `٨` in its two strokes); dots stay apart."""
    tallest = max((g.bottom - g.top for g in glyphs), default=0)
    mended = list(glyphs)
    index = 0
    while index + 1 < len(mended):
        pair = mended[index], mended[index + 1]
        if not any(_dot_sized(g, tallest) for g in pair) and \
                pair[1].left - pair[0].right <= BROKEN_GAP * tallest and \
                not all(_digit(g, known) for g in pair) and \
                _digit(whole := _joined(*pair), known):
            mended[index:index + 2] = [whole]
            continue
        index += 1
    return mended


def _dot_sized(glyph: Glyph, tallest: int) -> bool:
    return max(glyph.bottom - glyph.top, glyph.right - glyph.left) <= DOT_SIZE * tallest


def label_glyphs(glyphs: Sequence[Glyph], known: Templates) -> list[str] | None:
    """Each glyph's label (`DOT` for a glyph no larger than `DOT_SIZE` of the tallest),
    None where one is not a digit or a mark."""
    tallest = max((g.bottom - g.top for g in glyphs), default=0)
    found = []
    for glyph in glyphs:
        if glyph.bottom - glyph.top > LOOP_LEAST * tallest and is_loop(glyph):
            label, distance = known.nearest(features(glyph.ink))
            found.append(label if label != NOT_A_DIGIT and distance <= known.bound else "a5")
            continue
        if max(glyph.bottom - glyph.top, glyph.right - glyph.left) <= DOT_SIZE * tallest:
            found.append(DOT)
            continue
        label, distance = known.nearest(features(glyph.ink))
        if label == NOT_A_DIGIT or distance > known.bound:
            if _blob(glyph, tallest):
                label = DOT
            else:
                return None
        found.append(label)
    return found


def _blob(glyph: Glyph, tallest: int) -> bool:
    return max(glyph.bottom - glyph.top, glyph.right - glyph.left) <= BLOB_SIZE * tallest \
        and float(glyph.ink.mean()) >= BLOB_FILL


def is_loop(glyph: Glyph) -> bool:
    """A glyph enclosing one hole (`LOOP_HOLE` of its box), about as wide as it is tall."""
    height, width = glyph.ink.shape
    if not LOOP_SHAPE <= width / height <= 1 / LOOP_SHAPE:
        return False
    blank = np.pad(~glyph.ink, 1, constant_values=True).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(blank, connectivity=4)
    holes = [int(stats[i, 4]) for i in range(1, count)
             if stats[i, 0] > 0 and stats[i, 1] > 0]  # the outside touches the padding
    return len(holes) == 1 and holes[0] >= LOOP_HOLE * height * width


def _inner(labels: Sequence[str], index: int, right_to_left: bool) -> bool:
    """Whether the dot at `index` stands where no full stop does: right of a glyph of a
    number opening a right-to-left line (its full stop is its leftmost glyph), or between
    two glyphs of a date (a number holding a separator)."""
    solid = [i for i, label in enumerate(labels) if label != DOT]
    if not solid:
        return False
    if right_to_left:
        return solid[0] < index
    return any(label in SEPARATORS for label in labels) and solid[0] < index < solid[-1]


def _dot(glyph: Glyph, others: Sequence[Glyph], inner: bool) -> str:
    """A zero or a full stop, by where the dot stands beside the number's other glyphs; a
    dot `inner` to the number (`_inner`) is a zero: a full stop ends a number (in
    Scheherazade the zero stands as low as the full stop does)."""
    if not others:
        return "."
    top = min(g.top for g in others)
    bottom = max(g.bottom for g in others)
    return "0" if inner or is_zero(glyph, top, bottom) else "."


def is_zero(dot: Glyph, top: int, bottom: int) -> bool:
    """A dot standing between `top` and `bottom` (those of a number's other glyphs) is a
    zero: raised off their foot by `ZERO_RISE` of their height, not in their top quarter."""
    height = bottom - top
    return bottom - dot.bottom >= ZERO_RISE * height and dot.middle > top + height / 4


def _pair_brackets(glyphs: Sequence[Glyph], labels: list[str]) -> None:
    """The first label made the opening bracket where the number closes with a bracket and
    its first glyph stands as high and as low (`PAIR_SLACK`)."""
    if len(labels) < 3 or labels[-1] not in "])" or labels[0] in "[(":
        return
    first, close = glyphs[0], glyphs[-1]
    slack = PAIR_SLACK * (close.bottom - close.top)
    if abs(first.top - close.top) <= slack and abs(first.bottom - close.bottom) <= slack:
        labels[0] = "[" if labels[-1] == "]" else "("


def read_glyphs(glyphs: Sequence[Glyph], digits: str, right_to_left: bool,
                known: Templates | None = None) -> str | None:
    """The number the glyphs print, left to right as they stand, its digits in `digits`
    (a key of `DIGITS`: the profile's, for glyphs of Arabic-Indic or Persian shape; ASCII
    digits stay ASCII), its brackets as a right-to-left line's text gives them (mirrored:
    `]٠٠٠١[`); None where a glyph is not a digit or a mark, or none is a digit."""
    known = known or templates()
    glyphs = mend_broken(glyphs, known)
    labels = label_glyphs(glyphs, known)
    if labels is None:
        return None
    _pair_brackets(glyphs, labels)
    others = [g for g, label in zip(glyphs, labels, strict=True) if label != DOT]
    chars = []
    for index, (glyph, label) in enumerate(zip(glyphs, labels, strict=True)):
        if label == DOT:
            label = _dot(glyph, others, _inner(labels, index, right_to_left))
        if label == "0":
            chars.append(DIGITS[digits][0])
        elif label[0] in "apl" and len(label) == 2:
            chars.append((DIGITS["ascii"] if label[0] == "l" else DIGITS[digits])[int(label[1])])
        else:
            chars.append(label)
    text = "".join(chars)
    if not any(c.isdecimal() for c in text):
        return None
    return text.translate(_MIRRORED) if right_to_left else text
