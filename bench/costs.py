"""What each page cost ocr36, by stage, as the batch itself measured it (batch-summary.json:
CPU seconds of each page's stages in the worker that read it, and its share of its document's
structure and package stages): per layout and kind of page, the slowest pages and why, and
the pages that cost more than 3 times the median page of their document.

Run on its own, the CPU seconds of a page's own first stages without OCR, for comparing code
on the same pages on a machine loaded by other work:

    python -m bench.costs --profile ep ../shared/corpus/EP1599469B1/pages.tif
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ocr36.batch.summary import SUMMARY_NAME
from ocr36.costs import STAGES
from ocr36.ingest import load_page, open_source
from ocr36.layout import analyse
from ocr36.ocr import get_engine
from ocr36.preprocess import preprocess
from ocr36.profile import load_profile

KINDS = ("front", "text", "claims", "drawing", "table", "search report", "blank")
PATHOLOGICAL = 3.0
"""A page above this many times the median page cost of its document is pathological."""
_SHORT = {"ingest": "ingest", "preprocess": "prep", "layout": "layout", "ocr": "OCR",
          "second looks": "2nd look", "orientation": "orient", "language re-read": "re-read",
          "structure": "struct", "package": "package"}


@dataclass(frozen=True)
class PageSeconds:
    layout: str
    document: str
    page: int
    kind: str
    seconds: dict[str, float]

    @property
    def total(self) -> float:
        return sum(self.seconds.values())

    def why(self) -> str:
        """The stages that took most of the page's time."""
        ranked = sorted(self.seconds.items(), key=lambda item: -item[1])[:2]
        return ", ".join(f"{name} {value:.2f} s" for name, value in ranked if value > 0)


@dataclass
class Costs:
    """Page costs gathered over the runs of one tool: a page's seconds by stage are the
    medians over the runs."""

    runs: dict[tuple[str, str, int], list[PageSeconds]] = field(
        default_factory=lambda: defaultdict(list))

    def add(self, layout: str, out: Path) -> None:
        """The pages of one batch's summary (`out` is the batch's output folder)."""
        summary = json.loads((out / SUMMARY_NAME).read_text("utf-8"))
        for document in summary["converted"]:
            name = Path(document["source"]).stem
            for page in document.get("cost", {}).get("pages", []):
                self.runs[(layout, name, page["page"])].append(PageSeconds(
                    layout, name, page["page"], page["kind"], dict(page["seconds"])))

    def pages(self) -> list[PageSeconds]:
        found = []
        for seen in self.runs.values():
            stages = {stage for page in seen for stage in page.seconds}
            seconds = {stage: statistics.median(page.seconds.get(stage, 0.0) for page in seen)
                       for stage in stages}
            first = seen[0]
            found.append(PageSeconds(first.layout, first.document, first.page, first.kind,
                                     seconds))
        return found


def by_stage_table(pages: list[PageSeconds], baselines: dict[str, dict[str, float]]) -> str:
    """CPU seconds per page by stage, per layout and kind of page, beside the CPU seconds per
    page of each baseline tool on the same layout's pages."""
    tools = sorted({tool for per_layout in baselines.values() for tool in per_layout})
    header = (f"{'layout':14} {'kind':13} {'pages':>5} "
              + " ".join(f"{_SHORT[s]:>8}" for s in STAGES) + f" {'total':>7}"
              + "".join(f" {tool[:12]:>12}" for tool in tools))
    lines = ["CPU seconds per page by stage (ocr36), and per page of each other tool on the "
             "same layout's pages", header, "-" * len(header)]
    groups: dict[tuple[str, str], list[PageSeconds]] = defaultdict(list)
    for page in pages:
        groups[(page.layout, page.kind)].append(page)
        groups[(page.layout, "all")].append(page)
    order = {kind: rank for rank, kind in enumerate((*KINDS, "all"))}
    for layout, kind in sorted(groups, key=lambda key: (key[0], order.get(key[1], 99))):
        group = groups[(layout, kind)]
        means = [sum(p.seconds.get(s, 0.0) for p in group) / len(group) for s in STAGES]
        others = "".join(f" {baselines.get(layout, {}).get(tool, 0.0):>12.2f}"
                         if kind == "all" else f" {'':>12}" for tool in tools)
        lines.append(f"{layout:14} {kind:13} {len(group):>5} "
                     + " ".join(f"{m:>8.2f}" for m in means) + f" {sum(means):>7.2f}" + others)
    return "\n".join(lines)


def slowest_table(pages: list[PageSeconds], count: int = 5) -> str:
    lines = [f"slowest {count} pages", f"{'layout':14} {'document':28} {'page':>4} "
             f"{'kind':13} {'CPU s':>6}  why"]
    for page in sorted(pages, key=lambda p: -p.total)[:count]:
        lines.append(f"{page.layout:14} {page.document[:28]:28} {page.page:>4} "
                     f"{page.kind:13} {page.total:>6.2f}  {page.why()}")
    return "\n".join(lines)


def outliers_table(pages: list[PageSeconds]) -> str:
    """Per document: its median page cost, its dearest page, and the ratio of the two."""
    documents: dict[tuple[str, str], list[PageSeconds]] = defaultdict(list)
    for page in pages:
        documents[(page.layout, page.document)].append(page)
    lines = [f"page cost against the median page of its document (> {PATHOLOGICAL:.0f} x: "
             "pathological)",
             f"{'layout':14} {'document':28} {'pages':>5} {'median s':>8} {'max s':>6} "
             f"{'ratio':>6}  dearest page"]
    worst = 0.0
    for (layout, name), group in sorted(documents.items()):
        median = statistics.median(p.total for p in group)
        dearest = max(group, key=lambda p: p.total)
        ratio = dearest.total / median if median > 0 else 0.0
        worst = max(worst, ratio)
        flag = "  <-- above" if ratio > PATHOLOGICAL else ""
        lines.append(f"{layout:14} {name[:28]:28} {len(group):>5} {median:>8.2f} "
                     f"{dearest.total:>6.2f} {ratio:>6.2f}  page {dearest.page} "
                     f"({dearest.kind}: {dearest.why()}){flag}")
    lines.append(f"largest ratio: {worst:.2f} x")
    return "\n".join(lines)


def page_work(path: Path, profile_name: str) -> dict[str, float]:
    """CPU seconds per page of ingest, preprocess (orientation left for after OCR, as the
    page stage does) and layout, over the pages of one document."""
    profile = load_profile(profile_name)
    engine = get_engine()
    source = open_source(path)
    seconds = {"ingest": 0.0, "preprocess": 0.0, "layout": 0.0}
    for number in range(1, source.page_count + 1):
        start = time.process_time()
        page = load_page(source, number, profile.preprocess.dpi_fallback)
        loaded = time.process_time()
        clean = preprocess(page, profile.preprocess, engine.for_page(number),
                           languages=profile.language.tesseract, defer_orientation=True)
        cleaned = time.process_time()
        analyse(clean, profile.layout, first_page=number == 1)
        seconds["ingest"] += loaded - start
        seconds["preprocess"] += cleaned - loaded
        seconds["layout"] += time.process_time() - cleaned
    return {stage: value / source.page_count for stage, value in seconds.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="CPU seconds per page of ingest, "
                                     "preprocess and layout (no OCR), per document.")
    parser.add_argument("documents", nargs="+", type=Path)
    parser.add_argument("--profile", default="default")
    args = parser.parse_args(argv)
    print(f"{'document':40} {'ingest':>7} {'prep':>7} {'layout':>7} {'total':>7}")
    for path in args.documents:
        cost = page_work(path, args.profile)
        print(f"{path.name[:40]:40} " + " ".join(f"{v:>7.3f}" for v in cost.values())
              + f" {sum(cost.values()):>7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
