"""What an image decoder says while it decodes: libtiff reports damaged data (a bad G4 code
word, a short strip) through its error handler to file descriptor 2 and still returns a page,
partly garbage. Decoding is done with descriptor 2 sent to a file, and the decoder's errors
are returned; whatever else was written there meanwhile is passed on as it was."""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
from collections.abc import Iterator

_DECODER_ERROR = re.compile(
    r"^(?:Fax[34]|LZW|ZIP|PackBits|JPEG|OJPEG|LERC|ZSTD|LZMA|WebP|Thunder|NeXT|"
    r"TIFF(?:Fill|Read)\w*|TIFFScanline\w*)\w*: (?!Warning)")
"""A libtiff error line (its default error handler prints "Module: message"); its warnings
("Module: Warning, ...") leave the page as it is."""


@contextlib.contextmanager
def decoder_errors() -> Iterator[list[str]]:
    """The decoder error lines written to descriptor 2 while the block runs (filled once the
    block is done)."""
    errors: list[str] = []
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with tempfile.TemporaryFile() as capture:
            os.dup2(capture.fileno(), 2)
            try:
                yield errors
            finally:
                os.dup2(saved, 2)
                capture.seek(0)
                text = capture.read().decode("utf-8", "replace")
            other: list[str] = []
            for line in text.splitlines(keepends=True):
                (errors if _DECODER_ERROR.match(line) else other).append(line.rstrip("\n"))
            if other:
                os.write(2, "\n".join(other).encode("utf-8") + b"\n")
    finally:
        os.close(saved)
