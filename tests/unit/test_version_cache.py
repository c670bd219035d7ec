"""The language packs' versions are kept on disk between runs, asked again when a pack file
changes, and a kept file that is not whole is asked again, not believed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ocr36.ocr.tessdata import pack_version, pack_versions
from ocr36.ocr.versioncache import kept_file, kept_versions

VERSIONS = {"traineddata:xyz": "tesseract-ocr-xyz 1:4.1.0-2"}


class Ask:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict[str, str]:
        self.calls += 1
        return dict(VERSIONS)


def test_versions_are_asked_once_then_read_back(pack: Path) -> None:
    ask = Ask()
    assert kept_versions([pack], ask) == VERSIONS
    assert kept_versions([pack], ask) == VERSIONS
    assert ask.calls == 1


def test_a_changed_pack_is_asked_again(pack: Path) -> None:
    ask = Ask()
    kept_versions([pack], ask)
    status = pack.stat()
    os.utime(pack, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
    kept_versions([pack], ask)
    assert ask.calls == 2


def test_a_kept_file_cut_short_is_not_believed(pack: Path) -> None:
    ask = Ask()
    kept_versions([pack], ask)
    kept = kept_file([pack])
    kept.write_text(kept.read_text("utf-8")[:10], encoding="utf-8")
    assert kept_versions([pack], ask) == VERSIONS
    assert ask.calls == 2


def test_the_kept_versions_of_the_installed_packs_are_those_dpkg_gives(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OCR36_CACHE", str(tmp_path / "cache"))
    asked, kept = pack_versions(), pack_versions()
    assert asked == kept
    assert kept["traineddata:eng"] == pack_version("eng")
