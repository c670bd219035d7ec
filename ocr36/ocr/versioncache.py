"""The language packs' versions, kept on disk between runs: dpkg takes most of a second of
wall-clock time (and a third of a second of CPU) to tell them, which every run would wait for
at its first commit. They are kept under what they depend on: each pack's file name, size
and modification time, and those of dpkg's database; when any of these changed, dpkg is
asked again. Versions that cannot be kept or read back are asked again."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from ocr36.ocr.wordcache import cache_root, keep_text

DPKG_DATABASE = Path("/var/lib/dpkg/status")


def stamp(files: Sequence[Path]) -> str:
    """What the versions of these packs' files depend on, as a short digest."""
    parts = []
    for path in (*files, DPKG_DATABASE):
        try:
            status = path.stat()
            parts.append(f"{path}\t{status.st_size}\t{status.st_mtime_ns}")
        except OSError:
            parts.append(f"{path}\t-")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:20]


def kept_file(files: Sequence[Path]) -> Path:
    return cache_root() / "versions" / f"packs-{stamp(files)}.json"


def kept_versions(files: Sequence[Path], ask: Callable[[], dict[str, str]]) -> dict[str, str]:
    """The versions kept for these pack files as they are now, else those `ask` gives (kept
    for the next run)."""
    kept = kept_file(files)
    try:
        data = json.loads(kept.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = None
    if isinstance(data, dict) and all(isinstance(key, str) and isinstance(value, str)
                                      for key, value in data.items()):
        return data
    found = ask()
    _keep(kept, found)
    return found


def _keep(kept: Path, versions: dict[str, str]) -> None:
    keep_text(kept, json.dumps(versions, sort_keys=True))
