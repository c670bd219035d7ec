"""Read the text of a Chinese (CNIPA) or Japanese (JPO) publication from its full-text XML.

Three forms are read: CNIPA's `cn-patent-document` (paragraphs and claims with the printed
line breaks as <br/>), CNIPA's `business:PatentDocumentAndRelated` (namespaced, headings as
unnumbered paragraphs) and the JPO's `jp-official-gazette` (the description's parts as
elements: <technical-field>, <background-art> ..., printed as 【技術分野】 ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ocr36.errors import BadInput
from ocr36_synth.patent_text import DescriptionBlock, tag_of

JP_HEADINGS = {
    "technical-field": "技術分野",
    "background-art": "背景技術",
    "citation-list": "先行技術文献",
    "patent-literature": "特許文献",
    "non-patent-literature": "非特許文献",
    "summary-of-invention": "発明の概要",
    "tech-problem": "発明が解決しようとする課題",
    "tech-solution": "課題を解決するための手段",
    "advantageous-effects": "発明の効果",
    "description-of-drawings": "図面の簡単な説明",
    "description-of-embodiments": "発明を実施するための形態",
    "reference-signs-list": "符号の説明",
    "industrial-applicability": "産業上の利用可能性",
}
"""The JPO's headings of the parts of a description, by the element that holds each."""

_RENAMED = {"Paragraphs": "p", "Claim": "claim", "ClaimText": "claim-text",
            "Abstract": "abstract", "Description": "description", "Claims": "claims",
            "InventionTitle": "invention-title", "DocNumber": "doc-number", "Kind": "kind",
            "Date": "date", "DocumentID": "document-id"}
_DROPPED = frozenset({"img", "figure", "Figure", "Image", "tables", "table", "maths", "math",
                      "chemistry", "AbstractFigure", "invention-title", "InventionTitle"})
_CLAIM_PREFIX = re.compile(r"^\s*\d+\s*[.．、]\s*")


@dataclass(frozen=True)
class CjkPatent:
    """What a renderer prints of a Chinese or Japanese publication, as plain text."""

    office: str
    """CN or JP."""
    lang: str
    """zh or ja."""
    doc_number: str
    kind: str
    publication_date: str
    """YYYYMMDD."""
    title: str
    abstract: tuple[str, ...]
    claims: tuple[str, ...]
    """The claims' texts in order, without their printed numbers."""
    description: tuple[DescriptionBlock, ...]

    @property
    def name(self) -> str:
        return f"{self.office}{self.doc_number}{self.kind}"


def _local(root: etree._Element) -> etree._Element:
    """The tree with namespaces dropped and CNIPA's business names as ST.36 names."""
    for element in root.iter():
        if isinstance(element.tag, str):
            name = etree.QName(element).localname
            element.tag = _RENAMED.get(name, name)
    return root


def _text(element: etree._Element) -> str:
    """The element's text as one run: printed line breaks and spaces at them dropped."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if tag_of(child) and tag_of(child) not in _DROPPED:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "".join(line for line in lines if line).replace("\u3000", " ").strip()


def _first(root: etree._Element, path: str) -> str:
    found = root.find(path)
    return _text(found) if found is not None else ""


def _description(description: etree._Element | None, office: str) -> tuple[DescriptionBlock, ...]:
    if description is None:
        return ()
    blocks: list[DescriptionBlock] = []

    def walk(parent: etree._Element) -> None:
        for child in parent:
            tag = tag_of(child)
            if tag in JP_HEADINGS and office == "JP":
                blocks.append(DescriptionBlock("heading", JP_HEADINGS[tag]))
                walk(child)
            elif tag == "p":
                text = _text(child)
                digits = re.sub(r"\D", "", child.get("num") or "")
                if text and digits:
                    blocks.append(DescriptionBlock("p", text, digits.zfill(4)[-4:]))
                elif text:
                    blocks.append(DescriptionBlock("heading", text))
            elif tag and tag not in _DROPPED:
                walk(child)

    walk(description)
    return tuple(blocks)


def _claims(root: etree._Element) -> tuple[str, ...]:
    claims = root.find(".//claims")
    if claims is None:
        return ()
    return tuple(_CLAIM_PREFIX.sub("", _text(claim), count=1) for claim in claims.iter("claim"))


def parse_cjk(data: bytes) -> CjkPatent:
    """A CNIPA or JPO publication's text; BadInput for any other XML."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=True, recover=True)
    root = etree.fromstring(data, parser)
    if root is None:
        raise BadInput("not well-formed XML")
    root = _local(root)
    office = {"cn-patent-document": "CN", "PatentDocumentAndRelated": "CN",
              "jp-official-gazette": "JP"}.get(tag_of(root))
    if office is None:
        raise BadInput(f"not a CNIPA or JPO publication: <{tag_of(root)}>")
    publication = next((found for path in ("publication-reference", "cn-publication-reference",
                                           "PublicationReference")
                        if (found := root.find(f".//{path}/document-id")) is not None), None)
    number = _first(publication, "doc-number") if publication is not None else ""
    kind = _first(publication, "kind") if publication is not None else ""
    abstract = root.find(".//abstract")
    return CjkPatent(
        office=office, lang="zh" if office == "CN" else "ja", doc_number=number,
        kind=kind if len(kind) <= 2 else "A",
        publication_date=_first(publication, "date") if publication is not None else "",
        title=_first(root, ".//invention-title"),
        abstract=tuple(t for p in abstract.iter("p") if (t := _text(p)))
        if abstract is not None else (),
        claims=_claims(root),
        description=_description(root.find(".//description"), office))


def load_cjk(path: Path) -> CjkPatent:
    try:
        return parse_cjk(path.read_bytes())
    except OSError as error:
        raise BadInput(f"cannot read {path}: {error.strerror}") from error
