"""A US grant (or application publication) front page: "(12) United States Patent" and the
first inventor's name at the top left, the patent number and date at the top right, then two
columns: the bibliographic data (title, inventors, assignee, notice, application, filing date,
IPC) on the left, the abstract (57) on the right, the representative figure under them. The
body is in two columns with column numbers; drawing sheets carry the USPTO's sheet head
("U.S. Patent  Jan. 6, 2015  Sheet 1 of 5  US 8,930,553 B2").
"""

from __future__ import annotations

from collections.abc import Sequence

from ocr36_synth.figures import figure_label
from ocr36_synth.layouts.common import Json, LayoutBuilder, Run, ipc_edition, us_date
from ocr36_synth.render import (
    _GEOMETRIES,
    A4_300DPI,
    _application_number,
    _FigureSlot,
    _Flow,
    _Geometry,
    _Page,
    _Result,
    _Rule,
    _Text,
    printed_number,
)

_SIZE = 34
_FOOT = 3250
_NOTICE = ("Subject to any disclaimer, the term of this patent is extended or adjusted "
           "under 35 U.S.C. 154(b) by 0 days.")


class UsBuilder(LayoutBuilder):
    printed_fields = frozenset({"doc_number", "kind", "publication_date", "application_number",
                                "filing_date", "priorities", "ipc", "titles", "applicants",
                                "inventors", "assignees"})
    first_sheet = 0
    sheet_count = 0

    def geometry_of(self, layout: str) -> _Geometry:
        return _GEOMETRIES["two-column"]

    def _labels(self) -> dict[str, str]:
        return {"21": "Appl. No.:", "22": "Filed:", "30": "Foreign Application Priority Data:"}

    @property
    def granted(self) -> bool:
        return self.patent.kind.startswith("B")

    def printed_number(self) -> str:
        return printed_number(self.patent)

    def running_head(self) -> str:
        return printed_number(self.patent)

    def extra_truth(self, result: _Result) -> Json:
        truth = super().extra_truth(result)
        truth["printed"]["publication_date"] = us_date(self.patent.publication_date)
        return truth

    def text_page(self, kind: str) -> _Page:
        page = super().text_page(kind)
        if kind != "front":
            self._column_numbers(page)
        return page

    def drawings(self, plan: Sequence[Sequence[tuple[str, bool]]]) -> None:
        self.first_sheet, self.sheet_count = len(self.pages) + 1, len(plan)
        super().drawings(plan)

    def _furniture(self, page: _Page) -> None:
        if page.kind != "drawings":
            super()._furniture(page)
            return
        left, right = self.geometry.left, self.geometry.right
        sheet = f"Sheet {page.number - self.first_sheet + 1} of {self.sheet_count}"
        for x, text, anchor in (
            (left, "U.S. Patent" if self.granted else "Patent Application Publication", "ls"),
            (left + 760, us_date(self.patent.publication_date), "ls"),
            (left + 1200, sheet, "ls"),
            (right, printed_number(self.patent), "rs"),
        ):
            self._band(page, "running-header", _Text(x, 200, text, "regular", 38, anchor))

    # front page ----------------------------------------------------------------------

    def front(self) -> tuple[_Page, int]:
        page = self.add_page("front")
        page.enter("bibliographic-data")
        left, right = self.geometry.left, self.geometry.right
        patent = self.patent
        self.barcode(page, (left + 500, 130, right - left - 1000, 90), self.printed_number())
        kind = "United States Patent" if self.granted else "Patent Application Publication"
        self.runs(page, 330, [Run(left, "(12)", size=40), Run(left + 100, kind, "bold", 56)])
        first = patent.inventors[0].name.split(",")[0] if patent.inventors else ""
        if first:
            more = " et al." if len(patent.inventors) > 1 else ""
            self.runs(page, 400, [Run(left + 100, first + more, "bold", 44)])
        number_label = "Patent No.:" if self.granted else "Pub. No.:"
        date_code, date_label = ("(45)", "Date of Patent:") if self.granted else ("(43)",
                                                                                 "Pub. Date:")
        mid = left + (right - left) // 2 + 20
        self.runs(page, 330, [Run(mid, "(10)", size=40), Run(mid + 100, number_label, size=40),
                              Run(mid + 420, self.printed_number(), "bold", 48)])
        self.runs(page, 400, [Run(mid, date_code, size=40), Run(mid + 100, date_label, size=40),
                              Run(mid + 420, us_date(patent.publication_date), "bold", 48)])
        page.ops.append(_Rule((left, 440, right - left, 8)))
        y = self._left_column(page, left, 520, mid - left - 60)
        return page, y

    def _left_column(self, page: _Page, x: int, y: int, width: int) -> int:
        patent, labels = self.patent, self._labels()
        title = patent.titles[0].text.upper() if patent.titles else ""
        y = self._field(page, x, y, width, "(54)", "", title, _SIZE + 2)
        roles = (("(75)", "inventors", "Inventors:", patent.inventors, 4),
                 ("(73)", "assignees", "Assignee:", patent.assignees, 1),
                 ("(71)", "applicants", "Applicant:",
                  patent.applicants if not patent.assignees else (), 1))
        for code, role, label, parties, most in roles:
            printed = self._parties(role, parties[:most])
            y = self._party_field(page, x, y, width, code, label, printed, _SIZE)
        if self.granted:
            y = self._field(page, x, y, width, "(*)", "Notice:", _NOTICE, _SIZE)
        y = self._field(page, x, y, width, "(21)", labels["21"], _application_number(patent),
                        _SIZE)
        y = self._field(page, x, y, width, "(22)", labels["22"], us_date(patent.filing_date),
                        _SIZE)
        priorities = [f"{us_date(p.date)} ({p.country}) {p.doc_number}"
                      for p in patent.priorities]
        if priorities:
            y = self._block_field(page, x, y, width, "(30)", labels["30"], priorities, _SIZE)
        symbols = [f"{s} ({ipc_edition(s)})" for s in patent.ipc[:4]]
        if symbols:
            y = self._block_field(page, x, y, width, "(51)", "Int. Cl.", symbols, _SIZE)
        return y

    def _bibliographic(self) -> Json:
        bibliographic = super()._bibliographic()
        bibliographic["titles"] = bibliographic["titles"][:1]
        bibliographic["ipc"] = bibliographic["ipc"][:4]
        return bibliographic

    # the abstract in the right column, the figure under both --------------------------

    def abstract(self, flow: _Flow, page: _Page, y: int) -> None:
        page.enter("abstract")
        left, right = self.geometry.left, self.geometry.right
        mid = left + (right - left) // 2 + 20
        width = right - mid
        top = 520
        heading_x = mid + (width - self.face.width("(57) ABSTRACT", "bold", _SIZE + 4)) / 2
        self.runs(page, top, [Run(heading_x, "(57)", size=_SIZE + 4),
                              Run(heading_x + 90, "ABSTRACT", "bold", _SIZE + 4)])
        lines = self.column_lines(self.patent.abstract, width, _SIZE)
        pitch = int(_SIZE * 1.3)
        room = max(0, (_FOOT - top - 80) // pitch)
        bottom = self.balanced(page, lines[:room], [mid], top + 40, _SIZE)
        if lines[room:]:
            page = self.add_page("front")
            page.enter("abstract")
            self.balanced(page, lines[room:], [mid], self.geometry.top, _SIZE)
            return
        self._figure(page, max(y, bottom) + 60)

    def _figure(self, page: _Page, y: int) -> None:
        if not self.patent.figures or _FOOT - y < 700:
            return
        height = min(_FOOT - y, 1300)
        width = min(1500, int(height * 1.2))
        box = ((A4_300DPI[0] - width) // 2, y, width, height)
        page.ops.append(_FigureSlot(self.patent.figures[0], box, False, abstract=True))
        page.lines.append(figure_label(self.patent.figures[0]))
