"""`ocr36 corrections report`: what operators corrected most, by rule and by pattern, and which
profile key or correction rule would have prevented it, so that an office tunes its profile
from real corrections.

A text correction is cut into the words that changed ('claim l' -> 'claim 1': 'l -> 1'), each
given a place (claim numbers, paragraph numbers, numbers, words) and a cause: the correction
rule that mends that kind of misreading, or the profile key that governs it. Splits, merges,
changes of kind and regions marked as images are structure: the layout's and the numbering's
keys.
"""

from __future__ import annotations

import difflib
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator

from ocr36.station.db import Edit, all_edits

THIN = set("l1I|i!")
NUMBERED = re.compile(r"^\W{0,2}[\[\(\{]?\s*\d{3,5}\s*[\]\)\}]")


def _pieces(before: str, after: str) -> Iterator[tuple[str, str]]:
    """The runs of words that changed, old and new."""
    old, new = before.split(), after.split()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            yield " ".join(old[i1:i2]), " ".join(new[j1:j2])


def _core(old: str, new: str) -> tuple[str, str]:
    """The characters that differ inside a changed word ('claim1l' -> 'claim11': 'l' -> '1')."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return old[start:len(old) - end], new[start:len(new) - end]


def _place(edit: Edit, old: str, new: str) -> str:
    context = edit.before.lower()
    if any(ch.isdigit() for ch in new) and not any(ch.isalpha() for ch in new.strip(".,;:()")):
        if "claim" in edit.section or f"claim {old}" in context or f"claims {old}" in context:
            return "in claim numbers"
        if NUMBERED.match(old) or NUMBERED.match(new):
            return "in paragraph numbers"
        return "in numbers"
    return "in words"


def _cause(old: str, new: str, core: tuple[str, str]) -> str:
    """The rule or profile key that would have prevented the change."""
    gone, came = core
    if old.replace(" ", "") == new.replace(" ", "") and " " in new and " " not in old:
        if "," in old:
            return "rule space-after-comma (ocr.mend_words)"
        return "rule run-together (ocr.mend_words)"
    if old.replace(" ", "") == new.replace(" ", ""):
        return "a space read inside a word (ocr.psm_text; no rule yet)"
    if gone in ("|", ".") and not came:
        return "rule bar-between-words / speck-after-punctuation (ocr.mend_words)"
    if gone.lower() == came.lower() and gone != came:
        return "rule small-capital (ocr.mend_words)"
    if gone and came and set(gone) <= THIN and set(came) <= THIN:
        if came.isdigit():
            return "no rule yet: thin glyphs read in numbers (a new rule in the words family)"
        return "rule thin-l (ocr.mend_words)"
    if re.search(r"[A-Z]\d|\d[A-Z]|[\[\]()]", new):
        return "chemistry rules (ocr.mend_chemistry)"
    return "Tesseract's reading (ocr.soften, preprocess.binarize, a language pack)"


def _structure(edit: Edit) -> tuple[str, str]:
    claim = edit.section.startswith("claim ")
    if edit.kind == "image":
        return "region read as text marked as an image", "layout.min_image_lines"
    if claim and edit.kind in ("split", "merge"):
        what = "claim split" if edit.kind == "split" else "claims merged"
        return what, "numbering.claim"
    if edit.kind == "split":
        second = edit.after.split("\n", 1)[-1]
        if NUMBERED.match(second):
            return "paragraph split at a printed number", "numbering.paragraph"
        return "paragraph split", "layout.paragraph_gap_lines"
    if edit.kind == "merge":
        return "paragraphs merged", "layout.paragraph_gap_lines, numbering.paragraph"
    return (f"{edit.before} made {edit.after}",
            "the structure's heading rule, bookmarks.* for section headings")


def kept(edits: list[Edit]) -> list[Edit]:
    """The edits not taken back: each undo (stored in order) cancels the last change of its
    document still kept, and is left out itself."""
    by_package: dict[str, list[Edit]] = {}
    for edit in edits:
        stack = by_package.setdefault(edit.package, [])
        if edit.kind == "undo":
            if stack:
                stack.pop()
        else:
            stack.append(edit)
    return sorted((e for stack in by_package.values() for e in stack), key=lambda e: e.id)


def tally(edits: list[Edit]) -> tuple[Counter[tuple[str, str, str]], Counter[str]]:
    """Patterns (pattern, place, cause) and causes, counted over every edit."""
    patterns: Counter[tuple[str, str, str]] = Counter()
    for edit in kept(edits):
        if edit.kind != "text":
            what, key = _structure(edit)
            patterns[(what, "structure", key)] += 1
            continue
        for old, new in _pieces(edit.before, edit.after):
            core = _core(old, new)
            shown = f"{old or '∅'} -> {new or '∅'}" if len(old) <= 30 else \
                f"{core[0] or '∅'} -> {core[1] or '∅'}"
            patterns[(shown, _place(edit, old, new), _cause(old, new, core))] += 1
    causes: Counter[str] = Counter()
    for (_, _, cause), count in patterns.items():
        causes[cause] += count
    return patterns, causes


def corrections_report(connection: sqlite3.Connection, top: int = 20) -> str:
    """The report as text."""
    edits = all_edits(connection)
    if not edits:
        return "no corrections stored yet"
    patterns, causes = tally(edits)
    documents = len({e.package for e in edits})
    operators = len({e.user for e in edits})
    lines = [f"{len(edits)} corrections in {documents} documents by {operators} operators", "",
             "by rule or profile key that would have prevented them:"]
    lines += [f"  {count:5d}  {cause}" for cause, count in causes.most_common()]
    lines += ["", f"the {min(top, len(patterns))} most frequent patterns:"]
    for (pattern, place, cause), count in patterns.most_common(top):
        lines.append(f"  {pattern} {place}, {count} times  [{cause}]")
    return "\n".join(lines)
