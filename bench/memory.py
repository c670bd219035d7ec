"""Memory of `ocr36 convert` and `ocr36 batch` as the pages go by: the main process and each
worker, sampled every 0.2 s, so that a flat line (memory that does not grow with the pages
read) can be told from a leak.

    python bench/memory.py --pages 2000 -j 2
    python bench/memory.py --pages 100 --dense --commands convert

The pages are generated: A4 at 300 dpi (2480 x 3508, G4), each holding a few short lines of
text, so that they are cheap to read (the bench profile also turns off the orientation check
and the deskew, which such pages do not need). With --dense each body page is full of text
instead (42 lines, about 500 words, as a page of a description): what grows with the pages
is then their text, held by the main process while the document's structure is built. The
page bitmaps the converter holds, packs and writes are as large as a scanned page's; only the
OCR is short (or, with --dense, a full page's). `convert` reads them as one document of N
pages; `batch` as documents of --document-pages pages each. The table gives, for each run,
the main process's resident memory at each tenth of the run and its peak, and the largest
worker (`convert -j 1` reads its pages in the main process itself: measure with -j 2 or more
to see the main process apart from the reading). It is a benchmark, not a test: a page costs
about 0.9 CPU seconds here (measured over 30 pages of each run), so --pages 2000 (4,000 pages
read in all) takes about half an hour on two idle cores.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil
from PIL import Image, ImageDraw, ImageFont

MB = 1024 * 1024
PROFILE = """extends = "default"
name = "memory-bench"
description = "short generated pages: no orientation check, no deskew; named by source"
[preprocess]
orientation = false
deskew = false
[output]
package_name = "{source}"
"""
SAMPLE_S = 0.2
A4 = (2480, 3508)
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
VARIANTS = 7
"""Distinct body pages, repeated: the pages need not differ for a memory bench."""


@dataclass(frozen=True)
class Row:
    command: str
    pages: int
    seconds: float
    exit_code: int
    main_mb: tuple[float, ...]
    """The main process at 10, 20 ... 100 % of the run."""
    main_peak_mb: float
    worker_peak_mb: float


def _page(lines: list[str]) -> Image.Image:
    """An A4 page at 300 dpi with `lines` of 10-point text from the top margin down."""
    page = Image.new("1", A4, 1)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), 42) if FONT.exists() else ImageFont.load_default(42)
    for number, line in enumerate(lines):
        draw.text((300, 400 + 70 * number), line, font=font, fill=0)
    return page


DENSE_LINES = 42
WORDS = ("the", "device", "of", "claim", "wherein", "a", "signal", "is", "received", "by",
         "said", "unit", "and", "processed", "in", "accordance", "with", "first", "second",
         "value", "layer", "surface", "which", "comprises", "at", "least", "one", "member")


def _body(variant: int) -> Image.Image:
    return _page([f"The memory bench page of kind {variant + 1} holds a short paragraph of",
                  "plain text, so that it is read quickly and its bitmap is a whole page."])


def _dense_body(variant: int) -> Image.Image:
    """A page full of text: DENSE_LINES lines of a dozen words, one a reference number."""
    lines = []
    for line in range(DENSE_LINES):
        start = variant * 7 + line * 3
        words = [WORDS[(start + n * 5) % len(WORDS)] for n in range(11)]
        words.insert(line % 11, f"({(variant * 97 + line * 13) % 1000})")
        lines.append(" ".join(words))
    return _page(lines)


def document_pages(count: int, dense: bool = False) -> list[Image.Image]:
    """A publication of `count` pages (at least 2): a front page with a title, an abstract and
    the description heading, body pages (full of text when `dense`), and the claims on the
    last page."""
    front = _page(["(54) A document for the memory bench", "(57) Pages that are cheap to read.",
                   "", "DESCRIPTION", "The pages that follow each hold a short paragraph."])
    claims = _page(["CLAIMS", "1. A page that is cheap to read.",
                    "2. The page of claim 1, with a second claim."])
    bodies = [(_dense_body if dense else _body)(variant) for variant in range(VARIANTS)]
    return [front, *(bodies[n % VARIANTS] for n in range(count - 2)), claims]


def _save(pages: list[Image.Image], path: Path) -> Path:
    pages[0].save(path, save_all=True, append_images=pages[1:], compression="group4",
                  dpi=(300, 300))
    return path


def write_inputs(work: Path, pages: int, per_document: int,
                 dense: bool = False) -> tuple[Path, Path]:
    """One document of `pages` pages, and a folder of documents of `per_document` pages (as
    many pages in all, the last document shorter)."""
    one = _save(document_pages(pages, dense), work / "one.tif")
    folder = work / "many"
    folder.mkdir()
    for index, start in enumerate(range(0, pages, per_document)):
        count = max(2, min(per_document, pages - start))
        _save(document_pages(count, dense), folder / f"doc{index + 1:05}.tif")
    return one, folder


def _samples(process: psutil.Popen) -> Iterator[tuple[float, float]]:
    """(main MB, largest worker MB) every SAMPLE_S until the process ends."""
    while process.poll() is None:
        try:
            main = process.memory_info().rss / MB
            workers = [child.memory_info().rss / MB
                       for child in process.children(recursive=True)]
            if main > 0:  # 0: the process has ended, and is not yet reaped
                yield main, max(workers, default=0.0)
        except psutil.Error:
            pass  # a worker that ended between the listing and the reading
        time.sleep(SAMPLE_S)


def measure(command: str, arguments: list[str], pages: int) -> Row:
    """Run one command, sampling the memory of its process tree until it ends."""
    started = time.monotonic()
    process = psutil.Popen([sys.executable, "-m", "ocr36.cli", command, *arguments],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    main: list[float] = []
    worker = 0.0
    for main_mb, worker_mb in _samples(process):
        main.append(main_mb)
        worker = max(worker, worker_mb)
    error = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if process.returncode != 0:
        print(f"{command} ended with exit code {process.returncode}:\n{error[-2000:]}",
              file=sys.stderr)
    tenths = tuple(main[min(len(main) - 1, len(main) * q // 10)] for q in range(1, 11)) \
        if main else (0.0,) * 10
    return Row(command, pages, time.monotonic() - started, process.returncode or 0, tenths,
               max(main, default=0.0), worker)


def table(rows: list[Row]) -> str:
    header = (f"{'command':8} {'pages':>6} {'seconds':>8}  main RSS MB at each tenth of the run"
              f"{'':>34} {'peak':>5} {'worker peak':>11}")
    lines = [header, "-" * len(header)]
    for row in rows:
        tenths = " ".join(f"{mb:5.0f}" for mb in row.main_mb)
        lines.append(f"{row.command:8} {row.pages:6} {row.seconds:8.0f}  {tenths}  "
                     f"{row.main_peak_mb:5.0f} {row.worker_peak_mb:11.0f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--document-pages", type=int, default=20,
                        help="pages of each document of the batch (default 20)")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--commands", default="convert,batch")
    parser.add_argument("--dense", action="store_true",
                        help="body pages full of text (about 500 words each)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ocr36-memory-") as folder:
        work = Path(folder)
        one, many = write_inputs(work, max(2, args.pages), max(2, args.document_pages),
                                 args.dense)
        profile = work / "memory-bench.toml"
        profile.write_text(PROFILE, "utf-8")
        jobs = ["-j", str(args.jobs), "--profile", str(profile)]
        inputs = {"convert": one, "batch": many}
        rows = [measure(command, [str(inputs[command]), "--out", str(work / f"out-{command}"),
                                  *jobs], args.pages)
                for command in args.commands.split(",")]
    print(table(rows))
    if any(row.exit_code for row in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
