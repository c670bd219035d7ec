"""Pages of a publication in Arabic, Persian, Cyrillic, Korean, Thai or a Latin language, in
its office's layout, from real text (`ocr36_synth.udhr`), and what they print.

A4 at 300 dpi: a front page of INID-coded fields and the abstract (57), then the description
and the claims in the order the office prints them (Korean: claims first), each on pages of
its own, a running header naming the publication and the section, the page number at the
foot. Each office's headings and numbering are those of its language profile
(`profiles/lang/*.toml`): "١." and Arabic-Indic digits in Arabic, "۱." and Persian digits
in Persian, 【청구항 1】 in Korean, "1." elsewhere; paragraphs numbered [0001]. Arabic and
Persian are set right to left, the description in two columns, the right one first. The
geometry is that of `cjk_pages`, so that what reads those pages reads these (`RenderedCjk`,
`scanned`, `page_lines`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from ocr36.errors import MissingDependency
from ocr36_synth.cjk_pages import BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH, RenderedCjk
from ocr36_synth.udhr import Declaration

Json = dict[str, Any]
_SERIF = (Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"),
          Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"),
          Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"))
_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
GUTTER = 100
"""Between the two columns of a two-column page, in pixels."""


@dataclass(frozen=True)
class OfficeStyle:
    """How one office sets its publications: data, one per language."""

    office: str
    fonts: tuple[Path, ...]
    font_package: str
    """The Debian package of the first font, named where none is installed."""
    size: int
    pitch: int
    headings: dict[str, str]
    """abstract, description, claims: as printed."""
    front: tuple[str, ...]
    """The fields of the front page: {number}, {date} (as `date` formats it) and {title}."""
    date: str
    """The publication date's printed form, from year, month and day."""
    claims_first: bool = False
    rtl: bool = False
    digits: dict[int, int] | None = None
    """The digits numbers are printed in, where not ASCII."""
    description_columns: int = 1
    claim_on_own_line: str = ""
    """A claim's label on a line of its own ('【청구항 {n}】'), else '{n}.' before its text."""


_VIETNAMESE_SERIF = (Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"),
                     Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"))
"""Faces that hold Vietnamese's letters with two marks ('ố', 'ằ', 'ợ'): Liberation Serif 1
(`fonts-liberation`) has none of them and prints a blank box for each."""


def _latin(office: str, headings: tuple[str, str, str], front: tuple[str, ...],
           fonts: tuple[tuple[Path, ...], str] = (_SERIF, "fonts-liberation"),
           size: tuple[int, int] = (40, 64)) -> OfficeStyle:
    """An office printing in Latin or Cyrillic letters: Liberation Serif, 10 pt (`size`: the
    font's size and the line pitch in pixels at 300 dpi), unless `fonts` (and their Debian
    package) are given."""
    return OfficeStyle(office, fonts[0], fonts[1], size[0], size[1],
                       dict(zip(("abstract", "description", "claims"), headings, strict=True)),
                       front, "{d}.{m}.{y}")


STYLES: dict[str, OfficeStyle] = {
    "ar": OfficeStyle(
        "SA", (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),), "fonts-dejavu-core",
        40, 80,
        {"abstract": "الملخص", "description": "الوصف", "claims": "عناصر الحماية"},
        ("(11) رقم البراءة: {number}", "(45) تاريخ النشر: {date}", "(54) العنوان: {title}"),
        "{d}/{m}/{y}", rtl=True, digits=_ARABIC_DIGITS, description_columns=2),
    # IRIPO: the parts of an application as Iran's Implementing Regulation names them
    "fa": OfficeStyle(
        "IR", (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),), "fonts-dejavu-core",
        40, 80,
        {"abstract": "خلاصه اختراع", "description": "توصیف اختراع", "claims": "ادعانامه"},
        ("(11) شماره ثبت: {number}", "(45) تاریخ انتشار: {date}", "(54) عنوان: {title}"),
        "{y}/{m}/{d}", rtl=True, digits=_PERSIAN_DIGITS, description_columns=2),
    "ru": _latin("RU", ("Реферат", "Описание изобретения", "Формула изобретения"),
                 ("(11) {number}", "(45) Опубликовано: {date}", "(54) {title}")),
    "es": _latin("ES", ("Resumen", "Descripción", "Reivindicaciones"),
                 ("(11) Número de publicación: {number}", "(45) Fecha de publicación: {date}",
                  "(54) Título: {title}")),
    "pt": _latin("PT", ("Resumo", "Relatório Descritivo", "Reivindicações"),
                 ("(11) Número de publicação: {number}", "(45) Data de publicação: {date}",
                  "(54) Epígrafe: {title}")),
    # Times-like at 12 pt: Vietnamese documents are set in a Unicode Times New Roman of 12
    # to 14 pt (Decree 30/2020/ND-CP sets 13 to 14 for administrative texts)
    "vi": _latin("VN", ("Tóm tắt", "Mô tả sáng chế", "Yêu cầu bảo hộ"),
                 ("(11) Số bằng: {number}", "(45) Ngày công bố: {date}",
                  "(54) Tên sáng chế: {title}"), (_VIETNAMESE_SERIF, "fonts-liberation2"),
                 (50, 80)),
    "ko": OfficeStyle(
        "KR", (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),), "fonts-wqy-zenhei", 40, 72,
        {"abstract": "요약", "description": "발명의 설명", "claims": "청구범위"},
        ("(11) 등록번호 {number}", "(45) 공고일자 {date}", "(54) 발명의 명칭 {title}"),
        "{y}.{m}.{d}", claims_first=True, claim_on_own_line="【청구항 {n}】"),
    "th": OfficeStyle(
        "TH", (Path("/usr/share/fonts/truetype/tlwg/Norasi.ttf"),), "fonts-tlwg-norasi-ttf", 46, 84,
        {"abstract": "บทสรุปการประดิษฐ์", "description": "รายละเอียดการประดิษฐ์",
         "claims": "ข้อถือสิทธิ"},
        ("(11) เลขที่สิทธิบัตร {number}", "(45) วันที่ประกาศโฆษณา {date}",
         "(54) ชื่อที่แสดงถึงการประดิษฐ์ {title}"), "{d}.{m}.{y}"),
}
"""Each language's office, as its publications are set (the headings those of the profile)."""

_THAI = re.compile("[\u0e00-\u0e7f]")


@functools.cache
def style_font(lang: str, size: int = 0, face: Path | None = None) -> ImageFont.FreeTypeFont:
    """The style's font at `size` (its own by default), or `face`; MissingDependency naming
    the package."""
    style = STYLES[lang]
    for path in (face,) if face else style.fonts:
        if path.is_file():
            return ImageFont.truetype(str(path), size or style.size)
    raise MissingDependency(f"no font for rendering {lang} pages",
                            f"Install one: apt-get install {style.font_package}")


def _clusters(text: str) -> list[str]:
    """Characters with the marks set on them: where a line of Thai may break."""
    clusters: list[str] = []
    for char in text:
        if clusters and unicodedata.category(char) in ("Mn", "Mc"):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def wrap(text: str, width: float, measure: Callable[[str], float],
         first_indent: float = 0.0) -> list[str]:
    """Lines no wider than `width`: broken at spaces, Thai anywhere between clusters."""
    tokens = _clusters(text) if _THAI.search(text) else re.findall(r"\S+|\s+", text)
    lines: list[str] = []
    line, limit = "", width - first_indent
    for token in tokens:
        if token.isspace() and not line:
            continue
        if line.strip() and measure((line + token).rstrip()) > limit and not token.isspace():
            lines.append(line.rstrip())
            line, limit = "", width
        line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


class _Writer:
    """Sets lines down the columns of pages, a new page when the last column is full."""

    def __init__(self, lang: str, native_digits: bool = True, face: Path | None = None) -> None:
        self.style = STYLES[lang]
        self.face = face
        self.native_digits = native_digits
        self.lang = lang
        self.pages: list[tuple[Image.Image, str, list[str]]] = []
        self.columns = 1
        self.column = 0
        self.y = TOP

    def new_page(self, section: str, columns: int = 1) -> None:
        self.pages.append((Image.new("L", (WIDTH, HEIGHT), 255), section, []))
        self.columns, self.column, self.y = columns, 0, TOP

    def span(self) -> tuple[int, int]:
        """The current column's left and right edges."""
        width = (RIGHT - LEFT - GUTTER * (self.columns - 1)) // self.columns
        index = self.columns - 1 - self.column if self.style.rtl else self.column
        left = LEFT + index * (width + GUTTER)
        return left, left + width

    def measure(self, text: str) -> float:
        direction = "rtl" if self.style.rtl else None
        return float(style_font(self.lang, 0, self.face).getlength(text, direction=direction))

    def line(self, text: str, indent: int = 0, centred: bool = False) -> None:
        if self.y + self.style.pitch > BOTTOM:
            if self.column + 1 < self.columns:
                self.column, self.y = self.column + 1, TOP
            else:
                self.new_page(self.pages[-1][1], self.columns)
        left, right = self.span()
        width = self.measure(text)
        if centred:
            x = (left + right - width) / 2
        else:
            x = right - indent - width if self.style.rtl else left + indent
        image, _, lines = self.pages[-1]
        ImageDraw.Draw(image).text((x, self.y), text, font=style_font(self.lang, 0, self.face),
                                   fill=0, direction="rtl" if self.style.rtl else None)
        lines.append(text)
        self.y += self.style.pitch

    def gap(self, lines: float = 0.5) -> None:
        self.y += round(self.style.pitch * lines)

    def room(self) -> int:
        """Lines left on the current page."""
        left_in_column = (BOTTOM - self.y) // self.style.pitch
        return left_in_column + (self.columns - 1 - self.column) * ((BOTTOM - TOP) //
                                                                    self.style.pitch)

    def text_width(self) -> int:
        left, right = self.span()
        return right - left

    def furniture(self, header: str) -> None:
        """Running header (the publication and the section) and page number on each page."""
        small = style_font(self.lang, 32, self.face)
        direction = "rtl" if self.style.rtl else None
        for number, (image, section, _) in enumerate(self.pages, start=1):
            draw = ImageDraw.Draw(image)
            if section != "front":
                text = f"{header}    {self.style.headings[section]}"
                width = small.getlength(text, direction=direction)
                x = RIGHT - width if self.style.rtl else LEFT
                draw.text((x, 150), text, font=small, fill=0, direction=direction)
            draw.text((WIDTH // 2 - 20, 3330), self.digits(str(number)), font=small, fill=0)

    def digits(self, text: str) -> str:
        if self.style.digits and self.native_digits:
            return text.translate(self.style.digits)
        return text


@dataclass(frozen=True)
class Publication:
    """What the front page names: the publication's number, kind and date (YYYYMMDD)."""

    number: str = "2023001234"
    kind: str = "B1"
    date: str = "20230517"


def _front(writer: _Writer, text: Declaration, publication: Publication, truth: Json) -> None:
    style = writer.style
    writer.new_page("front")
    y, m, d = publication.date[:4], publication.date[4:6], publication.date[6:]
    date = writer.digits(style.date.format(y=y, m=m, d=d))
    number = f"{style.office} {publication.number} {publication.kind}"
    for field in style.front:
        for line in wrap(field.format(number=number, date=date, title=text.title),
                         writer.text_width(), writer.measure):
            writer.line(line)
    writer.gap(1.0)
    writer.line(f"(57) {style.headings['abstract']}")
    lines = wrap(text.preamble[0], writer.text_width(), writer.measure, 80)
    for index, line in enumerate(lines):
        writer.line(line, 80 if index == 0 else 0)
    truth["abstract"] = [text.preamble[0]]
    truth["bookmarks"]["abstract"] = 1
    truth["bibliographic"].update(doc_number=publication.number, kind=publication.kind,
                                  publication_date=publication.date)


def _claims(writer: _Writer, articles: tuple[str, ...], truth: Json, label_form: str) -> None:
    style = writer.style
    writer.new_page("claims")
    first_page = len(writer.pages)
    writer.line(style.headings["claims"], centred=True)
    writer.gap()
    claims: list[Json] = []
    for number, text in enumerate(articles, start=1):
        label = writer.digits(str(number))
        if style.claim_on_own_line:
            body = wrap(text, writer.text_width(), writer.measure, 40)
            lines = [(style.claim_on_own_line.format(n=label), 0), (body[0], 40),
                     *((line, 0) for line in body[1:])]
        else:
            body = wrap(f"{label_form.format(n=label)} {text}", writer.text_width(),
                        writer.measure, 80)
            lines = [(body[0], 80), *((line, 0) for line in body[1:])]
        if len(lines) > writer.room():
            break
        for line, indent in lines:
            writer.line(line, indent)
        claims.append({"num": number, "text": text})
    truth["claims"] = {writer.lang: claims}
    truth["bookmarks"]["claims"] = first_page


def _description(writer: _Writer, text: Declaration, articles: tuple[str, ...],
                 truth: Json) -> None:
    style = writer.style
    writer.new_page("description", style.description_columns)
    first_page = len(writer.pages)
    writer.line(style.headings["description"], centred=True)
    writer.gap()
    blocks: list[Json] = []
    if text.preamble_heading:  # a heading set apart from the text
        writer.line(text.preamble_heading)
        writer.gap()
        blocks.append({"type": "heading", "text": text.preamble_heading, "num": ""})
    for index, paragraph in enumerate((*text.preamble, *articles), start=1):
        num = f"{index:04d}"
        lines = wrap(f"[{writer.digits(num)}] {paragraph}", writer.text_width(),
                     writer.measure)
        if len(lines) > writer.room():
            break
        for line in lines:
            writer.line(line)
        blocks.append({"type": "p", "text": paragraph, "num": num})
    truth["description"] = blocks
    truth["bookmarks"]["description"] = first_page


def render_script(text: Declaration, publication: Publication | None = None, *,
                  front: bool = True, claims: bool = True, description: bool = True,
                  most: int = 1000, native_digits: bool = True,
                  claim_label: str = "{n}.", face: Path | None = None) -> RenderedCjk:
    """The publication's pages in its office's style (`STYLES[text.lang]`): the front page,
    a page of claims (the first articles, as many whole as fit) and a page of description
    (the preamble, then the last articles, as many whole paragraphs as fit); of either no
    more than `most`. Numbers in the office's own digits (Arabic-Indic in Arabic), or in
    ASCII digits where not `native_digits`; a claim's number as `claim_label` has it
    ('{n}.', '({n})'), except where the office sets it on a line of its own; in the
    office's font, or in `face`."""
    publication = publication or Publication()
    writer = _Writer(text.lang, native_digits, face)
    truth: Json = {"bookmarks": {}, "bibliographic": {}}
    half = len(text.articles) // 2
    parts: list[Callable[[], None]] = []
    if front:
        parts.append(lambda: _front(writer, text, publication, truth))
    shown = replace(text, preamble=text.preamble[:most])
    rest = text.articles[half:][:most - len(shown.preamble)]
    sections = [lambda: _description(writer, shown, rest, truth),
                lambda: _claims(writer, text.articles[:half][:most], truth, claim_label)]
    wanted = [description, claims]
    if writer.style.claims_first:
        sections.reverse()
        wanted.reverse()
    parts.extend(part for part, on in zip(sections, wanted, strict=True) if on)
    for part in parts:
        part()
    writer.furniture(f"{writer.style.office} {publication.number} {publication.kind}")
    return RenderedCjk(f"{writer.style.office}{publication.number}{publication.kind}",
                       [page for page, _, _ in writer.pages], truth,
                       [lines for _, _, lines in writer.pages],
                       [section for _, section, _ in writer.pages])
