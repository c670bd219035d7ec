"""The word lists taken out of language packs, kept on disk between runs: taking a list out of
a pack runs two of Tesseract's tools (about 0.7 s for `eng`), reading it back takes a tenth of
that. A list is kept under the pack's name, size and modification time, so a pack that is
updated is read anew; a list that cannot be kept or read back is taken from the pack again."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

HEADER = "ocr36 word list"


def cache_root() -> Path:
    """$OCR36_CACHE, else $XDG_CACHE_HOME/ocr36, else ~/.cache/ocr36."""
    configured = os.environ.get("OCR36_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ocr36"


def cache_folder() -> Path:
    """Where the word lists are kept: `words` in the cache."""
    return cache_root() / "words"


def kept_file(traineddata: Path) -> Path:
    """Where the word list of this pack, as it is now on disk, is kept."""
    status = traineddata.stat()
    return cache_folder() / f"{traineddata.stem}-{status.st_size}-{status.st_mtime_ns}.txt"


def cached_words(traineddata: Path,
                 take_out: Callable[[], frozenset[str] | None]) -> frozenset[str]:
    """The pack's words from the kept list, else from `take_out` (None: none could be taken
    out, nothing kept), kept for the next run."""
    try:
        kept = kept_file(traineddata)
        words = _read(kept)
    except OSError:
        kept, words = None, None
    if words is not None:
        return words
    taken = take_out()
    if taken is None:
        return frozenset()
    if kept is not None:
        _keep(kept, taken)
    return taken


def _read(kept: Path) -> frozenset[str] | None:
    """The words of a kept list; None where there is none or it is not whole."""
    try:
        header, _, body = kept.read_text(encoding="utf-8").partition("\n")
    except (OSError, UnicodeDecodeError):
        return None
    words = body.split()
    if header != f"{HEADER} {len(words)}":
        return None
    return frozenset(words)


def _keep(kept: Path, words: frozenset[str]) -> None:
    keep_text(kept, f"{HEADER} {len(words)}\n" + "\n".join(sorted(words)))


def keep_text(kept: Path, text: str) -> None:
    """Written whole or not at all (another process may read or write it at the same time);
    a folder that cannot be written keeps nothing."""
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=kept.parent, prefix=f".{kept.stem}-")
    except OSError:
        return
    try:
        with open(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(name, kept)
    except OSError:
        Path(name).unlink(missing_ok=True)
