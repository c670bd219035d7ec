"""The output folder, checked before any page is read: created when missing, and written to
once (a probe file made and removed), so that a folder that cannot be written (read-only,
full, not a folder) is refused at the start, not after the OCR."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ocr36.errors import FileAccess

_REMEDY = "Choose an output folder on a disk that is mounted writable and has room."


def prepare_out_dir(out_dir: Path) -> None:
    """Create `out_dir` if needed and check that files can be written in it (FileAccess)."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FileAccess(f"{out_dir}: cannot create the output folder: "
                         f"{error.strerror or error}", remedy=_REMEDY) from error
    try:
        handle, probe = tempfile.mkstemp(prefix=".ocr36-probe-", dir=out_dir)
    except OSError as error:
        raise FileAccess(f"{out_dir}: the output folder cannot be written: "
                         f"{error.strerror or error}", remedy=_REMEDY) from error
    os.close(handle)
    os.unlink(probe)
