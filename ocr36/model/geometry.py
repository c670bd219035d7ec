"""Pixels and boxes: the page images and the rectangles every stage speaks in."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Bitmap = npt.NDArray[np.uint8]
"""A page or crop: 2-D uint8, 0 = ink (black), 255 = paper (white)."""

SHARED_COORDINATES = tuple(range(4096))
"""One int object for each pixel coordinate of a page at the working resolution (an A4 page
is 3508 pixels high): the boxes of a page come back from its worker holding these, not four
ints of their own (28 bytes each)."""


def shared_coordinate(value: int) -> int:
    """`value` as the one int object of its value, when it is a page coordinate."""
    if type(value) is int and 0 <= value < len(SHARED_COORDINATES):
        return SHARED_COORDINATES[value]
    return value


@dataclass(frozen=True, slots=True)
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

    def moved(self, dx: int, dy: int) -> Box:
        """The same rectangle `dx` across and `dy` down (a crop's box on its page)."""
        return Box(self.left + dx, self.top + dy, self.width, self.height)

    def as_list(self) -> list[int]:
        return [self.left, self.top, self.width, self.height]


@dataclass(frozen=True, slots=True)
class PackedBitmap:
    """A 0/255 bitmap held 1 bit per pixel and compressed (a page is mostly paper): pages and
    crops are kept so from the page stage to the writer, which unpacks one at a time."""

    height: int
    width: int
    data: bytes
    """numpy packbits of the ink (1 = ink), zlib-compressed."""

    @staticmethod
    def of(bitmap: Bitmap) -> PackedBitmap:
        height, width = bitmap.shape
        ink = np.packbits(bitmap == 0)
        return PackedBitmap(int(height), int(width), zlib.compress(ink.tobytes(), 1))

    @property
    def shape(self) -> tuple[int, int]:
        return self.height, self.width

    def unpack(self) -> Bitmap:
        """The bitmap as 0/255 uint8 again."""
        count = self.height * self.width
        ink = np.unpackbits(np.frombuffer(zlib.decompress(self.data), dtype=np.uint8),
                            count=count)
        bitmap: Bitmap = ink.reshape(self.height, self.width)
        np.bitwise_xor(bitmap, np.uint8(1), out=bitmap)  # in place, uint8 throughout: a
        np.multiply(bitmap, np.uint8(255), out=bitmap)   # page as int64 would be 70 MB
        return bitmap
