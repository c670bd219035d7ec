"""Where a local pool's workers come from: on Linux a fork server, one process that imports
what a page needs once, at the pool's start, and forks each worker from itself (a worker is
ready in a few hundredths of a second instead of importing ocr36 again, about 1.4 s of CPU
each); elsewhere multiprocessing's spawn method, a fresh interpreter a worker.

A worker dies with the fork server, its parent (ocr36.watchdog), and the fork server with
the process that started it (with the thread that made the pool, as the kernel counts a
parent's death): the chain holds as with spawned workers. The fork server is
stopped and waited for as the pool closes, so that its workers' CPU is counted with the
run's (`time`, RUSAGE_CHILDREN) and no process of the run outlives its pool.

The `ocr36 batch` command starts the server as it begins (ocr36.poolstart); a pool then
forks its workers from that server.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.forkserver
import os
import signal
from multiprocessing.context import BaseContext

from ocr36.poolstart import WORKER_MODULES, uses_fork_server


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


__all__ = ["WORKER_MODULES", "stop_server", "uses_fork_server", "worker_context"]
