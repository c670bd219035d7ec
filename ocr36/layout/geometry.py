"""Boxes near each other, merged, clamped; lengths from millimetres and line heights to pixels."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ocr36.model import Box

_MM_PER_INCH = 25.4


def mm_to_px(mm: float, dpi: int) -> int:
    return round(mm / _MM_PER_INCH * dpi)


@dataclass(frozen=True)
class Scale:
    """The page's own units: its resolution and the height of its text lines."""

    dpi: int
    line_height: int = 0

    def mm(self, mm: float) -> float:
        """Pixels in `mm` millimetres (to a thousandth: 1.27 mm is 15 px at 300 dpi, exactly)."""
        return round(mm * self.dpi / _MM_PER_INCH, 3)

    def mm2(self, area: float) -> float:
        """Square pixels in `area` square millimetres."""
        return round(area * (self.dpi / _MM_PER_INCH) ** 2, 3)

    def lines(self, count: float) -> float:
        """Pixels in `count` line heights."""
        return self.line_height * count

    def whole_lines(self, count: float) -> int:
        """Whole pixels in `count` line heights, rounded down."""
        return math.floor(self.line_height * count + 1e-9)


def clamp(box: Box, shape: tuple[int, ...]) -> Box:
    left, top = max(box.left, 0), max(box.top, 0)
    right, bottom = min(box.right, shape[1]), min(box.bottom, shape[0])
    return Box(left, top, max(right - left, 0), max(bottom - top, 0))


def near(a: Box, b: Box, margin: float) -> bool:
    return (a.left < b.right + margin and a.right > b.left - margin
            and a.top < b.bottom + margin and a.bottom > b.top - margin)


def merged(boxes: list[Box], margin: float) -> list[Box]:
    """Boxes closer than `margin` to each other (in a chain) become one."""
    result = list(boxes)
    changed = True
    while changed:
        changed = False
        for i in range(len(result)):
            for j in range(i + 1, len(result)):
                if near(result[i], result[j], margin):
                    result[i] = result[i].union(result.pop(j))
                    changed = True
                    break
            if changed:
                break
    return result


def union_all(boxes: list[Box]) -> Box:
    box = boxes[0]
    for other in boxes[1:]:
        box = box.union(other)
    return box
