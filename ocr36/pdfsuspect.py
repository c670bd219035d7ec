"""What makes a PDF suspect: a broken cross-reference table qpdf had to rebuild,
JavaScript and actions that start programs or send data, embedded files. Nothing of it is
ever run or extracted (other repairs, such as a page's missing resources, only warn). The
profile's `[ingest] suspect_pdf` says what becomes of such a file: "refuse" (the default)
fails its document naming what was found, "convert" reads its pages with a warning."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from ocr36.errors import BadInput

REFUSE = "refuse"
"""The value of [ingest] suspect_pdf that refuses a suspect PDF (the default)."""
CONVERT = "convert"
"""The value of [ingest] suspect_pdf that converts a suspect PDF with a warning."""

_RUNS = {
    "/JavaScript": "JavaScript",
    "/Launch": "a launch action",
    "/SubmitForm": "a form submission",
    "/ImportData": "a data import",
    "/GoToE": "an action opening an embedded file",
    "/Rendition": "a media action",
    "/RichMediaExecute": "a rich-media command",
}
"""Actions that run code (JavaScript; a media action may), start a program or open a file
(launch), send or read data, wherever they stand."""
_REACHES_OUT = {
    "/URI": "an action opening a web address",
    "/GoToR": "an action opening another file",
}
"""Actions that reach outside the file: suspect when they run by themselves (as the file
opens, as a page shows), not as a link the reader clicks."""
_MAX_CHAIN = 32
"""Actions followed along one /Next chain (a loop stops here)."""
_EMBEDDED = "embedded file"
_REBUILT = "reconstruct cross-reference table"
"""What qpdf says when it rebuilds a broken cross-reference table."""


@dataclass(frozen=True)
class Finding:
    """One thing a PDF holds that is never run nor extracted: what, and where."""

    kind: str
    """"JavaScript", "a launch action", "embedded file" ..."""
    where: str
    """"the document's open action", "page 3" ..."""


def _actions(action: object, automatic: bool) -> Iterator[str]:
    """The suspect kinds of an action and of those chained after it by /Next."""
    pending, seen = [action], 0
    while pending and seen < _MAX_CHAIN:
        current = pending.pop(0)
        seen += 1
        if not isinstance(current, pikepdf.Dictionary):
            continue
        kind = str(current.get("/S", ""))
        if kind in _RUNS:
            yield _RUNS[kind]
        elif automatic and kind in _REACHES_OUT:
            yield _REACHES_OUT[kind]
        chained = current.get("/Next")
        pending.extend(chained if isinstance(chained, pikepdf.Array) else [chained])


def _triggered(triggers: object, where: str) -> list[Finding]:
    """The suspect actions of an /AA table (run by themselves: on open, on show, on focus)."""
    if not isinstance(triggers, pikepdf.Dictionary):
        return []
    return [Finding(kind, where) for action in triggers.values()
            for kind in _actions(action, automatic=True)]


def document_findings(pdf: pikepdf.Pdf) -> list[Finding]:
    """What the document as a whole holds: its open action, its actions and scripts, its
    embedded files, an XFA form."""
    root = pdf.Root
    found = [Finding(kind, "the document's open action")
             for kind in _actions(root.get("/OpenAction"), automatic=True)]
    found += _triggered(root.get("/AA"), "the document's actions")
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
        found.append(Finding("JavaScript", "the document's scripts"))
    form = root.get("/AcroForm")
    if isinstance(form, pikepdf.Dictionary) and "/XFA" in form:
        found.append(Finding("an XFA form (may hold scripts)", "the document"))
    found += [Finding(_EMBEDDED, "the document") for _ in range(len(pdf.attachments))]
    return found


def page_findings(page: pikepdf.Page, number: int) -> list[Finding]:
    """What page `number` holds: its own actions, its annotations' actions (a link's only
    when it runs something) and the files attached to it."""
    where = f"page {number}"
    found = _triggered(page.obj.get("/AA"), where)
    annotations = page.obj.get("/Annots")
    for annotation in annotations if isinstance(annotations, pikepdf.Array) else ():
        if not isinstance(annotation, pikepdf.Dictionary):
            continue
        found += [Finding(kind, where) for kind in _actions(annotation.get("/A"), False)]
        found += _triggered(annotation.get("/AA"), where)
        if annotation.get("/Subtype") == pikepdf.Name.FileAttachment and "/FS" in annotation:
            found.append(Finding(_EMBEDDED, where))
    return found


def _said(warning: str, file: Path) -> str:
    """A qpdf warning without the file's path: "xref syntax invalid, xref table at offset
    128" for "FILE (xref table, offset 128): xref syntax invalid" (or "FILE, object 3 0 at
    offset 133: ...")."""
    text = warning.removeprefix(str(file)).strip()
    if text[:1] in ("(", ",") and ": " in text:
        place, said = text[1:].split(": ", 1)
        place = place.removesuffix(")").strip().replace(", offset ", " at offset ")
        return f"{said}, {place}"
    return text.removeprefix(": ")


def _rebuilt(warnings: Sequence[str], file: Path) -> str | None:
    """The broken cross-reference table qpdf rebuilt as it opened the file, and why (None:
    it rebuilt none). Other repairs (a page's missing resources) do not make a PDF suspect."""
    rebuilt = next((i for i, w in enumerate(warnings) if _REBUILT in w), None)
    if rebuilt is None:
        return None
    cause = _said(warnings[max(rebuilt - 1, 0)], file)
    return f"a broken cross-reference table that had to be rebuilt (qpdf: {cause})"


def _grouped(findings: Sequence[Finding]) -> list[str]:
    """The findings as phrases, one per kind, naming where each was found."""
    places: dict[str, list[str]] = {}
    for finding in findings:
        places.setdefault(finding.kind, []).append(finding.where)
    phrases = []
    for kind, wheres in places.items():
        unique = ", ".join(dict.fromkeys(wheres))
        if kind == _EMBEDDED:
            count = len(wheres)
            phrases.append(f"{count} embedded file{'s' if count > 1 else ''} ({unique}; "
                           "not extracted)")
        else:
            phrases.append(f"{kind} ({unique})")
    return phrases


def judged(file: Path, repairs: Sequence[str], findings: Sequence[Finding],
           suspect_pdf: str) -> tuple[str, ...]:
    """The warnings a PDF converts with, given qpdf's `repairs` (its warnings as it opened
    the file) and the `findings`; BadInput naming what was found when the PDF is suspect and
    the profile refuses suspect PDFs."""
    rebuilt = _rebuilt(repairs, file)
    suspect = [*([rebuilt] if rebuilt else []), *_grouped(findings)]
    if suspect and suspect_pdf == REFUSE:
        raise BadInput(
            f"{file}: a suspect PDF, refused: {'; '.join(suspect)}. Nothing in it was run "
            "or extracted",
            remedy="Ask the sender for a clean copy; or, for a file you trust (an archive of "
                   f"your own), set the profile's [ingest] suspect_pdf = \"{CONVERT}\" to "
                   "convert it anyway (its pages only: scripts never run, embedded files "
                   "never extracted).")
    warnings = []
    if repairs:
        said = rebuilt or f"qpdf: {_said(repairs[0], file)}"
        warnings.append(f"{file.name}: the PDF was damaged and repaired ({said})")
    ignored = [*(["JavaScript or actions"] if any(f.kind != _EMBEDDED for f in findings)
                 else []),
               *(["embedded files"] if any(f.kind == _EMBEDDED for f in findings) else [])]
    if ignored:
        warnings.append(f"{file.name}: the PDF holds {' and '.join(ignored)}; "
                        "ignored (never run nor extracted)")
    return tuple(warnings)
