"""The text of DOC00001.xml as blocks an operator edits: bibliographic fields, the abstract,
headings, numbered paragraphs and claims; and the edits themselves, made on the XML so that
inline markup (claim references, sub- and superscripts, images) outside the changed words
stays as it was."""

from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass

from lxml import etree

BIBLIOGRAPHIC = (
    ("invention-title", "title"),
    ("publication-reference/document-id/doc-number", "publication number"),
    ("publication-reference/document-id/kind", "kind"),
    ("publication-reference/document-id/date", "publication date"),
    ("application-reference/document-id/doc-number", "application number"),
    ("application-reference/document-id/date", "filing date"),
    ("parties/applicants/applicant/addressbook/name", "applicant"),
    ("parties/inventors/inventor/addressbook/name", "inventor"),
)
"""The bibliographic fields shown for correction: path under bibliographic-data, label."""


@dataclass(frozen=True)
class Block:
    """One editable piece of the document's text."""

    id: str
    """The element's path in the document (`/xx-patent-document/description/p[3]`)."""
    kind: str
    """'bib', 'abstract', 'heading', 'paragraph' or 'claim'."""
    section: str
    """'bibliographic', 'abstract', 'description' or 'claims:LANG'."""
    label: str
    """The bibliographic field's name, the paragraph's or claim's number, or ''."""
    text: str
    images: tuple[str, ...] = ()
    """The files of the images in it (imgb0001.tif ...)."""


def parse(xml: bytes) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
    return etree.ElementTree(etree.fromstring(xml, parser))


def blocks(tree: etree._ElementTree) -> list[Block]:
    """The document's blocks in reading order."""
    root = tree.getroot()
    found: list[Block] = []
    bib = root.find("bibliographic-data")
    if bib is not None:
        for path, label in BIBLIOGRAPHIC:
            for element in bib.findall(path):
                found.append(Block(tree.getpath(element), "bib", "bibliographic", label,
                                   plain_text(element)))
    for element in root.iterfind("abstract/p"):
        found.append(Block(tree.getpath(element), "abstract", "abstract", "", plain_text(element),
                           _images(element)))
    for element in root.iterfind("description/*"):
        if element.tag in ("heading", "p"):
            kind = "heading" if element.tag == "heading" else "paragraph"
            found.append(Block(tree.getpath(element), kind, "description",
                               element.get("num", ""), plain_text(element), _images(element)))
    for claims in root.iterfind("claims"):
        section = f"claims:{claims.get('lang', '')}"
        for claim in claims.iterfind("claim"):
            found.append(Block(tree.getpath(claim), "claim", section,
                               claim.get("num", "").lstrip("0"), plain_text(claim),
                               _images(claim)))
    return found


def _images(element: etree._Element) -> tuple[str, ...]:
    return tuple(img.get("file", "") for img in element.iter("img"))


def find(tree: etree._ElementTree, block_id: str) -> etree._Element | None:
    """The element of a block, or None where the id names none."""
    if not block_id.startswith("/") or "(" in block_id or "@" in block_id:
        return None
    try:
        found = tree.xpath(block_id)
    except etree.XPathError:
        return None
    if isinstance(found, list) and len(found) == 1 and isinstance(found[0], etree._Element):
        return found[0]
    return None


# --- the text nodes of an element -----------------------------------------------------------

Slot = tuple[etree._Element, str]
"""A text node: the element and 'text' or 'tail'."""


ELEMENT_ONLY = frozenset({"claim"})
"""Elements whose own text and children's tails hold no text (a claim's text is in its
claim-text): no edit puts any there."""


def _slots(element: etree._Element) -> list[Slot]:
    """The element's text nodes in document order (its own tail excluded)."""
    mixed = element.tag not in ELEMENT_ONLY
    slots: list[Slot] = [(element, "text")] if mixed else []
    for child in element:
        if isinstance(child.tag, str):
            slots.extend(_slots(child))
        if mixed:
            slots.append((child, "tail"))
    return slots


def _get(slot: Slot) -> str:
    return getattr(slot[0], slot[1]) or ""


def _set(slot: Slot, value: str) -> None:
    setattr(slot[0], slot[1], value or None)


def plain_text(element: etree._Element) -> str:
    return "".join(_get(slot) for slot in _slots(element))


def set_text(element: etree._Element, new: str) -> None:
    """Change the element's text to `new`, touching only the text nodes where it differs:
    each changed span goes into the node where it starts."""
    slots = _slots(element)
    values = [_get(slot) for slot in slots]
    old = "".join(values)
    starts = []
    position = 0
    for value in values:
        starts.append(position)
        position += len(value)
    result = list(values)
    # apply from the end so that earlier offsets stay right
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in reversed(opcodes):
        if tag == "equal":
            continue
        _replace(result, starts, values, (i1, i2), new[j1:j2])
    for slot, value in zip(slots, result, strict=True):
        _set(slot, value)


def _replace(result: list[str], starts: list[int], values: list[str], span: tuple[int, int],
             text: str) -> None:
    """Replace old[span] by `text` in the nodes `result` (offsets by the old `values`): the
    text goes into the first node the span touches, the rest of the span is deleted."""
    i1, i2 = span
    first = True
    for index, start in enumerate(starts):
        end = start + len(values[index])
        touches = start <= i1 <= end if i1 == i2 else start < i2 and end > i1
        if not touches:
            continue
        lo, hi = max(i1, start) - start, min(i2, end) - start
        result[index] = result[index][:lo] + (text if first else "") + result[index][hi:]
        first = False
        if i1 == i2:
            return


def split(element: etree._Element, offset: int) -> etree._Element:
    """Split the element at a character offset of its text: it keeps what comes before, a
    copy after it gets the rest (with the inline markup of each part). Returns the copy."""
    text = plain_text(element)
    if not 0 < offset < len(text):
        raise ValueError(f"offset {offset} is not inside the block's {len(text)} characters")
    second = copy.deepcopy(element)
    second.tail = element.tail
    _cut(element, offset, keep_head=True)
    _cut(second, offset, keep_head=False)
    set_text(element, plain_text(element).rstrip())
    set_text(second, plain_text(second).lstrip())
    element.addnext(second)
    return second


def _cut(element: etree._Element, offset: int, keep_head: bool) -> None:
    """Keep the text before `offset` (keep_head) or from it on, dropping inline elements that
    fall wholly on the other side (an image goes with the text after it)."""
    position = 0
    other_side: list[etree._Element] = []
    for slot in _slots(element):
        if slot[1] == "tail" and slot[0].tag == "img" and (position >= offset) == keep_head:
            other_side.append(slot[0])
        value = _get(slot)
        lo, hi = position, position + len(value)
        if keep_head:
            _set(slot, value[: max(0, min(len(value), offset - lo))])
        else:
            _set(slot, value[max(0, offset - lo):] if hi > offset else "")
        position = hi
    for image in other_side:
        _drop(image)
    for child in list(element.iter()):
        if child is element or not isinstance(child.tag, str):
            continue
        empty = not plain_text(child) and not child.xpath(".//img | .//br") \
            and child.tag not in ("img", "br")
        if empty and child.getparent() is not None:
            _drop(child)


def _drop(child: etree._Element) -> None:
    """Remove an element, keeping its tail text in place."""
    parent = child.getparent()
    assert parent is not None
    if child.tail:
        previous = child.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


def merge(element: etree._Element, following: etree._Element) -> None:
    """Append the following block's content to the element (a space between), remove it."""
    children = list(following)
    last = element[-1] if len(element) else None
    joiner = " " + (following.text or "")
    if last is not None:
        last.tail = (last.tail or "").rstrip() + joiner
    else:
        element.text = (element.text or "").rstrip() + joiner
    for child in children:
        element.append(child)
    parent = following.getparent()
    assert parent is not None
    parent.remove(following)
