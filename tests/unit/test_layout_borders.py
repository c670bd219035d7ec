"""A scanner's border bent round a page's corner, left by levelling a little inside the
edges: its strips are dropped, and the heading, bar code and number beside them stay apart."""

from __future__ import annotations

import numpy as np

from ocr36.layout import analyse
from ocr36.model import Box, CleanPage, RegionKind
from ocr36.profile import load_profile


def _word(image: np.ndarray, left: int, top: int, width: int, height: int) -> None:
    """Glyphs (strokes a third as wide as they are high) across `width`."""
    step = height // 2
    for x in range(left, left + width - step // 2, step):
        image[top : top + height, x : x + step * 2 // 3] = 0


def _front_page(border: bool) -> CleanPage:
    """A4 at 300 dpi as a WO front page's top: words (bars), a bar code at the top right
    with its number under it, text below; with `border`, a dark strip along the top and
    down the right side 50-70 px inside the edges, as a levelled scan leaves it."""
    image = np.full((3508, 2480), 255, dtype=np.uint8)
    for top in [200, 300, 355, 473, 526, *range(700, 1400, 56)]:
        for word in range(5):
            _word(image, 230 + word * 180, top, 140, 30)
    x = 1407
    for index in range(80):  # bars of a few widths, all of one height
        width = (3, 3, 6, 9)[index % 4]
        image[278:392, x : x + width] = 0
        x += width + (3, 6, 6, 9)[index % 4]
    _word(image, 1725, 472, 605, 36)  # "(10) International Publication Number"
    _word(image, 1681, 538, 647, 54)  # the number in large print
    if border:
        image[67:94, 1738:2425] = 0
        image[69:616, 2404:2425] = 0
        image[87:102, 1797:1977] = 0  # ragged ink hanging from the strip
        image[210:309, 2383:2416] = 0
    return CleanPage(number=1, image=image, gray=image, dpi=300, skew=0.0, rotation=0,
                     scale=1.0)


def _kinds_over(box: Box, page: CleanPage) -> set[RegionKind]:
    layout = analyse(page, load_profile("default").layout, first_page=True)
    return {r.kind for r in layout.regions
            if r.kind is not RegionKind.BAND and r.box.union(box) == r.box}


def test_a_border_round_the_corner_leaves_the_number_beside_the_bar_code_text() -> None:
    number = Box(1681, 538, 647, 54)
    for border in (False, True):
        assert _kinds_over(number, _front_page(border)) == {RegionKind.TEXT}, border


def test_the_border_strips_are_dropped_with_their_reason() -> None:
    layout = analyse(_front_page(True), load_profile("default").layout, first_page=True)
    dropped = [r.box for r in layout.regions if r.reason.rule == "scan-border"]
    for strip in (Box(2404, 69, 21, 547), Box(1738, 67, 687, 27)):
        assert any(box.union(strip) == box for box in dropped), strip
    bar_code = [r.box for r in layout.regions
                if r.kind is RegionKind.IMAGE and r.box.left < 1410 < r.box.right]
    assert len(bar_code) == 1 and bar_code[0].top > 250 and bar_code[0].bottom < 400
