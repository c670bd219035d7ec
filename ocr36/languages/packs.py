"""The Debian packages of the Tesseract packs that profiles name, through what they extend.

Run as a script by `make setup` before any virtualenv exists, so the standard library only:

    python3 ocr36/languages/packs.py profiles default ep lang/zh
    tesseract-ocr-deu tesseract-ocr-eng tesseract-ocr-fra tesseract-ocr-chi-sim
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any


def _read(folder: Path, name: str) -> dict[str, Any]:
    path = Path(name) if name.endswith(".toml") else folder / f"{name}.toml"
    with path.open("rb") as file:
        return tomllib.load(file)


def packs_of(folder: Path, name: str) -> list[str]:
    """The packs a profile reads with (its document's, its sections' and its publication
    number's), `extends` followed to the first profile that sets them."""
    seen: set[str] = set()
    number: list[str] = []
    while name not in seen:
        seen.add(name)
        data = _read(folder, name)
        number = number or list(data.get("front_page", {}).get("number_packs", []))
        language = data.get("language", {})
        if "tesseract" in language:
            packs = list(language["tesseract"])
            for section in language.get("sections", {}).values():
                packs.extend(section)
            return packs + [pack for pack in number if pack not in packs]
        if "extends" not in data:
            return number
        name = data["extends"]
    return number


SCRIPTS = {"Arabic": "arab", "Armenian": "armn", "Bengali": "beng",
           "Canadian_Aboriginal": "cans", "Cherokee": "cher", "Cyrillic": "cyrl",
           "Devanagari": "deva", "Ethiopic": "ethi", "Fraktur": "frak", "Georgian": "geor",
           "Greek": "grek", "Gujarati": "gujr", "Gurmukhi": "guru", "Hangul": "hang",
           "Hangul_vert": "hang-vert", "HanS": "hans", "HanS_vert": "hans-vert", "HanT": "hant",
           "HanT_vert": "hant-vert", "Hebrew": "hebr", "Japanese": "jpan",
           "Japanese_vert": "jpan-vert", "Kannada": "knda", "Khmer": "khmr", "Lao": "laoo",
           "Latin": "latn", "Malayalam": "mlym", "Myanmar": "mymr", "Oriya": "orya",
           "Sinhala": "sinh", "Syriac": "syrc", "Tamil": "taml", "Telugu": "telu",
           "Thaana": "thaa", "Thai": "thai", "Tibetan": "tibt", "Vietnamese": "viet"}
"""Tesseract's script models (a pack for every language of a script: `Japanese`, `HanS`)
and the ISO 15924 code Debian names their packages by (tesseract-ocr-script-jpan)."""


def debian_package(pack: str) -> str:
    """chi_sim -> tesseract-ocr-chi-sim; a script model: Japanese ->
    tesseract-ocr-script-jpan"""
    if pack in SCRIPTS:
        return "tesseract-ocr-script-" + SCRIPTS[pack]
    return "tesseract-ocr-" + pack.lower().replace("_", "-")


def main(arguments: list[str]) -> int:
    folder, names = Path(arguments[0]), arguments[1:]
    packages: list[str] = []
    for name in names:
        for pack in packs_of(folder, name):
            if debian_package(pack) not in packages:
                packages.append(debian_package(pack))
    print(" ".join(packages))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
