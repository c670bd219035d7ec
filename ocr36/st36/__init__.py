"""The ST.36 writer: a Document becomes an xx-patent-document tree (see xsd/ocr36-st36.xsd).

The root and its attributes are written here; `bibliographic` writes the bibliographic data,
`body` the abstract, description, claims, drawings and search report, both with the pieces of
`elements`.
"""

from __future__ import annotations

import re

from lxml import etree

from ocr36.errors import InvalidOutput
from ocr36.model import Document
from ocr36.st36.bibliographic import APPLICATION_TYPE, REGIONAL_OFFICES, write_bibliographic
from ocr36.st36.body import BodyWriter
from ocr36.st36.elements import (
    BLOCK_END,
    UNKNOWN,
    Context,
    country_code,
    valid_date,
    xml_safe,
)

__all__ = [
    "APPLICATION_TYPE",
    "BLOCK_END",
    "DTD_VERSION",
    "REGIONAL_OFFICES",
    "UNKNOWN",
    "XML_DECLARATION",
    "build_tree",
    "office_root_name",
    "serialise",
    "xml_safe",
]

DTD_VERSION = "ocr36-st36-v1.0"
"""Names the schema version written into dtd-version (xsd/ocr36-st36.xsd)."""
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def build_tree(document: Document, xml_file: str) -> etree._ElementTree:
    """The ST.36 tree of `document`, to be written as `xml_file` (a bare file name)."""
    lang = document.lang.strip().lower()
    country = country_code(document.bibliographic.country) or document.office.upper()
    context = Context(lang, country)
    root = etree.Element(office_root_name(document.office))
    _root_attributes(root, document, context, xml_file)
    root.text = BLOCK_END
    write_bibliographic(root, document.bibliographic, context)
    body = BodyWriter(document, context)
    if document.abstract:
        body.abstract(root)
    body.description(root)
    body.claims(root)
    if document.figures:
        body.drawings(root)
    if document.search_report_pages:
        body.search_report(root)
    return etree.ElementTree(root)


def serialise(tree: etree._ElementTree) -> bytes:
    """The bytes of the XML file: UTF-8, XML declaration, no DOCTYPE, newline at the end."""
    body = etree.tostring(tree, xml_declaration=False, encoding="UTF-8", pretty_print=False)
    return XML_DECLARATION + body + b"\n"


def office_root_name(office: str) -> str:
    """`ep-patent-document` for office EP; InvalidOutput when the code is not two letters."""
    if not re.fullmatch(r"[A-Za-z]{2}", office):
        raise InvalidOutput(f"office code {office!r} is not a two-letter ST.3 code")
    return f"{office.lower()}-patent-document"


def _root_attributes(root: etree._Element, document: Document, context: Context,
                     xml_file: str) -> None:
    bib = document.bibliographic
    doc_number, kind = bib.doc_number.strip(), bib.kind.strip()
    identifier = context.ids.reserve(f"{context.country}{doc_number}{kind}") if doc_number else ""
    attributes = {
        "id": identifier,
        "file": xml_file,
        "lang": context.lang,
        "country": context.country,
        "doc-number": doc_number,
        "kind": kind,
        "date-publ": valid_date(bib.publication_date),
        "status": "n",
        "dtd-version": DTD_VERSION,
    }
    for name, value in attributes.items():
        if value or name in ("lang", "country"):
            root.set(name, xml_safe(value))
