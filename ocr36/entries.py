"""What a folder entry is, asked without opening it: a page file, a folder, or something the
converter does not take (with the reason), and why an entry cannot be read at all.

A FIFO is never opened (opening it waits for a writer forever); a symlink loop, a link to
nothing and a folder that cannot be listed are named with their reason, never raised as a
traceback."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ocr36.errors import BadInput, FileAccess, Ocr36Error

PAGE_SUFFIXES = (".tif", ".tiff", ".png", ".jpg", ".jpeg")
LOOKS_LIKE_PAGE = (".bmp", ".gif", ".pdf", ".jp2", ".j2k", ".webp", ".pbm", ".pgm", ".ppm",
                   ".pnm", ".pcx", ".tga", ".jfif", ".heic", ".djvu")
"""Image (or page) files of types ocr36 does not read: in a page folder they fail it."""
_SPECIAL = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFSOCK: "a socket",
            stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device"}


@dataclass(frozen=True)
class NotTaken:
    """A folder entry the batch does not convert, and why."""

    path: Path
    reason: str


def not_taken_reason(path: Path) -> str:
    """Why a file that is no page image is not converted."""
    suffix = path.suffix.lower()
    if not suffix:
        return "no file extension (pages are " + ", ".join(PAGE_SUFFIXES) + ")"
    return f"{suffix} is not a page type ocr36 reads ({', '.join(PAGE_SUFFIXES)})"


def entry_error(path: Path) -> Ocr36Error | None:
    """Why `path` cannot be read as an input (None when it can): a missing entry, a symlink
    loop, a link to nothing, a folder that cannot be listed, a FIFO, socket or device."""
    try:
        status = os.stat(path)
    except OSError as error:
        return _stat_error(path, error)
    kind = stat.S_IFMT(status.st_mode)
    if kind in _SPECIAL:
        return FileAccess(f"{path}: {_SPECIAL[kind]}, not a file; it is not read",
                          remedy="Replace it with the image file it stands for, or move it.")
    if stat.S_ISDIR(status.st_mode):
        try:
            with os.scandir(path):
                pass
        except OSError as error:
            return FileAccess(f"{path}: the folder cannot be listed: "
                              f"{error.strerror or error}")
    elif not os.access(path, os.R_OK):
        return FileAccess(f"{path}: cannot be read: permission denied")
    return None


def _stat_error(path: Path, error: OSError) -> Ocr36Error:
    if error.errno == errno.ELOOP:
        return FileAccess(f"{path}: a symbolic link loop ({os.readlink(path)!s} ...)"
                          if path.is_symlink() else f"{path}: a symbolic link loop",
                          remedy="Point the link at the image file, or remove it.")
    if error.errno == errno.ENOENT and path.is_symlink():
        return FileAccess(f"{path}: a symbolic link to nothing ({os.readlink(path)})",
                          remedy="Point the link at the image file, or remove it.")
    if error.errno == errno.ENOENT:
        return FileAccess(f"{path}: no such file or folder")
    return FileAccess(f"{path}: cannot be read: {error.strerror or error}")


def page_entries(folder: Path) -> list[Path]:
    """The page files of a page folder (unsorted); a file that looks like a page but is of a
    type ocr36 does not read, or an entry that cannot be read, fails the folder naming it."""
    try:
        names = os.listdir(folder)
    except OSError as error:
        raise FileAccess(f"{folder}: the folder cannot be listed: "
                         f"{error.strerror or error}") from error
    pages: list[Path] = []
    for name in names:
        path = folder / name
        suffix = path.suffix.lower()
        if name.startswith(".") or suffix not in PAGE_SUFFIXES + LOOKS_LIKE_PAGE:
            continue
        if suffix in LOOKS_LIKE_PAGE:
            raise BadInput(f"{path}: a page of a type ocr36 does not read ({suffix}); "
                           "the folder's other pages would be converted without it",
                           remedy="Convert the page to TIFF or PNG, or move it out.")
        problem = entry_error(path)
        if problem is not None:
            raise problem
        if path.is_file():
            pages.append(path)
    return pages
