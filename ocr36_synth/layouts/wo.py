"""A WO pamphlet: WIPO's front page (the bibliographic data in a left column, the designated
states in a right one, the title, then the abstract beside the figure), its body in one column
under "WO 2005/004437 PCT/US2004/012345", and drawing sheets numbered "1/5".

The text comes from a corpus document; the pamphlet's own identity (the WO number, the PCT
application number) is made from it by `as_wo_pamphlet`, so that the printed numbers have the
forms WIPO prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ocr36_synth.figures import figure_label
from ocr36_synth.layouts.common import Json, LayoutBuilder, Run, wipo_date
from ocr36_synth.render import (
    A4_300DPI,
    _FigureSlot,
    _Flow,
    _Geometry,
    _Line,
    _Page,
    _Result,
    _Rule,
    _Text,
    _Typesetter,
    _words,
)
from ocr36_synth.source import PatentText

_GEOMETRY = _Geometry("serif", 44, 78, 300, 2180, 380, 3180, 1, 0, True, "regular", 200, 90,
                      False, 0, 0)
_SIZE = 34
_FOOT = 3250
_LANGUAGES = {"en": "English", "de": "German", "fr": "French"}
_STATES = (
    "AE, AG, AL, AM, AT, AU, AZ, BA, BB, BG, BR, BW, BY, BZ, CA, CH, CN, CO, CR, CU, CZ, DE, "
    "DK, DM, DZ, EC, EE, EG, ES, FI, GB, GD, GE, GH, GM, HR, HU, ID, IL, IN, IS, JP, KE, KG, "
    "KP, KR, KZ, LC, LK, LR, LS, LT, LU, LV, MA, MD, MG, MK, MN, MW, MX, MZ, NA, NI, NO, NZ, "
    "OM, PG, PH, PL, PT, RO, RU, SC, SD, SE, SG, SK, SL, SY, TJ, TM, TN, TR, TT, TZ, UA, UG, "
    "US, UZ, VC, VN, YU, ZA, ZM, ZW."
)
_REGIONS = (
    "ARIPO (BW, GH, GM, KE, LS, MW, MZ, SD, SL, SZ, TZ, UG, ZM, ZW), Eurasian (AM, AZ, BY, "
    "KG, KZ, MD, RU, TJ, TM), European (AT, BE, BG, CH, CY, CZ, DE, DK, EE, ES, FI, FR, GB, "
    "GR, HU, IE, IT, LU, MC, NL, PL, PT, RO, SE, SI, SK, TR)."
)


def _digits(text: str, count: int) -> str:
    digits = "".join(c for c in text if c.isdigit())[-count:]
    return digits.rjust(count, "0")


def as_wo_pamphlet(patent: PatentText) -> PatentText:
    """The document as a WO A1 pamphlet: WO number of its publication year, PCT number of its
    filing year and first priority's (else its own) office."""
    year = patent.publication_date[:4]
    filed = patent.filing_date[:4] or year
    country = patent.priorities[0].country if patent.priorities else patent.office
    return replace(
        patent,
        office="WO",
        doc_number=f"{year}{_digits(patent.doc_number, 6)}",
        kind="A1",
        application_number=f"PCT/{country}{filed}/{_digits(patent.application_number, 6)}",
        titles=patent.titles[:1],
    )


def wo_number(patent: PatentText, *, kind: bool = True) -> str:
    """ "WO 2005/004437 A1" """
    number = f"WO {patent.doc_number[:4]}/{patent.doc_number[4:]}"
    return f"{number} {patent.kind}" if kind else number


class WoBuilder(LayoutBuilder):
    printed_fields = frozenset({"doc_number", "kind", "publication_date", "application_number",
                                "filing_date", "priorities", "ipc", "titles", "applicants",
                                "inventors", "agents"})

    def geometry_of(self, layout: str) -> _Geometry:
        return _GEOMETRY

    def printed_number(self) -> str:
        return wo_number(self.patent)

    def running_head(self) -> str:
        return f"{wo_number(self.patent, kind=False)} {self.patent.application_number}"

    def extra_truth(self, result: _Result) -> Json:
        truth = super().extra_truth(result)
        truth["printed"]["application_number"] = self.patent.application_number
        return truth

    def _furniture(self, page: _Page) -> None:
        geometry = self.geometry
        number, application = wo_number(self.patent, kind=False), self.patent.application_number
        self._band(page, "running-header", _Text(geometry.left, 200, number, "regular", 40))
        self._band(page, "running-header",
                   _Text(geometry.right, 200, application, "regular", 40, "rs"))
        label = str(page.number)
        if page.kind == "drawings":
            label = f"{page.number - self.first_sheet + 1}/{self.sheet_count}"
        self._band(page, "page-number", _Text(A4_300DPI[0] / 2, 290, label, "regular", 40, "ms"))

    first_sheet = 0
    sheet_count = 0

    def drawings(self, plan: Sequence[Sequence[tuple[str, bool]]]) -> None:
        self.first_sheet, self.sheet_count = len(self.pages) + 1, len(plan)
        super().drawings(plan)

    def description_opening(self) -> list[_Line]:
        title = self.patent.titles[0].text.upper() if self.patent.titles else ""
        setter = _Typesetter(self.face, self.geometry.size, False)
        return setter.lines(_words(title, "bold"), 0, 0, self.geometry.right - self.geometry.left)

    def claims_heading(self, lang: str) -> str | None:
        return "CLAIMS" if lang == "en" else super().claims_heading(lang)

    def claims_on_new_page(self) -> bool:
        return True

    # front page ----------------------------------------------------------------------

    def front(self) -> tuple[_Page, int]:
        page = self.add_page("front")
        page.enter("bibliographic-data")
        left, right = self.geometry.left - 60, self.geometry.right + 140
        self.runs(page, 230, [Run(left, "(12) INTERNATIONAL APPLICATION PUBLISHED UNDER THE "
                                        "PATENT COOPERATION TREATY (PCT)", "bold", 38)])
        self.runs(page, 330, [Run(left, "(19) World Intellectual Property Organization",
                                  "bold", 42)])
        self.runs(page, 385, [Run(left + 80, "International Bureau", "bold", 42)])
        self.barcode(page, (right - 900, 280, 900, 110), self.printed_number())
        self.runs(page, 500, [Run(left, "(43) International Publication Date", size=38)])
        self.runs(page, 555, [Run(left + 80, wipo_date(self.patent.publication_date), "bold",
                                  40)])
        page.ops.append(_Text(right, 500, "(10) International Publication Number", "regular",
                              38, "rs"))
        page.ops.append(_Text(right, 590, self.printed_number(), "bold", 72, "rs"))
        page.lines.append(f"(10) International Publication Number {self.printed_number()}")
        page.ops.append(_Rule((left, 630, right - left, 4)))
        mid = left + (right - left) // 2 + 20
        y_left = self._left_column(page, left, 720, mid - left - 60)
        y_right = self._right_column(page, mid, 720, right - mid)
        y = max(y_left, y_right)
        title = self.patent.titles[0].text if self.patent.titles else ""
        y = self._field(page, left, y, right - left, "(54)", "Title:", title, _SIZE + 2)
        return page, y

    def _left_column(self, page: _Page, x: int, y: int, width: int) -> int:
        patent = self.patent
        language = _LANGUAGES.get(patent.lang, patent.lang)
        if patent.ipc:
            y = self._block_field(page, x, y, width, "(51)",
                                  "International Patent Classification:",
                                  [", ".join(patent.ipc)], _SIZE)
        fields = [("(21)", "International Application Number:", patent.application_number),
                  ("(22)", "International Filing Date:", wipo_date(patent.filing_date)),
                  ("(25)", "Filing Language:", language),
                  ("(26)", "Publication Language:", language)]
        for code, label, value in fields:
            y = self._block_field(page, x, y, width, code, label, [value], _SIZE)
        priorities = [f"{p.doc_number} {wipo_date(p.date)} {p.country}"
                      for p in patent.priorities]
        if priorities:
            y = self._block_field(page, x, y, width, "(30)", "Priority Data:", priorities, _SIZE)
        roles = (("(71)", "applicants", "Applicant", patent.applicants or patent.assignees, 2),
                 ("(72)", "inventors", "Inventor", patent.inventors, 3),
                 ("(74)", "agents", "Agent:", patent.agents, 1))
        for code, role, label, parties, most in roles:
            printed = self._parties(role, parties[:most])
            y = self._party_field(page, x, y, width, code, label, printed, _SIZE)
        return y

    def _right_column(self, page: _Page, x: int, y: int, width: int) -> int:
        for code, kind, states in (("(81)", "national", _STATES), ("(84)", "regional", _REGIONS)):
            label = ("Designated States (unless otherwise indicated, for every kind of "
                     f"{kind} protection available):")
            y = self._field(page, x, y, width, code, label, states, _SIZE - 2)
        self.runs(page, y, [Run(x, "Published:", "bold", _SIZE)])
        self.runs(page, y + 46, [Run(x + 40, "- with international search report", size=_SIZE)])
        return y + 120

    # abstract beside the figure ------------------------------------------------------

    def abstract(self, flow: _Flow, page: _Page, y: int) -> None:
        """(57) in the right half, the abstract figure in the left; what does not fit goes on
        to page 2 in full width."""
        page.enter("abstract")
        left, right = self.geometry.left - 60, self.geometry.right + 140
        mid = left + (right - left) // 2 + 20
        figure = bool(self.patent.figures)
        x, width = (mid, right - mid) if figure else (left, right - left)
        lines = self.column_lines(self.patent.abstract, width, _SIZE, "(57)")
        pitch = int(_SIZE * 1.3)
        room = max(0, (_FOOT - y) // pitch)
        self.balanced(page, lines[:room], [x], y, _SIZE)
        if figure and _FOOT - y >= 600:
            box = (left + 20, y + 20, mid - left - 80, min(_FOOT - y - 40, 1200))
            page.ops.append(_FigureSlot(self.patent.figures[0], box, False, abstract=True))
            page.lines.append(figure_label(self.patent.figures[0]))
        rest = lines[room:]
        if rest:
            page = self.add_page("front")
            page.enter("abstract")
            lines = self.column_lines([" ".join(line.text for line in rest)], right - left, _SIZE)
            self.balanced(page, lines, [left], self.geometry.top, _SIZE)
