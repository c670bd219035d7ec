"""Bibliographic records given with --metadata (JSON or CSV): they win over what OCR read."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from ocr36.errors import BadArguments, FileAccess
from ocr36.model import Bibliographic, Party, Priority, Title

FIELDS = {
    "country": "ST.3 code of the publishing office (EP, US, PH ...)",
    "doc_number": "publication number without country and kind (1599469)",
    "kind": "kind code (A1, B1 ...)",
    "publication_date": "YYYYMMDD",
    "application_number": "application number as the office writes it",
    "filing_date": "YYYYMMDD",
    "ipc": "IPC symbols (list, or ';' between them in CSV)",
    "title": "title in the document language",
    "titles": "object language -> title (JSON only)",
    "applicants": "names (list, or ';' between them in CSV)",
    "inventors": "names (list, or ';' between them in CSV)",
    "agents": "names (list, or ';' between them in CSV)",
    "priorities": "list of {country, doc_number, date} (JSON), or 'US 516238 P 20031031' "
                  "entries with ';' between them (CSV)",
}
KEY_FIELDS = ("source", "file")
"""A column or key that names the input a record belongs to (for files of many records)."""


def read_records(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise FileAccess(f"{path}: cannot read the metadata file: {error.strerror}") from error
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise BadArguments(f"{path}: not valid JSON (line {error.lineno}: {error.msg})",
                               remedy="Fix the metadata file; see the README for its fields.",
                               ) from error
        if isinstance(data, dict) and data and all(isinstance(v, dict) for v in data.values()):
            return [{"source": key, **value} for key, value in data.items()
                    if isinstance(value, dict)]
        if isinstance(data, dict):
            return [data]
        if isinstance(data, list) and all(isinstance(item, dict) for item in data):
            return data
        raise BadArguments(f"{path}: expected a JSON object (or a list of objects)")
    if path.suffix.lower() == ".csv":
        return [dict(row) for row in csv.DictReader(text.splitlines())]
    raise BadArguments(f"{path}: metadata must be a .json or .csv file")


def load_metadata(path: Path, source: Path) -> dict[str, Any]:
    """The record for one input: the only record, or the one whose source/file names it."""
    return record_for(read_records(path), path, source)


def record_for(records: list[dict[str, Any]], path: Path, source: Path) -> dict[str, Any]:
    """The record of `records` (read from `path`) for one input, as `load_metadata` finds it."""
    names = {source.name, source.stem, str(source)}
    keyed = [r for r in records if any(str(r.get(k, "")) in names for k in KEY_FIELDS)]
    if keyed:
        record = keyed[0]
    elif len(records) == 1 and not any(r.get(k) for r in records for k in KEY_FIELDS):
        record = records[0]
    else:
        return {}
    unknown = sorted(set(record) - set(FIELDS) - set(KEY_FIELDS))
    if unknown:
        raise BadArguments(
            f"{path}: unknown metadata field(s) {', '.join(unknown)}",
            remedy="Known fields: " + ", ".join(FIELDS),
        )
    return {k: v for k, v in record.items() if v not in (None, "", [])}


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(";") if part.strip()]


def _date(value: Any, field: str) -> str:
    text = str(value).strip()
    if re.fullmatch(r"\d{8}", text):
        return text
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        return "".join(match.groups())
    raise BadArguments(f"metadata field {field!r}: {text!r} is not a date (YYYYMMDD)")


def _priorities(value: Any) -> tuple[Priority, ...]:
    result = []
    for item in value if isinstance(value, list) else _as_list(value):
        if isinstance(item, dict):
            result.append(Priority(str(item.get("country", "")), str(item.get("doc_number", "")),
                                   _date(item.get("date", ""), "priorities")))
            continue
        parts = str(item).split()
        if len(parts) < 3:
            raise BadArguments(f"metadata field 'priorities': {item!r} is not 'CC NUMBER DATE'")
        result.append(Priority(parts[0], " ".join(parts[1:-1]), _date(parts[-1], "priorities")))
    return tuple(result)


def apply_metadata(bibliographic: Bibliographic, record: dict[str, Any],
                   document_lang: str) -> Bibliographic:
    """Bibliographic data with every field the record gives replaced by the record's value."""
    changes: dict[str, Any] = {}
    for field in ("country", "doc_number", "kind", "application_number"):
        if field in record:
            changes[field] = str(record[field]).strip()
    for field in ("publication_date", "filing_date"):
        if field in record:
            changes[field] = _date(record[field], field)
    if "ipc" in record:
        changes["ipc"] = tuple(_as_list(record["ipc"]))
    if "titles" in record and isinstance(record["titles"], dict):
        changes["titles"] = tuple(Title(lang, str(text)) for lang, text in record["titles"].items())
    elif "title" in record:
        others = tuple(t for t in bibliographic.titles if t.lang != document_lang)
        changes["titles"] = (Title(document_lang, str(record["title"]).strip()), *others)
    for field in ("applicants", "inventors", "agents"):
        if field in record:
            changes[field] = tuple(Party(name) for name in _as_list(record[field]))
    if "priorities" in record:
        changes["priorities"] = _priorities(record["priorities"])
    return replace(bibliographic, **changes)
