"""Adapter for the Tesseract program through pytesseract."""

from __future__ import annotations

import functools
import os
import re
import shutil
from collections.abc import Sequence

import pytesseract
from PIL import Image

from ocr36.errors import BadInput, MissingDependency
from ocr36.model import Bitmap, Line
from ocr36.ocr.engine import TESSERACT_VARIABLES, Engine, Orientation
from ocr36.ocr.tessdata import check_languages, installed_languages, pack_versions
from ocr36.ocr.tsv import lines_of

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # parallelism comes from pages, not threads


@functools.cache
def tesseract_version() -> str:
    """The tesseract program's version; MissingDependency where it cannot be run."""
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        raise MissingDependency("the tesseract program is not installed (Tesseract 5 is needed)")
    try:
        return str(pytesseract.get_tesseract_version())
    except pytesseract.TesseractNotFoundError as error:
        raise MissingDependency("the tesseract program cannot be run") from error


class TesseractEngine:
    """Runs the tesseract program once per call (LSTM engine, single-threaded)."""

    name = "pytesseract"

    def languages(self) -> tuple[str, ...]:
        tesseract_version()
        return installed_languages()

    def check(self, languages: Sequence[str]) -> None:
        check_languages(languages, self.languages())

    def recognize(self, image: Bitmap, languages: Sequence[str], psm: int) -> tuple[Line, ...]:
        self.check(languages)
        settings = " ".join(f"-c {name}={value}" for name, value in TESSERACT_VARIABLES.items())
        config = f"--oem 1 --psm {psm} {settings}"
        try:
            data = pytesseract.image_to_data(
                Image.fromarray(image), lang="+".join(languages), config=config,
                output_type=pytesseract.Output.DICT,
            )
        except pytesseract.TesseractError as error:
            raise BadInput(f"Tesseract could not read the page: {error.message}") from error
        return lines_of(data)

    def orientation(self, image: Bitmap) -> Orientation | None:
        tesseract_version()
        try:
            report = pytesseract.image_to_osd(Image.fromarray(image), config="--psm 0")
        except pytesseract.TesseractError:
            return None  # too few characters to tell
        rotate = re.search(r"Rotate:\s*(\d+)", report)
        confidence = re.search(r"Orientation confidence:\s*([\d.]+)", report)
        if not rotate or not confidence:
            return None
        script = re.search(r"Script:\s*(\w+)", report)
        return Orientation(rotate=int(rotate.group(1)) % 360,
                           confidence=float(confidence.group(1)),
                           script=script.group(1) if script else "")

    def versions(self) -> dict[str, str]:
        return {"tesseract": tesseract_version(), **pack_versions()}

    def for_page(self, number: int) -> Engine:
        return self
