"""Accuracy on scans: ocr36 against bare Tesseract and OCRmyPDF on the same degraded pages.

Sections (all by default, `--sections` picks some):
  pages  page-text CER of ocr36, `tesseract` (CLI defaults) and OCRmyPDF (`--deskew --clean
         --rotate-pages`, its `--sidecar` text) on the UNLV pages, clean and with seeded scan
         defects, and on single-column pages rendered from corpus XML with scan defects
  skew   residual skew and orientation of ocr36's page stage on seeded text, drawing and
         nearly empty pages, skewed within +-5 degrees and turned 90/180/270 degrees
  docs   ocr36's structured CER (`ocr36 evaluate`) on corpus documents rendered with defects
  ep     EP1599469B1 converted clean and with seeded scan defects
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageSequence
from rapidfuzz.distance import Levenshtein

from bench import structure
from bench.inputs import (
    TextPage,
    corpus_patents,
    rendered_pages,
    save_page,
    unlv_pages,
)
from ocr36.batch import ConvertOptions, convert
from ocr36.errors import Ocr36Error
from ocr36.evaluate import evaluate, normalise
from ocr36.ingest import open_source
from ocr36.pages import PageTask, process_page
from ocr36.pagetext import read_page_text
from ocr36.paths import shared_corpus
from ocr36.pipeline import default_jobs
from ocr36.profile import load_profile
from ocr36_synth.render import render
from ocr36_synth.scan import PRESETS, Defects, degrade, degrade_document

BENCH = Path(__file__).resolve().parent
SECTIONS = ("pages", "skew", "docs", "ep")
TOOLS = ("ocr36", "tesseract", "ocrmypdf")
PAGE_PROFILE = BENCH / "profiles" / "pages.toml"
EP_DEFECTS = "light"


# --- the three tools --------------------------------------------------------------------------


def _run_ocr36(path: Path) -> str:
    text, _ = read_page_text(path, load_profile(str(PAGE_PROFILE)), segmentation="engine")
    return text


def _run_tesseract(path: Path) -> str:
    result = subprocess.run(["tesseract", str(path), "-"], capture_output=True, text=True,
                            check=True, timeout=600)
    return result.stdout


def _ocrmypdf() -> str:
    beside = Path(sys.executable).parent / "ocrmypdf"
    return str(beside) if beside.exists() else "ocrmypdf"


def _run_ocrmypdf(path: Path) -> str:
    with tempfile.TemporaryDirectory(prefix="ocr36-ocrmypdf-") as temporary:
        sidecar, pdf = Path(temporary) / "page.txt", Path(temporary) / "page.pdf"
        subprocess.run([_ocrmypdf(), "-q", "--deskew", "--clean", "--rotate-pages",
                        "--output-type", "pdf", "--optimize", "0", "-j", "1",
                        "--sidecar", str(sidecar), str(path), str(pdf)],
                       capture_output=True, text=True, check=True, timeout=900)
        return sidecar.read_text("utf-8")


_RUNNERS: dict[str, Callable[[Path], str]] = {
    "ocr36": _run_ocr36, "tesseract": _run_tesseract, "ocrmypdf": _run_ocrmypdf,
}


def _read(job: tuple[str, str]) -> dict[str, Any]:
    tool, path = job
    started = time.monotonic()
    try:
        text = _RUNNERS[tool](Path(path))
        error = ""
    except subprocess.CalledProcessError as failure:
        text, error = "", f"exit {failure.returncode}: {(failure.stderr or '')[-300:]}"
    except (Ocr36Error, OSError, subprocess.TimeoutExpired) as failure:
        text, error = "", f"{type(failure).__name__}: {failure}"
    return {"tool": tool, "path": path, "text": text, "error": error,
            "seconds": round(time.monotonic() - started, 1)}


def _pool_map(function: Callable[[Any], Any], items: Sequence[Any], jobs: int) -> list[Any]:
    if jobs <= 1:
        return [function(item) for item in items]
    with ProcessPoolExecutor(max_workers=jobs) as executor:
        return list(executor.map(function, items))


def page_text_rows(pages: list[TextPage], jobs: int) -> list[dict[str, Any]]:
    jobs_list = [(tool, str(page.path)) for page in pages for tool in TOOLS]
    found = {(r["tool"], r["path"]): r for r in _pool_map(_read, jobs_list, jobs)}
    rows = []
    for page in pages:
        truth = normalise(page.truth)
        row: dict[str, Any] = {"group": page.group, "name": page.name, "defects": page.defects,
                               "path": str(page.path), "truth": page.truth, "chars": len(truth),
                               "edits": {}, "errors": {}, "seconds": {}, "texts": {}}
        for tool in TOOLS:
            result = found[(tool, str(page.path))]
            row["edits"][tool] = Levenshtein.distance(normalise(result["text"]), truth)
            row["seconds"][tool] = result["seconds"]
            row["texts"][tool] = result["text"]
            if result["error"]:
                row["errors"][tool] = result["error"]
        rows.append(row)
        print(f"  {page.name:<40} " + "  ".join(
            f"{tool} {100 * row['edits'][tool] / max(row['chars'], 1):6.2f}%" for tool in TOOLS),
            file=sys.stderr, flush=True)
    return rows


def page_text_table(rows: list[dict[str, Any]]) -> str:
    groups = list(dict.fromkeys(row["group"] for row in rows))
    header = ["pages (page-text CER)", "pages", "chars", *TOOLS]
    lines = [header]

    def line(label: str, chosen: list[dict[str, Any]]) -> list[str]:
        chars = sum(r["chars"] for r in chosen)
        return [label, str(len(chosen)), str(chars),
                *(f"{100 * sum(r['edits'][t] for r in chosen) / max(chars, 1):.2f}%"
                  for t in TOOLS)]

    for group in [*groups, "total"]:
        lines.append(line(group, [r for r in rows if group in ("total", r["group"])]))
    for preset in dict.fromkeys(r["defects"] for r in rows):
        chosen = [r for r in rows if r["defects"] == preset and r["group"] != "UNLV clean"]
        if chosen:
            lines.append(line(f"  defects {preset}", chosen))
    seconds = [f"{statistics.mean(r['seconds'][t] for r in rows):.1f}" for t in TOOLS]
    lines.append(["seconds per page", "", "", *seconds])
    text = _grid(lines, rules=(1, len(groups) + 2))
    failures = [f"  {r['name']}: {t}: {r['errors'][t]}" for r in rows for t in r["errors"]]
    return text + ("\nFailures:\n" + "\n".join(failures) if failures else "")


def _grid(lines: list[list[str]], rules: Sequence[int] = (1,)) -> str:
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    text = ["  ".join(cell.rjust(w) if i else cell.ljust(w)
                      for i, (cell, w) in enumerate(zip(line, widths, strict=True)))
            for line in lines]
    for offset, index in enumerate(sorted(rules)):
        text.insert(index + offset, "-" * len(text[0]))
    return "\n".join(text)


# --- skew and orientation -------------------------------------------------------------------


def _nearly_empty(image: Image.Image, page: dict[str, Any]) -> Image.Image:
    """A text page cut down to its header, its first few lines and its page number."""
    gray = image.convert("L")
    draw = ImageDraw.Draw(gray)
    number = next((b["box"] for b in page["bands"] if b["band"] == "page-number"), None)
    bottom = number[1] - 10 if number else gray.height
    draw.rectangle((0, 560, gray.width, bottom), fill=255)
    result = gray.convert("1")
    result.info["dpi"] = (300, 300)
    return result


def skew_pages(corpus: Path, work: Path, count: int) -> list[dict[str, Any]]:
    """Seeded pages of three kinds with a skew within +-5 degrees; half are turned."""
    rng = random.Random(36)
    pool: dict[str, list[Image.Image]] = {"text": [], "drawing": [], "nearly empty": []}
    wanted = {"text": count // 2, "drawing": count // 4, "nearly empty": count - 3 * (count // 4)}
    wanted["text"] = count - wanted["drawing"] - wanted["nearly empty"]
    for patent in corpus_patents(corpus, None):
        if all(len(pool[k]) >= wanted[k] for k in pool):
            break
        layout = ("ep", "two-column", "plain")[len(pool["text"]) % 3]
        document = render(patent, layout, max_pages=6)
        for image, page in zip(document.pages, document.truth["pages"], strict=True):
            if page["kind"] == "drawings":
                pool["drawing"].append(image)
            elif page["kind"] in ("description", "claims", "front"):
                pool["text"].append(image)
                if page["kind"] != "front" and len(pool["nearly empty"]) < len(pool["text"]) // 2:
                    pool["nearly empty"].append(_nearly_empty(image, page))
    items = []
    for kind, images in pool.items():
        for index, image in enumerate(images[: wanted[kind]]):
            rotation = rng.choice((0, 0, 0, 90, 180, 270))
            seed = rng.randint(0, 2**31)
            scanned, applied = degrade(image, seed, Defects(
                max_skew=5.0, rotation=rotation, noise=10.0, speckle=0.0003, blur=0.7,
                border=rng.random() < 0.5))
            path = save_page(scanned, work / f"skew-{kind.replace(' ', '-')}-{index:03d}")
            items.append({"kind": kind, "path": str(path), "skew": applied["skew"],
                          "rotation": applied["rotation"]})
    return items


def _measure(item: dict[str, Any]) -> dict[str, Any]:
    """The page through the page stage as a conversion runs it (orientation is checked where
    the text reads poorly, or where the lines run up the page)."""
    page = process_page(PageTask(open_source(Path(item["path"])), 1, load_profile("default")))
    upright = (item["rotation"] - page.rotation) % 360 == 0
    return {**item, "found_rotation": page.rotation, "found_skew": page.skew,
            "upright": upright, "residual": abs(item["skew"] + page.skew) if upright else None,
            "cpu": sum(page.seconds.values())}


def skew_table(rows: list[dict[str, Any]]) -> str:
    header = ["pages (page stage)", "pages", "turned", "upright", "turned a correct page",
              "residual skew max", "p95", "median", "CPU s/page median", "max"]
    lines = [header]
    for kind in [*dict.fromkeys(r["kind"] for r in rows), "total"]:
        chosen = [r for r in rows if kind in ("total", r["kind"])]
        turned = [r for r in chosen if r["rotation"]]
        residuals = sorted(r["residual"] for r in chosen if r["residual"] is not None)
        wrongly = sum(1 for r in chosen if not r["rotation"] and r["found_rotation"])
        p95 = residuals[min(len(residuals) - 1, round(0.95 * (len(residuals) - 1)))] \
            if residuals else None

        def deg(value: float | None) -> str:
            return "-" if value is None else f"{value:.3f}°"

        lines.append([kind, str(len(chosen)), str(len(turned)),
                      f"{sum(r['upright'] for r in chosen)}/{len(chosen)} "
                      f"({100 * sum(r['upright'] for r in chosen) / max(len(chosen), 1):.1f}%)",
                      str(wrongly), deg(residuals[-1] if residuals else None), deg(p95),
                      deg(statistics.median(residuals) if residuals else None),
                      f"{statistics.median(r['cpu'] for r in chosen):.2f}",
                      f"{max(r['cpu'] for r in chosen):.2f}"])
    text = _grid(lines, rules=(1, len(lines) - 1))
    wrong = [f"  {Path(r['path']).name}: turned {r['rotation']}, found {r['found_rotation']}"
             for r in rows if not r["upright"]]
    worst = sorted((r for r in rows if r["residual"] is not None),
                   key=lambda r: -r["residual"])[:3]
    text += "\nLargest residual skew: " + ", ".join(
        f"{Path(r['path']).name} {r['skew']:+.2f}° -> {r['residual']:.3f}°" for r in worst)
    return text + ("\nNot upright:\n" + "\n".join(wrong) if wrong else "")


# --- documents ------------------------------------------------------------------------------


def documents(count: int, defects: str, jobs: int, work: Path) -> str:
    """bench/structure.py's documents and table, with scan defects."""
    args = argparse.Namespace(docs=count, layouts=["ep", "two-column", "plain"], max_pages=4,
                              defects=defects, jobs=jobs, profile="default")
    corpus = shared_corpus()
    assert corpus is not None
    work.mkdir(parents=True, exist_ok=True)
    rows = structure._prepare(corpus, args, work)
    for index, row in enumerate(rows):
        structure._convert(row, args)
        status = row.get("error") or f"descr CER {row['result']['cer'].get('description')}"
        print(f"  [{index + 1}/{len(rows)}] {row['name']} {row['layout']}: {status}",
              file=sys.stderr, flush=True)
    return (f"{len(rows)} documents, max 4 pages, defects {defects}, profile default\n"
            + structure._table(rows, args.layouts))


def ep_document(corpus: Path, work: Path, jobs: int, variants: Sequence[str],
                max_pages: int | None) -> str:
    source = corpus / "EP1599469B1" / "pages.tif"
    truth = corpus / "EP1599469B1" / "truth.xml"
    profile = load_profile("ep")
    results: dict[str, dict[str, Any]] = {}
    for variant in variants:
        path = work / f"ep-{variant}.tif"
        if variant == "clean":
            shutil.copyfile(source, path)
        else:
            degrade_document(source, path, variant, 1599469)
        if max_pages:
            _cut(path, max_pages)
        started = time.monotonic()
        conversion = convert(path, work / f"ep-{variant}",
                             ConvertOptions(profile, jobs=jobs, overwrite=True))
        measured = evaluate(conversion.package, truth)
        measured["seconds"] = round(time.monotonic() - started)
        results[variant] = measured
        print(f"  EP1599469B1 {variant}: {measured['cer']} in {measured['seconds']} s",
              file=sys.stderr, flush=True)
    parts = sorted({part for r in results.values() for part in r["cer"]})
    lines = [["EP1599469B1 (ep profile)", *parts, "claims found", "seconds"]]
    for variant, measured in results.items():
        claims = ", ".join(f"{name.split(':')[1]} {c['found']}/{c['truth']}"
                           for name, c in measured["counts"].items() if name.startswith("claims"))
        lines.append([variant if variant == "clean" else f"defects {variant}",
                      *(f"{100 * measured['cer'][p]:.2f}%" if p in measured["cer"] else "-"
                        for p in parts), claims, str(measured["seconds"])])
    if "clean" in results and len(results) > 1:
        for variant, measured in results.items():
            if variant == "clean":
                continue
            ratios = [f"{measured['cer'][p] / results['clean']['cer'][p]:.2f}x"
                      if results["clean"]["cer"].get(p) else "-" for p in parts]
            lines.append([f"{variant} / clean", *ratios, "", ""])
    return _grid(lines)


def _cut(path: Path, pages: int) -> None:
    with Image.open(path) as image:
        frames = [frame.copy() for _, frame in zip(range(pages), ImageSequence.Iterator(image),
                                                   strict=False)]
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="group4",
                   dpi=frames[0].info.get("dpi", (300, 300)))


# --- main -----------------------------------------------------------------------------------


def _show(tables: list[str], table: str) -> None:
    """Print a section's table as soon as it is measured (a later section may fail)."""
    tables.append(table)
    print(("\n\n" if len(tables) > 1 else "") + table, flush=True)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sections", default=",".join(SECTIONS), help="comma-separated")
    parser.add_argument("--pages", type=int, default=12, help="rendered pages with defects")
    parser.add_argument("--skew-pages", type=int, default=120)
    parser.add_argument("--docs", type=int, default=20)
    parser.add_argument("--docs-defects", choices=sorted(PRESETS), default="light")
    parser.add_argument("--ep", default=f"clean,{EP_DEFECTS}",
                        help="EP variants: clean and/or defect presets, comma-separated")
    parser.add_argument("--ep-pages", type=int, default=None, help="first N EP pages only")
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--work", type=Path, default=None, help="keep pages and packages")
    parser.add_argument("--json", type=Path, default=None, help="write all measurements")
    args = parser.parse_args(argv)
    args.sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    if not args.sections or any(s not in SECTIONS for s in args.sections):
        parser.error(f"sections are {', '.join(SECTIONS)}")
    args.ep = [v.strip() for v in args.ep.split(",") if v.strip()]
    if any(v != "clean" and v not in PRESETS for v in args.ep):
        parser.error(f"EP variants are clean and {', '.join(sorted(PRESETS))}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    corpus = shared_corpus()
    if corpus is None:
        print("This benchmark needs the development corpus (../shared/corpus).", file=sys.stderr)
        return 2
    if "pages" in args.sections and not shutil.which(_ocrmypdf()):
        print("OCRmyPDF is missing: run `make bench-accuracy`, which installs it.",
              file=sys.stderr)
        return 3
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    tables: list[str] = []
    record: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="ocr36-accuracy-") as temporary:
        work = args.work or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        if "pages" in args.sections:
            print("page text: UNLV and rendered pages, three tools", file=sys.stderr)
            pages = unlv_pages(corpus, work) + rendered_pages(corpus, work, args.pages)
            rows = page_text_rows(pages, args.jobs)
            record["pages"] = rows
            _show(tables, page_text_table(rows))
        if "skew" in args.sections:
            print("skew and orientation", file=sys.stderr)
            items = skew_pages(corpus, work, args.skew_pages)
            measured = _pool_map(_measure, items, args.jobs)
            record["skew"] = measured
            _show(tables, skew_table(measured))
        if "docs" in args.sections:
            print("documents", file=sys.stderr)
            _show(tables, documents(args.docs, args.docs_defects, args.jobs, work / "docs"))
        if "ep" in args.sections:
            print("EP1599469B1", file=sys.stderr)
            _show(tables, ep_document(corpus, work, args.jobs, args.ep, args.ep_pages))
    if args.json:
        args.json.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
