"""The fork server of `ocr36 batch` started as the command begins: the page stage's imports
in the server (about a second of CPU) run beside the command's own imports and its look at
the input folder, on another core, instead of after them (ocr36.batch.forkserver forks the
pool's workers from it).

Only the `ocr36 batch` command, told so by its own command line, starts it this early: its
pages are always read in a local pool (even with one job), unless on a Dask cluster
(--scheduler). The server is started from the main thread, so it dies with the process that
started it as the kernel counts a parent's death (ocr36.watchdog); a batch with nothing to
read stops it as it ends (ocr36.batch.run).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.forkserver
import sys
from collections.abc import Sequence
from pathlib import Path

WORKER_MODULES = ("ocr36.cli", "ocr36.batch.tasks", "ocr36.batch.served")
"""Imported by the fork server before it forks a worker: the page stage (ocr36.batch.tasks);
the command line, which a worker imports again anyway when the console script is the main
module (multiprocessing re-runs the main module in each worker); last the module that notes
the server's start on the run's timeline."""

COMMAND = "ocr36"
"""The console script's name."""
CLI_MODULE = "ocr36.cli"
"""The module `python -m` runs as the command."""
POOL_COMMAND = "batch"
NO_POOL_OPTIONS = ("--scheduler", "--help", "-h")
"""Options of `ocr36 batch` with which no local pool is started."""


def uses_fork_server() -> bool:
    """Whether workers are forked from a fork server here (Linux, where the kernel ends a
    process with its parent: the guarantee the chain relies on)."""
    return (sys.platform.startswith("linux")
            and "forkserver" in multiprocessing.get_all_start_methods())


def command_arguments(argv: Sequence[str], orig_argv: Sequence[str]) -> list[str] | None:
    """The arguments after the command's name when this process is the ocr36 command (its
    console script, or `python -m ocr36.cli` while the module is being found, when argv[0]
    is still "-m"); None in any other process (a test run, a worker, a library's user)."""
    if not argv:
        return None
    if Path(argv[0]).name == COMMAND or (argv[0] == "-m" and CLI_MODULE in orig_argv):
        return list(argv[1:])
    return None


def needs_local_pool(arguments: Sequence[str] | None) -> bool:
    """Whether these command arguments run `ocr36 batch` with a local pool."""
    if not arguments or arguments[0] != POOL_COMMAND:
        return False
    return not any(argument.split("=", 1)[0] in NO_POOL_OPTIONS for argument in arguments)


def start_server() -> None:
    """The fork server started, told what to import; its imports run while this process
    goes on (a pool's first worker waits for them)."""
    multiprocessing.forkserver.set_forkserver_preload(list(WORKER_MODULES))
    # a system that starts no process now is told as the pool starts (NoWorkers)
    with contextlib.suppress(OSError):
        multiprocessing.forkserver.ensure_running()


def start_for_command() -> None:
    """At the first import of ocr36 by the `ocr36 batch` command, its fork server started;
    in any other process, nothing."""
    if (uses_fork_server() and multiprocessing.parent_process() is None
            and needs_local_pool(command_arguments(sys.argv, sys.orig_argv))):
        start_server()
