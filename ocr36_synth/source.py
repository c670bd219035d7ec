"""Read the text of a patent from EPO or USPTO full-text XML into a `PatentText`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from lxml import etree

from ocr36.errors import BadInput
from ocr36.model import Party, Priority, Title

__all__ = [
    "ClaimSetText",
    "ClaimText",
    "DescriptionBlock",
    "PatentText",
    "load_patent",
    "parse_patent",
]

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
_FIGURE_LABEL = re.compile(r"^FIG(?:URE|S)?\.?\s*(\d+[A-Za-z]?)\b", re.IGNORECASE)
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


def _tag(element: etree._Element) -> str:
    tag = element.tag
    return tag if isinstance(tag, str) else ""


def _collect(element: etree._Element, out: list[str]) -> None:
    if element.text:
        out.append(element.text)
    for child in element:
        tag = _tag(child)
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


def _clean(raw: str) -> str:
    lines = (" ".join(line.split()) for line in raw.split("\n"))
    return "\n".join(line for line in lines if line)


def flat_text(element: etree._Element) -> str:
    """The element's text with inline markup dropped; lists and claim steps on their own lines."""
    out: list[str] = []
    _collect(element, out)
    return _clean("".join(out))


def _parent_tag(element: etree._Element) -> str:
    parent = element.getparent()
    return "" if parent is None else _tag(parent)


def _all_text(element: etree._Element) -> str:
    return "".join(str(text) for text in element.itertext())


def _one_line(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return " ".join(_all_text(element).split())


def _first(element: etree._Element, path: str) -> str:
    return _one_line(element.find(path))


# --- shared parts -------------------------------------------------------------------------


def _description(description: etree._Element | None) -> tuple[DescriptionBlock, ...]:
    if description is None:
        return ()
    blocks: list[DescriptionBlock] = []
    for element in _block_elements(description):
        text = flat_text(element)
        if _tag(element) == "heading":
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
        tag = _tag(child)
        if tag in ("heading", "p"):
            yield child
        elif tag and tag not in _DROPPED:
            yield from _block_elements(child)


def _claims(root: etree._Element, default_lang: str) -> tuple[ClaimSetText, ...]:
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


def _abstract(root: etree._Element) -> tuple[str, ...]:
    abstract = root.find("abstract")
    if abstract is None:
        return ()
    paragraphs = [flat_text(p) for p in abstract.iter("p")]
    return tuple(p for p in paragraphs if p)


def _ipc_symbol(raw: str) -> str:
    match = _IPC.search(raw)
    if not match:
        return ""
    section, klass, subclass, group, subgroup = match.groups()
    return f"{section}{klass}{subclass} {group}/{subgroup}"


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def _ordered_titles(titles: list[Title], lang: str) -> tuple[Title, ...]:
    first = [t for t in titles if t.lang == lang]
    return tuple(first + [t for t in titles if t.lang != lang])


# --- EPO ep-patent-document ---------------------------------------------------------------


def _epo_party(element: etree._Element) -> Party:
    name = _first(element, "snm")
    suffix = _first(element, "sfx")
    if suffix:
        name = f"{name} {suffix}"
    address = element.find("adr")
    lines: list[str] = []
    country = ""
    if address is not None:
        for part in address:
            tag = _tag(part)
            if tag == "ctry":
                country = _one_line(part)
            elif tag:
                lines.extend(_clean(_all_text(part)).split("\n"))
    return Party(name, "\n".join(line for line in lines if line), country)


def _epo_priorities(sdobi: etree._Element) -> tuple[Priority, ...]:
    result: list[Priority] = []
    for group in sdobi.iter("B300"):
        number = date = ""
        for child in group:
            tag = _tag(child)
            if tag == "B310":
                number = _one_line(child)
            elif tag == "B320":
                date = _first(child, "date")
            elif tag == "B330":
                result.append(Priority(_first(child, "ctry"), number, date))
    return tuple(result)


def _epo_ipc(sdobi: etree._Element) -> tuple[str, ...]:
    raw = [_one_line(e) for e in sdobi.iterfind("B500/B510/B511")]
    raw += [_one_line(e) for e in sdobi.iterfind("B500/B510/B512")]
    raw += [_one_line(e) for e in sdobi.iterfind("B500/B510EP/classification-ipcr/text")]
    return _unique([_ipc_symbol(r) for r in raw])


def _epo_titles(sdobi: etree._Element, lang: str) -> tuple[Title, ...]:
    titles: list[Title] = []
    current = lang
    for child in sdobi.iterfind("B500/B540/*"):
        if _tag(child) == "B541":
            current = _one_line(child).lower()
        elif _tag(child) == "B542":
            titles.append(Title(current, _one_line(child)))
    return _ordered_titles(titles, lang)


def _parse_epo(root: etree._Element) -> PatentText:
    sdobi = root.find("SDOBI")
    if sdobi is None:
        raise BadInput("ep-patent-document without SDOBI bibliographic data")
    lang = (root.get("lang") or "en").lower()
    drawings = root.find("drawings")
    nums = [] if drawings is None else [f.get("num") or "" for f in drawings.iter("figure")]
    figures = _unique([label.strip() for num in nums for label in num.split(",")])
    return PatentText(
        office=(_first(sdobi, "B100/B190") or root.get("country") or "EP").upper(),
        doc_number=_first(sdobi, "B100/B110") or root.get("doc-number") or "",
        kind=_first(sdobi, "B100/B130") or root.get("kind") or "",
        lang=lang,
        publication_date=_first(sdobi, "B100/B140/date") or root.get("date-publ") or "",
        application_number=_first(sdobi, "B200/B210"),
        filing_date=_first(sdobi, "B200/B220/date"),
        priorities=_epo_priorities(sdobi),
        ipc=_epo_ipc(sdobi),
        titles=_epo_titles(sdobi, lang),
        applicants=tuple(_epo_party(e) for e in sdobi.iterfind("B700/B710/B711")),
        inventors=tuple(_epo_party(e) for e in sdobi.iterfind("B700/B720/B721")),
        assignees=tuple(_epo_party(e) for e in sdobi.iterfind("B700/B730/B731")),
        agents=tuple(_epo_party(e) for e in sdobi.iterfind("B700/B740/B741")),
        abstract=_abstract(root),
        description=_description(root.find("description")),
        claims=_claims(root, lang),
        figures=figures,
    )


# --- USPTO us-patent-grant / us-patent-application ----------------------------------------


def _us_party(element: etree._Element) -> Party:
    book = element.find("addressbook")
    if book is None:
        return Party("")
    organisation = _first(book, "orgname") or _first(book, "name")
    given = " ".join(p for p in (_first(book, "first-name"), _first(book, "middle-name")) if p)
    last = _first(book, "last-name")
    person = ", ".join(p for p in (last, given) if p)
    name = person or organisation
    address = book.find("address")
    lines: list[str] = []
    country = ""
    if address is not None:
        country = _first(address, "country")
        for tag in ("address-1", "address-2", "address-3", "street"):
            lines.append(_first(address, tag))
        place = " ".join(p for p in (_first(address, "state"), _first(address, "postcode")) if p)
        city = _first(address, "city")
        lines.append(", ".join(p for p in (city, place) if p))
    if country.lower() == "unknown":
        country = ""
    return Party(name, "\n".join(line for line in lines if line), country)


def _us_ipc(bib: etree._Element) -> tuple[str, ...]:
    raw: list[str] = []
    for ipcr in bib.iterfind("classifications-ipcr/classification-ipcr"):
        parts = [_first(ipcr, t) for t in ("section", "class", "subclass")]
        raw.append(f"{''.join(parts)} {_first(ipcr, 'main-group')}/{_first(ipcr, 'subgroup')}")
    for tag in ("main-classification", "further-classification"):
        raw += [_one_line(e) for e in bib.iterfind(f"classification-ipc/{tag}")]
    return _unique([_ipc_symbol(r) for r in raw])


def _us_parties(bib: etree._Element) -> tuple[tuple[Party, ...], ...]:
    parties = bib.find("us-parties")
    if parties is None:
        parties = bib.find("parties")
    if parties is None:
        return (), (), ()
    applicants = [
        e for e in parties.iter("applicant", "us-applicant") if _parent_tag(e) != "inventors"
    ]
    inventors = list(parties.iterfind("inventors/inventor"))
    if not inventors:
        inventors = [e for e in applicants if "inventor" in (e.get("app-type") or "")]
    agents = list(parties.iterfind("agents/agent"))
    if not agents:
        agents = list(parties.iterfind("correspondence-address"))
    return (
        tuple(_us_party(e) for e in applicants),
        tuple(_us_party(e) for e in inventors),
        tuple(_us_party(e) for e in agents),
    )


def _us_figures(root: etree._Element, bib: etree._Element) -> tuple[str, ...]:
    description = root.find("description")
    labels: list[str] = []
    if description is not None:
        inside = False
        for node in description.iter():
            if isinstance(node, etree._ProcessingInstruction):
                if node.target == "brief-description-of-drawings":
                    inside = 'end="lead"' in (node.text or "")
            elif _tag(node) == "description-of-drawings":
                labels += _figure_labels(node.iter("p"))
            elif inside and _tag(node) == "p":
                labels += _figure_labels([node])
    if labels:
        return _unique(labels)
    count = _first(bib, "figures/number-of-figures")
    if count.isdigit():
        return tuple(str(n) for n in range(1, int(count) + 1))
    sheets = [f for f in root.iterfind("drawings/figure") if int(f.get("num") or 0) > 0]
    return tuple(str(n) for n in range(1, len(sheets) + 1))


def _figure_labels(paragraphs: Iterator[etree._Element] | list[etree._Element]) -> list[str]:
    labels: list[str] = []
    for paragraph in paragraphs:
        match = _FIGURE_LABEL.match(flat_text(paragraph))
        if match:
            labels.append(match.group(1))
    return labels


def _parse_uspto(root: etree._Element) -> PatentText:
    bib = root.find("us-bibliographic-data-grant")
    if bib is None:
        bib = root.find("us-bibliographic-data-application")
    if bib is None:
        raise BadInput(f"{_tag(root)} without us-bibliographic-data-grant/application")
    lang = (root.get("lang") or "en").lower()
    applicants, inventors, agents = _us_parties(bib)
    titles = [Title(lang, _one_line(t)) for t in bib.iterfind("invention-title")]
    priorities = tuple(
        Priority(_first(p, "country"), _first(p, "doc-number"), _first(p, "date"))
        for p in bib.iterfind("priority-claims/priority-claim")
    )
    return PatentText(
        office=(_first(bib, "publication-reference/document-id/country") or "US").upper(),
        doc_number=_first(bib, "publication-reference/document-id/doc-number"),
        kind=_first(bib, "publication-reference/document-id/kind"),
        lang=lang,
        publication_date=_first(bib, "publication-reference/document-id/date"),
        application_number=_first(bib, "application-reference/document-id/doc-number"),
        filing_date=_first(bib, "application-reference/document-id/date"),
        priorities=priorities,
        ipc=_us_ipc(bib),
        titles=tuple(titles),
        applicants=applicants,
        inventors=inventors,
        assignees=tuple(_us_party(e) for e in bib.iterfind("assignees/assignee")),
        agents=agents,
        abstract=_abstract(root),
        description=_description(root.find("description")),
        claims=_claims(root, lang),
        figures=_us_figures(root, bib),
    )


# --- entry points -------------------------------------------------------------------------


def _parser(*, recover: bool) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True, recover=recover
    )


def parse_patent(data: bytes) -> PatentText:
    """Parse EPO `ep-patent-document` or USPTO `us-patent-grant`/`us-patent-application` XML."""
    try:
        root = etree.fromstring(data, _parser(recover=False))
    except etree.XMLSyntaxError as error:
        # Some publication-server files carry a bare "&"; read them leniently.
        root = etree.fromstring(data, _parser(recover=True))
        if root is None:
            raise BadInput(f"not well-formed XML: {error}") from error
    tag = _tag(root)
    if tag == "ep-patent-document":
        return _parse_epo(root)
    if tag in ("us-patent-grant", "us-patent-application"):
        return _parse_uspto(root)
    raise BadInput(f"unsupported patent XML root element <{tag}>")


def load_patent(path: Path) -> PatentText:
    """Read and parse a patent XML file."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BadInput(f"cannot read {path}: {error.strerror}") from error
    return parse_patent(data)
