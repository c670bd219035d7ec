"""A national filing as an office receives it: a plain ABSTRACT page first, the office code,
number and date at the top of every page ("CA 02938475 2016-08-12"), the title over the
description, paragraphs numbered "[001]", double-spaced serif text, and the claims on a page of
their own under "CLAIMS" or "What is claimed is:". No INID codes anywhere.
"""

from __future__ import annotations

from ocr36_synth.layouts.common import Json, LayoutBuilder, iso_date
from ocr36_synth.render import (
    A4_300DPI,
    _Flow,
    _Geometry,
    _Line,
    _Page,
    _seed,
    _Text,
    _Typesetter,
    _Word,
    _words,
)

_GEOMETRY = _Geometry("serif", 46, 112, 300, 2180, 400, 3160, 1, 0, False, "regular", 210, 90,
                      False, 0, 0)
"""Double spacing: a 46 px (11 pt) face on a 112 px pitch."""
_CLAIMS_HEADINGS = ("CLAIMS", "What is claimed is:")


class NationalBuilder(LayoutBuilder):
    printed_fields = frozenset({"doc_number", "publication_date", "titles"})
    front_kind = "abstract-page"

    def geometry_of(self, layout: str) -> _Geometry:
        return _GEOMETRY

    def running_head(self) -> str:
        patent = self.patent
        return f"{patent.office} {patent.doc_number} {iso_date(patent.publication_date)}"

    def printed_number(self) -> str:
        return f"{self.patent.office} {self.patent.doc_number}"

    def _bibliographic(self) -> Json:
        bibliographic = super()._bibliographic()
        bibliographic["titles"] = bibliographic["titles"][:1]
        return bibliographic

    def add_page(self, kind: str) -> _Page:
        page = super().add_page(kind)
        if kind == "front":
            self._furniture(page)
        return page

    def _furniture(self, page: _Page) -> None:
        self._band(page, "running-header",
                   _Text(self.geometry.left, 250, self.running_head(), "regular", 40))
        self._band(page, "page-number",
                   _Text(A4_300DPI[0] / 2, 3330, str(page.number), "regular", 42, "ms"))

    # the abstract page ---------------------------------------------------------------

    def front(self) -> tuple[_Page, int]:
        page = self.add_page("front")
        page.enter("bibliographic-data")
        return page, self.geometry.top

    def abstract(self, flow: _Flow, page: _Page, y: int) -> None:
        geometry = self.geometry
        width = geometry.right - geometry.left
        flow.start_on(page, geometry.left, width, y, geometry.slots)
        flow.kind = "abstract"
        page.enter("abstract")
        heading = "ABSTRACT"
        offset = (width - self.face.width(heading, "bold", geometry.size)) / 2
        flow.place(_Line(((offset, _Word(heading, "bold")),)), geometry.size)
        flow.space(1)
        for paragraph in self.patent.abstract:
            lines = self.setter.lines(_words(paragraph, "regular"), 120, 0, width)
            flow.place_all(lines, geometry.size)

    # description and claims ----------------------------------------------------------

    def description_opening(self) -> list[_Line]:
        """The title, centred, in capitals, where the description starts."""
        title = self.patent.titles[0].text if self.patent.titles else ""
        width = self.geometry.right - self.geometry.left
        setter = _Typesetter(self.face, self.geometry.size, False)
        lines = setter.lines(_words(title, "bold"), 0, 0, width)
        centred = []
        for line in lines:
            shift = (width - self.face.width(line.text, "bold", self.geometry.size)) / 2
            centred.append(_Line(tuple((x + shift, word) for x, word in line.items)))
        return centred

    def _paragraph_label(self, num: str) -> str:
        return f"[{int(num) if num.isdigit() else 0:03d}]"

    def claims_heading(self, lang: str) -> str | None:
        return _CLAIMS_HEADINGS[_seed(self.patent.name, "claims") % 2]

    def claims_on_new_page(self) -> bool:
        return True
