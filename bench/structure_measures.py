"""The measures of the layouts modelled on other offices, per document and per layout:
running heads kept out of the text, one figure per drawing sheet, and the table that puts
them beside the abstract and description CER, paragraph numbers, claims and front-page fields.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from lxml import etree

from ocr36.evaluate import normalise

Row = dict[str, Any]
FIELDS = ("doc_number", "kind", "publication_date", "titles", "ipc")
"""Front-page fields measured where printed: the truth has them only then."""
_SHORTEST_HEAD = 6
"""Running-head texts shorter than this (column numbers) are not looked for."""


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", normalise(text).lower())


def _package_text(package: Path) -> tuple[str, int]:
    """The text of abstract, description and claims, squeezed; and the drawing figures."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.parse(str(package / "DOC00001.xml"), parser).getroot()
    parts = [" ".join(element.itertext()) for tag in ("abstract", "description", "claims")
             for element in root.findall(tag)]
    return _key(" ".join(parts)), len(root.findall("drawings/figure"))


def _truth_text(truth: dict[str, Any]) -> str:
    parts = [*truth.get("abstract", []), *(b["text"] for b in truth.get("description", []))]
    parts += [c["text"] for claims in truth.get("claims", {}).values() for c in claims]
    return _key(" ".join(parts))


def office_measures(package: Path, truth_path: Path) -> Row:
    """Running heads found in the package's text, and figures beside drawing sheets."""
    truth = json.loads(truth_path.read_text("utf-8"))
    text, figures = _package_text(package)
    own = _truth_text(truth)
    heads = {_key(band["text"]) for page in truth["pages"] for band in page["bands"]
             if band["band"] == "running-header"}
    heads = {head for head in heads if len(head) >= _SHORTEST_HEAD and head not in own}
    sheets = truth.get("sheets")
    if sheets is None:
        sheets = sorted({figure["page"] for figure in truth.get("figures", [])})
    return {"heads": len(heads), "heads_in_text": sorted(h for h in heads if h in text),
            "figures": figures, "sheets": len(sheets)}


def _abstract_cer(rows: list[Row], part: str) -> float | None:
    edits = chars = 0.0
    for row in rows:
        if part in row["result"]["cer"]:
            edits += row["result"]["cer"][part] * row["lengths"].get(part, 0)
            chars += row["lengths"].get(part, 0)
    return edits / chars if chars else None


def _claims_exact(row: Row) -> bool:
    counts = [pair for name, pair in row["result"]["counts"].items()
              if name.startswith("claims")]
    return bool(counts) and all(pair["found"] == pair["truth"] for pair in counts)


def _fraction(rows: list[Row], test: Any) -> str:
    results = [test(row) for row in rows]
    results = [result for result in results if result is not None]
    return f"{sum(results)}/{len(results)}" if results else "-"


def _summary(label: str, rows: list[Row]) -> list[str]:
    done = [row for row in rows if "result" in row and "office" in row]
    abstract, description = _abstract_cer(done, "abstract"), _abstract_cer(done, "description")
    ratio = f"{abstract / description:.1f}x" if abstract is not None and description else "-"
    numbers = [row["result"]["counts"]["paragraphs"] for row in done
               if "paragraphs" in row["result"]["counts"]]
    recovered, of = sum(n["numbers_recovered"] for n in numbers), sum(n["truth"] for n in numbers)

    def field(name: str) -> Any:
        return lambda row: row["result"]["bibliographic"]["fields"].get(name)

    return [label, f"{len(done)}/{len(rows)}",
            "-" if abstract is None else f"{100 * abstract:.2f}%",
            "-" if description is None else f"{100 * description:.2f}%", ratio,
            f"{100 * recovered / of:.1f}%" if of else "-",
            _fraction(done, _claims_exact),
            *(_fraction(done, field(name)) for name in FIELDS),
            _fraction(done, lambda row: not row["office"]["heads_in_text"]
                      if row["office"]["heads"] else None),
            _fraction(done, lambda row: row["office"]["figures"] == row["office"]["sheets"])]


HEADER = ["layout", "docs", "abstr CER", "descr CER", "ratio", "para nums", "claims exact",
          "number", "kind", "date", "title", "IPC", "no heads", "figs=sheets"]


def office_table(rows: list[Row], layouts: list[str]) -> str:
    """One line per layout; the field columns count documents right of those that print it,
    "no heads" documents whose text holds none of its running heads, "figs=sheets" documents
    with one drawing figure per sheet."""
    return aligned([HEADER] + [_summary(layout, [r for r in rows if r["layout"] == layout])
                               for layout in layouts] + [_summary("total", rows)])


def aligned(lines: list[list[str]]) -> str:
    """A header, rows and a total line as columns (the first left, the others right), ruled
    under the header and above the total."""
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    text = ["  ".join(cell.rjust(w) if i else cell.ljust(w)
                      for i, (cell, w) in enumerate(zip(line, widths, strict=True)))
            for line in lines]
    text.insert(1, "-" * len(text[0]))
    text.insert(len(text) - 1, "-" * len(text[0]))
    return "\n".join(text)
