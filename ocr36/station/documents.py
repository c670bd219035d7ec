"""The packages the station serves: found once in the served folders, addressed by the
folder's number and the package's name there. A URL names a package only through this list,
and a file of it only by a name of a fixed form, so no URL reaches a file outside."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ocr36.manifest import MANIFEST_NAME
from ocr36.package import XML_NAME
from ocr36.review.trace import TRACE_NAME, review_folder
from ocr36.review.walkthrough import WALKTHROUGH_FOLDER

HISTORY_SUFFIX = ".history"
REVIEW_FILE = re.compile(r"(index\.html|page-\d{4,5}\.png)")
"""The files of a review folder a URL may name."""
WALKTHROUGH_FILE = re.compile(r"(index\.html|[\w-]+\.png)")
MAX_DEPTH = 2
"""Packages are looked for in a served folder and in its sub-folders (out/scanned/NAME)."""


@dataclass(frozen=True)
class Package:
    folder: int
    """The number of the served folder it is in (0: the first given)."""
    name: str
    """Its path under that folder ('US20050004437A1', 'scanned/US20050004437A1')."""
    path: Path

    @property
    def key(self) -> str:
        """How the store names it: its absolute path."""
        return str(self.path)

    @property
    def url(self) -> str:
        return f"{self.folder}/{self.name}"

    @property
    def xml(self) -> Path:
        return self.path / XML_NAME

    @property
    def review(self) -> Path:
        return review_folder(self.path)

    @property
    def history(self) -> Path:
        return self.path.parent / f"{self.path.name}{HISTORY_SUFFIX}"

    def has_trace(self) -> bool:
        return (self.review / TRACE_NAME).is_file()


def _is_package(entry: os.DirEntry[str]) -> bool:
    return (os.path.isfile(os.path.join(entry.path, XML_NAME))
            and os.path.isfile(os.path.join(entry.path, MANIFEST_NAME)))


def _walk(top: Path, prefix: str, depth: int) -> Iterator[tuple[str, Path]]:
    try:
        entries = sorted(os.scandir(top), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if name.startswith(".") or name.endswith((".review", HISTORY_SUFFIX)):
            continue
        if not entry.is_dir(follow_symlinks=False):
            continue
        if _is_package(entry):
            yield f"{prefix}{name}", Path(entry.path)
        elif depth < MAX_DEPTH:
            yield from _walk(Path(entry.path), f"{prefix}{name}/", depth + 1)


def discover(folders: tuple[Path, ...]) -> dict[str, Package]:
    """Every package of the served folders, by its URL part ('0/NAME')."""
    found: dict[str, Package] = {}
    for number, folder in enumerate(folders):
        for name, path in _walk(folder.resolve(), "", 1):
            package = Package(number, name, path)
            found[package.url] = package
    return found


def review_file(package: Package, name: str) -> Path | None:
    """A file of the package's review folder, where `name` is of the allowed form and the
    file is inside that folder; else None."""
    if not REVIEW_FILE.fullmatch(name):
        return None
    path = (package.review / name).resolve()
    if not path.is_relative_to(package.review.resolve()) or not path.is_file():
        return None
    return path


def walkthrough_file(folders: tuple[Path, ...], number: int, name: str) -> Path | None:
    """A file of the walkthrough in a served folder (`ocr36 demo`), or None."""
    if not 0 <= number < len(folders) or not WALKTHROUGH_FILE.fullmatch(name):
        return None
    folder = (folders[number] / WALKTHROUGH_FOLDER).resolve()
    path = (folder / name).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        return None
    return path
