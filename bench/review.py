"""How fast a review page opens in headless Chromium, for documents of 8 to 200 pages.

The bundled sample is converted once with --review; its trace is repeated to the page counts
asked for (page images shared), the review rendered, and the page loaded from file:// in a
fresh headless Chromium (Debian `chromium` + `chromium-driver`). Prints a table.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ocr36.batch import ConvertOptions, convert
from ocr36.paths import samples_dir
from ocr36.pipeline import default_jobs
from ocr36.profile import load_profile
from ocr36.review.page import render_review
from ocr36.review.record import review_recorder
from ocr36.review.trace import read_trace, review_folder
from ocr36.review.tracedata import Trace

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,1000")


def repeated(trace: dict[str, Any], pages: int) -> dict[str, Any]:
    """The trace (as JSON) with its pages (and the blocks on them) repeated up to `pages`
    pages."""
    result = copy.deepcopy(trace)
    result["pages"], result["blocks"] = [], []
    originals = trace["pages"]
    for number in range(1, pages + 1):
        source = originals[(number - 1) % len(originals)]
        page = copy.deepcopy(source)
        page["number"] = number
        suffix = f"-{number}"
        for line in page["lines"]:
            if line["block"]:
                line["block"] += suffix
        result["pages"].append(page)
        for block in trace["blocks"]:
            if block["boxes"] and block["boxes"][0][0] == source["number"]:
                copied = copy.deepcopy(block)
                copied["id"] += suffix
                copied["boxes"] = [[number, *b[1:]] for b in block["boxes"]
                                   if b[0] == source["number"]]
                if copied["num_box"]:
                    copied["num_box"] = [number, *copied["num_box"][1:]]
                result["blocks"].append(copied)
    kept = {b["id"] for b in result["blocks"]}
    for page in result["pages"]:
        for line in page["lines"]:
            if line["block"] and line["block"] not in kept:
                line["block"] = None
    return result


def load_times(page: Path, profile_dir: Path) -> tuple[float, float, int]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile_dir}")
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    try:
        driver.get(page.as_uri())
        ready, loaded = driver.execute_script(
            "var t = performance.timing; return [t.domContentLoadedEventEnd - "
            "t.navigationStart, t.loadEventEnd - t.navigationStart];")
        boxes = int(driver.execute_script("return document.querySelectorAll('.ov').length"))
    finally:
        driver.quit()
        shutil.rmtree(profile_dir, ignore_errors=True)
    return ready / 1000, loaded / 1000, boxes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", default="8,50,100,200", help="comma-separated page counts")
    arguments = parser.parse_args(argv)
    counts = [int(n) for n in arguments.pages.split(",")]
    with tempfile.TemporaryDirectory(prefix="ocr36-bench-review-") as work:
        out = Path(work) / "out"
        source = samples_dir() / "US20050004437A1.tif"
        profile = load_profile("default")
        started = time.monotonic()
        result = convert(source, out, ConvertOptions(profile, jobs=default_jobs(), review=True),
                         review_recorder(profile))
        print(f"converted {source.name} with --review in {time.monotonic() - started:.1f} s")
        folder = review_folder(result.package)
        trace = read_trace(folder).to_json()
        header = f"{'pages':>6} {'HTML MB':>8} {'boxes':>7} {'render s':>9} " \
                 f"{'DOM ready s':>12} {'loaded s':>9}"
        print(header)
        print("-" * len(header))
        for count in counts:
            big = Trace.from_json(repeated(trace, count))
            started = time.monotonic()
            text = render_review(big)
            rendered = time.monotonic() - started
            page = folder / f"bench-{count}.html"
            page.write_text(text, encoding="utf-8")
            ready, loaded, boxes = load_times(page, Path(work) / f"chromium-{count}")
            print(f"{count:>6} {len(text.encode()) / 1e6:>8.2f} {boxes:>7} {rendered:>9.2f} "
                  f"{ready:>12.2f} {loaded:>9.2f}")
        print("-" * len(header))
    return 0


if __name__ == "__main__":
    sys.exit(main())
