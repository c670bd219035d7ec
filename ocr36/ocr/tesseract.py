"""Adapter for the Tesseract program through pytesseract."""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytesseract
from PIL import Image

from ocr36.errors import BadInput, MissingDependency
from ocr36.model import Bitmap, Box, Line, Word
from ocr36.ocr.engine import TESSERACT_VARIABLES, Orientation

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # parallelism comes from pages, not threads


@functools.cache
def _tesseract_version() -> str:
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        raise MissingDependency("the tesseract program is not installed (Tesseract 5 is needed)")
    try:
        return str(pytesseract.get_tesseract_version())
    except pytesseract.TesseractNotFoundError as error:
        raise MissingDependency("the tesseract program cannot be run") from error


@functools.cache
def installed_languages() -> tuple[str, ...]:
    _tesseract_version()
    return tuple(sorted(pytesseract.get_languages(config="")))


def _tessdata_dir() -> Path | None:
    result = subprocess.run(
        [pytesseract.pytesseract.tesseract_cmd, "--list-langs"],
        capture_output=True, text=True, check=False,
    )
    match = re.search(r'"([^"]+)"', result.stdout + result.stderr)
    return Path(match.group(1)) if match else None


def _pack_version(traineddata: Path) -> str:
    """The Debian package version that installed a language pack, else a hash of the file."""
    dpkg_query = shutil.which("dpkg-query")
    if dpkg_query:
        owner = subprocess.run(["dpkg", "-S", str(traineddata.resolve())],
                               capture_output=True, text=True, check=False)
        if owner.returncode == 0 and ":" in owner.stdout:
            package = owner.stdout.split(":", 1)[0].strip()
            version = subprocess.run([dpkg_query, "-W", "-f", "${Version}", package],
                                     capture_output=True, text=True, check=False)
            if version.returncode == 0 and version.stdout:
                return f"{package} {version.stdout.strip()}"
    digest = hashlib.sha256(traineddata.read_bytes()).hexdigest()[:16]
    return f"sha256:{digest}"


def check_languages(languages: Sequence[str]) -> None:
    missing = [lang for lang in languages if lang not in installed_languages()]
    if missing:
        packages = " ".join(f"tesseract-ocr-{lang.lower().replace('_', '-')}" for lang in missing)
        raise MissingDependency(
            f"Tesseract language pack(s) not installed: {', '.join(missing)}",
            remedy=f"Install them: apt-get install {packages} (or run `make setup`).",
        )


class TesseractEngine:
    """Runs the tesseract program once per call (LSTM engine, single-threaded)."""

    name = "pytesseract"

    def recognize(self, image: Bitmap, languages: Sequence[str], psm: int) -> tuple[Line, ...]:
        check_languages(languages)
        settings = " ".join(f"-c {name}={value}" for name, value in TESSERACT_VARIABLES.items())
        config = f"--oem 1 --psm {psm} {settings}"
        try:
            data = pytesseract.image_to_data(
                Image.fromarray(image), lang="+".join(languages), config=config,
                output_type=pytesseract.Output.DICT,
            )
        except pytesseract.TesseractError as error:
            raise BadInput(f"Tesseract could not read the page: {error.message}") from error
        return _lines_from_data(data)

    def orientation(self, image: Bitmap) -> Orientation | None:
        _tesseract_version()
        try:
            report = pytesseract.image_to_osd(Image.fromarray(image), config="--psm 0")
        except pytesseract.TesseractError:
            return None  # too few characters to tell
        rotate = re.search(r"Rotate:\s*(\d+)", report)
        confidence = re.search(r"Orientation confidence:\s*([\d.]+)", report)
        if not rotate or not confidence:
            return None
        return Orientation(rotate=int(rotate.group(1)) % 360,
                           confidence=float(confidence.group(1)))

    def versions(self) -> dict[str, str]:
        versions = {"tesseract": _tesseract_version()}
        tessdata = _tessdata_dir()
        for lang in installed_languages():
            if tessdata is not None and (tessdata / f"{lang}.traineddata").is_file():
                versions[f"traineddata:{lang}"] = _pack_version(tessdata / f"{lang}.traineddata")
        return versions


def _lines_from_data(data: dict[str, list[object]]) -> tuple[Line, ...]:
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for i, raw_text in enumerate(data["text"]):
        text = str(raw_text).strip()
        confidence = float(str(data["conf"][i]))
        if not text or confidence < 0:
            continue
        box = Box(int(str(data["left"][i])), int(str(data["top"][i])),
                  int(str(data["width"][i])), int(str(data["height"][i])))
        key = (int(str(data["block_num"][i])), int(str(data["par_num"][i])),
               int(str(data["line_num"][i])))
        lines.setdefault(key, []).append(Word(text=text, box=box, confidence=confidence))
    result = []
    for key in sorted(lines):
        words = tuple(lines[key])
        box = words[0].box
        for word in words[1:]:
            box = box.union(word.box)
        result.append(Line(words=words, box=box, region=0))
    return tuple(result)
