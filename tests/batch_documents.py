"""Tiny documents for the batch tests, cut out of the bundled samples (no tests here)."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from pathlib import Path

from PIL import Image, ImageDraw

from ocr36.journal import JOURNAL_NAME
from ocr36.paths import samples_dir

CLAIMS_PAGE = 3
"""Page of samples/US20050004437A1.tif that opens the claims: a document on its own."""
WHITENED_ROWS = (560, 2900)
"""Most of the description on that page, left out to keep the tests quick."""

SOURCE_PROFILE = """extends = "default"
name = "by-source"
description = "packages named after their source file"
[output]
package_name = "{source}"
"""


def sample_page() -> Image.Image:
    """Two description paragraphs, the claims heading and claim 1: 11 lines of text."""
    with Image.open(samples_dir() / "US20050004437A1.tif") as image:
        image.seek(CLAIMS_PAGE - 1)
        page = image.copy()
    top, bottom = WHITENED_ROWS
    ImageDraw.Draw(page).rectangle((0, top, page.width - 1, bottom), fill=1)
    return page


def write_document(path: Path, pages: list[Image.Image]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pages[0].save(path, save_all=True, append_images=pages[1:], compression="group4",
                  dpi=(300, 300))
    return path


def good_documents(in_dir: Path, count: int) -> list[Path]:
    page = sample_page()
    return [write_document(in_dir / f"doc{n}.tif", [page]) for n in range(1, count + 1)]


def not_an_image(in_dir: Path) -> Path:
    path = in_dir / "notes.tif"
    path.write_bytes(b"These are notes, not a scanned page.\n" * 20)
    return path


def truncated_page_document(in_dir: Path) -> Path:
    """A folder of page images whose second page is cut off half-way."""
    folder = in_dir / "scan9"
    folder.mkdir(parents=True)
    sample_page().save(folder / "page1.png")
    sample_page().save(folder / "page2.png")
    data = (folder / "page2.png").read_bytes()
    (folder / "page2.png").write_bytes(data[: len(data) // 2])
    return folder


def source_profile(tmp: Path) -> Path:
    path = tmp / "by-source.toml"
    path.write_text(SOURCE_PROFILE, "utf-8")
    return path


def journal_rows(out_dir: Path) -> dict[str, tuple[str, int, str]]:
    """source file name -> (state, attempts, package), read as another process would."""
    with contextlib.closing(sqlite3.connect(f"file:{out_dir / JOURNAL_NAME}?mode=ro",
                                            uri=True)) as db:  # closed now, not at a collection
        rows = db.execute("SELECT source, state, attempts, package FROM documents").fetchall()
    return {Path(source).name: (state, attempts, package)
            for source, state, attempts, package in rows}


def folder_digest(folder: Path) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.iterdir())}


def leftovers(out_dir: Path) -> list[str]:
    """Temporary or set-aside package folders."""
    return sorted(p.name for p in out_dir.iterdir()
                  if p.name.startswith(".") and p.is_dir())
