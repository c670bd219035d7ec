"""Throughput of `ocr36 batch` beside bare Tesseract and OCRmyPDF, on the same pages.

Every tool reads the same pages on the same machine in one run; each figure is the median of
--repeat runs. Reported: pages/s (wall clock), CPU seconds per page (all processes of the
tool, and its main process alone: the one that commits, beside the workers), peak resident
memory of one worker process and of the main process, and how much a worker's memory grew
over the run; then the scaling of ocr36 from 1 to --jobs workers beside the bare `tesseract`
program's on the same pages (one process, then --jobs: what the cores give), and for each
ocr36 row where its wall clock went (its processes' timeline, see bench/timeline.py:
core-seconds idle at the start, in the middle and at the tail, the main process's work beside
the workers, start-up).
With --memory N, one long ocr36 batch instead (copies of EP1599469B1, 79 pages each, and the
rendered documents; at least N pages): the memory of its workers and main process through
each tenth of the run, to show it stays flat.

    python -m bench.throughput --quick        # 24 pages, one run each: a try-out
    python -m bench.throughput                # >= 200 pages (EP1599469B1 and rendered ones)
    python -m bench.throughput --memory 1000  # one batch of >= 1,000 pages, memory over time
    python -m bench.throughput --pages 40 --layouts ep,two-column,plain --defects light

After the table, ocr36's cost of a page by stage (CPU seconds the batch measured itself, per
layout and kind of page) beside the CPU per page of the other tools on the same pages, the
slowest 5 pages and why, and each document's dearest page against its median page.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.batches import Batch, pdfs, prepare, prepare_long, single_pages
from bench.costs import Costs, by_stage_table, outliers_table, slowest_table
from bench.timeline import Phases, summary
from ocr36.batch.timeline import TIMELINE_VARIABLE
from ocr36.ocr.engine import DEFAULT_ENGINE
from ocr36_synth.layouts import ALL_LAYOUTS
from ocr36_synth.scan import PRESETS

BIN = Path(sys.executable).parent


@dataclass
class Sample:
    wall: float
    cpu: float
    worker_rss: int = 0
    main_rss: int = 0
    growth: int = 0
    worker_tenths: list[int] = field(default_factory=list)
    main_tenths: list[int] = field(default_factory=list)
    main_cpu: float = 0.0
    """CPU seconds of the main processes alone (the last seen of each, sampled every 0.2 s)."""
    phases: Phases | None = None
    """Where ocr36's wall clock went (its timeline): idle cores, the main process's work."""


@dataclass
class Row:
    tool: str
    jobs: int
    pages: int
    samples: list[Sample] = field(default_factory=list)
    layout_cpu: dict[str, list[float]] = field(default_factory=dict)
    """CPU seconds per page on each batch's pages, one figure a run."""
    costs: Costs = field(default_factory=Costs)

    def median(self, name: str) -> float:
        return statistics.median(getattr(s, name) for s in self.samples)

    @property
    def pages_per_second(self) -> float:
        return statistics.median(self.pages / s.wall for s in self.samples)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=240, help="pages to read (at least)")
    parser.add_argument("--quick", action="store_true", help="24 pages, one run each")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--jobs", type=int, default=2, help="workers (cores) to use")
    parser.add_argument("--tools", default="tesseract,ocrmypdf,pytesseract,tesserocr",
                        help="comma-separated: tesseract, ocrmypdf, pytesseract, tesserocr")
    parser.add_argument("--memory", type=int, default=0, metavar="N",
                        help="one batch of at least N pages: memory through the run")
    parser.add_argument("--work", type=Path, default=None, help="keep the pages and outputs")
    parser.add_argument("--layouts", default="",
                        help="render the corpus documents in these layouts, a batch each "
                             f"(comma-separated: {', '.join(ALL_LAYOUTS)}; or all); default: "
                             "ep, one batch")
    parser.add_argument("--defects", default="", choices=("", *PRESETS),
                        help="scan the rendered pages with this preset's defects")
    args = parser.parse_args(argv)
    if args.quick:
        args.pages, args.repeat = 24, 1
    args.tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    if args.layouts == "all":
        args.layouts = ",".join(ALL_LAYOUTS)
    args.layouts = [name.strip() for name in args.layouts.split(",") if name.strip()]
    if any(name not in ALL_LAYOUTS for name in args.layouts):
        parser.error(f"unknown layouts in {args.layouts}; choose from {', '.join(ALL_LAYOUTS)}")
    return args


# --- measuring ---------------------------------------------------------------------------


@dataclass
class _Seen:
    """A process of the measured command, as sampled from /proc."""

    name: str
    parent: int
    rss: list[int] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    cpu: float = 0.0
    """User and system CPU seconds, as last seen."""


_TICKS = os.sysconf("SC_CLK_TCK")


def _sample_session(session: int, seen: dict[int, _Seen], at: float) -> None:
    """Add the resident KiB of every process of a session, `at` seconds into the run, to what
    was seen of it."""
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
            name = stat[stat.index("(") + 1 : stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2 :].split()
            if int(fields[3]) != session:
                continue
            for line in Path(f"/proc/{entry.name}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    process = seen.setdefault(int(entry.name), _Seen(name, int(fields[1])))
                    process.rss.append(int(line.split()[1]))
                    process.times.append(at)
                    process.cpu = (int(fields[11]) + int(fields[12])) / _TICKS
        except (OSError, ValueError, IndexError):
            continue


def measure(command: str, env: dict[str, str] | None = None) -> Sample:
    """Run a shell command in a session of its own: wall clock, CPU of all its processes
    (each is waited for by its parent), peak RSS of a worker and of the main process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    process = subprocess.Popen(command, shell=True, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, "OMP_THREAD_LIMIT": "1", **(env or {})})
    seen: dict[int, _Seen] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            _sample_session(process.pid, seen, time.monotonic() - started)
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    done.set()
    sampler.join()
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise RuntimeError(f"{command[:200]} failed ({process.returncode}): "
                           f"{stderr.decode(errors='replace')[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    shells = {"sh", "bash", "xargs"}
    tools = {pid: p for pid, p in seen.items() if p.name not in shells}
    # The main processes are those the shell started (or the shell itself, when it ran the
    # command in its place); every other process is a worker.
    mains = {pid for pid, p in tools.items() if pid == process.pid or p.parent == process.pid}
    main_processes = [tools[pid] for pid in mains]
    worker_processes = [p for pid, p in tools.items() if pid not in mains] or main_processes
    main = [p.rss for p in main_processes]
    workers = [p.rss for p in worker_processes]
    growth = max((max(r[len(r) * 3 // 4 :]) - max(r[len(r) // 10 : len(r) // 3 + 1])
                  for r in workers if len(r) >= 10), default=0)
    return Sample(wall=wall, cpu=cpu, worker_rss=max((max(r) for r in workers), default=0),
                  main_rss=max((max(r) for r in main), default=0), growth=growth,
                  worker_tenths=_tenths(worker_processes, wall),
                  main_tenths=_tenths(main_processes, wall),
                  main_cpu=sum(p.cpu for p in main_processes))


def _tenths(processes: list[_Seen], wall: float) -> list[int]:
    """The largest resident KiB of any of the processes in each tenth of the run."""
    peaks = [0] * 10
    for process in processes:
        for at, kib in zip(process.times, process.rss, strict=True):
            tenth = min(int(at / wall * 10), 9)
            peaks[tenth] = max(peaks[tenth], kib)
    return peaks


def _tesseract(pages: Path, out: Path, jobs: int) -> Sample:
    out.mkdir()
    return measure(f"ls {pages}/*.tif | xargs -P {jobs} -I{{}} sh -c "
                   f"'tesseract {{}} {out}/$(basename {{}} .tif) -l eng >/dev/null 2>&1'")


def _ocrmypdf(folder: Path, out: Path, jobs: int) -> Sample:
    out.mkdir()
    commands = " && ".join(
        f"{BIN / 'ocrmypdf'} -q -j {jobs} -l eng --output-type pdf {pdf} {out / pdf.name}"
        for pdf in sorted(folder.glob("*.pdf")))
    return measure(commands)


def _ocr36(batches: list[Batch], out: Path, engine: str, jobs: int) -> Sample:
    """ocr36 on every batch, its processes' timeline kept beside the output folder."""
    timeline = out.parent / f"{out.name}.timeline.jsonl"
    timeline.unlink(missing_ok=True)
    sample = measure(_ocr36_command(batches, out, engine, jobs),
                     {TIMELINE_VARIABLE: str(timeline)})
    sample.phases = summary(timeline, jobs)
    return sample


def _ocr36_command(batches: list[Batch], out: Path, engine: str, jobs: int) -> str:
    return " && ".join(
        f"{{ {BIN / 'ocr36'} batch {batch.folder} --out {out / batch.name} "
        f"--profile {batch.profile} --engine {engine} -j {jobs} || test $? = 7; }}"
        for batch in batches)


def _combined(samples: list[Sample]) -> Sample:
    """Runs one after the other, as one: times added, memory the largest."""
    return Sample(wall=sum(s.wall for s in samples), cpu=sum(s.cpu for s in samples),
                  worker_rss=max(s.worker_rss for s in samples),
                  main_rss=max(s.main_rss for s in samples),
                  growth=max(s.growth for s in samples))


def _by_batch(row: Row, batches: list[Batch], folder: Path, out: Path,
              measure_one: Callable[[Path, Path, int], Sample]) -> Sample:
    """A tool run on each batch's pages in turn: its CPU per page kept for each."""
    out.mkdir()
    samples = []
    for batch in batches:
        samples.append(measure_one(folder / batch.name, out / batch.name, row.jobs))
        row.layout_cpu.setdefault(batch.name, []).append(samples[-1].cpu / batch.pages)
    return _combined(samples)


def _sample(row: Row, batches: list[Batch], folders: dict[str, Path | None],
            out: Path) -> Sample:
    """One run of a row's tool on every batch."""
    folder = folders.get(row.tool)
    if row.tool == "tesseract" and folder is not None:
        return _by_batch(row, batches, folder, out, _tesseract)
    if row.tool == "ocrmypdf" and folder is not None:
        return _by_batch(row, batches, folder, out, _ocrmypdf)
    sample = _ocr36(batches, out, row.tool, row.jobs)
    for batch in batches:
        row.costs.add(batch.name, out / batch.name)
    return sample


def run(args: argparse.Namespace, work: Path) -> list[Row]:
    batches = prepare(args.pages, work, args.layouts, args.defects)
    total = sum(batch.pages for batch in batches)
    print(f"{total} pages in {sum(len(list(b.folder.iterdir())) for b in batches)} documents; "
          f"load average before: {os.getloadavg()[0]:.1f}", file=sys.stderr)
    plans: list[tuple[str, int]] = []
    for tool in args.tools:
        plans.append((tool, args.jobs))
    default = "tesserocr" if "tesserocr" in args.tools else args.tools[-1]
    if args.jobs > 1 and default in ("tesserocr", "pytesseract"):
        plans.append((default, 1))
        if "tesseract" in args.tools:  # the scaling the cores allow, as a ceiling
            plans.append(("tesseract", 1))
    folders = {"tesseract": single_pages(batches, work) if "tesseract" in args.tools else None,
               "ocrmypdf": pdfs(batches, work) if "ocrmypdf" in args.tools else None}
    rows = [Row(tool, jobs, total) for tool, jobs in plans]
    for attempt in range(args.repeat):
        for row in rows:
            out = work / f"out-{row.tool}-{row.jobs}-{attempt}"
            row.samples.append(_sample(row, batches, folders, out))
            shutil.rmtree(out, ignore_errors=True)
            print(f"  {row.tool} -j {row.jobs}: {row.samples[-1].wall:.1f} s", file=sys.stderr)
    print(f"load average after: {os.getloadavg()[0]:.1f}", file=sys.stderr)
    return rows


def table(rows: list[Row], args: argparse.Namespace) -> str:
    names = {"tesseract": "tesseract CLI (xargs -P)", "ocrmypdf": "OCRmyPDF --output-type pdf",
             "pytesseract": "ocr36 batch, pytesseract", "tesserocr": "ocr36 batch, tesserocr"}
    header = (f"{'tool':28} {'workers':>7} {'pages':>6} {'pages/s':>8} {'CPU s/page':>10} "
              f"{'main CPU':>8} {'worker RSS MB':>13} {'main RSS MB':>11} {'growth MB':>9}")
    lines = [f"median of {args.repeat} run(s), {os.cpu_count()} cores", header,
             "-" * len(header)]
    for row in rows:
        lines.append(
            f"{names[row.tool]:28} {row.jobs:>7} {row.pages:>6} {row.pages_per_second:>8.3f} "
            f"{row.median('cpu') / row.pages:>10.2f} {row.median('main_cpu') / row.pages:>8.2f} "
            f"{row.median('worker_rss') / 1024:>13.0f} "
            f"{row.median('main_rss') / 1024:>11.0f} {row.median('growth') / 1024:>9.0f}")
    by = {(row.tool, row.jobs): row for row in rows}
    lines.append("-" * len(header))
    scaling = {engine: by[(engine, args.jobs)].pages_per_second / by[(engine, 1)].pages_per_second
               for engine in ("tesseract", "tesserocr", "pytesseract")
               if (engine, 1) in by and (engine, args.jobs) in by and args.jobs > 1}
    for engine, gain in scaling.items():
        lines.append(f"scaling {engine} 1 -> {args.jobs} workers: {gain:.2f} x"
                     + (f" ({gain / scaling['tesseract']:.2f} of the program's)"
                        if engine != "tesseract" and "tesseract" in scaling else ""))
    for engine in ("tesserocr", "pytesseract"):
        ocr36_row = by.get((engine, args.jobs))
        for other in ("tesseract", "ocrmypdf"):
            base = by.get((other, args.jobs))
            if ocr36_row and base:
                lines.append(f"ocr36 {engine} / {names[other]}: "
                             f"{ocr36_row.pages_per_second / base.pages_per_second:.2f} x")
    lines += [f"ocr36 {row.tool} -j {row.jobs}, where the wall clock went (median run): "
              f"{_phases(row).line(row.jobs, row.pages)}"
              for row in rows if any(s.phases is not None for s in row.samples)]
    return "\n".join([*lines, "", cost_tables(rows, args)])


def _phases(row: Row) -> Phases:
    """The phases of the run of median wall clock."""
    timed = sorted((s for s in row.samples if s.phases is not None), key=lambda s: s.wall)
    found = timed[len(timed) // 2].phases
    assert found is not None
    return found


def cost_tables(rows: list[Row], args: argparse.Namespace) -> str:
    """ocr36's cost by stage (as its batch measured it, with the default engine and
    --jobs workers), beside the CPU per page of the other tools on the same pages."""
    main = next((row for row in rows if row.tool == DEFAULT_ENGINE and row.jobs == args.jobs),
                next((row for row in rows if row.costs.runs), None))
    if main is None:
        return ""
    baselines: dict[str, dict[str, float]] = {}
    for row in (row for row in rows if row.jobs == args.jobs):
        for layout, figures in row.layout_cpu.items():
            baselines.setdefault(layout, {})[row.tool] = statistics.median(figures)
    pages = main.costs.pages()
    return "\n\n".join([by_stage_table(pages, baselines), slowest_table(pages),
                        outliers_table(pages)])


def memory_run(args: argparse.Namespace, work: Path) -> str:
    """One long batch with the default engine: its memory through each tenth of the run."""
    batches = prepare_long(args.memory, work)
    total = sum(batch.pages for batch in batches)
    documents = sum(len(list(batch.folder.iterdir())) for batch in batches)
    print(f"{total} pages in {documents} documents", file=sys.stderr)
    out = work / "out-memory"
    sample = _ocr36(batches, out, DEFAULT_ENGINE, args.jobs)
    shutil.rmtree(out, ignore_errors=True)
    header = f"{'tenth of the run':20}" + "".join(f"{tenth:>6}" for tenth in range(1, 11))
    return "\n".join([
        f"ocr36 batch, {DEFAULT_ENGINE}, {args.jobs} workers: {total} pages in {documents} "
        f"documents, {sample.wall:.0f} s ({total / sample.wall:.3f} pages/s)",
        header, "-" * len(header),
        f"{'worker RSS MB (max)':20}" + "".join(f"{kib / 1024:>6.0f}"
                                                  for kib in sample.worker_tenths),
        f"{'main RSS MB':20}" + "".join(f"{kib / 1024:>6.0f}" for kib in sample.main_tenths),
        "-" * len(header),
        f"peak worker {sample.worker_rss / 1024:.0f} MB, main {sample.main_rss / 1024:.0f} MB; "
        f"growth of a worker from the first third to the last quarter: "
        f"{sample.growth / 1024:.0f} MB"])


def _measure(args: argparse.Namespace, work: Path) -> str:
    if args.memory:
        return memory_run(args, work)
    return table(run(args, work), args)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
        print(_measure(args, args.work))
    else:
        with tempfile.TemporaryDirectory(prefix="ocr36-bench-") as work:
            print(_measure(args, Path(work)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
