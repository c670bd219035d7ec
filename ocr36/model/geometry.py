"""Pixels and boxes: the page images and the rectangles every stage speaks in."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Bitmap = npt.NDArray[np.uint8]
"""A page or crop: 2-D uint8, 0 = ink (black), 255 = paper (white)."""


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in pixels."""

    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def center_x(self) -> float:
        return self.left + self.width / 2

    @property
    def center_y(self) -> float:
        return self.top + self.height / 2

    def union(self, other: Box) -> Box:
        left, top = min(self.left, other.left), min(self.top, other.top)
        right, bottom = max(self.right, other.right), max(self.bottom, other.bottom)
        return Box(left, top, right - left, bottom - top)

    def as_list(self) -> list[int]:
        return [self.left, self.top, self.width, self.height]
