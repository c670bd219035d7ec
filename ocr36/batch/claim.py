"""A run's claim on its output folder, so that what a killed run left there is removed at the
next start and what a live run is writing is never touched.

Every run (`convert` or `batch`) holds a shared flock on the output folder itself for as long
as it runs; a run that starts while no other holds the folder removes the leftovers of earlier
runs first. The kernel releases the flock when a process ends, however it ends, so a killed
run never keeps its leftovers from being cleaned. No file is added to the folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from ocr36.journal import LOCK_NAME


@contextlib.contextmanager
def run_claim(out_dir: Path, clean: Callable[[Path], None],
              batch_lock_held: bool = False) -> Iterator[None]:
    """Hold `out_dir` for this run, calling `clean` on it first when no other run is alive
    there (`batch_lock_held`: this process is the batch that holds the folder's batch lock;
    else a batch holding it counts as a live run). A folder that does not exist yet is not
    held (there is nothing in it to clean)."""
    try:
        descriptor = os.open(out_dir, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            alone = batch_lock_held or not _batch_alive(out_dir)
        except BlockingIOError:
            alone = False
        if alone:
            clean(out_dir)
        fcntl.flock(descriptor, fcntl.LOCK_SH)
        yield
    finally:
        os.close(descriptor)


def _batch_alive(out_dir: Path) -> bool:
    """A batch holds the folder's batch lock (a batch of an older version that takes no
    claim on the folder)."""
    try:
        descriptor = os.open(out_dir / LOCK_NAME, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)
    return False
