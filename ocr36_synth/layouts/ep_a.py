"""The front page of a European A publication, its body in two columns and its drawing sheets.

Modelled on EPO's A1/A2 front page: the office names (19), the publication number (11) printed
large at the top right under a bar code, the kind (12), INID fields in two columns (the IPC (51)
with its edition in superscript), the title (54), then the abstract (57) in two columns under
the title and above the abstract figure.
"""

from __future__ import annotations

from ocr36_synth.figures import figure_label
from ocr36_synth.layouts.common import Json, LayoutBuilder, Run, ipc_edition
from ocr36_synth.render import (
    _GEOMETRIES,
    A4_300DPI,
    _FigureSlot,
    _Flow,
    _Geometry,
    _Page,
    _Result,
    _Rule,
    _Text,
    printed_number,
)

_SIZE = 36
_ABSTRACT_SIZE = 38
_FOOT = 3250


class EpABuilder(LayoutBuilder):
    front_kind = "inid"

    def geometry_of(self, layout: str) -> _Geometry:
        return _GEOMETRIES["two-column"]

    def printed_number(self) -> str:
        return printed_number(self.patent)

    def running_head(self) -> str:
        return printed_number(self.patent)

    def text_page(self, kind: str) -> _Page:
        page = super().text_page(kind)
        if kind != "front":
            self._column_numbers(page)
        return page

    def extra_truth(self, result: _Result) -> Json:
        truth = super().extra_truth(result)
        truth["printed"]["ipc"] = [f"{s} ({ipc_edition(s)})" for s in self.patent.ipc]
        return truth

    def _bibliographic(self) -> Json:
        bibliographic = super()._bibliographic()
        bibliographic["titles"] = bibliographic["titles"][:1]
        bibliographic["ipc"] = bibliographic["ipc"][:6]
        return bibliographic

    # front page -----------------------------------------------------------------------

    def front(self) -> tuple[_Page, int]:
        page = self.add_page("front")
        page.enter("bibliographic-data")
        left, right = self.geometry.left, self.geometry.right
        y = self._masthead(page)
        labels = self._labels()
        mid = left + (right - left) // 2 + 40
        y_left = self._column_a_left(page, left, y, mid - left - 80, _SIZE, labels)
        if self.patent.priorities:
            priorities = [f"{p.date[6:8]}.{p.date[4:6]}.{p.date[:4]} {p.country} {p.doc_number}"
                          for p in self.patent.priorities]
            y_left = self._block_field(page, left, y_left, mid - left - 80, "(30)",
                                       labels["30"], priorities, _SIZE)
        applicants = self._parties("applicants", self.patent.applicants[:2])
        y_left = self._party_field(page, left, y_left, mid - left - 80, "(71)", labels["71"],
                                   applicants, _SIZE)
        y_right = self._ipc(page, mid, y)
        inventors = self._parties("inventors", self.patent.inventors[:3])
        y_right = self._party_field(page, mid, y_right, right - mid, "(72)", labels["72"],
                                    inventors, _SIZE)
        agents = self._parties("agents", self.patent.agents[:1])
        y_right = self._party_field(page, mid, y_right, right - mid, "(74)", labels["74"],
                                    agents, _SIZE)
        y = max(y_left, y_right) + 10
        page.ops.append(_Rule((left, y - 30, right - left, 3)))
        y = self._title(page, y + 30)
        return page, y

    def _masthead(self, page: _Page) -> int:
        left, right = self.geometry.left, self.geometry.right
        offices, kind_words = self._office_words()
        for index, name in enumerate(offices):
            runs = [Run(left + 230, name, "bold", 42)]
            if index == 0:
                runs.insert(0, Run(left, "(19)", "regular", 42))
            self.runs(page, 250 + index * 52, runs)
        number = printed_number(self.patent)
        self.barcode(page, (right - 880, 215, 880, 150), number)
        page.ops.append(_Text(right - 1000, 500, "(11)", "regular", 40))
        page.ops.append(_Text(right, 500, number, "bold", 84, "rs"))
        page.lines.append(f"(11) {number}")
        page.ops.append(_Rule((left, 540, right - left, 5)))
        self.runs(page, 650, [Run(left, "(12)", "regular", 40)])
        page.ops.append(_Text((left + right) / 2, 650, kind_words, "bold", 56, "ms"))
        page.lines[-1] = f"(12) {kind_words}"
        return 790

    def _ipc(self, page: _Page, x: int, y: int) -> int:
        """(51) with each symbol and its edition in superscript, one symbol a line."""
        pitch = int(_SIZE * 1.3)
        symbols = self.patent.ipc[:6]
        if not symbols:
            return y
        self.runs(page, y, [Run(x, "(51)", size=_SIZE), Run(x + 115, "Int Cl.:", size=_SIZE)])
        y += pitch
        for symbol in symbols:
            width = self.face.width(symbol + " ", "bold", _SIZE)
            self.runs(page, y, [Run(x + 115, symbol, "bold", _SIZE),
                                Run(x + 115 + width, f"({ipc_edition(symbol)})", "regular",
                                    _SIZE * 3 // 5, _SIZE // 2)])
            y += pitch
        return y + pitch // 2

    def _title(self, page: _Page, y: int) -> int:
        left, right = self.geometry.left, self.geometry.right
        title = self.patent.titles[0].text if self.patent.titles else ""
        if not title:
            return y
        lines = self.column_lines([title], right - left - 115, _SIZE + 4, style="bold")
        for number, line in enumerate(lines):
            runs = [Run(left + 115 + dx, w.text, "bold", _SIZE + 4) for dx, w in line.items]
            if number == 0:
                runs.insert(0, Run(left, "(54)", size=_SIZE + 4))
            self.runs(page, y, runs)
            y += int((_SIZE + 4) * 1.3)
        return y + 30

    # abstract ------------------------------------------------------------------------

    def abstract(self, flow: _Flow, page: _Page, y: int) -> None:
        """(57) across two columns; what does not fit goes on to page 2, the figure under it."""
        page.enter("abstract")
        geometry = self.geometry
        lefts = geometry.column_lefts()
        lines = self.column_lines(self.patent.abstract, geometry.column_width, _ABSTRACT_SIZE,
                                  "(57)")
        pitch = int(_ABSTRACT_SIZE * 1.3)
        while lines:
            room = max(1, (_FOOT - y) // pitch) * len(lefts)
            taken, lines = lines[:room], lines[room:]
            y = self.balanced(page, taken, lefts, y, _ABSTRACT_SIZE) + 40
            if lines:
                page = self.add_page("front")
                page.enter("abstract")
                y = geometry.top
        self._figure_under(page, y)

    def _figure_under(self, page: _Page, y: int) -> None:
        if not self.patent.figures:
            return
        height = min(_FOOT - y, 1300)
        if height < 500:
            return
        width = min(1500, int(height * 1.2))
        box = ((A4_300DPI[0] - width) // 2, y, width, height)
        page.ops.append(_FigureSlot(self.patent.figures[0], box, False, abstract=True))
        page.lines.append(figure_label(self.patent.figures[0]))
