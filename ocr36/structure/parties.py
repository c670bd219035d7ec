"""Parties printed on a front page (applicants, inventors, agents): names each followed by
an address, a bullet or a country code in brackets closing one."""

from __future__ import annotations

import re

from ocr36.model import Party
from ocr36.structure.text import normalise

_BULLET = re.compile(r"^\s*[•●*¢·«»\-–=+®©]\s*")
_COUNTRY_AT_END = re.compile(r"\(([A-Z]{2})\)\s*$")
_CARE_OF = re.compile(r"\bc\s?[l1|If]\s?o\b")
"""'c/o' with its slash read as a thin letter ('clo', 'cfo')."""
_NAME_GOES_ON = re.compile(r"(?:[&,+-]|\b(?:and|und|et|c/o)|\b[A-Z][A-Z.]+)\s*$")
"""A name line ends with a joiner ('Stockmair &') or in capitals ('c/o KABUSHIKI KAISHA'):
the name may go on on the next line ..."""
_NAME_LINE = re.compile(r"^[^\d()]+$")
"""... when that line holds no digit (an address's number or postcode) and no country in
brackets."""


def after_label(lines: list[str]) -> list[str]:
    """Drop a printed label ('Proprietors:', 'Representative:') before the value."""
    if lines and ":" in lines[0]:
        rest = lines[0].split(":", 1)[1].strip()
        return [rest, *lines[1:]] if rest else list(lines[1:])
    return list(lines)


def parse_parties(lines: list[str]) -> tuple[Party, ...]:
    """Names each followed by an address; a bullet or '(XX)' at a line end closes a party."""
    values = after_label(lines)
    bulleted = sum(1 for line in values if _BULLET.match(line)) >= 1
    entries: list[list[str]] = []
    for line in values:
        starts_new = bool(_BULLET.match(line)) if bulleted else (
            not entries or bool(_COUNTRY_AT_END.search(entries[-1][-1])))
        cleaned = _BULLET.sub("", line).strip() if bulleted else line.strip()
        if not cleaned:
            continue
        if starts_new or not entries:
            entries.append([cleaned])
        else:
            entries[-1].append(cleaned)
    return tuple(_party(entry) for entry in entries)


def _goes_on(name: str, line: str) -> bool:
    """`line` is more of the name `name` (the name printed over two lines)."""
    if not _NAME_LINE.match(line) or not _NAME_GOES_ON.search(name):
        return False
    return not name.rstrip()[-1:].isupper() or line.upper() == line


def _party(entry: list[str]) -> Party:
    entry = [_CARE_OF.sub("c/o", line) for line in entry]
    name_lines = [entry[0]]
    rest = entry[1:]
    while rest[1:] and _goes_on(" ".join(name_lines), rest[0]):
        name_lines.append(rest.pop(0))
    while rest and re.fullmatch(r"(?i)et\s*al\.?", rest[0].strip()):
        rest = rest[1:]  # "et al" (and others) is not part of the name
    address = ", ".join(rest)
    country = ""
    found = _COUNTRY_AT_END.search(address) or _COUNTRY_AT_END.search(entry[0])
    if found:
        country = found.group(1)
        address = _COUNTRY_AT_END.sub("", address).strip().rstrip(",")
    name = re.sub(r"(?i)\s+et\s*al\.?$", "", " ".join(name_lines))
    return Party(name=normalise(name), address=normalise(address),
                 country=country)
