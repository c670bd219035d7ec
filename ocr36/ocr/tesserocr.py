"""Adapter for Tesseract in-process through tesserocr: the model stays loaded in each worker.

No temporary files and no process per call: one `PyTessBaseAPI` per language combination and
thread, kept for the life of the worker. Words, lines, boxes and confidences are read from
Tesseract's result iterator, the same as the pytesseract adapter reads from its word table,
and with them where Tesseract read a space before a word (`ocr36.ocr.iterator`).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np
import tesserocr  # type: ignore[import-untyped]

from ocr36.errors import BadInput, MissingDependency
from ocr36.model import Bitmap, Line
from ocr36.ocr.engine import TESSERACT_VARIABLES, Engine, Orientation
from ocr36.ocr.iterator import lines_read
from ocr36.ocr.tessdata import check_languages, installed_languages, pack_versions, tessdata

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # parallelism comes from pages, not threads

BLANK_INK = 0.0005
"""Pages with less ink than this share of their pixels are blank: no OSD is run on them."""
_apis = threading.local()


def _api(languages: str) -> Any:
    """This thread's API for a language combination, initialised once."""
    cache: dict[str, Any] | None = getattr(_apis, "cache", None)
    if cache is None:
        cache = _apis.cache = {}
    api = cache.get(languages)
    if api is None:
        check_languages(languages.split("+"), installed_languages())
        folder = f"{tessdata()}/"
        try:
            if languages == "osd":
                api = tesserocr.PyTessBaseAPI(path=folder, lang="osd",
                                              psm=tesserocr.PSM.OSD_ONLY)
            else:
                api = tesserocr.PyTessBaseAPI(path=folder, lang=languages,
                                              oem=tesserocr.OEM.LSTM_ONLY)
                for name, value in TESSERACT_VARIABLES.items():
                    api.SetVariable(name, value)
        except RuntimeError as error:
            raise MissingDependency(f"Tesseract (tesserocr) cannot load {languages!r} from "
                                    f"{folder}: {error}") from error
        cache[languages] = api
    return api


def _set_image(api: Any, image: Bitmap) -> None:
    """The pixels as they are, with no resolution: Tesseract estimates it from the text, as
    it does for the files the tesseract program is given (an image file would carry one)."""
    pixels = np.ascontiguousarray(image, dtype=np.uint8)
    height, width = pixels.shape
    api.SetImageBytes(pixels.tobytes(), width, height, 1, width)


class TesserocrEngine:
    """Tesseract's LSTM engine in-process, single-threaded."""

    name = "tesserocr"

    def languages(self) -> tuple[str, ...]:
        return installed_languages()

    def check(self, languages: Sequence[str]) -> None:
        check_languages(languages, self.languages())

    def recognize(self, image: Bitmap, languages: Sequence[str], psm: int) -> tuple[Line, ...]:
        api = _api("+".join(languages))
        api.SetPageSegMode(psm)
        _set_image(api, image)
        try:
            if not api.Recognize():
                raise BadInput("Tesseract could not read the page")
            return lines_read(api)
        finally:
            api.Clear()

    def orientation(self, image: Bitmap) -> Orientation | None:
        if np.count_nonzero(image == 0) < image.size * BLANK_INK:
            return None  # a blank page: nothing to tell the orientation by
        api = _api("osd")
        _set_image(api, image)
        try:
            found = api.DetectOrientationScript()
        finally:
            api.Clear()
        if not found:
            return None  # too few characters to tell
        rotate = (360 - int(found["orient_deg"])) % 360
        return Orientation(rotate=rotate, confidence=float(found["orient_conf"]),
                           script=str(found.get("script_name") or ""))

    def versions(self) -> dict[str, str]:
        first = str(tesserocr.tesseract_version()).splitlines()[0]
        return {"tesseract": f"{first.split()[-1]} (tesserocr {tesserocr.__version__})",
                **pack_versions()}

    def for_page(self, number: int) -> Engine:
        return self
