"""Freed page-sized arrays go back to the system at once.

glibc keeps freed heap memory for reuse, so a process that handles one page after another
holds on to its largest page's arrays, and more as its heap fragments. Each worker as it
starts, and the process that commits the packages, ask glibc (mallopt M_MMAP_THRESHOLD) to
map blocks of 4 MB and more on their own: such a block (a 300 dpi A4 page is 8.7 MB as 8-bit
gray) is unmapped when it is freed. Elsewhere than glibc nothing is asked.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

M_MMAP_THRESHOLD = -3
"""From glibc's malloc.h."""
THRESHOLD_BYTES = 4 * 1024 * 1024


def return_freed_pages() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(M_MMAP_THRESHOLD, THRESHOLD_BYTES)
    except (OSError, AttributeError):  # not glibc: its own allocator is left as it is
        pass
