"""When each process of a run is busy with what, for the benchmark's timeline of a batch.

Nothing is kept unless the environment names a file in OCR36_TIMELINE (the benchmark does):
then each process of the run (the main process and its workers, which inherit the variable)
appends one JSON line per span of work to it: its id, its parent's (a worker's is the main
process, or the fork server the main process started), what it did and when (wall-clock
seconds since the epoch, comparable between processes). A line is written with one call to
a file opened for appending, so that the lines of several processes do not mix.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterator

TIMELINE_VARIABLE = "OCR36_TIMELINE"

STARTING = "starting"
"""A process from its start to its first own work: the interpreter and the imports."""
SERVER_STARTING = "serving"
"""The fork server's start (ocr36.batch.forkserver): the imports its workers share."""


def _file() -> str:
    return os.environ.get(TIMELINE_VARIABLE, "")


def note(what: str, start: float, end: float) -> None:
    """A span of this process's work, from `start` to `end`, when a timeline is kept."""
    path = _file()
    if not path:
        return
    line = json.dumps({"pid": os.getpid(), "parent": os.getppid(),
                       "what": what, "start": round(start, 4), "end": round(end, 4)})
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    except OSError:  # the timeline is only a measure: it never stops a run
        return
    try:
        os.write(descriptor, (line + "\n").encode())
    except OSError:
        pass
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def span(what: str) -> Iterator[None]:
    """The work of this block, noted as `what` when a timeline is kept."""
    if not _file():
        yield
        return
    start = time.time()
    try:
        yield
    finally:
        note(what, start, time.time())


def process_started() -> float:
    """When this process started (wall clock), from /proc; now where /proc is not. Counted
    back from now by the system's uptime, to a hundredth of a second (the boot time /proc
    gives is in whole seconds: processes' starts compared by it could be a second off)."""
    try:
        with open(f"/proc/{os.getpid()}/stat", encoding="ascii") as stat:
            ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        now = time.time()
        with open("/proc/uptime", encoding="ascii") as uptime:
            up = float(uptime.read().split()[0])
    except (OSError, ValueError, IndexError):
        return time.time()
    return now - up + ticks / os.sysconf("SC_CLK_TCK")


def note_started(what: str = STARTING) -> None:
    """This process's start, up to now, when a timeline is kept."""
    if _file():
        note(what, process_started(), time.time())
