"""USPTO `us-patent-grant` and `us-patent-application` XML to `PatentText`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from ocr36.errors import BadInput
from ocr36.model import Party, Priority, Title
from ocr36_synth.patent_text import (
    PatentText,
    abstract_of,
    claims_of,
    description_of,
    first,
    flat_text,
    ipc_symbol,
    one_line,
    parent_tag,
    tag_of,
    unique,
)

_FIGURE_LABEL = re.compile(r"^FIG(?:URE|S)?\.?\s*(\d+[A-Za-z]?)\b", re.IGNORECASE)


def _us_party(element: etree._Element) -> Party:
    book = element.find("addressbook")
    if book is None:
        return Party("")
    organisation = first(book, "orgname") or first(book, "name")
    given = " ".join(p for p in (first(book, "first-name"), first(book, "middle-name")) if p)
    last = first(book, "last-name")
    person = ", ".join(p for p in (last, given) if p)
    name = person or organisation
    address = book.find("address")
    lines: list[str] = []
    country = ""
    if address is not None:
        country = first(address, "country")
        for tag in ("address-1", "address-2", "address-3", "street"):
            lines.append(first(address, tag))
        place = " ".join(p for p in (first(address, "state"), first(address, "postcode")) if p)
        city = first(address, "city")
        lines.append(", ".join(p for p in (city, place) if p))
    if country.lower() == "unknown":
        country = ""
    return Party(name, "\n".join(line for line in lines if line), country)


def _us_ipc(bib: etree._Element) -> tuple[str, ...]:
    raw: list[str] = []
    for ipcr in bib.iterfind("classifications-ipcr/classification-ipcr"):
        parts = [first(ipcr, t) for t in ("section", "class", "subclass")]
        raw.append(f"{''.join(parts)} {first(ipcr, 'main-group')}/{first(ipcr, 'subgroup')}")
    for tag in ("main-classification", "further-classification"):
        raw += [one_line(e) for e in bib.iterfind(f"classification-ipc/{tag}")]
    return unique([ipc_symbol(r) for r in raw])


def _us_parties(bib: etree._Element) -> tuple[tuple[Party, ...], ...]:
    parties = bib.find("us-parties")
    if parties is None:
        parties = bib.find("parties")
    if parties is None:
        return (), (), ()
    applicants = [
        e for e in parties.iter("applicant", "us-applicant") if parent_tag(e) != "inventors"
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
            elif tag_of(node) == "description-of-drawings":
                labels += _figure_labels(node.iter("p"))
            elif inside and tag_of(node) == "p":
                labels += _figure_labels([node])
    if labels:
        return unique(labels)
    count = first(bib, "figures/number-of-figures")
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


def parse_uspto(root: etree._Element) -> PatentText:
    bib = root.find("us-bibliographic-data-grant")
    if bib is None:
        bib = root.find("us-bibliographic-data-application")
    if bib is None:
        raise BadInput(f"{tag_of(root)} without us-bibliographic-data-grant/application")
    lang = (root.get("lang") or "en").lower()
    applicants, inventors, agents = _us_parties(bib)
    titles = [Title(lang, one_line(t)) for t in bib.iterfind("invention-title")]
    priorities = tuple(
        Priority(first(p, "country"), first(p, "doc-number"), first(p, "date"))
        for p in bib.iterfind("priority-claims/priority-claim")
    )
    return PatentText(
        office=(first(bib, "publication-reference/document-id/country") or "US").upper(),
        doc_number=first(bib, "publication-reference/document-id/doc-number"),
        kind=first(bib, "publication-reference/document-id/kind"),
        lang=lang,
        publication_date=first(bib, "publication-reference/document-id/date"),
        application_number=first(bib, "application-reference/document-id/doc-number"),
        filing_date=first(bib, "application-reference/document-id/date"),
        priorities=priorities,
        ipc=_us_ipc(bib),
        titles=tuple(titles),
        applicants=applicants,
        inventors=inventors,
        assignees=tuple(_us_party(e) for e in bib.iterfind("assignees/assignee")),
        agents=agents,
        abstract=abstract_of(root),
        description=description_of(root.find("description")),
        claims=claims_of(root, lang),
        figures=_us_figures(root, bib),
    )
