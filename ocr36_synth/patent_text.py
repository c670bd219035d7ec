"""The plain text of a patent publication (`PatentText`) and the reading of patent XML elements
into plain text that the EPO and USPTO formats share."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from lxml import etree

from ocr36.model import Party, Priority, Title

_DROPPED = frozenset(
    {
        "tables",
        "table",
        "maths",
        "math",
        "chemistry",
        "us-math",
        "us-chemistry",
        "img",
        "chem",
        "figure",
        "sequence-list-text",
        "doc-page",
    }
)
"""Elements whose content is not running text (it would be printed as an image)."""

_LINE_ELEMENTS = frozenset({"li", "dt", "ul", "ol", "dl", "claim-text", "br"})
"""Elements that start a new printed line."""

_IPC = re.compile(r"([A-H])\s*(\d{2})\s*([A-Z])\s*0*(\d+)\s*/\s*(\d+)")
_CLAIM_NUMBER_PREFIX = re.compile(r"^(\d+)\s*\.\s*")


@dataclass(frozen=True)
class DescriptionBlock:
    """A heading or a numbered paragraph of the description, as plain text."""

    kind: Literal["heading", "p"]
    text: str
    num: str = ""
    """Paragraph number without brackets ("0001"); empty for headings."""


@dataclass(frozen=True)
class ClaimText:
    num: int
    text: str
    """Plain text; the steps of nested claim-text each start a new line."""


@dataclass(frozen=True)
class ClaimSetText:
    lang: str
    claims: tuple[ClaimText, ...]


@dataclass(frozen=True)
class PatentText:
    """Everything of a patent publication that a renderer prints, as plain text."""

    office: str
    """ST.3 code of the publishing office (EP, US)."""
    doc_number: str
    kind: str
    lang: str
    publication_date: str
    """YYYYMMDD, as all dates here."""
    application_number: str = ""
    filing_date: str = ""
    priorities: tuple[Priority, ...] = ()
    ipc: tuple[str, ...] = ()
    """IPC symbols in the printed form "A61B 5/00"."""
    titles: tuple[Title, ...] = ()
    """The publication language's title first."""
    applicants: tuple[Party, ...] = ()
    inventors: tuple[Party, ...] = ()
    assignees: tuple[Party, ...] = ()
    """Proprietors (EPO B731) or assignees (USPTO)."""
    agents: tuple[Party, ...] = ()
    abstract: tuple[str, ...] = ()
    description: tuple[DescriptionBlock, ...] = ()
    claims: tuple[ClaimSetText, ...] = ()
    figures: tuple[str, ...] = ()
    """Figure labels in order ("1", "2a", ...); empty when the document has no drawings."""

    @property
    def name(self) -> str:
        """File-name stem: office, number and kind ("US20050004437A1")."""
        return f"{self.office}{self.doc_number}{self.kind}"

    @property
    def figure_count(self) -> int:
        return len(self.figures)

    @property
    def paragraphs(self) -> tuple[DescriptionBlock, ...]:
        return tuple(block for block in self.description if block.kind == "p")


# --- text flattening ----------------------------------------------------------------------


def tag_of(element: etree._Element) -> str:
    tag = element.tag
    return tag if isinstance(tag, str) else ""


def _collect(element: etree._Element, out: list[str]) -> None:
    if element.text:
        out.append(element.text)
    for child in element:
        tag = tag_of(child)
        if tag and tag not in _DROPPED:
            if tag in _LINE_ELEMENTS:
                out.append("\n")
                _collect(child, out)
                out.append("\n")
            elif tag == "dd":
                out.append(" ")
                _collect(child, out)
            else:
                _collect(child, out)
        if child.tail:
            out.append(child.tail)


def clean(raw: str) -> str:
    lines = (" ".join(line.split()) for line in raw.split("\n"))
    return "\n".join(line for line in lines if line)


def flat_text(element: etree._Element) -> str:
    """The element's text with inline markup dropped; lists and claim steps on their own lines."""
    out: list[str] = []
    _collect(element, out)
    return clean("".join(out))


def parent_tag(element: etree._Element) -> str:
    parent = element.getparent()
    return "" if parent is None else tag_of(parent)


def all_text(element: etree._Element) -> str:
    return "".join(str(text) for text in element.itertext())


def one_line(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return " ".join(all_text(element).split())


def first(element: etree._Element, path: str) -> str:
    return one_line(element.find(path))


# --- shared parts -------------------------------------------------------------------------


def description_of(description: etree._Element | None) -> tuple[DescriptionBlock, ...]:
    if description is None:
        return ()
    blocks: list[DescriptionBlock] = []
    for element in _block_elements(description):
        text = flat_text(element)
        if tag_of(element) == "heading":
            if text:
                blocks.append(DescriptionBlock("heading", text.replace("\n", " ")))
            continue
        num = (element.get("num") or "").strip()
        if not num.isdigit():
            num = f"{sum(1 for b in blocks if b.kind == 'p') + 1:04d}"
        blocks.append(DescriptionBlock("p", text, num.zfill(4)))
    return tuple(blocks)


def _block_elements(parent: etree._Element) -> Iterator[etree._Element]:
    for child in parent:
        tag = tag_of(child)
        if tag in ("heading", "p"):
            yield child
        elif tag and tag not in _DROPPED:
            yield from _block_elements(child)


def claims_of(root: etree._Element, default_lang: str) -> tuple[ClaimSetText, ...]:
    sets: list[ClaimSetText] = []
    for claims in root.iter("claims"):
        lang = (claims.get("lang") or default_lang).lower()
        items: list[ClaimText] = []
        for index, claim in enumerate(claims.iter("claim"), start=1):
            num = int(claim.get("num") or index)
            text = flat_text(claim)
            prefix = _CLAIM_NUMBER_PREFIX.match(text)
            if prefix and int(prefix.group(1)) == num:
                text = text[prefix.end() :]
            items.append(ClaimText(num, text))
        sets.append(ClaimSetText(lang, tuple(items)))
    return tuple(sets)


def abstract_of(root: etree._Element) -> tuple[str, ...]:
    abstract = root.find("abstract")
    if abstract is None:
        return ()
    paragraphs = [flat_text(p) for p in abstract.iter("p")]
    return tuple(p for p in paragraphs if p)


def ipc_symbol(raw: str) -> str:
    match = _IPC.search(raw)
    if not match:
        return ""
    section, klass, subclass, group, subgroup = match.groups()
    return f"{section}{klass}{subclass} {group}/{subgroup}"


def unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def ordered_titles(titles: list[Title], lang: str) -> tuple[Title, ...]:
    first = [t for t in titles if t.lang == lang]
    return tuple(first + [t for t in titles if t.lang != lang])
