"""Validation of ST.36 trees against xsd/ocr36-st36.xsd, with the office-named root handled,
and against an office's own DTD where a profile names one (`[output] dtd`)."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, cast

from lxml import etree

from ocr36.errors import FileAccess, InvalidOutput, ProfileError
from ocr36.paths import xsd_path

ROOT_PATTERN = re.compile(r"^[a-z]{2}-patent-document$")
GENERIC_ROOT = "xx-patent-document"
"""The one root name the schema declares (WIPO's model name); see the XSD's top comment."""
ERRORS_IN_MESSAGE = 5
IDREF_ATTRIBUTE = "idref"
"""The one IDREF(S) attribute name of the schema (claim-ref, figref)."""


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True)


@cache
def load_schema() -> etree.XMLSchema:
    """The ocr36 ST.36 schema, read once per process."""
    path = xsd_path()
    try:
        document = etree.parse(str(path), _safe_parser())
    except OSError as error:
        raise FileAccess(f"cannot read the XML schema {path}: {error}") from error
    return etree.XMLSchema(document)


@cache
def load_dtd(path: Path) -> etree.DTD:
    """An office's DTD (EPO's ep-patent-document-v1-5.dtd ...), read once per process; the
    files it refers to are never fetched from the network. ProfileError when it cannot be
    read as a DTD (a profile names it)."""
    try:
        return etree.DTD(str(path))
    except (etree.DTDParseError, OSError) as error:
        raise ProfileError(f"{path}: cannot be read as a DTD: {error}") from error


def dtd_errors(tree: etree._ElementTree, dtd: Path) -> list[str]:
    """Every problem of `tree` against the office DTD `dtd` as "line N: message"."""
    subject = _with_line_numbers(tree)
    checker = load_dtd(dtd)
    if checker.validate(subject):
        return []
    return log_messages(checker.error_log) or ["line 0: not valid against the DTD"]


def schema_errors(tree: etree._ElementTree) -> list[str]:
    """Every schema problem of `tree` as "line N: message"; empty when the tree is valid."""
    root = tree.getroot()
    problems: list[str] = []
    if not ROOT_PATTERN.match(str(root.tag)):
        problems.append(
            f"line {line_of(root)}: root element <{root.tag}> does not match "
            "^[a-z]{2}-patent-document$"
        )
    subject = _with_generic_root(_with_line_numbers(tree))
    schema = load_schema()
    if not schema.validate(subject):
        problems.extend(log_messages(schema.error_log))
    problems.extend(unresolved_idrefs(subject))
    return problems


def unresolved_idrefs(tree: etree._ElementTree) -> list[str]:
    """IDREF(S) tokens with no matching id (XSD's ID/IDREF table rule, which libxml2 skips)."""
    ids = {str(el.get("id")) for el in tree.iter() if el.get("id") is not None}
    problems = []
    for element in tree.iter():
        for token in (element.get(IDREF_ATTRIBUTE) or "").split():
            if token not in ids:
                problems.append(
                    f"line {line_of(element)}: <{element.tag}> idref {token!r} "
                    "points to no element id"
                )
    return problems


def line_of(element: etree._Element) -> int:
    """The element's line in the file it was read from (0 for a tree built in memory)."""
    line: object = element.sourceline
    return line if isinstance(line, int) else 0


def log_messages(log: etree._ErrorLog) -> list[str]:
    """Entries of an lxml error log as "line N: message" (the stubs do not type the entries)."""
    entries = cast(Iterable[Any], log)
    return [f"line {entry.line}: {str(entry.message).strip()}" for entry in entries]


def validate_tree(tree: etree._ElementTree, dtd: Path | None = None) -> None:
    """Raise InvalidOutput listing the first errors when `tree` is not valid against the
    schema, or against the office DTD `dtd` when one is given."""
    _raise_if(schema_errors(tree), xsd_path().name)
    if dtd is not None:
        _raise_if(dtd_errors(tree, dtd), dtd.name)


def _raise_if(problems: list[str], against: str) -> None:
    if problems:
        shown = "; ".join(problems[:ERRORS_IN_MESSAGE])
        more = len(problems) - ERRORS_IN_MESSAGE
        suffix = f" (and {more} more)" if more > 0 else ""
        raise InvalidOutput(f"the ST.36 XML does not conform to {against}: {shown}{suffix}")


def _with_line_numbers(tree: etree._ElementTree) -> etree._ElementTree:
    """A tree built in memory has no line numbers: parse its serialisation to get them."""
    if line_of(tree.getroot()):
        return tree
    data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    return etree.ElementTree(etree.fromstring(data, _safe_parser()))


def _with_generic_root(tree: etree._ElementTree) -> etree._ElementTree:
    """A copy whose root carries the schema's generic name (line numbers are kept)."""
    root = copy.deepcopy(tree.getroot())
    if ROOT_PATTERN.match(str(root.tag)):
        root.tag = GENERIC_ROOT
    return etree.ElementTree(root)
