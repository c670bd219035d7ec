"""Structure accuracy of `ocr36 convert` on corpus documents rendered in several layouts.

Beside the table of all layouts, a second table measures what the layouts modelled on other
offices (`ocr36_synth.layouts`) test: the abstract's CER beside the description's, paragraph
numbers, claims found exactly, the front-page fields where printed, running heads kept out of
the text, and one figure per drawing sheet.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

from bench.structure_measures import aligned, office_measures, office_table
from ocr36.batch import ConvertOptions, convert
from ocr36.errors import Ocr36Error
from ocr36.evaluate import evaluate, normalise, read_truth_json
from ocr36.ocr.engine import DEFAULT_ENGINE
from ocr36.ocr.recorded import record_spec, save_recording
from ocr36.paths import shared_corpus
from ocr36.pipeline import default_jobs
from ocr36.profile import load_profile
from ocr36_synth.layouts import ALL_LAYOUTS, OFFICE_LAYOUTS, fits, render
from ocr36_synth.render import LAYOUTS
from ocr36_synth.scan import PRESETS, degrade_preset
from ocr36_synth.source import PatentText, load_patent

Row = dict[str, Any]


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=24,
                        help="number of documents, shared out between the layouts")
    parser.add_argument("--layouts", default=",".join(LAYOUTS),
                        help=f"comma-separated, of {', '.join(ALL_LAYOUTS)}; 'all' for every one")
    parser.add_argument("--skip", type=int, default=0,
                        help="pass over the first SKIP documents that fit each layout (a "
                             "held-out set: documents not looked at while rules were made)")
    parser.add_argument("--max-pages", type=int, default=6)
    parser.add_argument("--defects", choices=["none", *sorted(PRESETS)], default="none")
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--work", type=Path, default=None, help="keep renders and packages")
    parser.add_argument("--profile", default="default")
    parser.add_argument("--json", type=Path, default=None, help="write per-document results")
    parser.add_argument("--recordings", type=Path, default=None,
                        help="keep the engine's results per document in this folder: a "
                             "document recorded there is replayed (no Tesseract), so that "
                             "two runs differ only by the structure stage; a call not yet "
                             "recorded is read and recorded (one job)")
    args = parser.parse_args(argv)
    if args.layouts == "all":
        args.layouts = ",".join(ALL_LAYOUTS)
    args.layouts = [name.strip() for name in args.layouts.split(",") if name.strip()]
    unknown = [name for name in args.layouts if name not in ALL_LAYOUTS]
    if unknown or not args.layouts:
        parser.error(f"unknown layouts {unknown}; choose from {', '.join(ALL_LAYOUTS)}")
    return args


def _corpus_files(corpus: Path, layout: str) -> list[Path]:
    """EPO and USPTO files in sorted order, alternating so that both offices take part; for
    the US front page the USPTO's first; for the office layouts those with drawings first."""
    epo = sorted((corpus / "xml" / "epo").rglob("*.xml"))
    uspto = sorted((corpus / "xml" / "uspto").rglob("*.xml"))
    mixed: list[Path] = []
    for index in range(max(len(epo), len(uspto))):
        mixed += [group[index] for group in (uspto, epo) if index < len(group)]
    if layout == "us":
        mixed = uspto + epo
    if layout in OFFICE_LAYOUTS:  # drawings first: their sheets are measured
        mixed.sort(key=lambda path: not _has_figures(path))
    return mixed


def _has_figures(source: Path) -> bool:
    try:
        return bool(load_patent(source).figures)
    except Ocr36Error:
        return False


def _prepare(corpus: Path, args: argparse.Namespace, work: Path) -> list[Row]:
    """Render the first corpus documents that parse and fit each layout (after the first
    `--skip` of them), the documents shared out between the layouts as evenly as they go (the
    first layouts one more)."""
    rows: list[Row] = []
    for number, layout in enumerate(args.layouts):
        wanted = args.docs // len(args.layouts) + (number < args.docs % len(args.layouts))
        taken = skipped = 0
        for source in _corpus_files(corpus, layout):
            if taken == wanted:
                break
            if skipped < args.skip:
                skipped += _fits_pages(corpus, source, layout, args)
                continue
            row = _prepare_one(corpus, source, layout, args, work / f"{len(rows):02d}")
            if row is not None:
                rows.append(row)
                taken += 1
    return rows


def _fits_pages(corpus: Path, source: Path, layout: str, args: argparse.Namespace) -> bool:
    """Whether the document would be taken in the layout (it fits and prints claims on its
    first pages), without writing it: what `--skip` counts."""
    try:
        patent = load_patent(source)
        if fits(patent, layout) is not None:
            return False
        document = render(patent, layout, max_pages=args.max_pages)
    except (Ocr36Error, ValueError):
        return False
    return any(document.truth["claims"].values())


def _prepare_one(corpus: Path, source: Path, layout: str, args: argparse.Namespace,
                 prefix: Path) -> Row | None:
    index = int(prefix.name)
    try:
        patent = load_patent(source)
        why = fits(patent, layout)
        if why is not None:
            raise ValueError(why)
        stem = prefix.with_name(f"{prefix.name}-{patent.name}-{layout}")
        tif, truth, pages = _render(patent, layout, args, 1000 * index, stem)
        if not any(json.loads(truth.read_text("utf-8"))["claims"].values()):
            raise ValueError(f"no claims on its first {args.max_pages} pages in the "
                             f"{layout} layout")
    except (Ocr36Error, ValueError) as error:
        print(f"note: skipped {source.relative_to(corpus)} ({layout}): {error}",
              file=sys.stderr)
        return None
    return {"name": patent.name, "source": str(source.relative_to(corpus)),
            "layout": layout, "lang": patent.lang, "pages": pages, "tif": str(tif),
            "truth": str(truth), "lengths": _truth_lengths(truth)}


def _render(patent: PatentText, layout: str, args: argparse.Namespace, seed: int,
            stem: Path) -> tuple[Path, Path, int]:
    """Write STEM.tif and STEM.truth.json as samples/render.py does; return them and pages."""
    document = render(patent, layout, max_pages=args.max_pages)
    pages = list(document.pages)
    truth: dict[str, Any] = dict(document.truth)
    dpi = 300
    if args.defects != "none":
        scanned = [degrade_preset(page, seed + i, args.defects) for i, page in enumerate(pages)]
        pages = [page for page, _ in scanned]
        dpi = PRESETS[args.defects].dpi
        truth["scan"] = {"defects": args.defects, "seed": seed,
                         "pages": [applied for _, applied in scanned]}
    tif, truth_path = stem.with_suffix(".tif"), stem.with_suffix(".truth.json")
    pages[0].save(tif, save_all=True, append_images=pages[1:], compression="group4",
                  dpi=(dpi, dpi))
    truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return tif, truth_path, len(pages)


def _truth_lengths(truth_path: Path) -> dict[str, int]:
    """Characters of the truth texts that CER is divided by, per part."""
    reading = read_truth_json(truth_path)
    lengths = {"description": len(normalise(" ".join(reading.paragraphs.values()))),
               "abstract": len(normalise(" ".join(reading.abstract)))}
    for lang, claims in reading.claims.items():
        lengths[f"claims:{lang}"] = len(normalise(" ".join(claims)))
    return lengths


def _convert(row: Row, args: argparse.Namespace) -> None:
    """Convert one rendered TIFF into a package beside it and evaluate it against the truth."""
    tif = Path(row["tif"])
    started = time.monotonic()
    try:
        profile = load_profile(args.profile)
        engine, jobs, recording = _engine(tif, args)
        conversion = convert(tif, tif.with_suffix(""),
                             ConvertOptions(profile, engine=engine, jobs=jobs, overwrite=True))
        if recording is not None:
            save_recording(recording)
        row["seconds"] = round(time.monotonic() - started, 1)
        row["package"] = str(conversion.package)
        row["result"] = evaluate(conversion.package, Path(row["truth"]))
        row["office"] = office_measures(conversion.package, Path(row["truth"]))
    except Ocr36Error as error:
        row["error"] = f"{type(error).__name__}: {error}"
    except Exception as error:  # a crash is a finding too: record it and go on
        traceback.print_exc()
        row["error"] = f"crash {type(error).__name__}: {error}"


def _engine(tif: Path, args: argparse.Namespace) -> tuple[str, int, Path | None]:
    """The engine, the jobs and the recording to save: with `--recordings`, the document's
    recording there, its calls replayed and those it lacks read and added (one job); else
    Tesseract."""
    if args.recordings is None:
        return DEFAULT_ENGINE, args.jobs, None
    name = f"{tif.stem.split('-', 1)[1]}-{args.defects}-{args.max_pages}p.json.gz"
    path = (args.recordings / name).resolve()
    return record_spec(DEFAULT_ENGINE, path), 1, path


def _heading_f1(done: list[dict[str, Any]]) -> float | None:
    """Over all headings of all documents (a document with no headings in its truth and
    one found counts one false heading, not an F1 of 0)."""
    hits = found = truth = 0.0
    for row in done:
        counts = row["result"]["counts"]["headings"]
        found += counts["found"]
        truth += counts["truth"]
        hits += row["result"]["heading_f1"] * (counts["found"] + counts["truth"]) / 2
    if not found and not truth:
        return None if not done else 1.0
    return 2 * hits / (found + truth)


def _weighted(rows: list[Row], prefix: str) -> float | None:
    edits = chars = 0.0
    for row in rows:
        for part, value in row["result"]["cer"].items():
            if part == prefix or part.startswith(prefix + ":"):
                edits += value * row["lengths"].get(part, 0)
                chars += row["lengths"].get(part, 0)
    return edits / chars if chars else None


def _count(rows: list[Row], prefix: str, found: str) -> tuple[int, int]:
    pairs = [counts for row in rows for name, counts in row["result"]["counts"].items()
             if name == prefix or name.startswith(prefix + ":")]
    return sum(p[found] for p in pairs), sum(p["truth"] for p in pairs)


def _summary(label: str, rows: list[Row]) -> list[str]:
    done = [row for row in rows if "result" in row]
    pages = sum(row["pages"] for row in rows)
    done_pages = sum(row["pages"] for row in done)
    seconds = sum(row["seconds"] for row in done)

    def pct(value: float | None) -> str:
        return "-" if value is None else f"{100 * value:.2f}%"

    def ratio(pair: tuple[int, int], percent: bool = False) -> str:
        if percent:
            return f"{100 * pair[0] / pair[1]:.1f}%" if pair[1] else "-"
        return f"{pair[0]}/{pair[1]}"

    def total(key: str) -> tuple[int, int]:
        return (sum(r["result"][key]["right"] for r in done),
                sum(r["result"][key]["of"] for r in done))

    f1 = _heading_f1(done)
    return [label, f"{len(done)}/{len(rows)}", str(pages),
            pct(_weighted(done, "description")), pct(_weighted(done, "claims")),
            ratio(_count(done, "paragraphs", "numbers_recovered"), percent=True),
            ratio(_count(done, "claims", "found")),
            "-" if f1 is None else f"{f1:.3f}",
            ratio(total("bibliographic")), ratio(total("bookmarks")),
            f"{seconds / done_pages:.1f}" if done_pages else "-"]


_HEADER = ["layout", "docs", "pages", "descr CER", "claims CER", "para nums", "claims",
           "head F1", "bib right", "bookmarks", "s/page"]


def _table(rows: list[Row], layouts: list[str]) -> str:
    return aligned([_HEADER] + [_summary(layout, [r for r in rows if r["layout"] == layout])
                                for layout in layouts] + [_summary("total", rows)])


def _worst(rows: list[Row], count: int = 5) -> str:
    def key(row: Row) -> float:
        return row["result"]["cer"].get("description", 0.0) if "result" in row else 2.0

    lines = ["Worst documents by description CER:"]
    for row in sorted(rows, key=key, reverse=True)[:count]:
        shown = row["error"][:90] if "error" in row else f"{100 * key(row):.2f}%"
        lines.append(f"  {Path(row['tif']).stem:<40} {row['layout']:<11} {shown}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    corpus = shared_corpus()
    if corpus is None:
        print("This benchmark needs the development corpus (../shared/corpus).", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="ocr36-bench-") as temporary:
        work = args.work or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        rows = _prepare(corpus, args, work)
        for index, row in enumerate(rows):
            _convert(row, args)
            status = row.get("error") or f"descr CER {row['result']['cer'].get('description')}"
            print(f"[{index + 1}/{len(rows)}] {row['name']} {row['layout']} "
                  f"{row['pages']}p: {status}", file=sys.stderr, flush=True)
    print(f"{len(rows)} documents, max {args.max_pages} pages, defects {args.defects}, "
          f"profile {args.profile} (CER and counts over converted documents)")
    print(_table(rows, args.layouts))
    print()
    print(office_table(rows, args.layouts))
    print()
    print(_worst(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
