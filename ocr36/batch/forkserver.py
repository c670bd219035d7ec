"""Where a local pool's workers come from: on Linux a fork server, one process that imports
what a page needs once, at the pool's start, and forks each worker from itself (a worker is
ready in a few hundredths of a second instead of importing ocr36 again, about 1.4 s of CPU
each); elsewhere multiprocessing's spawn method, a fresh interpreter a worker.

A worker dies with the fork server, its parent (ocr36.watchdog), and the fork server with
the process that started it (with the thread that made the pool, as the kernel counts a
parent's death): the chain holds as with spawned workers. The fork server is
stopped and waited for as the pool closes, so that its workers' CPU is counted with the
run's (`time`, RUSAGE_CHILDREN) and no process of the run outlives its pool.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.forkserver
import os
import signal
import sys
from multiprocessing.context import BaseContext

WORKER_MODULES = ("ocr36.cli", "ocr36.batch.tasks", "ocr36.batch.served")
"""Imported by the fork server before it forks a worker: the page stage (ocr36.batch.tasks);
the command line, which a worker imports again anyway when the console script is the main
module (multiprocessing re-runs the main module in each worker); last the module that notes
the server's start on the run's timeline."""


def uses_fork_server() -> bool:
    """Whether workers are forked from a fork server here (Linux, where the kernel ends a
    process with its parent: the guarantee the chain relies on)."""
    return (sys.platform.startswith("linux")
            and "forkserver" in multiprocessing.get_all_start_methods())


def worker_context() -> BaseContext:
    """The start method of a local pool's workers, its fork server told what to import."""
    if not uses_fork_server():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(WORKER_MODULES))
    return context


def stop_server() -> None:
    """The fork server stopped and waited for, once no worker of this process is left
    (another pool's workers keep it: it ends once they and this process are gone).

    Why private names: the standard library has no public way to stop its fork server,
    which else outlives the pool until this process ends, its CPU (and its workers') never
    counted with this process's children. It is killed first: asked to end, it would spend
    most of a second tearing its interpreter down while the run waits (it holds nothing)."""
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    stop = getattr(server, "_stop", None)
    pid = getattr(server, "_forkserver_pid", None)
    if not (uses_fork_server() and callable(stop) and isinstance(pid, int)):
        return
    if multiprocessing.active_children():
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    stop()
