"""The ST.36 `bibliographic-data` of a document: publication and application references, IPC,
priorities, parties and titles."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from ocr36.model import Bibliographic, Party
from ocr36.st36.elements import (
    UNKNOWN,
    Context,
    add_child,
    as_block,
    country_code,
    named,
    open_block,
    valid_date,
    xml_safe,
)

REGIONAL_OFFICES = frozenset({"EP", "WO", "EA", "AP", "OA", "GC"})
UNKNOWN_COUNTRY = "XX"
"""ST.3's code for a state not known: a front page prints an applicant's residence (the
"(US)" after the address) but not the nationality ST.36 requires."""
APPLICATION_TYPE = "patent"
_LANG = re.compile(r"^[a-z]{2,3}$")


def write_bibliographic(root: etree._Element, bib: Bibliographic, context: Context) -> None:
    data = open_block(etree.SubElement(root, "bibliographic-data"))
    publication = as_block(add_child(data, "publication-reference"))
    _document_id(publication, context.country, bib.doc_number, bib.kind, bib.publication_date)
    if any(code.strip() for code in bib.ipc):
        _classifications(data, bib.ipc)
    application = as_block(add_child(data, "application-reference", appl_type=APPLICATION_TYPE))
    _document_id(application, context.country, bib.application_number, "", bib.filing_date)
    if _LANG.match(context.lang):
        as_block(add_child(data, "language-of-publication", context.lang))
    _priorities(data, bib)
    _parties(data, bib, context.lang)
    _titles(data, bib, context.lang)
    if any(party.name.strip() for party in bib.assignees):
        assignees = as_block(etree.SubElement(data, "assignees"))
        for party in named(bib.assignees):
            _addressbook(etree.SubElement(assignees, "assignee"), party, context.lang)


def _document_id(reference: etree._Element, country: str, number: str, kind: str,
                 date: str) -> None:
    """The `document-id` of a publication or application reference."""
    document_id = etree.SubElement(reference, "document-id")
    add_child(document_id, "country", country)
    add_child(document_id, "doc-number", xml_safe(number).strip() or UNKNOWN)
    if kind.strip():
        add_child(document_id, "kind", kind.strip())
    if valid_date(date):
        add_child(document_id, "date", valid_date(date))


def _classifications(data: etree._Element, codes: Sequence[str]) -> None:
    block = as_block(etree.SubElement(data, "classifications-ipcr"))
    texts = [xml_safe(code).strip() for code in codes]
    for sequence, text in enumerate((t for t in texts if t), start=1):
        classification = add_child(block, "classification-ipcr", sequence=str(sequence))
        add_child(classification, "text", text)


def _priorities(data: etree._Element, bib: Bibliographic) -> None:
    usable = [p for p in bib.priorities if country_code(p.country) and valid_date(p.date)]
    if not usable:
        return
    block = as_block(etree.SubElement(data, "priority-claims"))
    for sequence, priority in enumerate(usable, start=1):
        country = country_code(priority.country)
        kind = "regional" if country in REGIONAL_OFFICES else "national"
        claim = add_child(block, "priority-claim", sequence=str(sequence), kind=kind)
        add_child(claim, "country", country)
        if xml_safe(priority.doc_number).strip():
            add_child(claim, "doc-number", priority.doc_number.strip())
        add_child(claim, "date", valid_date(priority.date))


def _parties(data: etree._Element, bib: Bibliographic, lang: str) -> None:
    parties = open_block(etree.SubElement(data, "parties"))
    applicants = as_block(etree.SubElement(parties, "applicants"))
    for sequence, party in enumerate(named(bib.applicants) or [Party(UNKNOWN)], start=1):
        applicant = add_child(
            applicants,
            "applicant",
            sequence=str(sequence),
            app_type="applicant",
            designation="all",
        )
        _addressbook(applicant, party, lang)
        residence = country_code(party.country) or UNKNOWN_COUNTRY
        add_child(etree.SubElement(applicant, "nationality"), "country", UNKNOWN_COUNTRY)
        add_child(etree.SubElement(applicant, "residence"), "country", residence)
    if named(bib.inventors):
        inventors = as_block(etree.SubElement(parties, "inventors"))
        for sequence, party in enumerate(named(bib.inventors), start=1):
            _addressbook(add_child(inventors, "inventor", sequence=str(sequence)), party, lang)
    if named(bib.agents):
        agents = as_block(etree.SubElement(parties, "agents"))
        for sequence, party in enumerate(named(bib.agents), start=1):
            agent = add_child(agents, "agent", sequence=str(sequence), rep_type="agent")
            _addressbook(agent, party, lang)


def _addressbook(holder: etree._Element, party: Party, lang: str) -> None:
    book = add_child(holder, "addressbook", lang=lang)
    add_child(book, "name", party.name.strip())
    address, country = xml_safe(party.address).strip(), country_code(party.country)
    if country:
        block = etree.SubElement(book, "address")
        if address:
            add_child(block, "address-1", address)
        add_child(block, "country", country)
    elif address:
        add_child(etree.SubElement(book, "address"), "text", address)
    else:  # ST.36 has no addressbook without an address: the country is not known
        add_child(etree.SubElement(book, "address"), "country", UNKNOWN_COUNTRY)


def _titles(data: etree._Element, bib: Bibliographic, lang: str) -> None:
    titles = [
        (title.lang.strip().lower() or lang, xml_safe(title.text).strip()) for title in bib.titles
    ]
    titles = [(code, text) for code, text in titles if text] or [(lang, UNKNOWN)]
    for code, text in titles:
        as_block(add_child(data, "invention-title", text, lang=code))
