"""Where ocr36 finds its own files: bundled profiles, the XML schema and the samples."""

from __future__ import annotations

import os
from pathlib import Path

_HOME_VARIABLE = "OCR36_HOME"


def project_root() -> Path:
    """The folder holding `profiles/`, `xsd/` and `samples/` (the checkout, or $OCR36_HOME)."""
    configured = os.environ.get(_HOME_VARIABLE)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent


def profiles_dir() -> Path:
    return project_root() / "profiles"


def xsd_path() -> Path:
    return project_root() / "xsd" / "ocr36-st36.xsd"


def samples_dir() -> Path:
    return project_root() / "samples"


def shared_corpus() -> Path | None:
    """The development corpus beside the checkout (`../shared/corpus`), or None when absent."""
    candidate = project_root().parent / "shared" / "corpus"
    return candidate if candidate.is_dir() else None
