"""Undo: the last change of structure (a split, a merge, a change of kind, a region marked as
an image) taken back, as an edit of its own (kind 'undo', its before and after those of the
change reversed), the draft made again what it was before that change. The draft before each
change of structure is kept in the store for it (compressed); text is corrected by typing."""

from __future__ import annotations

import sqlite3
import zlib

from lxml import etree

from ocr36.station.blocks import parse
from ocr36.station.db import Edit, edits_of
from ocr36.station.documents import Package
from ocr36.station.editing import STRUCTURAL, Change, EditRefused

UNDO = "undo"


def undoable(connection: sqlite3.Connection, package: Package) -> Edit | None:
    """The change of structure an undo would take back: the last one not taken back yet, when
    only undos came after it (None: nothing to undo)."""
    pending = 0
    for edit in reversed(edits_of(connection, package.key)):
        if edit.kind == UNDO:
            pending += 1
        elif edit.kind not in STRUCTURAL:
            return None
        elif pending:
            pending -= 1
        else:
            return edit
    return None


def undo_change(connection: sqlite3.Connection, package: Package) -> tuple[Edit, Change]:
    """The change taken back and the change that takes it back."""
    target = undoable(connection, package)
    row = None if target is None else connection.execute(
        "SELECT xml FROM befores WHERE package = ? AND revision = ?",
        (package.key, target.revision)).fetchone()
    if target is None or row is None:
        raise EditRefused("there is no change of structure to undo (text is corrected by "
                          "typing)")
    before = zlib.decompress(bytes(row[0]))

    def change(tree: etree._ElementTree) -> tuple[str, str, str, str]:
        root, kept = tree.getroot(), parse(before).getroot()
        root.clear()
        root.attrib.update(dict(kept.attrib))
        root.text = kept.text
        for child in list(kept):
            root.append(child)
        return UNDO, target.section, target.after, target.before
    return target, change
