"""Word lists taken out of language packs are kept on disk between runs, read back whole or
taken out again, and a folder that cannot be written costs nothing but the time."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ocr36.ocr import tessdata
from ocr36.ocr.wordcache import cached_words, kept_file

WORDS = frozenset({"claim", "anspruch", "revendication"})


class TakeOut:
    """The pack's words as the tools would give them, counting how often they are asked."""

    def __init__(self, words: frozenset[str] | None = WORDS) -> None:
        self.words, self.calls = words, 0

    def __call__(self) -> frozenset[str] | None:
        self.calls += 1
        return self.words


def test_a_word_list_is_taken_out_once_and_read_back(pack: Path) -> None:
    take_out = TakeOut()
    assert cached_words(pack, take_out) == WORDS
    assert kept_file(pack).is_file()
    assert cached_words(pack, take_out) == WORDS
    assert take_out.calls == 1


def test_a_list_not_whole_or_of_an_older_pack_is_taken_out_again(pack: Path) -> None:
    take_out = TakeOut()
    cached_words(pack, take_out)
    kept = kept_file(pack)
    kept.write_text(kept.read_text("utf-8").rsplit("\n", 1)[0], "utf-8")  # a word lost
    assert cached_words(pack, take_out) == WORDS and take_out.calls == 2
    status = pack.stat()
    os.utime(pack, ns=(status.st_atime_ns, status.st_mtime_ns + 10**9))  # the pack updated
    assert cached_words(pack, take_out) == WORDS and take_out.calls == 3
    assert kept_file(pack) != kept and kept_file(pack).is_file()


def test_nothing_is_kept_where_nothing_was_taken_out_or_the_folder_is_not_writable(
        pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cached_words(pack, TakeOut(None)) == frozenset()
    assert not kept_file(pack).exists()
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", "utf-8")
    monkeypatch.setenv("OCR36_CACHE", str(blocked))
    take_out = TakeOut()
    assert cached_words(pack, take_out) == WORDS
    assert cached_words(pack, take_out) == WORDS and take_out.calls == 2


@pytest.mark.skipif(shutil.which("dawg2wordlist") is None, reason="Tesseract's tools missing")
def test_the_english_pack_read_back_equals_the_one_taken_out(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OCR36_CACHE", str(tmp_path))
    taken = tessdata.pack_words.__wrapped__("eng")
    assert len(taken) > 100_000 and "claim" in taken
    assert kept_file(tessdata.tessdata() / "eng.traineddata").is_file()
    assert tessdata.pack_words.__wrapped__("eng") == taken
