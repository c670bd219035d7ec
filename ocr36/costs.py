"""What each page cost, by stage: CPU seconds measured where the work is done.

A worker measures the page stages as it runs them (`StageClock`, entered through `stage`);
the seconds travel back with the page (`PageResult.seconds`), the document's own stages
(structure, package) are measured where it is committed, and the batch summary holds both
per page (`DocumentCost`). A stage run inside another (a second look inside OCR) is counted
to itself alone. CPU time, not wall time: a loaded machine slows pages down, it does not
make them cost more.
"""

from __future__ import annotations

import contextlib
import resource
import time
from collections.abc import Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass

from ocr36.layout.tables import RULED_TABLE, TABLE_WITHOUT_RULES
from ocr36.model import PageReport, PageResult, RegionKind

INGEST = "ingest"
PREPROCESS = "preprocess"
LAYOUT = "layout"
OCR = "ocr"
SECOND_LOOKS = "second looks"
ORIENTATION = "orientation"
REREAD = "language re-read"
STRUCTURE = "structure"
PACKAGE = "package"
STAGES = (INGEST, PREPROCESS, LAYOUT, OCR, SECOND_LOOKS, ORIENTATION, REREAD, STRUCTURE,
          PACKAGE)
"""Every stage a page's cost is told by, in the order a page goes through them."""


def cpu_seconds() -> float:
    """CPU time of this process and of the children it has waited for (the tesseract
    program, for the engine that runs it)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


class StageClock:
    """CPU seconds by stage for one page; a stage entered inside another pauses it."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._open: list[str] = []
        self._mark = 0.0

    def _charge(self, now: float) -> None:
        if self._open:
            name = self._open[-1]
            self.seconds[name] = self.seconds.get(name, 0.0) + now - self._mark
        self._mark = now

    @contextlib.contextmanager
    def running(self, name: str) -> Iterator[None]:
        self._charge(cpu_seconds())
        self._open.append(name)
        try:
            yield
        finally:
            self._charge(cpu_seconds())
            self._open.pop()

    def rounded(self) -> dict[str, float]:
        return {name: round(value, 3) for name, value in self.seconds.items()}


_CLOCK: ContextVar[StageClock | None] = ContextVar("ocr36_stage_clock", default=None)


@contextlib.contextmanager
def measuring() -> Iterator[StageClock]:
    """A clock for the page stages run inside this block (`stage` reports to it)."""
    clock = StageClock()
    token = _CLOCK.set(clock)
    try:
        yield clock
    finally:
        _CLOCK.reset(token)


@contextlib.contextmanager
def stage(name: str) -> Iterator[None]:
    """Count the work of this block to stage `name` (nothing when no clock is running)."""
    clock = _CLOCK.get()
    if clock is None:
        yield
        return
    with clock.running(name):
        yield


@dataclass(frozen=True)
class PageCost:
    page: int
    kind: str
    """front, text, claims, drawing, table, search report or blank."""
    seconds: Mapping[str, float]
    """CPU seconds by stage (`STAGES`); a stage the page did not go through is absent."""


@dataclass(frozen=True)
class DocumentCost:
    pages: tuple[PageCost, ...]


@dataclass(frozen=True)
class PageMeasure:
    """What a page's cost is told by, kept when the page itself is let go."""

    number: int
    seconds: Mapping[str, float]
    holds_table: bool


def page_measures(pages: Sequence[PageResult]) -> tuple[PageMeasure, ...]:
    return tuple(PageMeasure(page.number, page.seconds, any(
        region.kind is RegionKind.IMAGE and region.reason in (RULED_TABLE, TABLE_WITHOUT_RULES)
        for region in page.layout.regions)) for page in pages)


_KINDS = {"front": "front", "description": "text", "claims": "claims", "drawings": "drawing",
          "search-report": "search report", "blank": "blank"}


def document_cost(measures: Sequence[PageMeasure], reports: Sequence[PageReport],
                  structure: float, package: float) -> DocumentCost:
    """Each page's cost: its own stages, and its share of the document's structure and
    package stages (split evenly: they work on the document as a whole). A text page that
    holds a table is a table page."""
    by_number = {measure.number: measure for measure in measures}
    share = 1 / max(len(reports), 1)
    costs = []
    for report in reports:
        measure = by_number.get(report.number)
        seconds = dict(measure.seconds) if measure is not None else {}
        # a page's own packing (in its worker) and its share of the document's package
        for name, value in ((STRUCTURE, structure), (PACKAGE, package)):
            seconds[name] = round(seconds.get(name, 0.0) + value * share, 3)
        kind = _KINDS.get(str(report.kind), str(report.kind))
        if kind == "text" and measure is not None and measure.holds_table:
            kind = "table"
        costs.append(PageCost(report.number, kind, seconds))
    return DocumentCost(tuple(costs))
