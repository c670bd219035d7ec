"""The ST.36 writer: a Document becomes an xx-patent-document tree (see xsd/ocr36-st36.xsd)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import PurePath

from lxml import etree

from ocr36.errors import InvalidOutput
from ocr36.model import (
    Bibliographic,
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
    Party,
    Text,
)
from ocr36.tiff import size_mm

DTD_VERSION = "ocr36-st36-v1.0"
"""Names the schema version written into dtd-version (xsd/ocr36-st36.xsd)."""
UNKNOWN = "UNKNOWN"
"""Text of a required bibliographic element that the document did not yield."""
REGIONAL_OFFICES = frozenset({"EP", "WO", "EA", "AP", "OA", "GC"})
APPLICATION_TYPE = "patent"
BLOCK_END = "\n"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'

_WRAPPERS: dict[IllustrationKind, tuple[str, str]] = {
    IllustrationKind.CHEMISTRY: ("chemistry", "chem"),
    IllustrationKind.MATHS: ("maths", "math"),
    IllustrationKind.TABLE: ("tables", "tabl"),
}
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 forbids, plus DEL and the C1 controls it discourages."""
_DATE = re.compile(r"^\d{8}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_LANG = re.compile(r"^[a-z]{2,3}$")
_NOT_NAME_CHAR = re.compile(r"[^A-Za-z0-9._-]")


def xml_safe(text: str) -> str:
    """`text` without characters XML cannot carry, in Unicode NFC."""
    return unicodedata.normalize("NFC", _XML_ILLEGAL.sub("", text))


def build_tree(document: Document, xml_file: str) -> etree._ElementTree:
    """The ST.36 tree of `document`, to be written as `xml_file` (a bare file name)."""
    return _Writer(document).tree(xml_file)


def serialise(tree: etree._ElementTree) -> bytes:
    """The bytes of the XML file: UTF-8, XML declaration, no DOCTYPE, newline at the end."""
    body = etree.tostring(tree, xml_declaration=False, encoding="UTF-8", pretty_print=False)
    return XML_DECLARATION + body + b"\n"


def office_root_name(office: str) -> str:
    """`ep-patent-document` for office EP; InvalidOutput when the code is not two letters."""
    if not re.fullmatch(r"[A-Za-z]{2}", office):
        raise InvalidOutput(f"office code {office!r} is not a two-letter ST.3 code")
    return f"{office.lower()}-patent-document"


def _element(parent: etree._Element, tag: str, text: str = "", **attributes: str) -> etree._Element:
    """A child with attributes in the order given (empty values left out) and optional text."""
    child = etree.SubElement(parent, tag)
    for name, value in attributes.items():
        if value:
            child.set(name.replace("_", "-"), xml_safe(value))
    if text:
        child.text = xml_safe(text)
    return child


def _append_text(parent: etree._Element, text: str) -> None:
    """Append text after the last child of a mixed-content element (or as its first text)."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _as_block(element: etree._Element) -> etree._Element:
    """End the element with a line break, so that files read well and errors have lines."""
    element.tail = BLOCK_END
    return element


def _open_block(element: etree._Element) -> etree._Element:
    element.text = BLOCK_END
    return _as_block(element)


def _valid_date(value: str) -> str:
    value = value.strip()
    return value if _DATE.match(value) else ""


def _country(value: str) -> str:
    value = value.strip().upper()
    return value if _COUNTRY.match(value) else ""


class _Ids:
    """Unique XML ids: a taken id gets a -2, -3 ... suffix."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def reserve(self, candidate: str) -> str:
        base = _NOT_NAME_CHAR.sub("_", candidate)
        if not base[:1].isalpha():
            base = "i" + base
        unique, suffix = base, 1
        while unique in self._taken:
            suffix += 1
            unique = f"{base}-{suffix}"
        self._taken.add(unique)
        return unique


class _Writer:
    """One use: turns one Document into one tree."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.lang = document.lang.strip().lower()
        self.country = _country(document.bibliographic.country) or document.office.upper()
        self.ids = _Ids()
        self.illustrations = {ill.file: ill for ill in document.illustrations}
        self.wrapper_counts: dict[IllustrationKind, int] = {}

    # --- root ------------------------------------------------------------------------

    def tree(self, xml_file: str) -> etree._ElementTree:
        root = etree.Element(office_root_name(self.document.office))
        self._root_attributes(root, xml_file)
        root.text = BLOCK_END
        self._bibliographic(root, self.document.bibliographic)
        if self.document.abstract:
            self._abstract(root)
        self._description(root)
        self._claims(root)
        if self.document.figures:
            self._drawings(root)
        if self.document.search_report_pages:
            self._search_report(root)
        return etree.ElementTree(root)

    def _root_attributes(self, root: etree._Element, xml_file: str) -> None:
        bib = self.document.bibliographic
        doc_number, kind = bib.doc_number.strip(), bib.kind.strip()
        identifier = self.ids.reserve(f"{self.country}{doc_number}{kind}") if doc_number else ""
        attributes = {
            "id": identifier,
            "file": xml_file,
            "lang": self.lang,
            "country": self.country,
            "doc-number": doc_number,
            "kind": kind,
            "date-publ": _valid_date(bib.publication_date),
            "status": "n",
            "dtd-version": DTD_VERSION,
        }
        for name, value in attributes.items():
            if value or name in ("lang", "country"):
                root.set(name, xml_safe(value))

    # --- bibliographic data -------------------------------------------------------------

    def _bibliographic(self, root: etree._Element, bib: Bibliographic) -> None:
        data = _open_block(etree.SubElement(root, "bibliographic-data"))
        self._document_id(
            data, "publication-reference", bib.doc_number, bib.kind, bib.publication_date
        )
        if any(code.strip() for code in bib.ipc):
            self._classifications(data, bib.ipc)
        self._document_id(
            data,
            "application-reference",
            bib.application_number,
            "",
            bib.filing_date,
            appl_type=APPLICATION_TYPE,
        )
        if _LANG.match(self.lang):
            _as_block(_element(data, "language-of-publication", self.lang))
        self._priorities(data, bib)
        self._parties(data, bib)
        self._titles(data, bib)
        if any(party.name.strip() for party in bib.assignees):
            assignees = _as_block(etree.SubElement(data, "assignees"))
            for party in _named(bib.assignees):
                self._addressbook(etree.SubElement(assignees, "assignee"), party)

    def _document_id(
        self,
        data: etree._Element,
        tag: str,
        number: str,
        kind: str,
        date: str,
        **attributes: str,
    ) -> None:
        reference = _as_block(_element(data, tag, **attributes))
        document_id = etree.SubElement(reference, "document-id")
        _element(document_id, "country", self.country)
        _element(document_id, "doc-number", xml_safe(number).strip() or UNKNOWN)
        if kind.strip():
            _element(document_id, "kind", kind.strip())
        if _valid_date(date):
            _element(document_id, "date", _valid_date(date))

    def _classifications(self, data: etree._Element, codes: Sequence[str]) -> None:
        block = _as_block(etree.SubElement(data, "classifications-ipcr"))
        texts = [xml_safe(code).strip() for code in codes]
        for sequence, text in enumerate((t for t in texts if t), start=1):
            classification = _element(block, "classification-ipcr", sequence=str(sequence))
            _element(classification, "text", text)

    def _priorities(self, data: etree._Element, bib: Bibliographic) -> None:
        usable = [p for p in bib.priorities if _country(p.country) and _valid_date(p.date)]
        if not usable:
            return
        block = _as_block(etree.SubElement(data, "priority-claims"))
        for sequence, priority in enumerate(usable, start=1):
            country = _country(priority.country)
            kind = "regional" if country in REGIONAL_OFFICES else "national"
            claim = _element(block, "priority-claim", sequence=str(sequence), kind=kind)
            _element(claim, "country", country)
            if xml_safe(priority.doc_number).strip():
                _element(claim, "doc-number", priority.doc_number.strip())
            _element(claim, "date", _valid_date(priority.date))

    def _parties(self, data: etree._Element, bib: Bibliographic) -> None:
        parties = _open_block(etree.SubElement(data, "parties"))
        applicants = _as_block(etree.SubElement(parties, "applicants"))
        for sequence, party in enumerate(_named(bib.applicants) or [Party(UNKNOWN)], start=1):
            applicant = _element(
                applicants,
                "applicant",
                sequence=str(sequence),
                app_type="applicant",
                designation="all",
            )
            self._addressbook(applicant, party)
        if _named(bib.inventors):
            inventors = _as_block(etree.SubElement(parties, "inventors"))
            for sequence, party in enumerate(_named(bib.inventors), start=1):
                self._addressbook(_element(inventors, "inventor", sequence=str(sequence)), party)
        if _named(bib.agents):
            agents = _as_block(etree.SubElement(parties, "agents"))
            for sequence, party in enumerate(_named(bib.agents), start=1):
                agent = _element(agents, "agent", sequence=str(sequence), rep_type="agent")
                self._addressbook(agent, party)

    def _addressbook(self, holder: etree._Element, party: Party) -> None:
        book = _element(holder, "addressbook", lang=self.lang)
        _element(book, "name", party.name.strip())
        address, country = xml_safe(party.address).strip(), _country(party.country)
        if country:
            block = etree.SubElement(book, "address")
            if address:
                _element(block, "address-1", address)
            _element(block, "country", country)
        elif address:
            _element(etree.SubElement(book, "address"), "text", address)

    def _titles(self, data: etree._Element, bib: Bibliographic) -> None:
        titles = [
            (title.lang.strip().lower() or self.lang, xml_safe(title.text).strip())
            for title in bib.titles
        ]
        titles = [(lang, text) for lang, text in titles if text] or [(self.lang, UNKNOWN)]
        for lang, text in titles:
            _as_block(_element(data, "invention-title", text, lang=lang))

    # --- abstract and description ----------------------------------------------------

    def _abstract(self, root: etree._Element) -> None:
        abstract_id = self.ids.reserve("abst")
        abstract = _open_block(_element(root, "abstract", id=abstract_id, lang=self.lang))
        for number, paragraph in enumerate(self.document.abstract, start=1):
            p = _element(abstract, "p", id=self.ids.reserve(f"pa{number:02d}"), num=f"{number:04d}")
            self._inline(_as_block(p), paragraph.content, claim_ids=None)

    def _description(self, root: etree._Element) -> None:
        blocks = self.document.description
        last = max((i for i, b in enumerate(blocks) if isinstance(b, Paragraph)), default=-1)
        if last < 0:
            raise InvalidOutput(
                "the description is empty: no description paragraphs were found in the document"
            )
        description = _open_block(
            _element(root, "description", id=self.ids.reserve("desc"), lang=self.lang)
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
            p = _as_block(_element(description, "p", id=self.ids.reserve(candidate)))
            if isinstance(block, Paragraph):
                p.set("num", num or f"{paragraphs:04d}")
                self._inline(p, block.content, claim_ids=None)
            else:  # a heading after the last paragraph: ST.36 ends a section with a p
                p.set("num", f"{paragraphs:04d}")
                _append_text(p, xml_safe(block.text).strip())

    def _heading(self, description: etree._Element, heading: Heading, number: int) -> None:
        level = str(min(heading.level, 3)) if heading.level > 1 else ""
        text = xml_safe(heading.text).strip()
        heading_id = self.ids.reserve(f"h{number:04d}")
        _as_block(_element(description, "heading", text, id=heading_id, level=level))

    # --- claims ----------------------------------------------------------------------

    def _claims(self, root: etree._Element) -> None:
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
        claims = _open_block(_element(root, "claims", id=self.ids.reserve(set_id), lang=lang))
        claim_ids: dict[int, str] = {}
        planned = [(c, self.ids.reserve(f"{prefix}{c.num:04d}")) for c in claim_set.claims]
        for claim, claim_id in planned:
            claim_ids.setdefault(claim.num, claim_id)
        for claim, claim_id in planned:
            self._claim(claims, claim, claim_id, claim_ids)

    def _claim(
        self, claims: etree._Element, claim: Claim, claim_id: str, claim_ids: dict[int, str]
    ) -> None:
        element = _as_block(_element(claims, "claim", id=claim_id, num=f"{claim.num:04d}"))
        self._inline(etree.SubElement(element, "claim-text"), claim.content, claim_ids)

    # --- inline content --------------------------------------------------------------

    def _inline(
        self, parent: etree._Element, content: Iterable[Inline], claim_ids: dict[int, str] | None
    ) -> None:
        """Write inline content; claim_ids is None outside claims (p has no claim-ref)."""
        for item in content:
            if isinstance(item, Text):
                _append_text(parent, xml_safe(item.text))
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
            _append_text(parent, text)
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
        holder = _element(parent, tag, id=holder_id, num=f"{count:04d}")
        self._img(holder, illustration, inline=True)

    def _img(self, parent: etree._Element, illustration: Illustration, inline: bool) -> None:
        height, width = _image_size(illustration)
        orientation = "landscape" if illustration.landscape else ("" if inline else "portrait")
        _element(
            parent,
            "img",
            id=self.ids.reserve(_image_id(illustration.file)),
            file=illustration.file,
            he=str(size_mm(height, illustration.dpi)),
            wi=str(size_mm(width, illustration.dpi)),
            img_content=illustration.kind.value,
            img_format="tif",
            orientation=orientation,
            inline="no" if inline else "",
        )

    # --- drawings and search report --------------------------------------------------

    def _drawings(self, root: etree._Element) -> None:
        drawings = _open_block(_element(root, "drawings", id=self.ids.reserve("draw")))
        for number, figure in enumerate(self.document.figures, start=1):
            illustration = self.illustrations.get(figure.file)
            if illustration is None:
                raise InvalidOutput(
                    f"figure {figure.num!r} refers to image {figure.file!r}, "
                    "which the document lacks"
                )
            num = xml_safe(figure.num).strip() or str(number)
            element = _element(drawings, "figure", id=self.ids.reserve(f"f{number:04d}"), num=num)
            self._img(_as_block(element), illustration, inline=False)

    def _search_report(self, root: etree._Element) -> None:
        report = _open_block(
            _element(
                root,
                "search-report-data",
                id=self.ids.reserve("srep"),
                lang=self.lang,
                srep_office=self.country,
            )
        )
        for page in self.document.search_report_pages:
            height, width = _image_size(page)
            element = _element(
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
            _as_block(element)


def _named(parties: Sequence[Party]) -> list[Party]:
    return [party for party in parties if xml_safe(party.name).strip()]


def _image_size(illustration: Illustration) -> tuple[int, int]:
    """Height and width in pixels; InvalidOutput when the image is not a 2-D bitmap."""
    shape = illustration.image.shape
    if len(shape) != 2 or shape[0] == 0 or shape[1] == 0:
        raise InvalidOutput(f"image {illustration.file!r} has shape {shape}, not a 2-D bitmap")
    return int(shape[0]), int(shape[1])


def _image_id(file: str) -> str:
    """imgb0001.tif -> ib0001, imgf0001.tif -> if0001, imgaf001.tif -> iaf001 (as EPO)."""
    stem = PurePath(file).stem
    return "i" + (stem[3:] if stem.startswith("img") and len(stem) > 3 else stem)
