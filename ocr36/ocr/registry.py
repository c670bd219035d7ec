"""The engines by name: the adapters (ENGINES), and recording or replaying one of them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ocr36.errors import BadArguments
from ocr36.ocr.engine import DEFAULT_ENGINE, ENGINES, Engine
from ocr36.ocr.recorded import RECORD_PREFIX, REPLAY_PREFIX, RecordingEngine, ReplayEngine
from ocr36.ocr.tesseract import TesseractEngine
from ocr36.ocr.tesserocr import TesserocrEngine

ADAPTERS: dict[str, Callable[[], Engine]] = {
    "pytesseract": TesseractEngine,
    "tesserocr": TesserocrEngine,
}


def get_engine(name: str = DEFAULT_ENGINE) -> Engine:
    """The engine of that name: an adapter (ENGINES), `replay:FILE` or `record:ENGINE:FILE`
    (see ocr36.ocr.recorded)."""
    if name.startswith(REPLAY_PREFIX):
        recording = Path(name.removeprefix(REPLAY_PREFIX))
        if not recording.is_file():
            raise BadArguments(f"{recording}: no recording of engine results there")
        return ReplayEngine(recording)
    if name.startswith(RECORD_PREFIX):
        engine, _, path = name.removeprefix(RECORD_PREFIX).partition(":")
        return RecordingEngine(get_engine(engine), Path(path))
    adapter = ADAPTERS.get(name)
    if adapter is None:
        raise BadArguments(f"unknown OCR engine {name!r}; known: {', '.join(ENGINES)}")
    return adapter()
