"""Typefaces for rendering: Liberation (metric twins of Arial and Times), else DejaVu."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from PIL import ImageFont

from ocr36.errors import MissingDependency

__all__ = ["Family", "Style", "Typeface", "typeface"]

Family = Literal["sans", "serif"]
Style = Literal["regular", "bold", "italic", "bold-italic"]

_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/local/share/fonts"),
)

_FILES: dict[Family, tuple[dict[Style, str], ...]] = {
    "sans": (
        {
            "regular": "LiberationSans-Regular.ttf",
            "bold": "LiberationSans-Bold.ttf",
            "italic": "LiberationSans-Italic.ttf",
            "bold-italic": "LiberationSans-BoldItalic.ttf",
        },
        {
            "regular": "DejaVuSans.ttf",
            "bold": "DejaVuSans-Bold.ttf",
            "italic": "DejaVuSans-Oblique.ttf",
            "bold-italic": "DejaVuSans-BoldOblique.ttf",
        },
    ),
    "serif": (
        {
            "regular": "LiberationSerif-Regular.ttf",
            "bold": "LiberationSerif-Bold.ttf",
            "italic": "LiberationSerif-Italic.ttf",
            "bold-italic": "LiberationSerif-BoldItalic.ttf",
        },
        {
            "regular": "DejaVuSerif.ttf",
            "bold": "DejaVuSerif-Bold.ttf",
            "italic": "DejaVuSerif-Italic.ttf",
            "bold-italic": "DejaVuSerif-BoldItalic.ttf",
        },
    ),
}


@dataclass(frozen=True)
class Typeface:
    """One family in four styles, as font files."""

    family: Family
    files: tuple[tuple[Style, Path], ...]

    @property
    def name(self) -> str:
        return self.files[0][1].stem.split("-")[0]

    def path(self, style: Style) -> Path:
        return dict(self.files)[style]

    def font(self, style: Style, size: int) -> ImageFont.FreeTypeFont:
        return _load(self.path(style), size)

    def width(self, text: str, style: Style, size: int) -> float:
        return _width(self.path(style), size, text)


@lru_cache(maxsize=64)
def _load(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


@lru_cache(maxsize=200_000)
def _width(path: Path, size: int, text: str) -> float:
    return float(_load(path, size).getlength(text))


def _find(name: str) -> Path | None:
    for folder in _FONT_DIRS:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


@lru_cache(maxsize=4)
def typeface(family: Family) -> Typeface:
    """Liberation Sans/Serif when installed, else DejaVu Sans/Serif."""
    for names in _FILES[family]:
        found = [(style, _find(name)) for style, name in names.items()]
        files = tuple((style, path) for style, path in found if path is not None)
        if len(files) == len(names):
            return Typeface(family, files)
    raise MissingDependency(
        f"no {family} font for rendering: neither Liberation nor DejaVu fonts were found",
        "Install fonts-liberation (or fonts-dejavu-core): apt-get install fonts-liberation",
    )
