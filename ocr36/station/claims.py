"""Claims split and merged as paragraphs are (a claim read as two, two read as one), with the
numbering kept consistent: the claims after the changed one are numbered on from it, their ids
follow their numbers, and every claim reference keeps pointing at the claim it named. A gap or
a repeat in the numbering (a claim read into the one before it) is shown as a warning."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ocr36.schema import IDREF_ATTRIBUTE
from ocr36.station.blocks import merge, split

CLAIM_ID = re.compile(r"(.*?)(\d+)")
"""A claim's id is its set's prefix and its number (c-en-0003, c-de-02-0003)."""


@dataclass(frozen=True)
class NumberingGap:
    """Where a numbering skips or repeats a number."""

    section: str
    """'claims (en)' or 'description'."""
    after: int
    found: int

    def message(self) -> str:
        if self.found <= self.after:
            return (f"{self.section}: number {self.found} comes again after {self.after} "
                    "(a claim or paragraph read as two? merge them)")
        if self.after == 0:
            return f"{self.section}: the numbering starts at {self.found}, not 1"
        missing = f"{self.after + 1}" if self.found == self.after + 2 else \
            f"{self.after + 1} to {self.found - 1}"
        return (f"{self.section}: number {missing} missing between {self.after} and "
                f"{self.found} (read into the one before it? split it)")


def split_claim(claim: etree._Element, offset: int) -> etree._Element:
    """Split the claim at a character offset of its text (see blocks.split); the claims from
    the new one on are numbered again. Returns the new claim."""
    second = split(claim, offset)
    _number_after(claim, {})  # the copy, right after it, gets the next number and its own id
    return second


def merge_claims(claim: etree._Element, following: etree._Element) -> None:
    """Append the following claim's text to the claim's last claim-text, remove it, number
    the claims after it again; references to the one removed now name the claim."""
    texts = claim.findall("claim-text")
    into = texts[-1] if texts else etree.SubElement(claim, "claim-text")
    for part in following.findall("claim-text"):
        merge(into, part)
    removed = following.get("id", "")
    parent = following.getparent()
    assert parent is not None
    parent.remove(following)
    _number_after(claim, {removed: claim.get("id", "")} if removed else {})


def _number_after(claim: etree._Element, aliases: dict[str, str]) -> None:
    """Number the claims after `claim` on from its number; references follow their claims."""
    parent = claim.getparent()
    assert parent is not None
    members = list(parent.iterfind("claim"))
    number = _number(claim)
    renamed = dict(aliases)
    keep = claim.get("id", "")
    for member in members[members.index(claim) + 1:]:
        number += 1
        old = member.get("id", "")
        match = CLAIM_ID.fullmatch(old)
        new = f"{match.group(1) if match else 'c-'}{number:04d}"
        member.set("num", f"{number:04d}")
        member.set("id", new)
        if old and old != keep and old != new:
            renamed[old] = new
    if renamed:
        root = claim.getroottree()
        for ref in root.iter():
            targets = ref.get(IDREF_ATTRIBUTE) if isinstance(ref.tag, str) else None
            if targets:
                ref.set(IDREF_ATTRIBUTE, " ".join(renamed.get(t, t) for t in targets.split()))


def _number(element: etree._Element) -> int:
    num = element.get("num", "").strip()
    return int(num) if num.isdigit() else 0


def numbering_gaps(tree: etree._ElementTree) -> list[NumberingGap]:
    """The gaps and repeats in the numbers of each set of claims and of the description's
    paragraphs."""
    root = tree.getroot()
    series = [("description", root.findall("description/p"))]
    series += [(f"claims ({claims.get('lang', '')})", claims.findall("claim"))
               for claims in root.iterfind("claims")]
    gaps = []
    for section, elements in series:
        numbers = [_number(e) for e in elements if _number(e) > 0]
        previous = 0
        for number in numbers:
            if number != previous + 1:
                gaps.append(NumberingGap(section, previous, number))
            previous = max(previous, number)
    return gaps
