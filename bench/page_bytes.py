"""What one page read costs the main process once it is back from its worker: the bytes a
page result holds there, its text (the words with their boxes and confidences) apart from its
packed images, and the objects that make them up.

    PYTHONPATH=.:tests .venv/bin/python bench/page_bytes.py [SAMPLE] [--copies 50]

The densest page of a bundled sample (US20050004437A1 by default: 710 words on its page 2)
is read with the engine's results replayed from tests/data/recorded (no Tesseract, seconds),
packed as a worker packs it, and unpacked --copies times, as the pages of one long document
are held while its structure is built; the growth of the traced memory, divided by the
copies, is what one such page holds. What all pages share (the common words, whole
confidences, page coordinates) is counted once, not per page.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tracemalloc
from collections import Counter
from typing import Any

from record_engine import recording_of

from ocr36.batch import ConvertOptions
from ocr36.batch.convert import read_pages
from ocr36.batch.tasks import PackedPage
from ocr36.ingest import open_source
from ocr36.model import PageResult
from ocr36.ocr.recorded import replay_spec
from ocr36.paths import samples_dir
from ocr36.profile import load_profile


def densest_page(sample: str) -> PageResult:
    options = ConvertOptions(load_profile("default"),
                             engine=replay_spec(recording_of(sample)), jobs=1)
    pages = read_pages(open_source(samples_dir() / f"{sample}.tif"), options)
    return max(pages, key=lambda page: sum(len(line.words) for line in page.text.lines))


def held_bytes(packed: PackedPage, copies: int) -> tuple[int, list[PageResult]]:
    """Traced bytes per copy of the page, unpacked `copies` times and all held."""
    gc.collect()
    tracemalloc.start()
    start, _peak = tracemalloc.get_traced_memory()
    held = [packed.unpack() for _ in range(copies)]
    end, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return (end - start) // copies, held


def objects_of(root: object) -> Counter[str]:
    """Bytes by type of the objects reachable from `root` (each object once)."""
    seen: set[int] = set()
    sizes: Counter[str] = Counter()
    stack: list[Any] = [root]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        sizes[type(item).__name__] += sys.getsizeof(item)
        if isinstance(item, tuple | list):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif hasattr(item, "__dict__"):
            stack.append(vars(item))
        elif hasattr(type(item), "__slots__") and not isinstance(item, str | bytes | int):
            stack.extend(getattr(item, name) for name in type(item).__slots__
                         if hasattr(item, name))
    return sizes


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sample", nargs="?", default="US20050004437A1")
    parser.add_argument("--copies", type=int, default=50)
    args = parser.parse_args(argv)
    page = densest_page(args.sample)
    packed = PackedPage.of(page)
    words = sum(len(line.words) for line in page.text.lines)
    images = len(page.packed_page) + sum(len(crop.data) for crop in page.crops.values())
    per_page, held = held_bytes(packed, args.copies)
    print(f"{args.sample} page {page.number}: {len(page.text.lines)} lines, {words} words")
    print(f"packed as it travels:        {len(packed.data):9,} bytes")
    print(f"held unpacked, per page:     {per_page:9,} bytes")
    print(f"  of which packed images:    {images:9,} bytes")
    print(f"  the rest (text, layout):   {per_page - images:9,} bytes, "
          f"{(per_page - images) / max(words, 1):.0f} a word")
    print("objects of one page's text (shared objects counted too):")
    for name, size in objects_of(held[-1].text).most_common():
        print(f"  {name:12} {size:9,}")


if __name__ == "__main__":
    main()
