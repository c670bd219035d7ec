"""Corrections to a document's draft: each one stored (who, when, block, before, after) and
committed with the draft's new revision before the reply, or refused when another operator's
change came first (the revision the operator saw is no longer the draft's)."""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from lxml import etree

from ocr36.package import sha256_of
from ocr36.schema import schema_errors
from ocr36.station.blocks import find, merge, parse, plain_text, set_text, split
from ocr36.station.claims import merge_claims, split_claim
from ocr36.station.db import Edit, edits_of, now, transaction
from ocr36.station.documents import Package
from ocr36.station.images import Cut, RegionRefused, put_image

STRUCTURAL = frozenset({"split", "merge", "kind", "image"})
"""The edits of structure: the draft before each is kept, so that it can be undone."""
KINDS = {"heading": "heading", "paragraph": "p"}
"""The kinds a description block may be given, and their element."""


class Conflict(Exception):
    """The draft moved on since the operator's revision: the changes made since."""

    def __init__(self, revision: int, edits: list[Edit]) -> None:
        names = ", ".join(sorted({e.user for e in edits}))
        super().__init__(f"the document was changed by {names}")
        self.revision = revision
        self.edits = edits


class EditRefused(Exception):
    """An edit that cannot be made (a block that is not there, a split outside the text)."""


@dataclass(frozen=True)
class Draft:
    revision: int
    xml: bytes


def draft(connection: sqlite3.Connection, package: Package) -> Draft:
    """The document being corrected: the stored draft, or the package's XML (revision 0)."""
    row = connection.execute("SELECT revision, xml FROM drafts WHERE package = ?",
                             (package.key,)).fetchone()
    if row is not None:
        return Draft(int(row[0]), bytes(row[1]))
    return Draft(0, package.xml.read_bytes())


def changed_on_disk(connection: sqlite3.Connection, package: Package) -> bool:
    """Whether the package's XML is no longer the one the draft was made from (or approved)."""
    row = connection.execute("SELECT base_sha256 FROM drafts WHERE package = ?",
                             (package.key,)).fetchone()
    return row is not None and str(row[0]) != sha256_of(package.xml)


Change = Callable[[etree._ElementTree], tuple[str, str, str, str]]
"""Changes the tree; returns the edit's kind, the block's element and section, before, after."""


@dataclass(frozen=True)
class EditRequest:
    """Who asks for a change, on which revision of the draft, to which block."""

    user: str
    revision: int
    block: str


def apply(connection: sqlite3.Connection, package: Package, request: EditRequest,
          change: Change, files: Mapping[str, bytes] | None = None) -> int:
    """Make one change on the draft at the request's revision; return the new revision.

    Raises Conflict where the draft is at another revision, EditRefused where the change
    cannot be made. The edit, the draft and the `files` the change refers to (an image cut
    from a page) are committed together."""
    with transaction(connection):
        current = draft(connection, package)
        if current.revision != request.revision:
            raise Conflict(current.revision, edits_of(connection, package.key, request.revision))
        tree = parse(current.xml)
        kind, section, before, after = change(tree)
        if kind == "text" and before == after:
            return current.revision
        xml = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
        new = current.revision + 1
        connection.execute(
            "INSERT INTO drafts(package, revision, xml, base_sha256) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(package) DO UPDATE SET revision = excluded.revision, xml = excluded.xml",
            (package.key, new, xml, sha256_of(package.xml)))
        connection.execute(
            "INSERT INTO edits(package, revision, user, at, block, kind, section, before, after) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (package.key, new, request.user, now(), request.block, kind, section, before, after))
        if kind in STRUCTURAL:
            connection.execute("INSERT OR REPLACE INTO befores(package, revision, xml) "
                               "VALUES (?, ?, ?)", (package.key, new, zlib.compress(current.xml)))
        connection.executemany(
            "INSERT INTO files(package, name, data) VALUES (?, ?, ?) ON CONFLICT(package, name) "
            "DO UPDATE SET data = excluded.data",
            [(package.key, name, data) for name, data in (files or {}).items()])
    return new


def _element(tree: etree._ElementTree, block_id: str) -> etree._Element:
    element = find(tree, block_id)
    if element is None:
        raise EditRefused(f"no block {block_id!r} in the document")
    return element


def _where(element: etree._Element) -> str:
    parent = element.getparent()
    if parent is None:
        return str(element.tag)
    section = str(parent.tag)
    if section == "claims":
        section = f"claims:{parent.get('lang', '')}"
    return f"{element.tag} in {section}"


def text_change(block_id: str, text: str) -> Change:
    def change(tree: etree._ElementTree) -> tuple[str, str, str, str]:
        element = _element(tree, block_id)
        before = plain_text(element)
        set_text(element, text)
        return "text", _where(element), before, plain_text(element)
    return change


def split_change(block_id: str, offset: int) -> Change:
    def change(tree: etree._ElementTree) -> tuple[str, str, str, str]:
        element = _element(tree, block_id)
        if element.tag not in ("p", "claim") or element.getparent() is None:
            raise EditRefused("only paragraphs and claims are split")
        before = plain_text(element)
        try:
            second = split_claim(element, offset) if element.tag == "claim" \
                else split(element, offset)
        except ValueError as error:
            raise EditRefused(str(error)) from error
        after = f"{plain_text(element)}\n{plain_text(second)}"
        if element.tag == "p":
            renumber(tree)
        return "split", _where(element), before, after
    return change


def merge_change(block_id: str) -> Change:
    def change(tree: etree._ElementTree) -> tuple[str, str, str, str]:
        element = _element(tree, block_id)
        following = element.getnext()
        if element.tag not in ("p", "claim") or following is None \
                or following.tag != element.tag:
            raise EditRefused(f"a {'claim' if element.tag == 'claim' else 'paragraph'} merges "
                              "only with the one right after it")
        before = f"{plain_text(element)}\n{plain_text(following)}"
        if element.tag == "claim":
            merge_claims(element, following)
        else:
            merge(element, following)
            renumber(tree)
        return "merge", _where(element), before, plain_text(element)
    return change


def kind_change(block_id: str, kind: str) -> Change:
    def change(tree: etree._ElementTree) -> tuple[str, str, str, str]:
        element = _element(tree, block_id)
        parent = element.getparent()
        if kind not in KINDS or parent is None or parent.tag != "description" \
                or element.tag not in KINDS.values():
            raise EditRefused("only a heading or a paragraph of the description changes kind")
        before = "heading" if element.tag == "heading" else "paragraph"
        element.tag = KINDS[kind]
        renumber(tree)
        return "kind", _where(element), before, kind
    return change


def renumber(tree: etree._ElementTree) -> None:
    """Number the description's paragraphs and headings again in order (after a split, a
    merge or a change of kind): p num="0001" id="p0001", heading id="h0001"."""
    paragraphs = headings = 0
    for element in tree.getroot().iterfind("description/*"):
        if element.tag == "p":
            paragraphs += 1
            element.set("id", f"p{paragraphs:04d}")
            element.set("num", f"{paragraphs:04d}")
        elif element.tag == "heading":
            headings += 1
            element.set("id", f"h{headings:04d}")
            if "num" in element.attrib:
                del element.attrib["num"]


def image_change(block_id: str, cut: Cut) -> Change:
    """The block becomes the image `cut`: its text removed; refused where the document would
    then not conform to the schema."""
    def change(tree: etree._ElementTree) -> tuple[str, str, str, str]:
        element = _element(tree, block_id)
        try:
            before = put_image(element, cut)
        except RegionRefused as error:
            raise EditRefused(str(error)) from error
        problems = schema_errors(tree)
        if problems:
            raise EditRefused("the image cannot stand there in ST.36: " + "; ".join(problems[:2]))
        return "image", _where(element), before, cut.describe()
    return change
