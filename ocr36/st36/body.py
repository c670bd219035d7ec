"""The ST.36 body of a document: abstract, description, claims per language with claim
references, images in the text, drawings and search-report pages."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

from lxml import etree

from ocr36.errors import InvalidOutput
from ocr36.model import (
    Claim,
    ClaimRef,
    ClaimSet,
    Document,
    Heading,
    Illustration,
    IllustrationKind,
    ImageRef,
    Inline,
    PageMark,
    Paragraph,
    Text,
)
from ocr36.st36.elements import (
    Context,
    add_child,
    append_text,
    as_block,
    image_id,
    image_size,
    open_block,
    xml_safe,
)
from ocr36.tiff import size_mm

_WRAPPERS: dict[IllustrationKind, tuple[str, str]] = {
    IllustrationKind.CHEMISTRY: ("chemistry", "chem"),
    IllustrationKind.MATHS: ("maths", "math"),
    IllustrationKind.TABLE: ("tables", "tabl"),
}


class BodyWriter:
    """One use: writes the body of one Document into its tree, with the ids of its context."""

    def __init__(self, document: Document, context: Context) -> None:
        self.document = document
        self.lang, self.country, self.ids = context.lang, context.country, context.ids
        self.illustrations = {ill.file: ill for ill in document.illustrations}
        self.wrapper_counts: dict[IllustrationKind, int] = {}

    # --- abstract and description ----------------------------------------------------

    def abstract(self, root: etree._Element) -> None:
        abstract_id = self.ids.reserve("abst")
        abstract = open_block(add_child(root, "abstract", id=abstract_id, lang=self.lang))
        for number, paragraph in enumerate(self.document.abstract, start=1):
            p_id = self.ids.reserve(f"pa{number:02d}")
            p = add_child(abstract, "p", id=p_id, num=f"{number:04d}")
            self._inline(as_block(p), paragraph.content, claim_ids=None)

    def description(self, root: etree._Element) -> None:
        blocks = self.document.description
        last = max((i for i, b in enumerate(blocks) if isinstance(b, Paragraph)), default=-1)
        if last < 0:
            raise InvalidOutput(
                "the description is empty: no description paragraphs were found in the document"
            )
        description = open_block(
            add_child(root, "description", id=self.ids.reserve("desc"), lang=self.lang)
        )
        headings = paragraphs = 0
        for index, block in enumerate(blocks):
            if isinstance(block, Heading) and (index < last or not xml_safe(block.text).strip()):
                if xml_safe(block.text).strip():
                    headings += 1
                    self._heading(description, block, headings)
                continue
            paragraphs += 1
            num = xml_safe(block.num).strip() if isinstance(block, Paragraph) else ""
            # EPO's convention: the id repeats the printed number (p0001 for [0001])
            candidate = f"p{num}" if num.isdigit() else f"p{paragraphs:04d}"
            p = as_block(add_child(description, "p", id=self.ids.reserve(candidate)))
            if isinstance(block, Paragraph):
                p.set("num", num or f"{paragraphs:04d}")
                self._inline(p, block.content, claim_ids=None)
            else:  # a heading after the last paragraph: ST.36 ends a section with a p
                p.set("num", f"{paragraphs:04d}")
                append_text(p, xml_safe(block.text).strip())

    def _heading(self, description: etree._Element, heading: Heading, number: int) -> None:
        level = str(min(heading.level, 3)) if heading.level > 1 else ""
        text = xml_safe(heading.text).strip()
        heading_id = self.ids.reserve(f"h{number:04d}")
        as_block(add_child(description, "heading", text, id=heading_id, level=level))

    # --- claims ----------------------------------------------------------------------

    def claims(self, root: etree._Element) -> None:
        sets = [claim_set for claim_set in self.document.claims if claim_set.claims]
        if not sets:
            raise InvalidOutput("the claims are empty: no claims were found in the document")
        seen_langs: dict[str, int] = {}
        for number, claim_set in enumerate(sets, start=1):
            lang = claim_set.lang.strip().lower() or self.lang
            seen_langs[lang] = seen_langs.get(lang, 0) + 1
            repeat = seen_langs[lang]
            prefix = f"c-{lang}-" if repeat == 1 else f"c-{lang}-{repeat:02d}-"
            self._claim_set(root, claim_set, lang, f"claims{number:02d}", prefix)

    def _claim_set(
        self, root: etree._Element, claim_set: ClaimSet, lang: str, set_id: str, prefix: str
    ) -> None:
        claims = open_block(add_child(root, "claims", id=self.ids.reserve(set_id), lang=lang))
        claim_ids: dict[int, str] = {}
        planned = [(c, self.ids.reserve(f"{prefix}{c.num:04d}")) for c in claim_set.claims]
        for claim, claim_id in planned:
            claim_ids.setdefault(claim.num, claim_id)
        for claim, claim_id in planned:
            self._claim(claims, claim, claim_id, claim_ids)

    def _claim(
        self, claims: etree._Element, claim: Claim, claim_id: str, claim_ids: dict[int, str]
    ) -> None:
        element = as_block(add_child(claims, "claim", id=claim_id, num=f"{claim.num:04d}"))
        self._inline(etree.SubElement(element, "claim-text"), claim.content, claim_ids)

    # --- inline content --------------------------------------------------------------

    def _inline(
        self, parent: etree._Element, content: Iterable[Inline], claim_ids: dict[int, str] | None
    ) -> None:
        """Write inline content; claim_ids is None outside claims (p has no claim-ref)."""
        for item in content:
            if isinstance(item, Text):
                append_text(parent, xml_safe(item.text))
            elif isinstance(item, PageMark):
                parent.append(etree.ProcessingInstruction("page", f'n="{item.page}"'))
            elif isinstance(item, ImageRef):
                self._inline_image(parent, item.file)
            elif isinstance(item, ClaimRef):
                self._claim_ref(parent, item, claim_ids)

    def _claim_ref(
        self, parent: etree._Element, ref: ClaimRef, claim_ids: dict[int, str] | None
    ) -> None:
        known = claim_ids or {}
        targets = list(dict.fromkeys(known[n] for n in ref.targets if n in known))
        text = xml_safe(ref.text)
        if claim_ids is None or not targets:
            append_text(parent, text)
            return
        element = etree.SubElement(parent, "claim-ref", idref=" ".join(targets))
        element.text = text

    def _inline_image(self, parent: etree._Element, file: str) -> None:
        illustration = self.illustrations.get(file)
        if illustration is None:
            raise InvalidOutput(f"the text refers to image {file!r}, which the document lacks")
        wrapper = _WRAPPERS.get(illustration.kind)
        if wrapper is None:
            self._img(parent, illustration, inline=True)
            return
        tag, prefix = wrapper
        count = self.wrapper_counts[illustration.kind] = (
            self.wrapper_counts.get(illustration.kind, 0) + 1
        )
        holder_id = self.ids.reserve(f"{prefix}{count:04d}")
        holder = add_child(parent, tag, id=holder_id, num=f"{count:04d}")
        self._img(holder, illustration, inline=True)

    def _img(self, parent: etree._Element, illustration: Illustration, inline: bool) -> None:
        height, width = image_size(illustration)
        orientation = "landscape" if illustration.landscape else ("" if inline else "portrait")
        add_child(
            parent,
            "img",
            id=self.ids.reserve(image_id(illustration.file)),
            file=illustration.file,
            he=str(size_mm(height, illustration.dpi)),
            wi=str(size_mm(width, illustration.dpi)),
            img_content=illustration.kind.value,
            img_format="tif",
            orientation=orientation,
            inline="no" if inline else "",
        )

    # --- drawings and search report --------------------------------------------------

    def drawings(self, root: etree._Element) -> None:
        drawings = open_block(add_child(root, "drawings", id=self.ids.reserve("draw")))
        for number, figure in enumerate(self.document.figures, start=1):
            illustration = self.illustrations.get(figure.file)
            if illustration is None:
                raise InvalidOutput(
                    f"figure {figure.num!r} refers to image {figure.file!r}, "
                    "which the document lacks"
                )
            num = xml_safe(figure.num).strip() or str(number)
            element = add_child(drawings, "figure", id=self.ids.reserve(f"f{number:04d}"), num=num)
            self._img(as_block(element), illustration, inline=False)

    def search_report(self, root: etree._Element) -> None:
        report = open_block(
            add_child(
                root,
                "search-report-data",
                id=self.ids.reserve("srep"),
                lang=self.lang,
                srep_office=self.country,
            )
        )
        # required by ST.36; EPO's own files leave it empty when the report's date is not
        # given in the data
        report.set("date-produced", "")
        for page in self.document.search_report_pages:

            height, width = image_size(page)
            element = add_child(
                report,
                "doc-page",
                id=self.ids.reserve(PurePath(page.file).stem),
                file=page.file,
                he=str(size_mm(height, page.dpi)),
                wi=str(size_mm(width, page.dpi)),
                type="tif",
                pp=str(page.page),
                orientation="landscape" if page.landscape else "",
            )
            as_block(element)
