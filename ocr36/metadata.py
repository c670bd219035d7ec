"""Bibliographic records given with --metadata (JSON or CSV): they win over what OCR read."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import replace
from datetime import datetime
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


_REMEDY = "Fix the metadata file; see the README for its fields."
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold (or should not): control characters and lone surrogates."""
DATE_FIELDS = ("publication_date", "filing_date")


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FileAccess(f"{path}: cannot read the metadata file: {error.strerror}") from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise BadArguments(f"{path}: line {line}: not UTF-8 text (byte "
                           f"0x{data[error.start]:02x})",
                           remedy="Save the metadata file as UTF-8.") from error


def _csv_records(text: str, path: Path) -> list[dict[str, Any]]:
    reader = csv.DictReader(text.splitlines())
    rows: list[dict[str, Any]] = []
    for row in reader:
        if None in row:
            raise BadArguments(f"{path}: line {reader.line_num}: more values than the "
                               f"{len(reader.fieldnames or ())} columns of the header",
                               remedy=_REMEDY)
        rows.append(dict(row))
    return rows


def read_records(path: Path) -> list[dict[str, Any]]:
    text = _read_text(path)
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
        return _csv_records(text, path)
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
    check_record(record, path, source)
    return {k: v for k, v in record.items() if v not in (None, "", [])}


def check_record(record: dict[str, Any], path: Path, source: Path) -> None:
    """Every value that reaches the XML or a file name: no control characters, real dates;
    BadArguments naming the file, the record and the field."""
    label = next((str(record[k]) for k in KEY_FIELDS if record.get(k)), source.name)
    for field, value in record.items():
        bad = _CONTROL.search(json.dumps(value, ensure_ascii=False)) \
            if not isinstance(value, str) else _CONTROL.search(value)
        if bad is None and field not in DATE_FIELDS:
            continue
        if bad is not None:
            raise BadArguments(f"{path}: record {label}: field {field!r} holds the control "
                               f"character U+{ord(bad.group()):04X}", remedy=_REMEDY)
        if value not in (None, ""):
            try:
                _date(value, field)
            except BadArguments as error:
                raise BadArguments(f"{path}: record {label}: {error.message}",
                                   remedy=_REMEDY) from error


def unmatched(records: list[dict[str, Any]], inputs: list[Path]) -> list[str]:
    """The sources named by records of a file of many that match none of the inputs."""
    names = {name for path in inputs for name in (path.name, path.stem, str(path))}
    named = (next((str(record[key]) for key in KEY_FIELDS if record.get(key)), "")
             for record in records)
    return [name for name in named if name and name not in names]


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(";") if part.strip()]


def _date(value: Any, field: str) -> str:
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        text = "".join(match.groups())
    if not re.fullmatch(r"\d{8}", text):
        raise BadArguments(f"metadata field {field!r}: {text!r} is not a date (YYYYMMDD)")
    try:
        datetime.strptime(text, "%Y%m%d")
    except ValueError as error:
        raise BadArguments(f"metadata field {field!r}: {text!r} is no date of the calendar "
                           f"(month {text[4:6]}, day {text[6:]})") from error
    return text


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


def metadata_sources(record: dict[str, Any]) -> dict[str, str]:
    """The bibliographic fields a record gives, each marked as coming from the metadata."""
    names = {"title": "titles", "titles": "titles"}
    fields = ("country", "doc_number", "kind", "application_number", "publication_date",
              "filing_date", "ipc", "applicants", "inventors", "agents", "priorities")
    sources = {names[key]: "metadata" for key in record if key in names}
    sources.update({key: "metadata" for key in record if key in fields})
    return sources


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
