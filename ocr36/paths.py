"""Where ocr36 finds its own files: bundled profiles, the XML schema and the samples.

In a checkout (and an editable install) `profiles/` and `xsd/` are the top-level folders of
the checkout; a built wheel carries them inside the package (`ocr36/profiles`, `ocr36/xsd`,
mapped there by setup.py). `$OCR36_HOME` names another folder holding all three.
"""

from __future__ import annotations

import os
from pathlib import Path

_HOME_VARIABLE = "OCR36_HOME"
_PACKAGE = Path(__file__).resolve().parent
XSD_NAME = "ocr36-st36.xsd"


def project_root() -> Path:
    """The folder holding `samples/` (the checkout, or $OCR36_HOME)."""
    configured = os.environ.get(_HOME_VARIABLE)
    if configured:
        return Path(configured)
    return _PACKAGE.parent


def data_root() -> Path:
    """The folder holding `profiles/` and `xsd/`: $OCR36_HOME, the installed package or the
    checkout."""
    configured = os.environ.get(_HOME_VARIABLE)
    if configured:
        return Path(configured)
    if (_PACKAGE / "xsd" / XSD_NAME).is_file():
        return _PACKAGE
    return _PACKAGE.parent


def profiles_dir() -> Path:
    return data_root() / "profiles"


def xsd_path() -> Path:
    return data_root() / "xsd" / XSD_NAME


def samples_dir() -> Path:
    """The bundled samples: in the checkout only (they are not package data)."""
    return project_root() / "samples"


def shared_corpus() -> Path | None:
    """The development corpus beside the checkout (`../shared/corpus`), or None when absent."""
    candidate = project_root().parent / "shared" / "corpus"
    return candidate if candidate.is_dir() else None
