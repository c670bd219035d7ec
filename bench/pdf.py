"""PDF input on rendered corpus documents written as PDFs both ways.

For each document: the image-only PDF against the TIFF (the same DOC00001.xml?), and the
born-digital PDF read from its text layer against the same PDF read by OCR (`ocr_all`):
description and claims CER, structure measures, pages per second (wall-clock) and CPU seconds
per page (this process and its workers), each document in a run of its own. Then all
born-digital PDFs in one run, both ways, as a batch reads a back-file (the workers start once).
The load average is printed before and after: on a loaded machine the wall-clock rates measure
the contention, the CPU seconds the work.

    PYTHONPATH=. .venv/bin/python bench/pdf.py --docs 3 --max-pages 8 --jobs 2
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from ocr36.batch import ConvertOptions, convert, convert_documents
from ocr36.batch.outcome import Converted, Outcome
from ocr36.batch.progress import NoProgress
from ocr36.costs import cpu_seconds
from ocr36.errors import Ocr36Error
from ocr36.evaluate import evaluate
from ocr36.paths import shared_corpus
from ocr36.profile import load_profile
from ocr36_synth.pdf import render_pdfs, write_tiff
from ocr36_synth.render import LAYOUTS
from ocr36_synth.source import load_patent

Row = dict[str, Any]


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=3, help="number of documents")
    parser.add_argument("--max-pages", type=int, default=8)
    parser.add_argument("--jobs", type=int, default=2, help="pages read at once")
    parser.add_argument("--profile", default="default")
    parser.add_argument("--work", type=Path, default=None, help="keep renders and packages")
    parser.add_argument("--speed-only", action="store_true",
                        help="the born-digital PDFs only (no TIFF nor image-only PDF)")
    return parser.parse_args(argv)


def _sources(corpus: Path, count: int) -> list[Path]:
    epo = sorted((corpus / "xml" / "epo").rglob("*.xml"))
    uspto = sorted((corpus / "xml" / "uspto").rglob("*.xml"))
    mixed = [group[index] for index in range(max(len(epo), len(uspto)))
             for group in (uspto, epo) if index < len(group)]
    return mixed[:count]


def _timed(path: Path, out: Path, options: ConvertOptions) -> tuple[Path, float, int, Row]:
    """The package, its wall-clock seconds, its pages, and the CPU seconds it cost and the
    pages read from the text layer."""
    cpu, started = cpu_seconds(), time.perf_counter()
    result = convert(path, out, options)
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu  # the workers' CPU counts once they have exited
    manifest = json.loads((result.package / "manifest.json").read_text("utf-8"))
    sources = [page.get("text_source", "ocr") for page in manifest["pages"]]
    return result.package, seconds, len(sources), {"from_pdf": sources.count("pdf"), "cpu": cpu}


def _structure(measured: Row) -> str:
    counts = measured["counts"]
    paragraphs = counts.get("paragraphs", {"found": 0, "truth": 0})
    claims = sum(c["found"] for name, c in counts.items() if name.startswith("claims:"))
    return (f"p {paragraphs['found']}/{paragraphs['truth']} h {measured['heading_f1']:.2f} "
            f"c {claims} b {measured['bookmarks']['right']}/{measured['bookmarks']['of']}")


def _cer(measured: Row) -> str:
    claims = [v for k, v in measured["cer"].items() if k.startswith("claims:")]
    return (f"{measured['cer'].get('description', 0) * 100:.2f}/"
            f"{max(claims, default=0) * 100:.2f}")


def _same(tiff: Path, image_only: Path, folder: Path, options: ConvertOptions) -> bool:
    """Whether the image-only PDF gives the TIFF's DOC00001.xml."""
    from_tiff, *_ = _timed(tiff, folder / "tiff", options)
    from_image, *_ = _timed(image_only, folder / "image", options)
    return (from_tiff / "DOC00001.xml").read_bytes() == \
        (from_image / "DOC00001.xml").read_bytes()


def _document(source: Path, layout: str, args: argparse.Namespace, work: Path,
              first: bool) -> Row:
    rendered = render_pdfs(load_patent(source), layout, max_pages=args.max_pages)
    name = f"{source.stem}-{layout}"
    folder = work / name
    folder.mkdir(parents=True)
    for kind in ("tiff", "image", "text"):
        (folder / f"in-{kind}").mkdir()
    # one file name for all three: a package is named after its input when no number is read
    tiff = folder / "in-tiff" / f"{name}.tif"
    image_only, born = folder / "in-image" / f"{name}.pdf", folder / "in-text" / f"{name}.pdf"
    write_tiff(rendered.document, tiff)
    image_only.write_bytes(rendered.image_only)
    born.write_bytes(rendered.born_digital)
    truth = folder / "truth.json"
    truth.write_text(json.dumps(rendered.document.truth), "utf-8")
    options = ConvertOptions(load_profile(args.profile), jobs=args.jobs)
    same = None if args.speed_only else _same(tiff, image_only, folder, options)
    if first:  # this process's caches (word lists, versions) filled before anything is timed
        _timed(born, folder / "warm", options)
    text, text_s, pages, text_row = _timed(born, folder / "text", options)
    ocr, ocr_s, _, ocr_row = _timed(born, folder / "ocr", replace(options, ocr_all=True))
    text_m, ocr_m = evaluate(text, truth), evaluate(ocr, truth)
    return {"document": name, "pages": pages, "from_pdf": text_row["from_pdf"],
            "same": same, "cer_text": _cer(text_m), "cer_ocr": _cer(ocr_m),
            "text_pps": pages / text_s, "ocr_pps": pages / ocr_s,
            "text_cpu": text_row["cpu"], "ocr_cpu": ocr_row["cpu"],
            "structure_text": _structure(text_m), "structure_ocr": _structure(ocr_m)}


def _one_run(inputs: list[Path], out: Path, options: ConvertOptions) -> tuple[float, float]:
    """Wall-clock and CPU seconds to convert all `inputs` in one run."""
    failed: list[str] = []

    def report(outcome: Outcome) -> None:
        if not isinstance(outcome, Converted):
            failed.append(str(outcome))

    cpu, started = cpu_seconds(), time.perf_counter()
    convert_documents(inputs, out, options, NoProgress(), report)
    seconds = time.perf_counter() - started
    if failed:
        raise SystemExit(f"one run failed: {failed}")
    return seconds, cpu_seconds() - cpu


def _together(rows: list[Row], work: Path, args: argparse.Namespace) -> str:
    inputs = [work / r["document"] / "in-text" / f"{r['document']}.pdf" for r in rows]
    options = ConvertOptions(load_profile(args.profile), jobs=args.jobs)
    text_s, text_cpu = _one_run(inputs, work / "together-text", options)
    ocr_s, ocr_cpu = _one_run(inputs, work / "together-ocr", replace(options, ocr_all=True))
    pages = sum(r["pages"] for r in rows)
    return (f"| all, one run | {pages} | | | | {pages / text_s:.2f} | {pages / ocr_s:.2f} | "
            f"{ocr_s / text_s:.1f}x | {text_cpu / pages:.2f} | {ocr_cpu / pages:.2f} | "
            f"{ocr_cpu / text_cpu:.1f}x | | |")


def _table(rows: list[Row]) -> str:
    lines = ["| document | pages (text layer) | image-only PDF = TIFF | CER desc/claims % "
             "text layer | CER desc/claims % OCR | pages/s text layer | pages/s OCR | speed-up "
             "| CPU s/page text layer | CPU s/page OCR | CPU ratio | structure text layer "
             "| structure OCR |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['document']} | {r['pages']} ({r['from_pdf']}) | "
                     f"{_verdict(r['same'])} | {r['cer_text']} | {r['cer_ocr']} "
                     f"| {r['text_pps']:.2f} | {r['ocr_pps']:.2f} | "
                     f"{r['text_pps'] / r['ocr_pps']:.1f}x | {r['text_cpu'] / r['pages']:.2f} | "
                     f"{r['ocr_cpu'] / r['pages']:.2f} | {r['ocr_cpu'] / r['text_cpu']:.1f}x | "
                     f"{r['structure_text']} | {r['structure_ocr']} |")
    pages = sum(r["pages"] for r in rows)
    text_s = sum(r["pages"] / r["text_pps"] for r in rows)
    ocr_s = sum(r["pages"] / r["ocr_pps"] for r in rows)
    text_cpu, ocr_cpu = sum(r["text_cpu"] for r in rows), sum(r["ocr_cpu"] for r in rows)
    lines.append(f"| all | {pages} ({sum(r['from_pdf'] for r in rows)}) | "
                 f"{_same_count(rows)} | | | "
                 f"{pages / text_s:.2f} | "
                 f"{pages / ocr_s:.2f} | {ocr_s / text_s:.1f}x | {text_cpu / pages:.2f} | "
                 f"{ocr_cpu / pages:.2f} | {ocr_cpu / text_cpu:.1f}x | | |")
    return "\n".join(lines)


def _same_count(rows: list[Row]) -> str:
    compared = [r["same"] for r in rows if r["same"] is not None]
    return f"{sum(compared)}/{len(compared)} same" if compared else "not compared"


def _verdict(same: bool | None) -> str:
    return "not compared" if same is None else "same" if same else "DIFFERENT"


def _load() -> str:
    return "load average " + " ".join(f"{value:.1f}" for value in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    corpus = shared_corpus()
    if corpus is None:
        print("the development corpus ../shared/corpus is absent")
        return 1
    print(f"before: {_load()}")
    with tempfile.TemporaryDirectory(prefix="ocr36-bench-pdf-") as scratch:
        work = args.work or Path(scratch)
        rows: list[Row] = []
        for index, source in enumerate(_sources(corpus, args.docs)):
            try:
                rows.append(_document(source, LAYOUTS[index % len(LAYOUTS)], args, work,
                                      first=not rows))
            except Ocr36Error as error:  # the TIFF itself does not convert: not a PDF matter
                print(f"{source.name}: left out: {error.message}")
        table = _table(rows)
        if rows:
            table += "\n" + _together(rows, work, args)
    print(f"after: {_load()}")
    print(table)
    print("structure: p paragraphs found/truth, h heading F1, c claims found, "
          "b bookmarks right/of")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
