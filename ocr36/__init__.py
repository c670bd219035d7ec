"""ocr36: scanned patent publications to WIPO ST.36 full-text XML packages."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
