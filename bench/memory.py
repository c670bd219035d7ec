"""Memory of `ocr36 convert` and `ocr36 batch` as the pages go by: the main process and each
worker, sampled every 0.2 s, so that a flat line (memory that does not grow with the pages
read) can be told from a leak.

    python bench/memory.py --pages 2000 -j 2

The pages are the bundled sample's, over and over: `convert` reads them as one document,
`batch` as copies of the sample (a whole publication each). The table gives, for each run, the main
process's resident memory at each quarter of the run and at its peak, and the largest worker.
It is a benchmark, not a test: 2,000 pages take about an hour on two cores.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
from PIL import Image, ImageSequence

from ocr36.paths import samples_dir

MB = 1024 * 1024
PROFILE = """extends = "default"
name = "by-source"
description = "packages named after their source file: the copies of the sample differ"
[output]
package_name = "{source}"
"""
SAMPLE_S = 0.2


@dataclass(frozen=True)
class Row:
    command: str
    pages: int
    seconds: float
    main_mb: tuple[float, ...]
    """The main process at 25, 50, 75 and 100 % of the run."""
    main_peak_mb: float
    worker_peak_mb: float


def _pages() -> list[Image.Image]:
    with Image.open(samples_dir() / "US20050004437A1.tif") as image:
        return [frame.copy() for frame in ImageSequence.Iterator(image)]


def write_inputs(work: Path, pages: int) -> tuple[Path, Path]:
    """One document of `pages` pages, and a folder of copies of the sample (as many pages,
    rounded up to a whole copy)."""
    sample = _pages()
    per_document = len(sample)
    cycle = [sample[n % len(sample)] for n in range(pages)]
    one = work / "one.tif"
    cycle[0].save(one, save_all=True, append_images=cycle[1:], compression="group4",
                  dpi=(300, 300))
    folder = work / "many"
    folder.mkdir()
    for start in range(0, pages, per_document):
        part = sample
        part[0].save(folder / f"doc{start // per_document + 1:05}.tif", save_all=True,
                     append_images=part[1:], compression="group4", dpi=(300, 300))
    return one, folder


def measure(command: str, arguments: list[str], pages: int) -> Row:
    """Run one command, sampling the memory of its process tree until it ends."""
    started = time.monotonic()
    process = psutil.Popen([sys.executable, "-m", "ocr36.cli", command, *arguments],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    main: list[float] = []
    worker = 0.0
    while process.poll() is None:
        try:
            main.append(process.memory_info().rss / MB)
            for child in process.children(recursive=True):
                worker = max(worker, child.memory_info().rss / MB)
        except psutil.Error:
            pass  # a worker that ended between the listing and the reading
        time.sleep(SAMPLE_S)
    if process.returncode != 0:
        print(f"{command} ended with exit code {process.returncode}", file=sys.stderr)
    quarters = tuple(main[min(len(main) - 1, len(main) * q // 4)] for q in (1, 2, 3, 4)) \
        if main else (0.0,) * 4
    return Row(command, pages, time.monotonic() - started, quarters,
               max(main, default=0.0), worker)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("-j", "--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ocr36-memory-") as folder:
        work = Path(folder)
        one, many = write_inputs(work, args.pages)
        profile = work / "by-source.toml"
        profile.write_text(PROFILE, "utf-8")
        jobs = ["-j", str(args.jobs), "--profile", str(profile)]
        rows = [measure("convert", [str(one), "--out", str(work / "out-convert"), *jobs],
                        args.pages),
                measure("batch", [str(many), "--out", str(work / "out-batch"), *jobs],
                        args.pages)]
    print(f"{'command':8} {'pages':>6} {'seconds':>8}  main MB at 25/50/75/100 %"
          f"      {'main peak':>9} {'worker peak':>11}")
    for row in rows:
        quarters = " ".join(f"{mb:7.0f}" for mb in row.main_mb)
        print(f"{row.command:8} {row.pages:6} {row.seconds:8.0f}  {quarters}  "
              f"{row.main_peak_mb:9.0f} {row.worker_peak_mb:11.0f}")


if __name__ == "__main__":
    main()
