"""What a scanner's dark border leaves on a page once it is levelled: straight strips along
the page's edges, a little inside them, and the ragged ink that clings to them.

Preprocessing whitens a border that touches the edge; a page turned level moves it inwards,
and one bent round a corner (along the top and down the side) is neither long along one
edge nor solid. Left on the page, its strips join what they pass as the pieces of one
drawing, and the box round them takes in the print of the whole corner: a front page's
heading, bar code, number and date, became one picture. Publications keep a white margin,
so a straight strip that close to the edge is the scanner's, not print.
"""

from __future__ import annotations

from ocr36.layout.geometry import Scale
from ocr36.model import Box, Reason
from ocr36.profile import LayoutParameters

SCAN_BORDER = Reason("scan-border", "layout.border_reach_mm")


def _along_edge(rule: Box, page: Box, reach: float) -> bool:
    """A strip running along an edge of the page, within `reach` of it."""
    if rule.height > rule.width:
        return min(rule.left, page.width - rule.right) <= reach
    return min(rule.top, page.height - rule.bottom) <= reach


def _clings(box: Box, border: Box, page: Box, reach: float) -> bool:
    """Ink lying beside a border strip, between it and the page's edge or within `reach`
    inside it, and along its length."""
    if border.height > border.width:
        if not border.top - reach <= box.center_y <= border.bottom + reach:
            return False
        outer_left = border.left < page.width - border.right
        return box.center_x <= border.right + reach if outer_left \
            else box.center_x >= border.left - reach
    if not border.left - reach <= box.center_x <= border.right + reach:
        return False
    outer_top = border.top < page.height - border.bottom
    return box.center_y <= border.bottom + reach if outer_top \
        else box.center_y >= border.top - reach


def scan_borders(rules: list[Box], blobs: list[Box], page: Box, settings: LayoutParameters,
                 scale: Scale) -> tuple[list[Box], list[Box]]:
    """The rules that are a scanner's border strips, and the blobs that cling to them."""
    reach = scale.mm(settings.border_reach_mm)
    borders = [rule for rule in rules if _along_edge(rule, page, reach)]
    clinging = [box for box in blobs
                if any(_clings(box, border, page, reach) for border in borders)]
    return borders, clinging
