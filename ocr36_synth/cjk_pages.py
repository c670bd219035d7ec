"""Pages of a Chinese or Japanese publication in its office's layout, and what they print.

A4 at 300 dpi, one column, a running header naming the publication and the section, the page
number at the foot. The CNIPA layout: a front page of INID-coded fields and the abstract
(57)摘要, then 权利要求书 ("1.一种……"), then 说明书 (paragraphs "[0001]……"). The JPO's:
(57)【要約】, then 【特許請求の範囲】 (【請求項１】 on a line of its own), then
【発明の詳細な説明】 (【技術分野】, 【０００１】 ...). Characters are set one after another
without spaces, lines broken anywhere but inside a run of Latin letters and digits, and no
line starts with a closing mark (、。，）).

The truth of what was printed (`truth`) has the form of a sample's `.truth.json`, so that
`ocr36 evaluate` compares a package with it; `page_text` holds each page's body lines.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from ocr36.errors import MissingDependency
from ocr36_synth.cjk import CjkPatent
from ocr36_synth.scan import degrade_preset

WIDTH, HEIGHT, DPI = 2480, 3508, 300
LEFT, RIGHT, TOP, BOTTOM = 280, 2200, 340, 3180
SIZE, PITCH = 42, 72
_FONTS = (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
          Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"),
          Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"))
_UNBROKEN = re.compile(r"[A-Za-z0-9.,\-+/%_'’()<>=~]+|\s|.", re.DOTALL)
_NO_LINE_START = set("、。，．：；！？）」』】〕〉》］｝,.:;)")
_FULL_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")

Json = dict[str, Any]


@functools.cache
def cjk_font(size: int = SIZE) -> ImageFont.FreeTypeFont:
    """A CJK font (WenQuanYi Zen Hei or Noto CJK); MissingDependency naming the package."""
    for path in _FONTS:
        if path.is_file():
            return ImageFont.truetype(str(path), size)
    raise MissingDependency("no CJK font for rendering Chinese or Japanese pages",
                            "Install one: apt-get install fonts-wqy-zenhei")


@functools.cache
def _width(text: str, size: int) -> float:
    return float(cjk_font(size).getlength(text))


def wrap(text: str, width: float, first_indent: float = 0.0, size: int = SIZE) -> list[str]:
    """Lines of `text` no wider than `width`: broken between characters, never inside a run
    of Latin letters and digits, never before a closing mark."""
    lines: list[str] = []
    line, used, limit = "", 0.0, width - first_indent
    for token in _UNBROKEN.findall(text):
        if token.isspace() and not line:
            continue
        token_width = sum(_width(c, size) for c in token)
        if line and used + token_width > limit and token not in _NO_LINE_START:
            lines.append(line.rstrip())
            line, used, limit = "", 0.0, width
            if token.isspace():
                continue
        line += token
        used += token_width
    if line.strip():
        lines.append(line.rstrip())
    return lines


@dataclass
class _Sheet:
    image: Image.Image
    section: str
    lines: list[str] = field(default_factory=list)


@dataclass
class RenderedCjk:
    """The pages of a rendered publication and what they print."""

    name: str
    pages: list[Image.Image]
    truth: Json
    page_text: list[list[str]]
    """Each page's body lines, as printed (no running header or page number)."""
    page_sections: list[str]
    """The section each page belongs to: front, claims or description."""

    def bilevel(self) -> list[Image.Image]:
        """The pages in black and white, as `save` writes them (Pillow's conversion, which
        dithers the grey edges of strokes): what a conversion of the TIFF reads."""
        return [page.convert("1") for page in self.pages]

    def save(self, path: Path) -> None:
        """The pages as one multi-page G4 TIFF at 300 dpi (`bilevel`)."""
        pages = self.bilevel()
        pages[0].save(path, save_all=True, append_images=pages[1:], compression="group4",
                      dpi=(DPI, DPI))


class _Writer:
    """Sets lines down pages, a new page when one is full."""

    def __init__(self, patent: CjkPatent) -> None:
        self.patent = patent
        self.sheets: list[_Sheet] = []
        self.y = TOP

    def new_page(self, section: str) -> None:
        self.sheets.append(_Sheet(Image.new("L", (WIDTH, HEIGHT), 255), section))
        self.y = TOP

    @property
    def room(self) -> int:
        return (BOTTOM - self.y) // PITCH

    def line(self, text: str, x: int = LEFT, centred: bool = False) -> None:
        if self.room < 1:
            self.new_page(self.sheets[-1].section)
        sheet = self.sheets[-1]
        if centred:
            x = round((LEFT + RIGHT - sum(_width(c, SIZE) for c in text)) / 2)
        ImageDraw.Draw(sheet.image).text((x, self.y), text, font=cjk_font(), fill=0)
        sheet.lines.append(text)
        self.y += PITCH

    def gap(self, lines: float = 0.5) -> None:
        self.y += round(PITCH * lines)

    def furniture(self) -> None:
        """Running header and page number on each page."""
        small = cjk_font(34)
        names = {"zh": {"front": "", "claims": "权利要求书", "description": "说明书"},
                 "ja": {"front": "", "claims": "特許請求の範囲", "description": "明細書"}}
        for number, sheet in enumerate(self.sheets, start=1):
            draw = ImageDraw.Draw(sheet.image)
            if sheet.section != "front":
                header = f"{self.patent.office} {self.patent.doc_number} {self.patent.kind}" \
                    f"    {names[self.patent.lang][sheet.section]}"
                draw.text((LEFT, 150), header, font=small, fill=0)
            draw.text((WIDTH // 2 - 20, 3330), str(number), font=small, fill=0)


def _front_fields(patent: CjkPatent) -> list[str]:
    date = patent.publication_date
    dotted = f"{date[:4]}.{date[4:6]}.{date[6:]}" if len(date) == 8 else date
    number = f"{patent.office} {patent.doc_number} {patent.kind}"
    if patent.lang == "zh":
        return ["(19)中华人民共和国国家知识产权局", "(12)发明专利申请",
                f"(10)申请公布号 {number}", f"(43)申请公布日 {dotted}",
                f"(54)发明名称 {patent.title}"]
    return ["(19)【発行国】日本国特許庁(JP)", "(12)【公報種別】公開特許公報(A)",
            f"(11)【公開番号】{number}", f"(43)【公開日】{dotted}",
            f"(54)【発明の名称】{patent.title}"]


def _front(writer: _Writer, patent: CjkPatent, truth: Json) -> None:
    writer.new_page("front")
    for text in _front_fields(patent):
        for line in wrap(text, RIGHT - LEFT):
            writer.line(line)
    writer.gap(1.0)
    writer.line("(57)摘要" if patent.lang == "zh" else "(57)【要約】")
    lines = wrap(patent.abstract[0], RIGHT - LEFT, 2 * SIZE)[:18] if patent.abstract else []
    for index, line in enumerate(lines):
        writer.line(line, LEFT + (2 * SIZE if index == 0 else 0))
    truth["abstract"] = ["".join(lines)]
    truth["bookmarks"]["abstract"] = 1


def _claims(writer: _Writer, patent: CjkPatent, truth: Json, max_pages: int,
            most: int) -> None:
    writer.new_page("claims")
    first_page = len(writer.sheets)
    writer.line("权利要求书" if patent.lang == "zh" else "【特許請求の範囲】",
                centred=patent.lang == "zh")
    writer.gap()
    claims: list[Json] = []
    for number, text in enumerate(patent.claims[:most], start=1):
        if patent.lang == "zh":
            lines = wrap(f"{number}.{text}", RIGHT - LEFT, 2 * SIZE)
            starts = [LEFT + 2 * SIZE] + [LEFT] * (len(lines) - 1)
        else:
            lines = [f"【請求項{str(number).translate(_FULL_DIGITS)}】",
                     *wrap(text, RIGHT - LEFT, SIZE)]
            starts = [LEFT, LEFT + SIZE] + [LEFT] * (len(lines) - 2)
        if len(lines) > writer.room and len(writer.sheets) - first_page + 1 >= max_pages:
            break
        for line, x in zip(lines, starts, strict=True):
            writer.line(line, x)
        claims.append({"num": number, "text": text})
    truth["claims"] = {patent.lang: claims}
    truth["bookmarks"]["claims"] = first_page


def _block_lines(patent: CjkPatent, kind: str, text: str, num: str) -> list[tuple[str, int]]:
    if patent.lang == "zh":
        if kind == "heading":
            return [(text, LEFT + 2 * SIZE)]
        lines = wrap(f"[{num}]{text}", RIGHT - LEFT)
        return [(line, LEFT) for line in lines]
    if kind == "heading":
        return [(f"【{text}】", LEFT)]
    lines = wrap(text, RIGHT - LEFT, SIZE)
    return [(f"【{num.translate(_FULL_DIGITS)}】", LEFT), (lines[0], LEFT + SIZE),
            *((line, LEFT) for line in lines[1:])]


def _description(writer: _Writer, patent: CjkPatent, truth: Json, max_pages: int,
                 most: int) -> None:
    writer.new_page("description")
    first_page = len(writer.sheets)
    if patent.lang == "zh":
        writer.line("说明书", centred=True)
        writer.line(patent.title, centred=True)
    else:
        writer.line("【発明の詳細な説明】")
    blocks: list[Json] = []
    shown = list(patent.description[:most])
    while shown and shown[-1].kind == "heading":
        shown.pop()
    for index, block in enumerate(shown):
        lines = _block_lines(patent, block.kind, block.text, block.num)
        following = shown[index + 1] if block.kind == "heading" else None
        needed = len(lines) + (len(_block_lines(patent, following.kind, following.text,
                                                following.num)) if following else 0)
        if needed > writer.room and len(writer.sheets) - first_page + 1 >= max_pages:
            break
        for line, x in lines:
            writer.line(line, x)
        text = block.text if block.kind == "p" else lines[0][0]
        blocks.append({"type": block.kind, "text": text, "num": block.num})
    truth["description"] = blocks
    truth["bookmarks"]["description"] = first_page


def render_cjk(patent: CjkPatent, *, front: bool = True, claim_pages: int = 1,
               description_pages: int = 1, most: int = 1000) -> RenderedCjk:
    """The publication's pages: front page, claims and description, each section on pages
    of its own, the claims and the description cut after whole claims and paragraphs (and
    after the `most` first of either)."""
    writer = _Writer(patent)
    truth: Json = {"bookmarks": {}, "bibliographic": {}}
    parts: list[Callable[[], None]] = []
    if front:
        parts.append(lambda: _front(writer, patent, truth))
    if claim_pages:
        parts.append(lambda: _claims(writer, patent, truth, claim_pages, most))
    if description_pages:
        parts.append(lambda: _description(writer, patent, truth, description_pages, most))
    for part in parts:
        part()
    writer.furniture()
    return RenderedCjk(patent.name, [s.image for s in writer.sheets], truth,
                       [s.lines for s in writer.sheets], [s.section for s in writer.sheets])


def scanned(rendered: RenderedCjk, seed: int, preset: str = "light") -> RenderedCjk:
    """The same pages with a preset's scan defects, each page seeded `seed` plus its index."""
    pages = [degrade_preset(page, seed + index, preset)[0]
             for index, page in enumerate(rendered.pages)]
    return RenderedCjk(rendered.name, pages, rendered.truth, rendered.page_text,
                       rendered.page_sections)


def page_lines(rendered: RenderedCjk, sections: Sequence[str]) -> Iterator[str]:
    """The body lines of the pages of `sections`."""
    for lines, section in zip(rendered.page_text, rendered.page_sections, strict=True):
        if section in sections:
            yield from lines
