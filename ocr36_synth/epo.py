"""EPO `ep-patent-document` XML to `PatentText`."""

from __future__ import annotations

from lxml import etree

from ocr36.errors import BadInput
from ocr36.model import Party, Priority, Title
from ocr36_synth.patent_text import (
    PatentText,
    abstract_of,
    all_text,
    claims_of,
    clean,
    description_of,
    first,
    ipc_symbol,
    one_line,
    ordered_titles,
    tag_of,
    unique,
)


def _epo_party(element: etree._Element) -> Party:
    name = first(element, "snm")
    suffix = first(element, "sfx")
    if suffix:
        name = f"{name} {suffix}"
    address = element.find("adr")
    lines: list[str] = []
    country = ""
    if address is not None:
        for part in address:
            tag = tag_of(part)
            if tag == "ctry":
                country = one_line(part)
            elif tag:
                lines.extend(clean(all_text(part)).split("\n"))
    return Party(name, "\n".join(line for line in lines if line), country)


def _epo_priorities(sdobi: etree._Element) -> tuple[Priority, ...]:
    result: list[Priority] = []
    for group in sdobi.iter("B300"):
        number = date = ""
        for child in group:
            tag = tag_of(child)
            if tag == "B310":
                number = one_line(child)
            elif tag == "B320":
                date = first(child, "date")
            elif tag == "B330":
                result.append(Priority(first(child, "ctry"), number, date))
    return tuple(result)


def _epo_ipc(sdobi: etree._Element) -> tuple[str, ...]:
    raw = [one_line(e) for e in sdobi.iterfind("B500/B510/B511")]
    raw += [one_line(e) for e in sdobi.iterfind("B500/B510/B512")]
    raw += [one_line(e) for e in sdobi.iterfind("B500/B510EP/classification-ipcr/text")]
    return unique([ipc_symbol(r) for r in raw])


def _epo_titles(sdobi: etree._Element, lang: str) -> tuple[Title, ...]:
    titles: list[Title] = []
    current = lang
    for child in sdobi.iterfind("B500/B540/*"):
        if tag_of(child) == "B541":
            current = one_line(child).lower()
        elif tag_of(child) == "B542":
            titles.append(Title(current, one_line(child)))
    return ordered_titles(titles, lang)


def parse_epo(root: etree._Element) -> PatentText:
    sdobi = root.find("SDOBI")
    if sdobi is None:
        raise BadInput("ep-patent-document without SDOBI bibliographic data")
    lang = (root.get("lang") or "en").lower()
    drawings = root.find("drawings")
    nums = [] if drawings is None else [f.get("num") or "" for f in drawings.iter("figure")]
    figures = unique([label.strip() for num in nums for label in num.split(",")])
    return PatentText(
        office=(first(sdobi, "B100/B190") or root.get("country") or "EP").upper(),
        doc_number=first(sdobi, "B100/B110") or root.get("doc-number") or "",
        kind=first(sdobi, "B100/B130") or root.get("kind") or "",
        lang=lang,
        publication_date=first(sdobi, "B100/B140/date") or root.get("date-publ") or "",
        application_number=first(sdobi, "B200/B210"),
        filing_date=first(sdobi, "B200/B220/date"),
        priorities=_epo_priorities(sdobi),
        ipc=_epo_ipc(sdobi),
        titles=_epo_titles(sdobi, lang),
        applicants=tuple(_epo_party(e) for e in sdobi.iterfind("B700/B710/B711")),
        inventors=tuple(_epo_party(e) for e in sdobi.iterfind("B700/B720/B721")),
        assignees=tuple(_epo_party(e) for e in sdobi.iterfind("B700/B730/B731")),
        agents=tuple(_epo_party(e) for e in sdobi.iterfind("B700/B740/B741")),
        abstract=abstract_of(root),
        description=description_of(root.find("description")),
        claims=claims_of(root, lang),
        figures=figures,
    )
