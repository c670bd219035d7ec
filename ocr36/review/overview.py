"""The batch overview: one row per document of `DIR/batch-summary.json`, as an HTML page.

The summary read, as `ocr36 batch` writes it (its "converted", "failed" and "skipped" lists
become the rows, with the status "converted", "failed", "failed before" or "done before"; the
entries not taken, "not taken"), or with the rows given as they are:

    {"documents": [{"source": PATH, "package": PATH or null, "status": "ok" | "failed" | ...,
                    "pages": int, "mean_confidence": float, "sections": [name, ...] or
                    {name: page}, "warnings": [text, ...] or int, "seconds": float,
                    "error": text or null}, ...],
     ...other keys are shown as facts above the table...}

Paths may be absolute or relative to DIR. A document whose package has a review folder
(`NAME.review/index.html`) links to it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ocr36 import records
from ocr36.batch.summary import SUMMARY_NAME, BatchSummary
from ocr36.errors import BadArguments, FileAccess
from ocr36.review.assets import CSS, SCRIPT
from ocr36.review.page import esc
from ocr36.review.trace import review_folder

_FINISHED = ("ok", "converted", "done", "done before", "not taken")
"""Statuses of a document that is converted, now or before."""
OVERVIEW_NAME = "batch-summary.html"


def _relative(path: Path, folder: Path) -> str:
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_uri()


def _count(value: Any) -> int:
    if isinstance(value, list | dict):
        return len(value)
    return int(value or 0)


def _row(document: dict[str, Any], folder: Path) -> str:
    status = str(document.get("status", "?"))
    package = document.get("package")
    package_path = (folder / package) if package else None
    sections = document.get("sections") or []
    section_names = ", ".join(sections) if isinstance(sections, list | dict) else str(sections)
    warnings = document.get("warnings") or []
    warning_text = "; ".join(warnings) if isinstance(warnings, list) else ""
    confidence = document.get("mean_confidence")
    seconds = document.get("seconds")
    name = Path(str(document.get("source", "?"))).name
    link = ""
    if package_path is not None:
        review = review_folder(package_path) / "index.html"
        link = (f'<a href="{esc(_relative(review, folder))}">review</a>' if review.is_file()
                else '<span class="empty">no review</span>')
    error = document.get("error") or ""
    css = ' class="failed"' if status not in _FINISHED \
        else ""
    return (
        f'<tr data-status="{esc(status)}"{css}>'
        f'<td title="{esc(document.get("source", ""))}">{esc(name)}</td>'
        f'<td>{esc(Path(str(package)).name if package else "")}</td>'
        f'<td>{esc(status)}</td>'
        f'<td class="n">{esc(document.get("pages", ""))}</td>'
        f'<td class="n" data-value="{esc(confidence if confidence is not None else -1)}">'
        f'{"" if confidence is None else f"{float(confidence):.1f}"}</td>'
        f'<td data-value="{_count(sections)}">{esc(section_names)}</td>'
        f'<td class="n" data-value="{_count(warnings)}" title="{esc(warning_text)}">'
        f'{_count(warnings)}</td>'
        f'<td class="n">{"" if seconds is None else f"{float(seconds):.1f}"}</td>'
        f'<td>{link}</td><td class="warn">{esc(error)}</td></tr>'
    )


def batch_rows(summary: BatchSummary) -> list[dict[str, Any]]:
    """The rows of a summary written by `ocr36 batch`: every document, whatever became of it."""
    rows: list[dict[str, Any]] = []
    for item in summary.converted:
        rows.append({**records.to_json(item), "status": "converted"})
    for failed in summary.failed:
        rows.append({**records.to_json(failed), "status": "failed"})
    for skipped in summary.skipped:
        status = "done before" if skipped.error is None else "failed before"
        rows.append({**records.to_json(skipped), "status": status})
    for entry in summary.not_taken or ():
        rows.append({"source": entry.source, "package": None, "status": "not taken",
                     "error": entry.reason})
    return rows


def render_overview(summary: dict[str, Any], folder: Path) -> str:
    """The overview page as HTML text; links are relative to `folder`."""
    documents = summary.get("documents")
    if not isinstance(documents, list) and isinstance(summary.get("converted"), list):
        try:
            documents = batch_rows(BatchSummary.from_json(summary))
        except (KeyError, TypeError, ValueError) as error:
            raise BadArguments(f"{folder / SUMMARY_NAME}: not a batch summary ({error})"
                               ) from error
    if not isinstance(documents, list):
        raise BadArguments(f"{folder / SUMMARY_NAME}: no 'documents' list")
    statuses = sorted({str(d.get("status", "?")) for d in documents})
    facts = "".join(f"<li>{esc(k)}: {esc(v)}</li>" for k, v in summary.items()
                    if k != "documents" and not isinstance(v, list | dict))
    ok = sum(1 for d in documents if d.get("status") in _FINISHED)
    options = "".join(f'<option value="{esc(s)}">{esc(s)}</option>' for s in statuses)
    header = ("document", "package", "status", "pages", "confidence", "sections", "warnings",
              "seconds", "review", "error")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<title>Batch overview: {esc(folder.name)}</title><style>{CSS}</style></head><body>'
        f'<header><h1>Batch overview: {esc(folder.name)}</h1>'
        f'<span class="meta">{len(documents)} documents, {ok} converted</span>'
        '<label>filter <input id="filter" type="search" placeholder="name, section, error">'
        '</label><label>status <select id="status-filter"><option value="">all</option>'
        f'{options}</select></label></header><main>'
        f'<ul class="facts">{facts}</ul>'
        '<p class="facts">Click a column heading to sort by it.</p>'
        '<table class="docs"><thead><tr>' + "".join(f"<th>{h}</th>" for h in header) +
        "</tr></thead><tbody>" + "".join(_row(d, folder) for d in documents) +
        f"</tbody></table></main><script>{SCRIPT}</script></body></html>"
    )


def write_overview(folder: Path) -> Path:
    summary_path = folder / SUMMARY_NAME
    try:
        summary = json.loads(summary_path.read_text("utf-8"))
    except FileNotFoundError as error:
        raise FileAccess(f"{summary_path}: no batch summary here",
                         remedy="Run `ocr36 batch` on the folder first.") from error
    except json.JSONDecodeError as error:
        raise BadArguments(f"{summary_path}: not JSON ({error})") from error
    if not isinstance(summary, dict):
        raise BadArguments(f"{summary_path}: not a batch summary (a JSON object)")
    target = folder / OVERVIEW_NAME
    partial = folder / f".{OVERVIEW_NAME}.partial"
    partial.write_text(render_overview(summary, folder), encoding="utf-8")
    partial.replace(target)
    return target
