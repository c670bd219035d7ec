"""OCR engines behind one interface; stages never call an OCR program directly."""

from __future__ import annotations

from ocr36.ocr.engine import Engine, Orientation
from ocr36.ocr.registry import get_engine

__all__ = ["Engine", "Orientation", "get_engine"]
