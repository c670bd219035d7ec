"""Layout: text regions in reading order, columns, non-text regions, dropped noise bands.

Every threshold is a field of the profile's `[layout]` table (LayoutParameters), in
millimetres or in the page's own line height; every region carries its id and the reason
(rule and profile key) it was decided by.
"""

from ocr36.layout.geometry import mm_to_px
from ocr36.layout.page import analyse

__all__ = ["analyse", "mm_to_px"]
