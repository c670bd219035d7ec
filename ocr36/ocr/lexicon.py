"""The words a Tesseract language pack knows: the word list inside its language data, read
out with Tesseract's own tools (`combine_tessdata`, `dawg2wordlist`, both in Debian's
tesseract-ocr package). Used to tell a word OCR misread from a word of the language."""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from ocr36.ocr.tesserocr import tessdata

log = logging.getLogger(__name__)

_TOOLS = ("combine_tessdata", "dawg2wordlist")


@functools.cache
def pack_words(pack: str) -> frozenset[str]:
    """The pack's words, in lower case; empty (with a warning) where the pack or the tools
    are missing, so that nothing is mended by a word list."""
    traineddata = tessdata() / f"{pack}.traineddata"
    combine, dawg2wordlist = (shutil.which(tool) for tool in _TOOLS)
    if not traineddata.is_file() or combine is None or dawg2wordlist is None:
        log.warning("no word list for %s (%s or Tesseract's %s missing): misread words are "
                    "mended by the document's own spelling only", pack, traineddata,
                    " and ".join(_TOOLS))
        return frozenset()
    with tempfile.TemporaryDirectory(prefix="ocr36-words-") as work:
        # combine_tessdata names the part to take out by the file name's extension
        dawg, unicharset, listed = (Path(work) / f"{pack}.{part}" for part in
                                    ("lstm-word-dawg", "lstm-unicharset", "words"))
        try:
            for command in ([combine, "-e", str(traineddata), str(dawg), str(unicharset)],
                            [dawg2wordlist, str(unicharset), str(dawg), str(listed)]):
                subprocess.run(command, capture_output=True, check=True, timeout=120)
            text = listed.read_text(encoding="utf-8")
        except (OSError, subprocess.SubprocessError, UnicodeDecodeError) as error:
            log.warning("no word list could be read from %s (%s): misread words are mended "
                        "by the document's own spelling only", traineddata, error)
            return frozenset()
    return frozenset(word.lower() for word in text.split())


@functools.cache
def words(packs: tuple[str, ...]) -> frozenset[str]:
    """The words of all the packs, in lower case."""
    return frozenset().union(*(pack_words(pack) for pack in packs))
