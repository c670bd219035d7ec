"""Workers die with the process that started them, however it ends (Ctrl-C, SIGTERM, SIGKILL,
out of memory): a worker left behind would hold its memory and a core for good.

Two guards, set up as each worker starts: on Linux the kernel's parent-death signal
(prctl PR_SET_PDEATHSIG), which fires at once; everywhere a daemon thread that notices the
worker's parent is gone (the worker is handed to another parent) and ends the worker.

The signal is asked twice: as a worker first imports ocr36 (`arm_spawned_worker`, run by
the package itself in a process multiprocessing's spawn method started), and again once
its imports are done; so a worker killed with its parent while it is still importing (a
second or more, several on a loaded machine) dies at once too.

Workers forked from a fork server (ocr36.batch.forkserver) have the server as their parent:
the server asks for the signal as it first imports ocr36 (it dies with the process that
started it), and each worker forked from it (the signal is not inherited across fork) asks
for it again, its parent being the server.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
"""From linux/prctl.h."""
SPAWNED = "--multiprocessing-fork"
"""On the command line of every process multiprocessing's spawn method starts."""
FORK_SERVER = "from multiprocessing.forkserver import main"
"""On the command line of multiprocessing's fork server (and so of the workers it forks)."""

WATCH_INTERVAL_S = 0.5
"""How often the thread looks for the parent; a worker outlives it by at most this."""


_server: int | None = None
"""The fork server's process id, in the server and in the workers forked from it."""


def die_with_parent(parent: int) -> None:
    """Called first in each worker: it ends when its parent (that process id, taken in the
    parent: the parent may be gone before the worker gets here) ends. A worker forked from a
    fork server ends with the server (its id noted in the server, before the fork)."""
    if _server is not None and _server != os.getpid():
        parent = _server
    _parent_death_signal()
    if os.getppid() != parent:  # the parent died before the signal was asked for
        _end_worker()
    threading.Thread(target=_watch, args=(parent,), name="ocr36-watchdog", daemon=True).start()


def arm_spawned_worker() -> None:
    """In a process multiprocessing's spawn method started (a pool's worker) or its fork
    server, the kernel's parent-death signal asked at once; elsewhere nothing."""
    global _server
    if any(FORK_SERVER in argument for argument in sys.orig_argv):
        _server = os.getpid()
    if SPAWNED in sys.orig_argv or _server is not None:
        _parent_death_signal()


def _parent_death_signal() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no libc by that name: the thread alone guards
        pass


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_INTERVAL_S)
    _end_worker()


def _end_worker() -> None:
    """At once, with no clean-up: the results have nobody to go to."""
    os.kill(os.getpid(), signal.SIGKILL)
