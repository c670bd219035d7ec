"""Read the text of a patent from EPO or USPTO full-text XML into a `PatentText`."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ocr36.errors import BadInput
from ocr36_synth.epo import parse_epo
from ocr36_synth.patent_text import (
    ClaimSetText,
    ClaimText,
    DescriptionBlock,
    PatentText,
    flat_text,
    tag_of,
)
from ocr36_synth.uspto import parse_uspto

__all__ = [
    "ClaimSetText",
    "ClaimText",
    "DescriptionBlock",
    "PatentText",
    "flat_text",
    "load_patent",
    "parse_patent",
]


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
    tag = tag_of(root)
    if tag == "ep-patent-document":
        return parse_epo(root)
    if tag in ("us-patent-grant", "us-patent-application"):
        return parse_uspto(root)
    raise BadInput(f"unsupported patent XML root element <{tag}>")


def load_patent(path: Path) -> PatentText:
    """Read and parse a patent XML file."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BadInput(f"cannot read {path}: {error.strerror}") from error
    return parse_patent(data)
