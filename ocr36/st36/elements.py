"""The pieces the ST.36 writer builds with: elements with safe text and attributes, line breaks
between blocks, unique ids, and the dates and country codes ST.36 accepts."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from lxml import etree

from ocr36.errors import InvalidOutput
from ocr36.model import Illustration, Party

UNKNOWN = "UNKNOWN"
"""Text of a required bibliographic element that the document did not yield."""
BLOCK_END = "\n"

_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 forbids, plus DEL and the C1 controls it discourages."""
_DATE = re.compile(r"^\d{8}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_NOT_NAME_CHAR = re.compile(r"[^A-Za-z0-9._-]")


def xml_safe(text: str) -> str:
    """`text` without characters XML cannot carry, in Unicode NFC."""
    return unicodedata.normalize("NFC", _XML_ILLEGAL.sub("", text))


def add_child(parent: etree._Element, tag: str, text: str = "",
              **attributes: str) -> etree._Element:
    """A child with attributes in the order given (empty values left out) and optional text."""
    child = etree.SubElement(parent, tag)
    for name, value in attributes.items():
        if value:
            child.set(name.replace("_", "-"), xml_safe(value))
    if text:
        child.text = xml_safe(text)
    return child


def append_text(parent: etree._Element, text: str) -> None:
    """Append text after the last child of a mixed-content element (or as its first text)."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def as_block(element: etree._Element) -> etree._Element:
    """End the element with a line break, so that files read well and errors have lines."""
    element.tail = BLOCK_END
    return element


def open_block(element: etree._Element) -> etree._Element:
    element.text = BLOCK_END
    return as_block(element)


def valid_date(value: str) -> str:
    value = value.strip()
    return value if _DATE.match(value) else ""


def country_code(value: str) -> str:
    value = value.strip().upper()
    return value if _COUNTRY.match(value) else ""


def named(parties: Sequence[Party]) -> list[Party]:
    return [party for party in parties if xml_safe(party.name).strip()]


def image_size(illustration: Illustration) -> tuple[int, int]:
    """Height and width in pixels; InvalidOutput when the image is not a 2-D bitmap."""
    shape = illustration.image.shape
    if len(shape) != 2 or shape[0] == 0 or shape[1] == 0:
        raise InvalidOutput(f"image {illustration.file!r} has shape {shape}, not a 2-D bitmap")
    return int(shape[0]), int(shape[1])


def image_id(file: str) -> str:
    """imgb0001.tif -> ib0001, imgf0001.tif -> if0001, imgaf001.tif -> iaf001 (as EPO)."""
    stem = PurePath(file).stem
    return "i" + (stem[3:] if stem.startswith("img") and len(stem) > 3 else stem)


class Ids:
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


@dataclass
class Context:
    """What the parts of one document's tree share as they are written: the document's
    language and office, and the ids taken so far."""

    lang: str
    country: str
    ids: Ids = field(default_factory=Ids)
