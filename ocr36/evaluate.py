"""Measure a package against ground truth: character error rates, counts, fields, bookmarks.

Truth may be an EPO publication (`ep-patent-document` with SDOBI B-codes), an ST.36 document
(`xx-patent-document`, such as another ocr36 package), or the `*.truth.json` of a rendered
sample. Both sides are read into the same `Reading` so that every measure is one comparison.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree
from rapidfuzz.distance import Levenshtein

from ocr36.errors import BadArguments, FileAccess
from ocr36.manifest import MANIFEST_NAME, Manifest

_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212\u00ad"})
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00b4": "'",
                         "\u0060": "'"})
_SKIPPED = {"img", "chemistry", "maths", "tables", "figref-image"}


@dataclass
class Reading:
    """The parts of a publication that are compared."""

    abstract: list[str] = field(default_factory=list)
    paragraphs: dict[str, str] = field(default_factory=dict)
    """num -> text, in document order."""
    headings: list[str] = field(default_factory=list)
    claims: dict[str, list[str]] = field(default_factory=dict)
    """language -> claim texts, in order."""
    images: dict[str, int] = field(default_factory=dict)
    """img-content -> count of images inside the text, abstract and drawings."""
    bibliographic: dict[str, Any] = field(default_factory=dict)
    bookmarks: dict[str, int] = field(default_factory=dict)
    sheets: int = 0
    """Figures of the drawings: one per drawing sheet, as EPO and WIPO deliver them."""


def normalise(text: str) -> str:
    """Whitespace, NFKC and dash/quote variants only: what CER should not count."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_QUOTES)
    return re.sub(r"\s+", " ", text).strip()


def cer(found: str, truth: str) -> float:
    """Character error rate: edits to turn `found` into `truth`, per character of truth."""
    found, truth = normalise(found), normalise(truth)
    if not truth:
        return 0.0 if not found else 1.0
    return Levenshtein.distance(found, truth) / len(truth)


# --- reading XML ------------------------------------------------------------------------


def _text(element: etree._Element) -> str:
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if isinstance(node.tag, str) and node.tag not in _SKIPPED:
            if node.text:
                parts.append(node.text)
            for child in node:
                walk(child)
                if child.tail:
                    parts.append(child.tail)
        elif isinstance(node.tag, str):
            return

    walk(element)
    return normalise("".join(parts))


def _parse_xml(path: Path) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             remove_comments=True)
    try:
        return etree.parse(str(path), parser).getroot()
    except OSError as error:
        raise FileAccess(f"{path}: cannot be read") from error
    except etree.XMLSyntaxError as error:
        raise BadArguments(f"{path}: not well-formed XML ({error})") from error


def _first(root: etree._Element, path: str) -> str:
    found = root.find(path)
    return normalise("".join(str(t) for t in found.itertext())) if found is not None else ""


def _body(root: etree._Element, reading: Reading) -> None:
    for abstract in root.findall("abstract"):
        reading.abstract.extend(_text(p) for p in abstract.iter("p"))
    description = root.find("description")
    if description is not None:
        for element in description.iter("p", "heading"):
            if element.tag == "heading":
                reading.headings.append(_text(element))
            else:
                num = element.get("num") or str(len(reading.paragraphs) + 1)
                reading.paragraphs[num.zfill(4)] = _text(element)
    for claims in root.findall("claims"):
        lang = claims.get("lang", "")
        texts = reading.claims.setdefault(lang, [])
        texts.extend(_text(claim) for claim in claims.findall("claim"))
    reading.sheets = sum(1 for _ in root.iterfind("drawings/figure"))
    for img in root.iter("img"):
        kind = img.get("img-content", "undefined")
        reading.images[kind] = reading.images.get(kind, 0) + 1


def _epo_bibliographic(sdobi: etree._Element) -> dict[str, Any]:
    titles = {}
    for lang, title in zip(sdobi.findall(".//B541"), sdobi.findall(".//B542"), strict=False):
        titles[normalise(lang.text or "")] = normalise("".join(str(t) for t in title.itertext()))
    return {
        "doc_number": _first(sdobi, ".//B110"),
        "kind": _first(sdobi, ".//B130"),
        "publication_date": _first(sdobi, ".//B140/date"),
        "application_number": _first(sdobi, ".//B210"),
        "filing_date": _first(sdobi, ".//B220/date"),
        "priorities": [normalise(" ".join((_first(p, "B330/ctry"), _first(p, "B310"),
                                           _first(p, "B320/date"))))
                       for p in sdobi.findall(".//B300")],
        "ipc": [_ipc_symbol("".join(str(t) for t in c.itertext())) for c in
                sdobi.findall(".//classification-ipcr")]
        or [_ipc_symbol(t.text or "") for t in sdobi.findall(".//B511")],
        "titles": titles,
        "applicants": [_first(p, "snm") for p in sdobi.findall(".//B711")]
        or [_first(p, "snm") for p in sdobi.findall(".//B731")],
        "inventors": [_first(p, "snm") for p in sdobi.findall(".//B721")],
        "agents": [_first(p, "snm") for p in sdobi.findall(".//B741")],
    }


def _st36_bibliographic(root: etree._Element) -> dict[str, Any]:
    bib = root.find("bibliographic-data")
    if bib is None:
        return {}

    def names(path: str) -> list[str]:
        return [_first(a, "addressbook/name") or
                normalise(f"{_first(a, 'addressbook/last-name')}, "
                          f"{_first(a, 'addressbook/first-name')}").strip(", ")
                for a in bib.findall(path)]

    return {
        "doc_number": _first(bib, "publication-reference/document-id/doc-number"),
        "kind": _first(bib, "publication-reference/document-id/kind"),
        "publication_date": _first(bib, "publication-reference/document-id/date"),
        "application_number": _first(bib, "application-reference/document-id/doc-number"),
        "filing_date": _first(bib, "application-reference/document-id/date"),
        "priorities": [normalise(" ".join((_first(p, "country"), _first(p, "doc-number"),
                                           _first(p, "date"))))
                       for p in bib.findall("priority-claims/priority-claim")],
        "ipc": [_ipc_symbol(_first(c, "text")) for c in
                bib.findall("classifications-ipcr/classification-ipcr")],
        "titles": {t.get("lang", ""): normalise("".join(str(t_) for t_ in t.itertext()))
                   for t in bib.findall("invention-title")},
        "applicants": names("parties/applicants/applicant"),
        "inventors": names("parties/inventors/inventor"),
        "agents": names("parties/agents/agent"),
    }


def _ipc_symbol(text: str) -> str:
    match = re.match(r"\s*([A-H]\d{2}[A-Z])\s*(\d{1,4})\s*/\s*(\d{2,6})", text)
    return f"{match.group(1)} {match.group(2)}/{match.group(3)}" if match else normalise(text)


def read_xml(path: Path) -> Reading:
    root = _parse_xml(path)
    reading = Reading()
    _body(root, reading)
    sdobi = root.find("SDOBI")
    reading.bibliographic = _epo_bibliographic(sdobi) if sdobi is not None else \
        _st36_bibliographic(root)
    return reading


def read_package(path: Path) -> Reading:
    """A package folder (or its XML) with the bookmarks of its manifest."""
    xml = path / "DOC00001.xml" if path.is_dir() else path
    if not xml.is_file():
        raise FileAccess(f"{xml}: no such file")
    reading = read_xml(xml)
    if (xml.parent / MANIFEST_NAME).is_file():
        reading.bookmarks = dict(Manifest.read(xml.parent).bookmarks)
    return reading


def _json_file(path: Path) -> Any:
    """A JSON file; BadArguments naming the file and line when it is not UTF-8 JSON."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FileAccess(f"{path}: cannot be read: {error.strerror}") from error
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise BadArguments(f"{path}: line {line}: not UTF-8 text") from error
    except json.JSONDecodeError as error:
        raise BadArguments(f"{path}: line {error.lineno}: not valid JSON ({error.msg})") \
            from error


def read_truth_json(path: Path) -> Reading:
    """A sample's .truth.json; BadArguments when it is not one."""
    try:
        return _truth_reading(_json_file(path))
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise BadArguments(f"{path}: not a truth file of the expected form "
                           f"({type(error).__name__}: {error})",
                           remedy="Give a .truth.json as samples/ holds, or an ST.36 XML.") \
            from error


def _truth_reading(data: Any) -> Reading:
    reading = Reading(abstract=[normalise(t) for t in data.get("abstract", [])])
    for item in data.get("description", []):
        if item["type"] == "heading":
            reading.headings.append(normalise(item["text"]))
        else:
            reading.paragraphs[str(item["num"]).zfill(4)] = normalise(item["text"])
    for lang, claims in data.get("claims", {}).items():
        reading.claims[lang] = [normalise(c["text"]) for c in claims]
    figures = len(data.get("figures", [])) + (1 if data.get("abstract_figure") else 0)
    if figures:
        reading.images["drawing"] = figures
    reading.sheets = len({figure["page"] for figure in data.get("figures", [])})
    bib = data.get("bibliographic", {})
    reading.bibliographic = {
        **{k: bib.get(k, "") for k in ("doc_number", "kind", "publication_date",
                                       "application_number", "filing_date")},
        "priorities": [normalise(f"{p['country']} {p['doc_number']} {p['date']}")
                       for p in bib.get("priorities", [])],
        "ipc": [_ipc_symbol(s) for s in bib.get("ipc", [])],
        "titles": {t["lang"]: normalise(t["text"]) for t in bib.get("titles", [])},
        **{k: [p["name"] for p in bib.get(k, [])] for k in ("applicants", "inventors",
                                                            "agents")},
    }
    if not reading.bibliographic["applicants"]:
        reading.bibliographic["applicants"] = [p["name"] for p in bib.get("assignees", [])]
    reading.bookmarks = dict(data.get("bookmarks", {}))
    return reading


def read_truth(path: Path) -> Reading:
    if not path.is_file():
        raise FileAccess(f"{path}: no such file")
    if path.suffix == ".json":
        return read_truth_json(path)
    reading = read_xml(path)
    bookmarks = path.parent / "bookmarks.json"
    if bookmarks.is_file():
        try:
            reading.bookmarks = dict(_json_file(bookmarks))
        except (TypeError, ValueError) as error:
            raise BadArguments(f"{bookmarks}: not an object of section -> page") from error
    return reading


# --- measures -----------------------------------------------------------------------------


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", normalise(text).lower())


def heading_key(text: str) -> str:
    """What two headings are compared by: their letters and digits in lower case. Latin
    letters as `_key` has them (ASCII alone, so that Latin results stay those measured
    before); the letters, marks and digits of every other script (Chinese, Arabic,
    Cyrillic, Thai ...) all, digits as ASCII, so that heading F1 means something in them."""
    kept: list[str] = []
    for char in normalise(text).lower():
        if char.isascii():
            if char.isalnum():
                kept.append(char)
        elif char.isdecimal():
            kept.append(str(unicodedata.digit(char)))
        elif unicodedata.category(char)[0] in "LM" and \
                not unicodedata.name(char, "").startswith(("LATIN", "COMBINING")):
            kept.append(char)
    return "".join(kept)


def _field_right(found: Any, truth: Any) -> bool:
    if isinstance(truth, list):
        return sorted(_key(str(t)) for t in truth) == sorted(_key(str(f)) for f in found or [])
    if isinstance(truth, dict):
        return all(_key(found.get(k, "")) == _key(v) for k, v in truth.items()) \
            if isinstance(found, dict) else False
    return _key(str(found or "")) == _key(str(truth))


def _f1(found: list[str], truth: list[str]) -> float:
    if not found and not truth:
        return 1.0
    remaining = [heading_key(t) for t in truth]
    hits = 0
    for heading in found:
        key = heading_key(heading)
        close = [t for t in remaining if t == key or
                 (t and Levenshtein.normalized_distance(t, key) <= 0.1)]
        if close:
            remaining.remove(close[0])
            hits += 1
    precision = hits / len(found) if found else 0.0
    recall = hits / len(truth) if truth else 0.0
    return 0.0 if hits == 0 else 2 * precision * recall / (precision + recall)


def compare(found: Reading, truth: Reading) -> dict[str, Any]:
    """Every measure, as plain JSON-able data."""
    result: dict[str, Any] = {"cer": {}, "counts": {}}
    if truth.abstract:
        result["cer"]["abstract"] = round(cer(" ".join(found.abstract),
                                              " ".join(truth.abstract)), 5)
    if truth.paragraphs:
        result["cer"]["description"] = round(cer(" ".join(found.paragraphs.values()),
                                                 " ".join(truth.paragraphs.values())), 5)
        recovered = sum(1 for num, text in truth.paragraphs.items() if num in found.paragraphs)
        result["counts"]["paragraphs"] = {"truth": len(truth.paragraphs),
                                          "found": len(found.paragraphs),
                                          "numbers_recovered": recovered}
    result["heading_f1"] = round(_f1(found.headings, truth.headings), 4)
    result["counts"]["headings"] = {"truth": len(truth.headings), "found": len(found.headings)}
    for lang, claims in truth.claims.items():
        found_claims = found.claims.get(lang, [])
        result["cer"][f"claims:{lang}"] = round(cer(" ".join(found_claims), " ".join(claims)), 5)
        result["counts"][f"claims:{lang}"] = {"truth": len(claims), "found": len(found_claims)}
    result["counts"]["images"] = {kind: {"truth": count, "found": found.images.get(kind, 0)}
                                  for kind, count in sorted(truth.images.items())}
    if truth.sheets:
        result["counts"]["figures"] = {"truth": truth.sheets, "found": found.sheets}
    fields = {name: _field_right(found.bibliographic.get(name), value)
              for name, value in truth.bibliographic.items() if value not in ("", [], {})}
    result["bibliographic"] = {"right": sum(fields.values()), "of": len(fields),
                               "fields": fields}
    marks = {name: found.bookmarks.get(name) == page for name, page in truth.bookmarks.items()}
    result["bookmarks"] = {"right": sum(marks.values()), "of": len(marks),
                           "found": found.bookmarks, "truth": truth.bookmarks}
    return result


def evaluate(package: Path, truth: Path) -> dict[str, Any]:
    return compare(read_package(package), read_truth(truth))


def table(result: dict[str, Any]) -> str:
    """The measures as a plain-text table."""
    rows = [("measure", "value")]
    for part, value in result["cer"].items():
        rows.append((f"CER {part}", f"{value * 100:.2f} %"))
    for name, counts in result["counts"].items():
        if name == "images":
            for kind, pair in counts.items():
                rows.append((f"images {kind} (found/truth)", f"{pair['found']}/{pair['truth']}"))
            continue
        extra = f", numbers recovered {counts['numbers_recovered']}" \
            if "numbers_recovered" in counts else ""
        rows.append((f"{name} (found/truth)", f"{counts['found']}/{counts['truth']}{extra}"))
    rows.append(("heading F1", f"{result['heading_f1']:.3f}"))
    bib = result["bibliographic"]
    rows.append(("bibliographic fields right", f"{bib['right']}/{bib['of']}"))
    marks = result["bookmarks"]
    rows.append(("bookmarks right", f"{marks['right']}/{marks['of']}"))
    width = max(len(r[0]) for r in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)
