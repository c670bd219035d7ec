"""The verification station measured: time to open a 100-page document in headless Chromium,
to save a correction and to approve; the server's memory over a folder of many packages; and
screenshots of the queue and the document view for the README.

The bundled scanned sample is converted once with its review (the engine's results replayed,
no Tesseract); a 100-page document is made from it by repeating its pages (trace, images and
paragraphs, numbered on), and the many packages are hard links of it.

    PYTHONPATH=.:tests .venv/bin/python bench/station.py --packages 10000 [--screenshots docs]

With --calibrate N it also renders N corpus documents (../shared/corpus) with no, light and
heavy scan defects in turn, converts them through Tesseract with their review, and prints the
rank correlation (Spearman) of the station's estimated need with the real CER.
"""

from __future__ import annotations

import argparse
import copy
import http.cookiejar
import json
import os
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import psutil
from lxml import etree
from record_engine import PROFILE, replay
from review_browser import FLAGS

from bench import structure
from ocr36.batch import ConvertOptions, convert
from ocr36.evaluate import evaluate
from ocr36.paths import shared_corpus
from ocr36.profile import load_profile
from ocr36.review.record import review_recorder
from ocr36.station.auth import add_user
from ocr36.station.db import DB_NAME, connect
from ocr36.station.documents import Package
from ocr36.station.quality import estimate

PASSWORD = "bench password"
CHECKOUT = Path(__file__).resolve().parents[1]


def long_document(source: Path, target: Path, pages: int) -> None:
    """`source` (a package with its review) repeated to `pages` pages as `target`."""
    shutil.copytree(source, target)
    review = source.parent / f"{source.name}.review"
    folder = target.parent / f"{target.name}.review"
    folder.mkdir()
    trace = json.loads((review / "trace.json").read_text("utf-8"))
    originals, blocks = trace["pages"], trace["blocks"]
    per_copy = len(originals)
    tree = etree.parse(str(source / "DOC00001.xml"))
    description = tree.getroot().find("description")
    assert description is not None
    paragraphs = list(description)
    trace["pages"], trace["blocks"] = [], []
    copies = -(-pages // per_copy)
    count = 0
    for k in range(copies):
        for page in originals:
            number = k * per_copy + page["number"]
            if number > pages:
                break
            copied = copy.deepcopy(page)
            copied["number"] = number
            copied["image"] = f"page-{number:04d}.png"
            os.link(review / page["image"], folder / copied["image"])
            trace["pages"].append(copied)
        for block in blocks:
            moved = copy.deepcopy(block)
            moved["id"] = f"{block['id']}-{k}"
            moved["boxes"] = [[b[0] + k * per_copy, *b[1:]] for b in block["boxes"]]
            if moved["boxes"] and moved["boxes"][0][0] > pages:
                continue
            if block["kind"] == "paragraph" and block["section"] == "description":
                count += 1
                moved["num"] = f"{count:04d}"
            trace["blocks"].append(moved)
        if k:
            for element in paragraphs:
                description.append(copy.deepcopy(element))
    for number, element in enumerate(description.iterfind("p"), 1):
        element.set("num", f"{number:04d}")
        element.set("id", f"p{number:04d}")
    for number, element in enumerate(description.iterfind("heading"), 1):
        element.set("id", f"h{number:04d}")
    tree.write(str(target / "DOC00001.xml"), xml_declaration=True, encoding="UTF-8")
    (folder / "trace.json").write_text(json.dumps(trace), "utf-8")


def many(source: Path, out: Path, count: int) -> None:
    """`count` packages in `out`, each hard links of `source` and its review."""
    review = source.parent / f"{source.name}.review"
    for index in range(count):
        for origin, name in ((source, f"DOC{index:05d}"), (review, f"DOC{index:05d}.review")):
            (out / name).mkdir()
            for file in origin.iterdir():
                os.link(file, out / name / file.name)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start(out: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(CHECKOUT)}
    process = subprocess.Popen([sys.executable, "-m", "ocr36.cli", "serve", str(out),
                                "--port", str(port)], env=env)
    for _ in range(3000):  # a loaded machine takes a while to import everything
        if process.poll() is not None:
            raise SystemExit(f"the station stopped at its start (port {port} taken?)")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2).close()
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the station did not start")


def log_in(url: str) -> tuple[urllib.request.OpenerDirector, http.cookiejar.CookieJar]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{url}/login") as form:  # the log-in form's CSRF token and its cookie
        csrf = form.read().decode().split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    data = urllib.parse.urlencode({"name": "bench", "password": PASSWORD,
                                   "csrf_token": csrf}).encode()
    opener.open(f"{url}/login", data).close()
    return opener, jar


def browser(jar: http.cookiejar.CookieJar, url: str, profile: Path) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    driver.get(f"{url}/login")
    for cookie in jar:
        driver.add_cookie({"name": cookie.name, "value": cookie.value or "", "path": "/"})
    return driver


def open_times(driver: Any, url: str, repeat: int) -> list[float]:
    """Seconds from navigation to the load event, and until the blocks can be edited."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        driver.get(url)
        driver.find_element("css selector", ".block .text")
        times.append(time.perf_counter() - started)
    return times


def post_json(opener: urllib.request.OpenerDirector, url: str, body: dict[str, Any],
              csrf: str) -> float:
    request = urllib.request.Request(url, json.dumps(body).encode(), {
        "Content-Type": "application/json", "X-CSRF-Token": csrf})
    started = time.perf_counter()
    opener.open(request).close()
    return time.perf_counter() - started


def timings(url: str, out: Path, repeat: int, shots: Path | None) -> None:
    opener, jar = log_in(url)
    driver = browser(jar, url, out.parent / "chromium")
    try:
        doc = f"{url}/doc/0/LONG100"
        opened = open_times(driver, doc, repeat)
        pages = len(driver.find_elements("css selector", "section.spage"))
        blocks = len(driver.find_elements("css selector", ".block"))
        csrf = driver.find_element("id", "station").get_attribute("data-csrf")
        revision = int(driver.find_element("id", "station").get_attribute("data-revision"))
        saves = []
        for index in range(repeat):
            saves.append(post_json(opener, f"{url}/edit/0/LONG100", {
                "action": "text", "block": "/xx-patent-document/description/p[1]",
                "text": f"Corrected {index}.", "revision": revision}, csrf))
            revision += 1
        marked = post_json(opener, f"{url}/edit/0/LONG100", {
            "action": "image", "block": "/xx-patent-document/description/p[2]",
            "revision": revision}, csrf)
        revision += 1
        data = urllib.parse.urlencode({"csrf_token": csrf, "revision": revision}).encode()
        started = time.perf_counter()
        opener.open(f"{url}/approve/0/LONG100", data).close()
        approved = time.perf_counter() - started
        print(f"open a {pages}-page document ({blocks} blocks) in Chromium: median "
              f"{statistics.median(opened):.2f} s (of {repeat}: "
              f"{', '.join(f'{t:.2f}' for t in opened)})")
        print(f"save a correction: median {statistics.median(saves) * 1000:.0f} ms")
        print(f"mark a paragraph as an image (cut from its page, stored): {marked * 1000:.0f} ms")
        print(f"approve (validate, write the version and its new image, keep the one before): "
              f"{approved:.2f} s")
        if shots:
            screenshots(driver, url, shots)
    finally:
        driver.quit()


def screenshots(driver: Any, url: str, folder: Path) -> None:
    driver.set_window_size(1400, 900)
    driver.get(f"{url}/?show=all")
    driver.save_screenshot(str(folder / "station-queue.png"))
    driver.get(f"{url}/doc/0/DOC00000")
    block = driver.find_element("css selector", '.block[data-id$="description/p[3]"] .text')
    block.click()
    time.sleep(0.5)
    driver.save_screenshot(str(folder / "station-document.png"))
    print(f"screenshots: {folder}/station-queue.png, {folder}/station-document.png")


def memory(process: subprocess.Popen[bytes], out: Path, count: int, url: str) -> None:
    """Wait for the queue's estimates of every package; the server's RSS then and after the
    queue page."""
    started = time.perf_counter()
    store = sqlite3.connect(str(out / DB_NAME))
    shown = started
    while (done := store.execute("SELECT COUNT(*) FROM quality").fetchone()[0]) < count:
        time.sleep(0.5)
        if time.perf_counter() - shown > 60:
            shown = time.perf_counter()
            rss = psutil.Process(process.pid).memory_info().rss / 2**20
            print(f"  {done} of {count} estimated after {shown - started:.0f} s, server RSS "
                  f"{rss:.0f} MB", flush=True)
    estimated = time.perf_counter() - started
    opener, _ = log_in(url)
    began = time.perf_counter()
    opener.open(f"{url}/?show=all").close()
    queue = time.perf_counter() - began
    rss = psutil.Process(process.pid).memory_info().rss / 2**20
    print(f"{count} packages: estimated in {estimated:.1f} s after the start, queue page in "
          f"{queue:.2f} s, server RSS {rss:.0f} MB")


def ranks(values: list[float]) -> list[float]:
    """Ranks from 1, ties given their mean rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            result[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return result


def spearman(x: list[float], y: list[float]) -> float:
    rx, ry = ranks(x), ranks(y)
    mx, my = statistics.fmean(rx), statistics.fmean(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    spread = (sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry)) ** 0.5
    return cov / spread if spread else 0.0


def calibrate(count: int, jobs: int, work: Path) -> None:
    """Need against CER on rendered corpus documents with scan defects (see the module)."""
    corpus = shared_corpus()
    if corpus is None:
        raise SystemExit("--calibrate needs the development corpus ../shared/corpus")
    profile = load_profile("default")
    rows = []
    for preset in ("none", "light", "heavy"):
        args = argparse.Namespace(docs=-(-count // 3), layouts=["ep", "two-column", "plain"],
                                  max_pages=3, defects=preset, jobs=jobs, profile="default")
        (work / preset).mkdir(parents=True)
        rows += [{**row, "defects": preset} for row in structure._prepare(corpus, args,
                                                                            work / preset)]
    needs, cers = [], []
    for row in rows:
        tif = Path(row["tif"])
        options = ConvertOptions(profile, jobs=jobs, overwrite=True, review=True)
        package = convert(tif, tif.with_suffix(""), options, review_recorder(profile)).package
        result = evaluate(package, Path(row["truth"]))
        lengths = row["lengths"]
        parts = [p for p in lengths if p in result["cer"] and result["cer"][p] is not None]
        total = sum(lengths[p] for p in parts) or 1
        cer = sum(result["cer"][p] * lengths[p] for p in parts) / total
        need = estimate(Package(0, package.name, package)).need
        needs.append(need)
        cers.append(cer)
        print(f"  {row['name']} {row['layout']} {row['defects']}: need {need:.1f}, "
              f"CER {cer * 100:.2f} %", file=sys.stderr, flush=True)
    print(f"rank correlation (Spearman) of need with CER over {len(rows)} documents: "
          f"{spearman(needs, cers):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--packages", type=int, default=1000)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--screenshots", type=Path)
    parser.add_argument("--calibrate", type=int, default=0, metavar="N")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-station-") as work:
        base = Path(work)
        if args.calibrate:
            calibrate(args.calibrate, args.jobs, base / "calibrate")
            if not args.packages:
                return
        source = replay("US20050004437A1-scan", base / "sample",
                        review_recorder(load_profile(PROFILE)))
        out = base / "out"
        out.mkdir()
        long_document(source, out / "LONG100", args.pages)
        many(source, out, args.packages)
        add_user(connect(out / DB_NAME), "bench", "admin", PASSWORD)
        port = args.port or free_port()
        process = start(out, port)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(130))  # the server and files go too
        try:
            url = f"http://127.0.0.1:{port}"
            memory(process, out, args.packages + 1, url)
            timings(url, out, args.repeat, args.screenshots)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(10)


if __name__ == "__main__":
    main()
