"""Adapter for Tesseract in-process through tesserocr: the model stays loaded in each worker.

No temporary files and no process per call: one `PyTessBaseAPI` per language combination and
thread, kept for the life of the worker. Words, lines, boxes and confidences are read from
Tesseract's own TSV, exactly as the pytesseract adapter reads them.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ocr36.errors import BadInput, MissingDependency
from ocr36.model import Bitmap, Line
from ocr36.ocr.engine import TESSERACT_VARIABLES, Orientation
from ocr36.ocr.tesseract import (
    _lines_from_data,
    _pack_version,
    _tessdata_dir,
    check_languages,
    installed_languages,
)

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # parallelism comes from pages, not threads

BLANK_INK = 0.0005
"""Pages with less ink than this share of their pixels are blank: no OSD is run on them."""
DEBIAN_TESSDATA = Path("/usr/share/tesseract-ocr/5/tessdata")
_TSV_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num", "left",
                "top", "width", "height", "conf", "text")
_apis = threading.local()


def _tesserocr() -> Any:
    try:
        import tesserocr  # type: ignore[import-untyped]
    except ImportError as error:
        raise MissingDependency("the tesserocr package is not installed",
                                remedy="pip install tesserocr, or use --engine pytesseract"
                                ) from error
    return tesserocr


@functools.cache
def tessdata() -> Path:
    """The language data the system's Tesseract uses (tesserocr's wheel brings none)."""
    configured = os.environ.get("TESSDATA_PREFIX")
    if configured and Path(configured).is_dir():
        return Path(configured)
    found = _tessdata_dir()
    if found is not None and found.is_dir():
        return found
    return DEBIAN_TESSDATA


def _api(languages: str) -> Any:
    """This thread's API for a language combination, initialised once."""
    cache: dict[str, Any] | None = getattr(_apis, "cache", None)
    if cache is None:
        cache = _apis.cache = {}
    api = cache.get(languages)
    if api is None:
        if languages != "osd":
            check_languages(languages.split("+"))
        tesserocr = _tesserocr()
        try:
            if languages == "osd":
                api = tesserocr.PyTessBaseAPI(path=f"{tessdata()}/", lang="osd",
                                              psm=tesserocr.PSM.OSD_ONLY)
            else:
                api = tesserocr.PyTessBaseAPI(path=f"{tessdata()}/", lang=languages,
                                              oem=tesserocr.OEM.LSTM_ONLY)
                for name, value in TESSERACT_VARIABLES.items():
                    api.SetVariable(name, value)
        except RuntimeError as error:
            raise MissingDependency(f"Tesseract (tesserocr) cannot load {languages!r} from "
                                    f"{tessdata()}: {error}") from error
        cache[languages] = api
    return api


def _data_of(tsv: str) -> dict[str, list[object]]:
    """Tesseract's TSV as columns, the shape pytesseract's image_to_data gives."""
    data: dict[str, list[object]] = {name: [] for name in _TSV_COLUMNS}
    for row in tsv.splitlines():
        cells = row.split("\t")
        if len(cells) < len(_TSV_COLUMNS):
            cells += [""] * (len(_TSV_COLUMNS) - len(cells))
        for name, cell in zip(_TSV_COLUMNS, cells, strict=False):
            data[name].append(_whole(cell) if name == "conf" else cell)
    return data


def _whole(confidence: str) -> str:
    """Whole numbers, as the tesseract program's TSV gives them through pytesseract."""
    try:
        return str(int(float(confidence)))
    except ValueError:
        return "-1"


def _set_image(api: Any, image: Bitmap) -> None:
    """The pixels as they are, with no resolution: Tesseract estimates it from the text, as
    it does for the files the tesseract program is given (an image file would carry one)."""
    pixels = np.ascontiguousarray(image, dtype=np.uint8)
    height, width = pixels.shape
    api.SetImageBytes(pixels.tobytes(), width, height, 1, width)


class TesserocrEngine:
    """Tesseract's LSTM engine in-process, single-threaded."""

    name = "tesserocr"

    def recognize(self, image: Bitmap, languages: Sequence[str], psm: int) -> tuple[Line, ...]:
        api = _api("+".join(languages))
        api.SetPageSegMode(psm)
        _set_image(api, image)
        try:
            if not api.Recognize():
                raise BadInput("Tesseract could not read the page")
            tsv = api.GetTSVText(0)
        finally:
            api.Clear()
        return _lines_from_data(_data_of(tsv or ""))

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
        return Orientation(rotate=rotate, confidence=float(found["orient_conf"]))

    def versions(self) -> dict[str, str]:
        tesserocr = _tesserocr()
        first = str(tesserocr.tesseract_version()).splitlines()[0]
        versions = {"tesseract": f"{first.split()[-1]} (tesserocr {tesserocr.__version__})"}
        for lang in installed_languages():
            traineddata = tessdata() / f"{lang}.traineddata"
            if traineddata.is_file():
                versions[f"traineddata:{lang}"] = _pack_version(traineddata)
        return versions
