"""The words a Tesseract language pack knows: used to tell a word OCR misread from a word of
the language. The word lists are read out of the packs by `ocr36.ocr.tessdata`."""

from __future__ import annotations

import functools

from ocr36.ocr.tessdata import pack_words

__all__ = ["pack_words", "words"]


@functools.cache
def words(packs: tuple[str, ...]) -> frozenset[str]:
    """The words of all the packs, in lower case."""
    return frozenset().union(*(pack_words(pack) for pack in packs))
