"""Where a batch's wall-clock time goes: the timeline its processes wrote (OCR36_TIMELINE, see
ocr36.batch.timeline), as core-seconds idle at the start, in the middle and at the tail, and
the main process's work beside the workers.

The start runs from the main process's own start to the moment every worker that reads pages
has begun its first; the tail from the moment the first worker ran out of pages for good to
the end of the run (of it, after the last page is read: the last document's commit and the
pool's close); the middle between. A core is idle at an instant when fewer processes of the
run than cores are busy (the main process's work counts: it takes a core too).

    OCR36_TIMELINE=/tmp/t.jsonl ocr36 batch in --out out -j 2
    python -m bench.timeline /tmp/t.jsonl --cores 2          # the figures and a chart
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ocr36.batch.tasks import PAGE_SPAN, REREAD_SPAN
from ocr36.batch.timeline import SERVER_STARTING, STARTING

RUN = "run"
CONTAINERS = ("commit",)
"""Spans that hold others (a commit its structure and package)."""
WORKER_WORK = (PAGE_SPAN, REREAD_SPAN)
SYMBOLS = {STARTING: "i", SERVER_STARTING: "f", PAGE_SPAN: "p", REREAD_SPAN: "r", "open": "o",
           "ship": "h", "unpack": "u", "commit": "c", "structure": "S", "package": "K",
           "close": "x"}
"""How the chart shows each kind of work (idle: '.')."""


@dataclass(frozen=True)
class Span:
    pid: int
    parent: int
    what: str
    start: float
    end: float


@dataclass
class Phases:
    """Core-seconds idle in each phase of a run (or of several runs, added)."""

    start: float = 0.0
    middle: float = 0.0
    tail: float = 0.0
    after_last_page: float = 0.0
    """Of the tail: after the last page was read."""
    wall: float = 0.0
    main_busy: float = 0.0
    """Seconds the main process worked after its own start (its spans' union)."""
    main_beside: dict[str, float] = field(default_factory=dict)
    """The same by kind of work (a commit holds its structure and package)."""
    main_import: list[float] = field(default_factory=list)
    worker_import: list[float] = field(default_factory=list)
    server_import: list[float] = field(default_factory=list)
    """The fork server's start-up (its imports, shared by the workers it forks)."""

    def add(self, other: Phases) -> None:
        self.start += other.start
        self.middle += other.middle
        self.tail += other.tail
        self.after_last_page += other.after_last_page
        self.wall += other.wall
        self.main_busy += other.main_busy
        for what, seconds in other.main_beside.items():
            self.main_beside[what] = self.main_beside.get(what, 0.0) + seconds
        self.main_import += other.main_import
        self.worker_import += other.worker_import
        self.server_import += other.server_import

    def line(self, cores: int, pages: int) -> str:
        beside = self.main_busy
        kinds = ", ".join(f"{what} {seconds:.1f}" for what, seconds in
                          sorted(self.main_beside.items(), key=lambda item: -item[1]))
        worker = statistics.median(self.worker_import) if self.worker_import else 0.0
        main = statistics.median(self.main_import) if self.main_import else 0.0
        server = (f", the fork server {statistics.median(self.server_import):.2f} s"
                  if self.server_import else "")
        return (f"core-seconds idle of {cores * self.wall:.0f} on {cores} cores: start "
                f"{self.start:.1f}, middle {self.middle:.1f}, tail {self.tail:.1f} (after the last "
                f"page {self.after_last_page:.1f}); main process "
                f"beside the workers {beside:.1f} s ({beside / max(pages, 1):.3f} s/page: "
                f"{kinds}); start-up: main {main:.2f} s, a worker {worker:.2f} s (median){server}")


def read_spans(path: Path) -> list[Span]:
    spans = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            spans.append(Span(data["pid"], data["parent"], data["what"], data["start"],
                              data["end"]))
    return spans


def runs(spans: Sequence[Span]) -> dict[int, list[Span]]:
    """Each run's spans, by its main process (the one that noted a whole run): its own, its
    workers' and its fork server's, and those of the workers forked from the server."""
    mains = {span.pid for span in spans if span.what == RUN}
    parents = {span.pid: span.parent for span in spans}
    found: dict[int, list[Span]] = defaultdict(list)
    for span in spans:
        pid = span.pid
        for _ in range(3):  # the main process, a worker or the server, a forked worker
            if pid in mains:
                found[pid].append(span)
                break
            pid = parents.get(pid, 0)
    return dict(found)


def _union(spans: Iterable[Span]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for start, end in sorted((span.start, span.end) for span in spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _idle(busy: Sequence[list[tuple[float, float]]], cores: int, start: float,
          end: float) -> float:
    """Core-seconds idle between `start` and `end`, given each process's busy intervals."""
    events: list[tuple[float, int]] = []
    for intervals in busy:
        for begin, finish in intervals:
            begin, finish = max(begin, start), min(finish, end)
            if finish > begin:
                events += [(begin, 1), (finish, -1)]
    idle, active, last = 0.0, 0, start
    for at, change in sorted(events):
        idle += (cores - min(cores, active)) * (at - last)
        active, last = active + change, at
    return idle + (cores - min(cores, active)) * max(0.0, end - last)


def phases(spans: Sequence[Span], main: int, cores: int) -> Phases:
    """The idle core-seconds of one run, by phase, and its main process's work."""
    own = [span for span in spans if span.pid == main]
    run = next(span for span in own if span.what == RUN)
    began = min((span.start for span in own if span.what == STARTING), default=run.start)
    workers: dict[int, list[Span]] = defaultdict(list)
    for span in spans:
        if span.pid != main:
            workers[span.pid].append(span)
    reading = [[s for s in found if s.what in WORKER_WORK] for found in workers.values()]
    reading = [found for found in reading if found]
    first = max((min(s.start for s in found) for found in reading), default=run.end)
    last = min((max(s.end for s in found) for found in reading), default=run.end)
    last = max(last, first)
    final = max((max(s.end for s in found) for found in reading), default=run.end)
    final = min(max(final, last), run.end)
    busy = [_union(s for s in own if s.what != RUN)]
    busy += [_union(found) for found in workers.values()]
    beside: dict[str, float] = defaultdict(float)
    for span in own:
        if span.what not in (RUN, STARTING):
            beside[span.what] += span.end - span.start
    return Phases(start=_idle(busy, cores, began, first), middle=_idle(busy, cores, first, last),
                  tail=_idle(busy, cores, last, run.end),
                  after_last_page=_idle(busy, cores, final, run.end), wall=run.end - began,
                  main_busy=sum(end - start for start, end in _union(
                      s for s in own if s.what not in (RUN, STARTING))),
                  main_beside=dict(beside),
                  main_import=[s.end - s.start for s in own if s.what == STARTING],
                  worker_import=[s.end - s.start for found in workers.values()
                                 for s in found if s.what == STARTING],
                  server_import=[s.end - s.start for found in workers.values()
                                 for s in found if s.what == SERVER_STARTING])


def summary(path: Path, cores: int) -> Phases:
    """The phases of every run the file holds, added."""
    total = Phases()
    spans = read_spans(path) if path.exists() else []
    for main, found in runs(spans).items():
        total.add(phases(found, main, cores))
    return total


def chart(spans: Sequence[Span], step: float = 0.5, width: int = 100) -> str:
    """One row per process of a run, one character per `step` seconds: what it was busy
    with most of that time ('.' idle)."""
    if not spans:
        return ""
    origin = min(span.start for span in spans)
    end = max(span.end for span in spans)
    step = max(step, (end - origin) / width)
    rows = []
    by_process: dict[int, list[Span]] = defaultdict(list)
    for span in spans:
        if span.what != RUN:
            by_process[span.pid].append(span)
    for pid, found in sorted(by_process.items(), key=lambda item: min(s.start for s in item[1])):
        cells = []
        for index in range(int((end - origin) / step) + 1):
            left, right = origin + index * step, origin + (index + 1) * step
            shares: dict[str, float] = defaultdict(float)
            for span in found:  # a span inside another (structure in commit) shows over it
                inner = 0.5 if span.what in CONTAINERS else 1.0
                shares[span.what] += inner * max(0.0, min(span.end, right) - max(span.start, left))
            what, share = max(shares.items(), key=lambda item: item[1], default=("", 0.0))
            cells.append(SYMBOLS.get(what, "*") if share >= step / 2 else ".")
        rows.append(f"{pid:>8} {''.join(cells)}")
    legend = ", ".join(f"{symbol} {what}" for what, symbol in SYMBOLS.items())
    return "\n".join([f"one character per {step:.2f} s ({legend}; . idle)", *rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("timeline", type=Path)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--pages", type=int, default=0, help="pages read, for per-page figures")
    args = parser.parse_args(argv)
    spans = read_spans(args.timeline)
    for main_pid, found in runs(spans).items():
        print(f"run of process {main_pid}:")
        print(chart(found))
        print(phases(found, main_pid, args.cores).line(args.cores, args.pages))
    print("all runs: " + summary(args.timeline, args.cores).line(args.cores, args.pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
