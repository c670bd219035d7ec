"""Each correction rule's examples, as data: `<family>.toml`, one table per rule.

    [[<rule>.mends]]   misread = "...", mended = "...", lang, document
    [[<rule>.keeps]]   text = "...", lang, document      (text the rule must leave alone)

A rule whose misreading is printed in one document only says why it stays:
`one_document = "..."`.

An example may give the evidence the rule weighs: `ranges` (the carbon range the document
prints before each group), `printed` (lines the document prints, `times` over) and `packs`
(the Tesseract packs whose word lists are read). `document` names the publication the case was read
from (`scanned` where from a scan with defects) or, for text a rule must leave alone, printed
in; `read = "printed"` where the document prints the mended text and the misread is the
one Tesseract makes of the same glyphs in another document; `note` says more where needed.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_FOLDER = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Example:
    rule: str
    text: str
    """As OCR read it."""
    expected: str
    """As the rule must leave it: mended, or `text` itself for a must-not-change case."""
    lang: str
    document: str
    ranges: dict[str, str] = field(default_factory=dict)
    printed: tuple[str, ...] = ()
    packs: tuple[str, ...] = ()
    note: str = ""
    scanned: bool = False
    """Read from a scan (with defects), not from the clean page."""
    read: str = "ocr"
    """'ocr': Tesseract read the misread from that document; 'printed': the document prints
    the mended text, and the misread is Tesseract's of the same glyphs in another's scan."""

    @property
    def mends(self) -> bool:
        return self.text != self.expected


def _example(rule: str, data: dict[str, Any], kept: bool) -> Example:
    text = data["text"] if kept else data["misread"]
    return Example(rule, text, text if kept else data["mended"], data["lang"],
                   data["document"], dict(data.get("ranges", {})),
                   tuple(data.get("printed", ())) * int(data.get("times", 1)),
                   tuple(data.get("packs", ())), data.get("note", ""),
                   bool(data.get("scanned", False)), data.get("read", "ocr"))


def _tables() -> dict[str, dict[str, Any]]:
    tables: dict[str, dict[str, Any]] = {}
    for path in sorted(_FOLDER.glob("*.toml")):
        tables.update(tomllib.loads(path.read_text("utf-8")))
    return tables


def examples() -> list[Example]:
    """Every example of every family's file."""
    found = []
    for rule, tables in _tables().items():
        found += [_example(rule, data, False) for data in tables.get("mends", ())]
        found += [_example(rule, data, True) for data in tables.get("keeps", ())]
    return found


def one_document() -> dict[str, str]:
    """Rules whose misreading was seen in one document only, each with why it stays: the
    tests' output would change without it (`one_document = "..."` in its table)."""
    return {rule: tables["one_document"] for rule, tables in _tables().items()
            if "one_document" in tables}
